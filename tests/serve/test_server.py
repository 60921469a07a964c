"""`dialogues serve` refuses unsafe or incomplete configurations, and derives exact origins."""

from __future__ import annotations

import dataclasses

import pytest

from dashboard.cli import main
from dashboard.config import get_settings
from dashboard.serve import users
from dashboard.serve.auth import local_path, role_of
from dashboard.serve.server import ServeError, ServeOptions, check, websocket_origins


def settings(**values):
    return dataclasses.replace(get_settings(), **values)


def test_websocket_origins_are_exact():
    assert websocket_origins(ServeOptions()) == ["localhost:5006", "127.0.0.1:5006"]
    proxied = ServeOptions(address="10.0.0.5", port=8001, allow_websocket_origin=("d.example.org",))
    assert websocket_origins(proxied) == ["10.0.0.5:8001", "d.example.org"]
    assert websocket_origins(ServeOptions(address="0.0.0.0")) == []


def test_without_authentication_only_localhost(tmp_path):
    check(ServeOptions(), settings(auth=""))
    check(ServeOptions(address="::1"), settings(auth=""))
    with pytest.raises(ServeError, match=r"without authentication.*DIALOGUES_AUTH=users"):
        check(ServeOptions(address="0.0.0.0"), settings(auth=""))
    proxied = ServeOptions(allow_websocket_origin=("localhost:8080", "dialogues.example.org"))
    with pytest.raises(ServeError, match=r"serve on dialogues\.example\.org without auth"):
        check(proxied, settings(auth=""))
    check(ServeOptions(allow_websocket_origin=("localhost:8080",)), settings(auth=""))


def test_the_command_exits_2_with_the_way_to_configure_auth(monkeypatch, capsys):
    monkeypatch.delenv("DIALOGUES_AUTH", raising=False)
    assert main(["serve", "--address", "0.0.0.0", "--allow-websocket-origin", "x.org"]) == 2
    err = capsys.readouterr().err
    assert "refusing to serve on 0.0.0.0" in err and "dialogues users add" in err


def test_authentication_needs_its_secrets_and_users(tmp_path):
    path = tmp_path / "users.json"
    public = ServeOptions(address="0.0.0.0", allow_websocket_origin=("d.example.org",))
    with pytest.raises(ServeError, match="DIALOGUES_COOKIE_SECRET"):
        check(public, settings(auth="users", users_file=path, cookie_secret=""))
    with pytest.raises(ServeError, match="no users yet"):
        check(public, settings(auth="users", users_file=path, cookie_secret="s" * 32))
    users.add(path, "alice", "staff", "a long password")
    check(public, settings(auth="users", users_file=path, cookie_secret="s" * 32))
    with pytest.raises(ServeError, match=r"DIALOGUES_OAUTH_SECRET.*ENCRYPTION_KEY"):
        check(public, settings(auth="oauth", cookie_secret="s", oauth_key="k", oauth_secret=""))
    with pytest.raises(ServeError, match="use users, oauth"):
        check(public, settings(auth="ldap"))
    with pytest.raises(ServeError, match="--allow-websocket-origin"):
        check(ServeOptions(address="0.0.0.0"), settings(auth="users", users_file=path,
                                                        cookie_secret="s"))  # fmt: skip


def test_roles_come_from_the_users_file_or_the_staff_setting(tmp_path):
    path = tmp_path / "users.json"
    users.add(path, "alice", "staff", "a long password")
    users.add(path, "bob", "viewer", "a long password")
    basic = settings(auth="users", users_file=path)
    assert [role_of(u, basic) for u in ("alice", "bob", "eve")] == ["staff", "viewer", "viewer"]
    oauth = settings(auth="oauth", staff="Ana@Example.org, li@example.org")
    assert role_of("ana@example.org", oauth) == "staff"
    assert role_of("bob@example.org", oauth) == "viewer"
    assert role_of(None, settings(auth="")) == "staff"  # no sign-in: localhost development


def test_after_login_only_paths_on_this_server():
    assert local_path("/app?sectors=Academia") == "/app?sectors=Academia"
    assert [local_path(u) for u in ("//evil.example", "/\\evil.example", "https://x", "")] == [
        None
    ] * 4
