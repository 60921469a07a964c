"""The users file: salted scrypt hashes, owner-only, and the `dialogues users` commands."""

from __future__ import annotations

import io
import json
import stat

import pytest

from dashboard.cli import main
from dashboard.serve import users


def test_a_password_is_stored_as_a_salted_hash_and_checked(tmp_path):
    path = tmp_path / "users.json"
    assert users.add(path, "alice", "staff", "correct horse 1") is True
    stored = json.loads(path.read_text())["users"]["alice"]
    assert "correct horse" not in path.read_text() and stored["password"].startswith("scrypt$")
    assert users.authenticate(path, "alice", "correct horse 1") == "staff"
    assert users.authenticate(path, "alice", "correct horse 2") is None
    assert users.authenticate(path, "nobody", "correct horse 1") is None
    users.add(path, "bob", "viewer", "correct horse 1")
    other = json.loads(path.read_text())["users"]["bob"]["password"]
    assert other != stored["password"]  # same password, another salt


def test_the_file_is_owner_only_and_refused_when_others_can_read_it(tmp_path):
    path = tmp_path / "conf" / "users.json"
    users.add(path, "alice", "viewer", "correct horse 1")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)
    with pytest.raises(users.UsersFileError, match="chmod 600"):
        users.roles(path)


@pytest.mark.parametrize(
    ("name", "role", "password", "reason"),
    [
        ("al ice", "staff", "long enough 1", "not a user name"),
        ("<b>x</b>", "staff", "long enough 1", "not a user name"),
        ("alice", "admin", "long enough 1", "role must be"),
        ("alice", "staff", "short", "at least"),
    ],
)
def test_bad_names_roles_and_passwords_are_refused(tmp_path, name, role, password, reason):
    with pytest.raises(users.UsersFileError, match=reason):
        users.add(tmp_path / "users.json", name, role, password)
    assert not (tmp_path / "users.json").exists()


def test_the_users_commands_add_list_and_remove(tmp_path, monkeypatch, capsys):
    path = tmp_path / "users.json"
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    assert main(["users", "--file", str(path), "add", "alice", "--role", "staff",
                 "--password-stdin"]) == 0  # fmt: skip
    assert users.authenticate(path, "alice", "a long password") == "staff"
    assert main(["users", "--file", str(path), "list"]) == 0
    assert "alice\tstaff" in capsys.readouterr().out
    assert main(["users", "--file", str(path), "remove", "alice"]) == 0
    assert users.roles(path) == {}
    assert main(["users", "--file", str(path), "remove", "alice"]) == 2
    assert "no user 'alice'" in capsys.readouterr().err
