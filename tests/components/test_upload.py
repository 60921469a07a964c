"""The staff upload panel: the same ingest as the command, from the browser's bytes."""

from __future__ import annotations

import asyncio
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.components.upload import UploadPanel
from dashboard.data import DataSource
from dashboard.store import connect
from dashboard.store.imports import list_imports

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"


@pytest.fixture
def writable_source(store_path, tmp_path, monkeypatch) -> DataSource:
    """A copy of the session store this test may write to, and a pseudonym key."""
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY", "upload-test-key")
    copy = tmp_path / "store.duckdb"
    shutil.copy(store_path, copy)
    return DataSource(copy)


def choose(panel: UploadPanel, *names: str) -> None:
    panel.files.value = {n: (FIXTURES / n).read_bytes() for n in names}


def test_loading_a_file_writes_it_and_refreshes_the_views(writable_source):
    refreshed = []
    panel = UploadPanel(source=writable_source, on_loaded=lambda: refreshed.append(True))
    assert panel.load_button.disabled
    panel.session.value = "CD-2022-FA"
    choose(panel, "teams_attendance_titlecase_2022.csv")
    assert not panel.load_button.disabled
    [summary] = panel.load()
    assert (summary.status, summary.loaded, summary.rejected, summary.warned) == (
        "loaded",
        6,
        0,
        1,
    )
    assert refreshed == [True]
    assert "6 loaded" in panel.result.object and "upload-loaded" in panel.result.object
    assert "warning row 16, column Email: not an e-mail address" in panel.result.object
    assert (
        writable_source.sql(
            "SELECT count(*) FROM participation WHERE session_id = ? AND illustrative",
            ["CD-2022-FA"],
        ).iloc[0, 0]
        == 0
    )


def test_a_refused_file_is_reported_and_changes_nothing(writable_source):
    refreshed = []
    panel = UploadPanel(source=writable_source, on_loaded=lambda: refreshed.append(True))
    panel.session.value = "CD-2022-TIP"
    panel.files.value = {"notes.csv": "just some notes"}  # text comes as str
    [summary] = panel.load()
    assert summary.status == "refused"
    assert "notes.csv: refused" in panel.result.object and "alert-danger" in panel.result.object
    assert refreshed == []
    with connect(writable_source.db_path) as con:
        assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 1  # the sample


def test_kind_is_checked_against_the_content(writable_source):
    panel = UploadPanel(source=writable_source)
    panel.session.value = "CD-2022-SOM"
    panel.kind.value = "submissions"
    choose(panel, "zoom_participants_2023.csv")
    [summary] = panel.load()
    assert summary.status == "refused" and "submissions" in summary.reason


def test_a_refused_load_shows_the_commands_own_message(writable_source, monkeypatch, capsys):
    monkeypatch.delenv("DIALOGUES_PSEUDONYM_KEY")
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY_FILE", str(writable_source.db_path) + ".nokey")
    panel = UploadPanel(source=writable_source)
    panel.session.value = "CD-2022-FA"
    choose(panel, "template_participation.csv")
    outcome = panel.load()
    args = ["ingest", str(FIXTURES / "template_participation.csv"), "--session", "CD-2022-FA"]
    assert main([*args, "--db", str(writable_source.db_path)]) == 2
    command_says = capsys.readouterr().err.strip()
    assert outcome == command_says and "dialogues key new" in outcome
    assert escape(command_says) in panel.result.object and "upload-refused" in panel.result.object


def test_the_load_runs_off_the_event_loop(writable_source):
    """While the button's load runs, the loop keeps answering (other users' pages)."""
    panel = UploadPanel(source=writable_source)
    panel.session.value = "CD-2022-FA"
    choose(panel, "teams_attendance_titlecase_2022.csv")

    async def scenario() -> list[float]:
        gaps, last = [], time.monotonic()
        load = asyncio.ensure_future(panel._clicked(None))
        while not load.done():
            await asyncio.sleep(0.02)
            gaps.append(time.monotonic() - last)
            last = time.monotonic()
        await load
        return gaps

    with ThreadPoolExecutor(1) as thread:  # a loop of its own, whatever else runs one here
        gaps = thread.submit(asyncio.run, scenario()).result(timeout=300)
    assert "upload-loaded" in panel.result.object
    assert len(gaps) >= 10  # the loop kept turning while the child process loaded...
    assert max(gaps) < 0.5  # ...and was never held up


