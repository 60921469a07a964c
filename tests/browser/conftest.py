"""Browser tests: the real app under ``panel serve``, driven in real Chromium.

One server per test module (on the session's store, in a subprocess with
``DIALOGUES_DB``), one browser per session, a fresh page per test. Every page records
console errors, page errors and the host of every request; a test fails on any of them
or on a request to a host other than the server. Every browser context any test opens
is watched too (``console_clean``, autouse): a console error or warning, or an uncaught
page error, fails the test that caused it, naming the message, its page and the test.
The server's log fails the module if it holds a traceback. Chromium:
``DIALOGUES_CHROMIUM``, else ``/usr/bin/chromium``, else Playwright's own download;
when none is there the tests fail (never skip) and say to run ``scripts/install-browser``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# Seconds for the server to answer its first page. The first session imports HoloViews
# and asks every question: seconds on an idle machine, much more on a loaded one.
START_TIMEOUT = 120

# The longest a test waits for the page to do something (load, draw, update) before it
# fails. A bound, not a pause: tests go on as soon as the page has done it. On a loaded
# 2-core machine building one page has taken 30 s.
WAIT_MS = 90_000
expect.set_options(timeout=WAIT_MS)

pytestmark = pytest.mark.browser


def chromium_executable(playwright) -> str | None:
    """The Chromium to drive; None means Playwright's own (checked to exist)."""
    for candidate in (
        os.environ.get("DIALOGUES_CHROMIUM"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    own = Path(playwright.chromium.executable_path)
    if own.is_file():
        return None
    pytest.fail(
        "No Chromium for the browser tests: run scripts/install-browser "
        "(or set DIALOGUES_CHROMIUM to a Chromium executable).",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where the tests leave screenshots of the page (in pytest's temporary folder)."""
    return tmp_path_factory.mktemp("screenshots", numbered=False)


@pytest.fixture(scope="session")
def chromium() -> Browser:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(playwright), args=LAUNCH_ARGS, headless=True
        )
        yield browser
        browser.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``panel serve <app> <also...>`` in a subprocess; its output goes to a log file."""

    def __init__(self, app: str, store: Path, log: Path, *extra: str, also: tuple[str, ...] = ()):
        self.port = free_port()
        self.app = app
        self.url = f"http://127.0.0.1:{self.port}/{Path(app).stem}"
        self.log = log
        # BOKEH_RESOURCES=cdn would point pages at a CDN: the app must override it.
        env = {**os.environ, "DIALOGUES_DB": str(store), "BOKEH_RESOURCES": "cdn"}
        panel = Path(sys.executable).with_name("panel")
        self._out = open(log, "w")  # noqa: SIM115 (closed by stop(), after the process)
        self.process = subprocess.Popen(
            [
                str(panel),
                "serve",
                app,
                *also,
                "--port",
                str(self.port),
                "--address",
                "127.0.0.1",
                *extra,
            ],
            cwd=ROOT,
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )

    def wait(self) -> Server:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"panel serve exited: {self.log.read_text()[-3000:]}", pytrace=False)
            try:  # one request may take the time left: a retry would start another session
                left = max(deadline - time.monotonic(), 1)
                with urllib.request.urlopen(self.url, timeout=left) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        pytest.fail(f"panel serve did not answer in {START_TIMEOUT}s: {self.log.read_text()}")

    def stop(self) -> str:
        end_process(self.process)
        self._out.close()
        return self.log.read_text()

    def tracebacks(self) -> str:
        """Tracebacks in the log, except a browser closing its websocket mid-message."""
        return "\n".join(
            block
            for block in traceback_blocks(self.log.read_text())
            if not any(benign in block for benign in CLOSED_SOCKET)
        )


def end_process(process: subprocess.Popen) -> None:
    """Stop a server process: politely, then for sure after 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# Tornado logs these when a test closes its page while the server is still writing to it.
CLOSED_SOCKET = ("StreamClosedError", "WebSocketClosedError")


def traceback_blocks(log: str) -> list[str]:
    """Each logged error with its traceback: from the line before 'Traceback' to the next
    log record (a line starting with a timestamp)."""
    blocks, current = [], None
    for line in log.splitlines():
        if line[:4].isdigit() and line[4:5] == "-":
            if current:
                blocks.append("\n".join(current))
            current = [line] if "Traceback" in line or "rror" in line else None
        elif line.startswith("Traceback") and current is None:
            current = [line]
        elif current is not None:
            current.append(line)
    if current:
        blocks.append("\n".join(current))
    return [b for b in blocks if "Traceback" in b]


@pytest.fixture(scope="module")
def server(store_path, tmp_path_factory) -> Server:
    log = tmp_path_factory.mktemp("server") / "panel-serve.log"
    # As the README serves it: the dashboard and, beside it, the presenter view.
    running = Server("dashboard/app.py", store_path, log, also=("dashboard/briefing.py",)).wait()
    yield running
    running.stop()
    assert not running.tracebacks(), f"the server logged a traceback:\n{running.tracebacks()}"


# Messages that are not the page's to fix, each matched exactly and each with its reason:
# - Bokeh 3.9.2's MultiChoice builds Choices.js 10 without an ``allowHTML`` option, so
#   Choices warns once per widget as it renders; no Python option reaches it, and no
#   page script can run before Bokeh renders (``document_ready`` fires after).
# - Chromium's software GL driver reports its own stalls when a screenshot reads pixels.
NOT_THE_PAGES = (
    "Deprecation warning: allowHTML will default to false in a future release. To render "
    "HTML in Choices, you will need to set it to true. Setting allowHTML will suppress "
    "this message.",
)
NOT_THE_PAGES_PREFIX = ("[.WebGL-",)


class ConsoleWatch:
    """Console errors and warnings and page errors of every page of the contexts watched."""

    def __init__(self):
        self.heard: list[str] = []

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.on("console", self._console)
        context.on("weberror", lambda e: self.heard.append(f"page error: {e.error}"))
        return context

    def _console(self, message) -> None:
        text = message.text
        if text in NOT_THE_PAGES or text.startswith(NOT_THE_PAGES_PREFIX):
            return
        if message.type in ("error", "warning"):
            where = message.location or {}
            script = where.get("url", "").split("?")[0]
            at = f"{script}:{where.get('lineNumber', '')}".strip(":")
            page = message.page.url if message.page else "?"
            self.heard.append(f"console {message.type}: {message.text} (page {page}; at {at})")


@pytest.fixture(autouse=True)
def console_clean(request, monkeypatch):
    """Fail the test if any page it opened logged a console error or warning.

    Wraps ``Browser.new_context`` and ``Browser.new_page`` for the test's duration, so
    pages opened by any fixture or helper are watched from their first message.
    """
    watch = ConsoleWatch()
    new_context = Browser.new_context

    def watched_context(self, *args, **kwargs):
        return watch.watch(new_context(self, *args, **kwargs))

    def watched_page(self, *args, **kwargs):
        context = watched_context(self, *args, **kwargs)
        page = context.new_page()
        page.once("close", lambda _: context.close())  # as Browser.new_page's own context
        return page

    monkeypatch.setattr(Browser, "new_context", watched_context)
    monkeypatch.setattr(Browser, "new_page", watched_page)
    yield watch
    if watch.heard:
        pytest.fail(
            f"{request.node.nodeid}: the page logged {len(watch.heard)} console "
            "error(s) or warning(s):\n  " + "\n  ".join(watch.heard),
            pytrace=False,
        )


class Recorder:
    """Everything a page did that a clean, offline page must not do."""

    def __init__(self, page: Page):
        self.console_errors: list[str] = []
        self.outside: list[str] = []
        page.on(
            "console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None
        )
        page.on("pageerror", lambda e: self.console_errors.append(f"page error: {e}"))
        page.on("request", self._request)

    def _request(self, request) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if urlsplit(url).hostname not in LOCAL_HOSTS:
            self.outside.append(url)

    def check(self) -> None:
        assert not self.outside, f"requests to outside hosts: {self.outside}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


@pytest.fixture
def page(chromium: Browser, server: Server):  # overrides pytest-playwright's `page`
    """A fresh page (own context) that must stay clean: no console errors, no outside host."""
    context = chromium.new_context(
        viewport={"width": 1500, "height": 1100}, accept_downloads=True, reduced_motion="reduce"
    )
    context.set_default_timeout(WAIT_MS)
    context.set_default_navigation_timeout(WAIT_MS)
    tab = context.new_page()
    recorder = Recorder(tab)
    yield tab
    try:
        recorder.check()
        assert not server.tracebacks(), f"server traceback:\n{server.tracebacks()[-5000:]}"
    finally:
        context.close()
