"""Trust: refused files leave the store as it was, reloads change nothing, one
transaction per file, pseudonyms instead of e-mails."""

from __future__ import annotations

import codecs

import pytest
from conftest import FIXTURES, pid, query, snapshot

from dashboard.errors import IngestError
from dashboard.ingest import api, ingest_bytes, ingest_files, load

TEAMS = FIXTURES / "teams_attendance_titlecase_2022.csv"


def _bad_files() -> dict[str, tuple[bytes, str]]:
    teams = TEAMS.read_bytes()
    zoom = (FIXTURES / "zoom_participants_2022.csv").read_bytes()
    forms = (FIXTURES / "forms_registration_en.xlsx").read_bytes()
    return {
        "empty.csv": (b"", "the file is empty"),
        "bom_only.csv": (codecs.BOM_UTF16_LE, "the file is empty"),
        "header_only.csv": (
            b"name,email,organization,sector,country,session_id,mode,role,registered,attended\r\n",
            "no records in it",
        ),
        "teams_cut.csv": (teams[:-3], "truncated"),
        "zoom_cut.csv": (zoom[:-40], "truncated"),
        "quote_cut.csv": (
            b'name,email,session_id\r\n"Amina Diallo,amina@example.org,CD',
            "truncated or damaged",
        ),
        "forms_cut.xlsx": (forms[: len(forms) // 2], "cannot be opened"),
        "budget.csv": (
            b"date,amount,description\n2022-01-01,12.5,coffee\n",
            "not an export this tool understands",
        ),
        "photo.csv": (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
            "binary file",
        ),
        "old.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".xls"),
    }


@pytest.mark.parametrize("name", sorted(_bad_files()))
def test_refused_files_leave_the_store_unchanged(store, tmp_path, name):
    data, reason = _bad_files()[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = snapshot(store)
    with pytest.raises(IngestError) as refused:
        ingest_files([path], "CD-2022-FA", db_path=store)
    assert refused.value.file == str(path)
    assert reason in refused.value.reason
    assert snapshot(store) == before


def test_missing_file_unknown_session_and_wrong_kind_are_refused(store, tmp_path):
    before = snapshot(store)
    with pytest.raises(IngestError, match="no such file"):
        ingest_files([tmp_path / "nowhere.csv"], "CD-2022-FA", db_path=store)
    with pytest.raises(IngestError, match="session 'CD-1999-XX' is not in the store"):
        ingest_files([TEAMS], "CD-1999-XX", db_path=store)
    with pytest.raises(IngestError, match="not a registration file"):
        ingest_files([TEAMS], "CD-2022-FA", kind="registration", db_path=store)
    assert snapshot(store) == before


def test_loading_the_same_file_again_changes_nothing(store):
    [first] = ingest_files([TEAMS], "CD-2022-FA", db_path=store)
    after_first = snapshot(store)
    [again] = ingest_files([TEAMS], "CD-2022-FA", db_path=store)
    assert again.status == "already loaded"
    assert (
        again.import_id,
        again.records_read,
        again.loaded,
        again.rejected,
        again.already_loaded,
    ) == (first.import_id, 6, 0, 0, 6)
    assert "nothing changed" in again.describe()
    assert snapshot(store) == after_first


def test_a_failure_while_writing_rolls_the_whole_file_back(store, monkeypatch):
    before = snapshot(store)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(load, "_write_rejects", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest_files([TEAMS], "CD-2022-FA", db_path=store)
    assert snapshot(store) == before


def test_raw_email_is_kept_only_when_the_setting_asks(store, monkeypatch):
    ingest_files([TEAMS], "CD-2022-FA", db_path=store)
    assert query(store, "SELECT count(*) FROM participants WHERE email IS NOT NULL") == [(0,)]
    assert query(store, "SELECT count(*) FROM participants WHERE participant_id LIKE '%@%'") == [
        (0,)
    ]
    monkeypatch.setenv("DIALOGUES_STORE_RAW_EMAIL", "true")
    ingest_files(
        [FIXTURES / "teams_attendance_sentencecase_2023.csv"], "CD-2022-TIP", db_path=store
    )
    assert query(
        store,
        "SELECT email FROM participants WHERE participant_id = ?",
        [pid("ana.sousa@example.org")],
    ) == [("ana.sousa@example.org",)]


def test_several_files_one_refused_the_others_loaded(store, tmp_path):
    bad = tmp_path / "empty.csv"
    bad.write_bytes(b"")
    summaries = ingest_files([bad, TEAMS], "CD-2022-FA", db_path=store, on_refusal="report")
    assert [s.status for s in summaries] == ["refused", "loaded"]
    assert summaries[0].reason == "the file is empty"
    assert "refused" in summaries[0].describe()


def test_upload_entry_point_takes_bytes_and_never_raises_for_a_bad_file(store):
    summary = ingest_bytes(TEAMS.read_bytes(), "attendance.csv", "CD-2022-FA", db_path=store)
    assert (summary.status, summary.file, summary.loaded) == ("loaded", "attendance.csv", 6)
    assert query(
        store, "SELECT file_name FROM imports WHERE import_id = ?", [summary.import_id]
    ) == [("attendance.csv",)]
    refused = ingest_bytes(b"hello", "notes.txt", "CD-2022-FA", db_path=store)
    assert refused.status == "refused" and "not an export" in refused.reason
    assert set(api.ImportSummary.__dataclass_fields__) >= {
        "records_read",
        "participants",
        "loaded",
        "rejected",
        "already_loaded",
    }


def test_the_data_layer_sees_a_load_and_stops_calling_the_session_illustrative(store):
    from dashboard.data import DataSource

    source = DataSource(store)
    before = set(source.illustrative_sessions()["session_id"])
    assert {"CD-2022-FA", "CD-2022-SOM"} <= before
    ingest_files([FIXTURES / "zoom_participants_2023.csv"], "CD-2022-SOM", db_path=store)
    ingest_files([FIXTURES / "template_submissions.xlsx"], "CD-2022-SOM", db_path=store)
    after = set(source.illustrative_sessions()["session_id"])
    assert after == before - {"CD-2022-SOM"}
    assert query(
        store, "SELECT count(*) FROM submissions WHERE session_id = 'CD-2022-SOM' AND illustrative"
    ) == [(0,)]
    from dashboard.store import connect
    from dashboard.store.integrity import dangling_references

    with connect(store) as con:
        assert dangling_references(con) == []


def test_progress_shows_a_bar_on_stderr_only_when_asked(store, capsys):
    [quiet] = ingest_files([FIXTURES / "zoom_participants_2023.csv"], "CD-2022-SOM", db_path=store)
    assert quiet.loaded > 0 and capsys.readouterr().err == ""
    [summary] = ingest_files([TEAMS], "CD-2022-FA", db_path=store, progress=True)
    assert summary.loaded == 6
    bar = capsys.readouterr().err
    assert f"{TEAMS.name}:" in bar and f"0/{summary.records_read} " in bar, bar