def test_a_load_that_ends_after_its_page_closed_keeps_the_data_and_shows_nothing(
    writable_source,
):
    """A long load outlives its page (closed mid-load): the load is kept, and nothing is
    drawn for the closed page (its refresh ran in a destroyed session: NameError)."""
    refreshed = []
    panel = UploadPanel(source=writable_source, on_loaded=lambda: refreshed.append(True))
    panel.session.value = "CD-2022-FA"
    choose(panel, "teams_attendance_titlecase_2022.csv")
    before = len(list_imports(writable_source.db_path))

    async def scenario() -> None:
        load = asyncio.ensure_future(panel._clicked(None))
        panel._session_closed(None)  # the page closes while the child process loads
        await load

    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, scenario()).result(timeout=300)
    assert len(list_imports(writable_source.db_path)) == before + 1
    assert refreshed == [] and panel.result.object == ""


def test_uploads_are_limited_in_the_browser_and_sent_in_chunks(writable_source, monkeypatch):
    monkeypatch.setenv("DIALOGUES_MAX_UPLOAD_MB", "3")
    panel = UploadPanel(source=writable_source)
    assert (panel.files.max_file_size, panel.files.max_total_file_size) == ("3MB", "3MB")
    assert panel.files.chunk_size <= 1_000_000  # far below the websocket message limit


def test_the_imports_list_follows_loads_and_asks_before_removing(writable_source):
    refreshed = []
    panel = UploadPanel(source=writable_source, on_loaded=lambda: refreshed.append(True))
    imports = panel.imports
    assert "No exports loaded" in imports.table.object and imports.remove_button.disabled
    sample = writable_source.sql(
        "SELECT count(*) FROM participation WHERE session_id = 'CD-2022-FA'"
    ).iloc[0, 0]
    panel.session.value = "CD-2022-FA"
    data = (FIXTURES / "teams_attendance_titlecase_2022.csv").read_bytes()
    panel.files.value = {"<img src=x onerror=alert(1)>.csv": data}  # shown as text only
    [summary] = panel.load()
    assert summary.status == "loaded" and refreshed == [True]
    assert "&lt;img src=x onerror=alert(1)&gt;.csv" in imports.table.object
    assert "<img" not in imports.table.object and "CD-2022-FA" in imports.table.object
    assert list(imports.choice.options.values()) == [summary.import_id]
    assert not imports.remove_button.disabled and not imports.confirm_button.visible
    imports.ask()  # the first click only asks
    assert imports.confirm_button.visible and imports.cancel_button.visible
    assert not imports.remove_button.visible and imports.choice.disabled
    assert f"Remove import {summary.import_id}: &lt;img" in imports.message.object
    assert "<img" not in imports.message.object
    imports.cancel()
    assert not imports.confirm_button.visible and imports.message.object == ""
    assert imports.remove_button.visible and not imports.choice.disabled
    assert len(writable_source.sql("SELECT * FROM imports WHERE NOT illustrative")) == 1
    imports.ask()
    removed, text = imports.remove()
    assert removed and f"Removed import {summary.import_id}" in text
    assert "imports-removed" in imports.message.object and refreshed == [True, True]
    assert "No exports loaded" in imports.table.object and imports.remove_button.disabled
    with connect(writable_source.db_path) as con:
        assert con.execute("SELECT count(*) FROM imports WHERE NOT illustrative").fetchone() == (0,)
        assert con.execute(
            "SELECT count(*) FROM participation WHERE session_id = 'CD-2022-FA' AND illustrative"
        ).fetchone() == (sample,)


def test_removing_an_import_someone_else_removed_says_so(writable_source, capsys):
    panel = UploadPanel(source=writable_source)
    panel.session.value = "CD-2022-FA"
    choose(panel, "teams_attendance_titlecase_2022.csv")
    [summary] = panel.load()
    assert (
        main(["imports", "remove", str(summary.import_id), "--db", str(writable_source.db_path)])
        == 0
    )
    capsys.readouterr()
    panel.imports.ask()
    removed, text = panel.imports.remove()
    assert not removed and f"no loaded import {summary.import_id}" in text
    assert "imports-refused" in panel.imports.message.object
    assert not panel.imports.confirm_button.visible


def test_the_card_gets_its_file_dropper_when_first_opened(source):
    """A closed card holds nothing (the file dropper's animation loop would run on every
    page); opening it puts the widgets in, once."""
    panel = UploadPanel(source=source)
    card = panel.__panel__()
    assert card.collapsed and list(card.objects) == []
    card.collapsed = False
    assert panel.files in card.objects and panel.load_button in card.objects
    assert len(card.objects) == len(panel.contents())
    card.collapsed, card.collapsed = True, False
    assert len(card.objects) == len(panel.contents())
