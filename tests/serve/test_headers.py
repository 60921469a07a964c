"""The security headers (HSTS only behind TLS) as the output transform sets them, and
what /health says. (The served responses themselves, page, static, login, /health and
404, are checked over HTTP in tests/browser/test_security.py.)"""

from __future__ import annotations

import pytest
from tornado.httputil import HTTPHeaders

from dashboard.serve.headers import CSP, HEADERS, header_transform
from dashboard.serve.health import store_health
from dashboard.store.migrate import SCHEMA_VERSION


def transformed(behind_tls: bool, status: int = 200) -> HTTPHeaders:
    transform = header_transform(behind_tls)(request=None)
    headers = HTTPHeaders({"Content-Type": "text/html"})
    code, headers, chunk = transform.transform_first_chunk(status, headers, b"body", True)
    assert (code, chunk) == (status, b"body")
    return headers


def test_csp_is_strict_where_bokeh_allows():
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "connect-src 'self'",
    ):
        assert directive in CSP
    assert "http" not in CSP and "*" not in CSP  # no outside host, no wildcard


@pytest.mark.parametrize("status", [200, 302, 404, 503])
def test_every_response_gets_the_headers_and_no_hsts_without_tls(status):
    headers = transformed(False, status)
    assert {name: headers[name] for name in HEADERS} == HEADERS
    assert headers["Content-Type"] == "text/html"
    assert "Strict-Transport-Security" not in headers


def test_behind_tls_hsts_is_sent():
    headers = transformed(True)
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert {name: headers[name] for name in HEADERS} == HEADERS


def test_health_says_ok_and_the_schema_version_only(store_path, tmp_path):
    assert store_health(store_path) == {
        "ok": True,
        "store_readable": True,
        "schema_version": SCHEMA_VERSION,
    }
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"garbage" * 500)
    assert store_health(bad) == {"ok": False, "store_readable": False, "schema_version": None}
    assert store_health(tmp_path / "none.duckdb")["ok"] is False
