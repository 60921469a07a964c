"""The deployment files in deploy/ agree with each other, with the settings and with the
README: the same ports, public name, proxy headers and commands."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.config import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
NGINX = (ROOT / "deploy" / "nginx" / "dialogues.conf").read_text()
UNIT = (ROOT / "deploy" / "systemd" / "dialogues@.service").read_text()
ENV = (ROOT / "deploy" / "dialogues.env.example").read_text()
README = (ROOT / "README.md").read_text()
SECTION = README.split("## Serving securely", 1)[1].split("\n## ", 1)[0]


def upstream_ports() -> list[str]:
    block = re.search(r"upstream dialogues \{(.*?)\}", NGINX, re.S).group(1)
    assert "least_conn;" in block
    return re.findall(r"server 127\.0\.0\.1:(\d+);", block)


def test_nginx_spreads_over_the_ports_the_docs_enable():
    ports = upstream_ports()
    assert len(ports) >= 2
    enabled = re.search(r"enable --now ((?:dialogues@\d+ ?)+)", SECTION).group(1).split()
    assert enabled == [f"dialogues@{port}" for port in ports]
    assert all(f"server 127.0.0.1:{port};" in SECTION for port in ports)


def test_nginx_passes_websocket_upgrades_and_the_headers_the_docs_name():
    headers = dict(re.findall(r"proxy_set_header (\S+) (\S+);", NGINX))
    assert headers["Upgrade"] == "$http_upgrade"
    assert headers["Connection"] == "$connection_upgrade" and "map $http_upgrade" in NGINX
    assert headers["Host"] == "$host"  # the websocket origin check compares the page's name
    assert "proxy_http_version 1.1;" in NGINX and "proxy_pass http://dialogues;" in NGINX
    for name, value in headers.items():
        assert name in SECTION, f"{name} is not in the README's nginx description"
        assert name not in {"Upgrade", "Connection", "Host"} or value in SECTION
    assert "proxy_cookie_flags ~ secure samesite=lax;" in NGINX
    assert "proxy_cookie_flags ~ secure samesite=lax" in SECTION


def test_the_unit_serves_the_public_name_nginx_answers_to():
    names = set(re.findall(r"server_name (\S+);", NGINX))
    command = re.search(r"ExecStart=(.+)", UNIT).group(1)
    assert command.endswith(
        "dialogues serve --address 127.0.0.1 --port %i --allow-websocket-origin " + names.pop()
    )
    assert not names  # one public name for both server blocks
    assert "EnvironmentFile=/etc/dialogues/dialogues.env" in UNIT
    assert command.split("/.venv/bin/", 1)[1] in SECTION


def test_the_environment_file_names_only_real_settings_and_turns_on_sign_in():
    known = {s.env for s in SETTINGS}
    named = set(re.findall(r"^#? ?(DIALOGUES_\w+)=", ENV, re.M))
    assert named <= known and {"DIALOGUES_AUTH", "DIALOGUES_COOKIE_SECRET"} <= named
    assert re.search(r"^DIALOGUES_AUTH=users$", ENV, re.M)
    assert re.search(r"^DIALOGUES_BEHIND_TLS=true$", ENV, re.M)
    for path in ("deploy/nginx/dialogues.conf", "deploy/systemd/dialogues@.service",
                 "deploy/dialogues.env.example"):  # fmt: skip
        assert f"`{path}`" in SECTION
