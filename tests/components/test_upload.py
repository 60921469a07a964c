"""The staff upload panel: the same ingest as the command, from the browser's bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.components.upload import UploadPanel
from dashboard.data import DataSource
from dashboard.store import connect

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
    assert (summary.status, summary.loaded, summary.rejected) == ("loaded", 5, 1)
    assert refreshed == [True]
    assert "5 loaded" in panel.result.object and "upload-loaded" in panel.result.object
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
