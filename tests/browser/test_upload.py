"""The upload panel in Chromium: other users' pages load while a long load runs, a file
over the limit is refused in the browser with a message, and a load's result is shown."""

from __future__ import annotations

import csv
import shutil
import time
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from .conftest import Recorder, Server
from .dashboard_page import headline, open_dashboard, wait_until_drawn

pytestmark = pytest.mark.browser

# About 28 MB: the child process needs tens of seconds for it, longer than another page
# takes to load even on an idle machine (the server allows 30 MB here).
ROWS = 300_000
LIMIT_MB = 30


@pytest.fixture(scope="module")
def upload_server(store_path, tmp_path_factory):
    """The app on a store of its own that uploads may write, with a pseudonym key."""
    folder = tmp_path_factory.mktemp("upload")
    store = folder / "store.duckdb"
    shutil.copy(store_path, store)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DIALOGUES_PSEUDONYM_KEY", "browser-upload-key")
        env.setenv("DIALOGUES_MAX_UPLOAD_MB", str(LIMIT_MB))
        running = Server("dashboard/app.py", store, folder / "panel-serve.log")
    try:
        answered(running.url)
    except BaseException:
        running.stop()
        raise
    yield running
    running.stop()
    assert not running.tracebacks(), running.tracebacks()


def answered(url: str, seconds: float = 180) -> None:
    """Wait for the first page; on a busy machine making one can take longer than the
    5 s a single request of ``Server.wait`` allows."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=seconds) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"{url} did not answer in {seconds} s")


@pytest.fixture
def new_page(chromium, upload_server):
    contexts = []

    def make() -> Page:
        context = chromium.new_context(
            viewport={"width": 1500, "height": 1100}, reduced_motion="reduce"
        )
        context.set_default_timeout(30_000)
        context.set_default_navigation_timeout(180_000)  # a busy machine makes pages slowly
        contexts.append((context, Recorder(page := context.new_page())))
        return page

    yield make
    for context, recorder in contexts:
        recorder.check()
        context.close()


def big_template(path, rows: int) -> None:
    with open(path, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "email", "organization", "sector", "country", "session_id",
                         "mode", "role", "registered", "attended"])  # fmt: skip
        for i in range(rows):
            person = [f"Person {i}", f"person{i}@example.org", f"Org {i % 400}", "NGO"]
            writer.writerow([*person, "France", "CD-2022-FA", "online", "participant", "y", "y"])


def choose_file(page: Page, path) -> None:
    page.locator(".upload-panel .card-header").first.click()  # the card opens
    page.locator(".upload-panel input[type=file]").set_input_files(str(path))


def _served(url: str) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
    return time.monotonic() - started


def timed_load(page: Page, url: str) -> tuple[float, float]:
    """Seconds until the server has made the page (its HTML, with the session's
    document), and until the page is drawn in the browser."""
    served = min(_served(url) for _ in range(2))  # the less disturbed of two
    started = time.monotonic()
    open_dashboard(page, url)
    return served, time.monotonic() - started


def test_other_pages_load_during_a_long_upload(new_page, upload_server, tmp_path):
    uploader = new_page()
    open_dashboard(uploader, upload_server.url)
    people_before = count(headline(uploader, "participants"))
    reference = new_page()
    baseline = timed_load(reference, upload_server.url)  # a second page, no upload running
    reference.close()

    path = tmp_path / "registrations.csv"
    big_template(path, ROWS)
    choose_file(uploader, path)
    load = uploader.locator(".upload-load button")
    expect(load).to_be_enabled(timeout=60_000)  # every chunk reached the server
    load.click()
    expect(load).to_be_disabled()  # the load is under way

    other = new_page()
    during = timed_load(other, upload_server.url)
    still_loading = uploader.locator(".upload-result .alert").count() == 0
    print(
        f"page served in {baseline[0]:.2f} s and drawn in {baseline[1]:.2f} s without an "
        f"upload; {during[0]:.2f} s and {during[1]:.2f} s during one"
    )
    # The other page was served and drawn while the load ran: had the load held the
    # server, the page would have come after it. (Its times are printed, not asserted: a
    # time limit fails on a busy machine; benchmarks/ measures speed.)
    assert still_loading, "the upload finished before the other page loaded: make it longer"

    result = uploader.locator(".upload-result .upload-loaded")
    expect(result).to_contain_text(f"{ROWS} loaded", timeout=300_000)  # 2+ min at load 6
    wait_until_drawn(uploader)
    other.reload()
    wait_until_drawn(other)
    assert count(headline(other, "participants")) > people_before  # the new data, served


def count(locator) -> int:
    return int("".join(ch for ch in locator.inner_text() if ch.isdigit()))


def test_a_file_over_the_limit_is_refused_in_the_browser(new_page, upload_server, tmp_path):
    page = new_page()
    open_dashboard(page, upload_server.url)
    path = tmp_path / "huge.csv"
    line = b"someone,someone@example.org\n"
    path.write_bytes(b"name,email\n" + line * (LIMIT_MB * 2**20 // len(line) + 1_000))
    choose_file(page, path)
    expect(page.locator(".upload-panel .filepond--file-status-main")).to_have_text(
        "File is too large"
    )
    expect(page.locator(".upload-load button")).to_be_disabled()


def test_a_damaged_workbook_gives_the_commands_message(new_page, upload_server, tmp_path):
    page = new_page()
    open_dashboard(page, upload_server.url)
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    choose_file(page, path)
    load = page.locator(".upload-load button")
    expect(load).to_be_enabled(timeout=30_000)
    load.click()
    expect(page.locator(".upload-result .upload-refused")).to_contain_text(
        "damaged.xlsx: refused: the workbook cannot be opened", timeout=90_000
    )
