"""Loaded imports are never lost: the archive beside the store, rebuilds that replay it,
removing and replacing an import, and the archive across store versions."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from dashboard.cli import main
from dashboard.config import get_settings
from dashboard.errors import StoreError
from dashboard.ingest import ingest_files
from dashboard.store import archive, rollups, versions
from dashboard.store.build import build_store
from dashboard.store.imports import list_imports, remove_import
from dashboard.store.integrity import dangling_references

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
KEY = "archive-test-key"
FA, ICTA = "CD-2022-FA", "CD-2022-ICTA"


@pytest.fixture
def store(store_path, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY", KEY)
    monkeypatch.setenv("DIALOGUES_STORE_CHECK_SECONDS", "0")
    monkeypatch.delenv("DIALOGUES_STORE_RAW_EMAIL", raising=False)
    path = tmp_path / "store.duckdb"
    shutil.copy(store_path, path)
    return path


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """A copy of data/ this test may change, in force for every command."""
    folder = tmp_path / "data"
    shutil.copytree(get_settings().data_dir / "reference", folder / "reference")
    shutil.copytree(get_settings().data_dir / "series", folder / "series")
    monkeypatch.setenv("DIALOGUES_DATA_DIR", str(folder))
    return folder


def load(db: Path, name: str, session: str, **kwargs):
    path = name if isinstance(name, Path) else FIXTURES / name
    [summary] = ingest_files([path], session, db_path=db, **kwargs)
    return summary


def contents(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted; a sample's load time (it is new at each build) blanked."""
    with duckdb.connect(str(versions.current_file(db)), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_type = "
                "'BASE TABLE' ORDER BY table_name"
            ).fetchall()
        ]
        rows = {t: con.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
        rows["imports"] = con.execute(
            "SELECT * REPLACE (CASE WHEN illustrative THEN NULL ELSE imported_at END "
            "AS imported_at) FROM imports"
        ).fetchall()
    return {t: sorted(r, key=repr) for t, r in rows.items()}


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(versions.current_file(db)), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def integrity(db: Path) -> list[str]:
    with duckdb.connect(str(versions.current_file(db)), read_only=True) as con:
        return dangling_references(con)


def session_rows(db: Path, session: str) -> list[tuple]:
    """A session's participation and submissions, without the import ids."""
    return query(
        db,
        "SELECT * EXCLUDE (import_id) FROM participation WHERE session_id = ? "
        "ORDER BY participant_id",
        [session],
    ) + query(
        db,
        "SELECT * EXCLUDE (import_id) FROM submissions WHERE session_id = ? ORDER BY submission_id",
        [session],
    )


def entries(db: Path) -> list[str]:
    return sorted(p.name for p in archive.archive_folder(db).iterdir())


def test_a_rebuild_keeps_every_imported_row(store):
    load(store, "zoom_participants_2022.csv", FA)
    load(store, "indico_registrants.csv", ICTA)
    load(store, "template_submissions.csv", FA)
    load(store, "teams_attendance_titlecase_2022.csv", ICTA)  # merges into the registrations
    before = contents(store)
    assert len(query(store, "SELECT * FROM imports WHERE NOT illustrative")) == 4
    build_store(store, get_settings().data_dir, replace=True)
    assert contents(store) == before
    assert integrity(store) == []
    build_store(store, get_settings().data_dir, replace=True)  # and again: nothing drifts
    assert contents(store) == before


def test_the_archive_is_owner_only_and_holds_no_raw_email(store, monkeypatch):
    monkeypatch.setenv("DIALOGUES_STORE_RAW_EMAIL", "true")
    load(store, "indico_registrants.csv", ICTA)
    assert query(store, "SELECT count(*) FROM participants WHERE email LIKE '%@%'")[0][0] == 6
    [entry] = archive.archive_folder(store).iterdir()
    assert stat.S_IMODE(archive.archive_folder(store).stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o700
    files = sorted(entry.glob("*.parquet"))
    assert {f.stem for f in files} >= {"imports", "participants", "participation"}
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        values = pq.read_table(path).to_pylist()
        assert not [v for row in values for v in row.values() if "@" in str(v)], path.name
    # the rebuilt store has the people, pseudonymous, without their raw e-mail
    build_store(store, get_settings().data_dir, replace=True)
    assert query(store, "SELECT count(*) FROM participants WHERE email LIKE '%@%'")[0][0] == 0
    assert len(query(store, "SELECT * FROM participation WHERE NOT illustrative")) == 6


def test_a_refused_or_failed_ingest_leaves_no_archive_entry(store, tmp_path, monkeypatch):
    bad = tmp_path / "empty.csv"
    bad.write_text("Name,Email\n", encoding="utf-8")
    assert load(store, bad, FA, on_refusal="report").status == "refused"
    assert not archive.archive_folder(store).exists() or entries(store) == []
    before = contents(store)

    def broken_publish(db, new):
        raise OSError("disk full")

    monkeypatch.setattr(versions, "_publish", broken_publish)
    with pytest.raises(OSError, match="disk full"):
        load(store, "zoom_participants_2022.csv", FA)
    assert entries(store) == []
    assert contents(store) == before


def test_adding_a_series_folder_then_rebuilding_keeps_every_import(store, data_dir):
    load(store, "zoom_participants_2022.csv", FA)
    load(store, "indico_registrants.csv", ICTA)
    fa, icta = session_rows(store, FA), session_rows(store, ICTA)
    assert main(["series", "new", "2023", "--data", str(data_dir)]) == 0
    assert main(["build", "--db", str(store)]) == 0
    assert session_rows(store, FA) == fa and session_rows(store, ICTA) == icta
    assert [r[0] for r in query(store, "SELECT session_id FROM sessions WHERE year(date) = 2023")]
    assert list(list_imports(store)["file_name"]) == [
        "zoom_participants_2022.csv",
        "indico_registrants.csv",
    ]
    assert integrity(store) == []


def test_a_replay_that_no_longer_fits_stops_the_build_and_changes_nothing(store, data_dir, capsys):
    assert main(["series", "new", "2031", "--data", str(data_dir)]) == 0
    assert main(["build", "--db", str(store)]) == 0
    load(store, "template_participation.csv", "CD-2031-01")
    before, target = contents(store), versions.current_file(store)
    shutil.rmtree(data_dir / "series" / "2031")  # the session vanished from data/
    assert main(["build", "--db", str(store)]) == 2
    err = capsys.readouterr().err
    assert "template_participation.csv" in err and "CD-2031-01" in err
    assert "no longer fits" in err and "--discard-imports" in err
    assert versions.current_file(store) == target and contents(store) == before
    assert main(["build", "--db", str(store), "--discard-imports"]) == 0
    assert list_imports(store).empty


def test_removing_an_import_gives_the_session_its_sample_back(store):
    sample_fa = session_rows(store, FA)
    load(store, "zoom_participants_2022.csv", FA)
    load(store, "template_submissions.csv", FA)
    load(store, "indico_registrants.csv", ICTA)
    before = contents(store)
    icta = session_rows(store, ICTA)
    [zoom, subs] = list(list_imports(store)["import_id"])[:2]
    remove_import(zoom, store)
    remove_import(subs, store)
    after = contents(store)
    assert session_rows(store, FA) == sample_fa  # the illustrative sample, as built
    assert session_rows(store, ICTA) == icta
    assert list(list_imports(store)["file_name"]) == ["indico_registrants.csv"]
    assert integrity(store) == []
    untouched = (
        set(before)
        - set(rollups.TABLES)
        - {  # the rollups follow the rows
            "imports",
            "import_rejects",
            "import_warnings",
            "participation",
            "submissions",
            "submission_topics",
            "organizations",
            "participants",
        }
    )
    assert {t: after[t] for t in untouched} == {t: before[t] for t in untouched}
    assert untouched >= {"sessions", "series", "topics", "published_figures", "schema_info"}


def test_removing_an_unknown_import_changes_nothing(store, capsys):
    load(store, "zoom_participants_2022.csv", FA)
    before, target = contents(store), versions.current_file(store)
    assert main(["imports", "remove", "1", "--db", str(store)]) == 2  # the sample
    assert "no loaded import 1" in capsys.readouterr().err
    assert versions.current_file(store) == target and contents(store) == before


def test_replace_loads_a_corrected_file_in_place_of_the_old_one(store, tmp_path, capsys):
    load(store, "indico_registrants.csv", ICTA)
    original = tmp_path / "v1" / "template_participation.csv"
    original.parent.mkdir()
    text = (FIXTURES / "template_participation.csv").read_text(encoding="utf-8")
    original.write_text(text, encoding="utf-8")
    load(store, original, FA)
    icta, before = session_rows(store, ICTA), contents(store)
    corrected = tmp_path / "v2" / "template_participation.csv"
    corrected.parent.mkdir()
    corrected.write_text(text.replace("Amina Diallo,", "Amina Diallo-Sy,"), encoding="utf-8")
    args = ["ingest", str(corrected), "--session", FA, "--db", str(store), "--replace"]
    assert main(args) == 0
    assert "replaces import 3 (template_participation.csv" in capsys.readouterr().out
    imports = list_imports(store)
    assert list(imports["file_name"]) == ["indico_registrants.csv", "template_participation.csv"]
    assert imports["imported_at"].iloc[1] > before["imports"][-1][6]
    assert session_rows(store, ICTA) == icta and integrity(store) == []
    assert {t: r for t, r in contents(store).items() if t in ("sessions", "topics")} == {
        t: before[t] for t in ("sessions", "topics")
    }
    # nothing of that name loaded for the session: refused, nothing changes
    target, before = versions.current_file(store), contents(store)
    args = ["ingest", str(corrected), "--session", ICTA, "--db", str(store), "--replace"]
    assert main(args) == 2
    assert "no import of a file of this name for session CD-2022-ICTA" in capsys.readouterr().err
    assert versions.current_file(store) == target and contents(store) == before


def test_the_archive_follows_the_version_the_store_points_to(store):
    load(store, "zoom_participants_2022.csv", FA)
    load(store, "indico_registrants.csv", ICTA)
    both = versions.current_file(store)
    remove_import(2, store)
    assert len(entries(store)) == 2  # an older kept version still refers to the Zoom one
    # point the store back at the version with both imports, and rebuild: both are replayed
    link = store.with_name(".relink")
    os.symlink(f"{both.parent.name}/{both.name}", link)
    os.replace(link, store)
    build_store(store, get_settings().data_dir, replace=True)
    assert list(list_imports(store)["file_name"]) == [
        "zoom_participants_2022.csv",
        "indico_registrants.csv",
    ]
    # once no kept version refers to an entry, it goes
    remove_import(2, store)
    for _ in range(versions.KEEP_VERSIONS):
        build_store(store, get_settings().data_dir, replace=True)
    assert len(entries(store)) == 1


def test_imports_loaded_before_the_archive_existed_are_kept(store):
    load(store, "zoom_participants_2022.csv", FA)
    load(store, "indico_registrants.csv", ICTA)
    shutil.rmtree(archive.archive_folder(store))
    before = contents(store)
    assert main(["migrate", "--db", str(store)]) == 0
    build_store(store, get_settings().data_dir, replace=True)
    assert contents(store) == before
    assert len(entries(store)) == 2


def test_an_archive_entry_that_cannot_be_read_stops_the_build(store):
    load(store, "zoom_participants_2022.csv", FA)
    target, before = versions.current_file(store), contents(store)
    [entry] = archive.archive_folder(store).iterdir()
    (entry / "participation.parquet").write_bytes(b"not parquet")
    with pytest.raises(StoreError, match=r"zoom_participants_2022\.csv.*cannot be read"):
        build_store(store, get_settings().data_dir, replace=True)
    assert versions.current_file(store) == target and contents(store) == before


def test_a_migration_keeps_the_imports_and_the_archive_follows_it(store):
    """A store at schema 1 whose rejects kept a name: migrating masks it in the store and
    in the archive, and a rebuild afterwards replays the migrated rows."""
    load(store, "zoom_participants_2022.csv", FA)
    with duckdb.connect(str(versions.current_file(store))) as con:
        con.execute("UPDATE schema_info SET value = '1' WHERE key = 'schema_version'")
        con.execute(  # a reject as schema 1 kept it, name in clear
            "INSERT INTO import_rejects VALUES (2, 99, NULL, 'identifies nobody', ?)",
            ['{"Name": "Nadia Haddad"}'],
        )
        staged = archive.Staged(archive.archive_folder(store))
        staged.add(con, 2, refresh=True)  # the archive as that version wrote it
        staged.keep()

    def archived_rejects() -> str:
        [entry] = archive.archive_folder(store).iterdir()
        return str(pq.read_table(entry / "import_rejects.parquet").to_pylist())

    assert "Nadia Haddad" in archived_rejects()
    assert main(["migrate", "--db", str(store)]) == 0
    assert "Nadia Haddad" not in archived_rejects() and "[removed]" in archived_rejects()
    migrated = contents(store)
    build_store(store, get_settings().data_dir, replace=True)
    assert contents(store) == migrated
    assert [p.name for p in archive.archive_folder(store).iterdir() if p.name.startswith(".")] == []
