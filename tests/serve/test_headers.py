"""Security headers on every response of a tornado app (HSTS behind TLS), and /health."""

from __future__ import annotations

import json

import pytest
from tornado.testing import AsyncHTTPTestCase
from tornado.web import Application, RequestHandler

from dashboard.serve.headers import CSP, HEADERS, header_transform, security_headers
from dashboard.serve.health import HealthHandler, store_health
from dashboard.store.migrate import SCHEMA_VERSION


class CookieHandler(RequestHandler):
    def get(self) -> None:
        self.set_cookie("user", "x", httponly=True)
        self.finish("hello")


def app(behind_tls: bool, db_path) -> Application:
    application = Application(
        [(r"/page", CookieHandler), (r"/health", HealthHandler, {"db_path": db_path})]
    )
    application.add_transform(header_transform(behind_tls))
    return application


@pytest.fixture
def fetch(store_path):
    """fetch(path, behind_tls) -> the response of a real tornado app with the transform."""
    cases = []

    def run(path: str, behind_tls: bool = False):
        class Case(AsyncHTTPTestCase):
            def get_app(self):
                return app(behind_tls, store_path)

            def runTest(self):
                pass

        case = Case()
        case.setUp()
        cases.append(case)
        return case.fetch(path)

    yield run
    for case in cases:
        case.tearDown()


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


@pytest.mark.parametrize("path", ["/page", "/health", "/missing"])
def test_every_response_carries_the_headers_and_no_hsts_without_tls(fetch, path):
    response = fetch(path)
    for name, value in HEADERS.items():
        assert response.headers[name] == value
    assert "Strict-Transport-Security" not in response.headers


def test_behind_tls_hsts_is_sent(fetch):
    response = fetch("/page", behind_tls=True)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert set(security_headers(True)) - set(security_headers(False)) == {
        "Strict-Transport-Security"
    }


def test_health_says_ok_and_the_schema_version_only(fetch, store_path, tmp_path):
    response = fetch("/health")
    assert response.code == 200 and response.headers["Cache-Control"] == "no-store"
    assert json.loads(response.body) == {
        "ok": True,
        "store_readable": True,
        "schema_version": SCHEMA_VERSION,
    }
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"garbage" * 500)
    assert store_health(bad) == {"ok": False, "store_readable": False, "schema_version": None}
    assert store_health(tmp_path / "none.duckdb")["ok"] is False
