"""The store's public schema, its version and the errors a bad store gives."""

from __future__ import annotations

import duckdb
import pytest

from dashboard.errors import StoreError
from dashboard.store import SCHEMA_VERSION, connect, open_store
from dashboard.store.build import PUBLIC_TABLES, build_store
from dashboard.store.migrate import pending_migrations, schema_version

KEY_COLUMNS = {
    "sessions": {"session_id", "series_id", "date", "title", "format", "venue", "chair"},
    "participation": {
        "session_id",
        "participant_id",
        "registered",
        "registration_state",
        "attended",
        "mode",
        "role",
        "minutes_present",
        "import_id",
        "illustrative",
    },
    "organizations": {"organization_id", "name", "sector", "country_iso3", "ecosoc_status"},
    "participants": {"participant_id", "organization_id", "country_iso3", "gender", "email"},
    "published_figures": {
        "figure_id",
        "session_id",
        "measure",
        "unit",
        "population",
        "qualifier",
        "value",
        "source_title",
        "source_url",
    },
    "countries": {"iso3", "name", "region", "sub_region", "un_regional_group"},
    "submissions": {"submission_id", "session_id", "organization_id", "kind", "title", "date"},
    "imports": {"import_id", "content_sha256", "records_read", "loaded", "rejected"},
    "import_rejects": {"import_id", "row_number", "column_name", "reason"},
}


def columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
    ).fetchall()
    return {r[0] for r in rows}


def test_every_public_table_exists_with_its_key_columns(store_path):
    con = open_store(store_path)
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert set(PUBLIC_TABLES) <= tables
    assert {"participation_facts", "submission_facts"} <= tables
    for table, expected in KEY_COLUMNS.items():
        assert expected <= columns(con, table), table


def test_store_records_its_schema_version(store_path):
    con = open_store(store_path)
    assert schema_version(con) == SCHEMA_VERSION
    assert pending_migrations(SCHEMA_VERSION) == []


def test_a_missing_store_says_how_to_build_it(tmp_path):
    with pytest.raises(StoreError, match="dialogues build"):
        open_store(tmp_path / "absent.duckdb", build_if_missing=False)


def test_a_missing_store_is_built_on_first_use(tmp_path):
    con = open_store(tmp_path / "new.duckdb")
    assert con.execute("SELECT count(*) FROM sessions").fetchone()[0] == 4


def test_a_corrupt_store_gives_a_clear_error(tmp_path):
    bad = tmp_path / "corrupt.duckdb"
    bad.write_bytes(b"this is not a database" * 1000)
    with pytest.raises(StoreError, match=r"corrupt\.duckdb: cannot open the store"):
        open_store(bad)


def test_a_duckdb_file_that_is_not_a_store_is_refused(tmp_path):
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(StoreError, match="not a dialogues store"):
        open_store(other)


def test_an_older_store_asks_for_a_migration(tmp_path):
    path = tmp_path / "old.duckdb"
    build_store(path, _data_dir())
    with connect(path, read_only=False) as con:
        con.execute("UPDATE schema_info SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="dialogues migrate"):
        open_store(path)


def test_build_keeps_an_existing_store_unless_asked(tmp_path):
    path = tmp_path / "s.duckdb"
    build_store(path, _data_dir())
    with pytest.raises(StoreError, match="already there"):
        build_store(path, _data_dir())
    build_store(path, _data_dir(), replace=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.duckdb", "s.duckdb.versions"]
    versions = sorted(p.suffix for p in (tmp_path / "s.duckdb.versions").iterdir())
    assert versions == [".duckdb", ".duckdb", ".lock"]  # two versions, no temporary file


def test_the_store_is_read_only_for_readers(store_path):
    con = open_store(store_path)
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute("DELETE FROM sessions")


def _data_dir():
    from dashboard.config import get_settings

    return get_settings().data_dir


def test_the_built_store_has_no_dangling_references(store_path):
    from dashboard.store.integrity import dangling_references

    assert dangling_references(open_store(store_path)) == []


def test_dangling_references_are_named(tmp_path):
    from dashboard.store.integrity import dangling_references

    path = tmp_path / "s.duckdb"
    build_store(path, _data_dir())
    with connect(path, read_only=False) as con:
        con.execute(
            "UPDATE participants SET organization_id = 'nowhere' "
            "WHERE participant_id = 'sample-p-00001'"
        )
        assert dangling_references(con) == ["participants.organization_id -> organizations: 1 rows"]


def test_a_source_with_an_unknown_column_is_refused(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(_data_dir() / "reference", data / "reference")
    shutil.copytree(_data_dir() / "series", data / "series")
    series = data / "series" / "2022" / "series.csv"
    series.write_text(series.read_text().replace("convener", 'convener"; DROP TABLE x; --'))
    with pytest.raises(StoreError, match="series: the source has columns the table does not"):
        build_store(tmp_path / "s.duckdb", data)
    assert not (tmp_path / "s.duckdb").exists()
