"""Migrations. To schema 2: the pseudonym key kept inside an older store moves out to an
owner-only key file, the store keeps only its fingerprint, and old rejects are masked.
To schema 3: columns for the raw values `dialogues remap` reads, and import_warnings."""

from __future__ import annotations

import json
import shutil
import stat

import duckdb
import pytest

from dashboard.cli import main
from dashboard.store import SCHEMA_VERSION, keys
from dashboard.store.connection import connect

OLD_KEY = "a" * 64


def as_schema_2(con: duckdb.DuckDBPyConnection) -> None:
    """Undo what schema 3 added, as far as DuckDB allows (it cannot drop a column of
    participants, which participation references)."""
    con.execute("DROP TABLE import_warnings")
    con.execute("ALTER TABLE organizations DROP COLUMN sector_label")
    con.execute("UPDATE schema_info SET value = '2' WHERE key = 'schema_version'")


@pytest.fixture
def old_store(store_path, tmp_path, monkeypatch):
    """A store as schema version 1 left it: its key inside, a reject with a name in it."""
    monkeypatch.delenv("DIALOGUES_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY_FILE", str(tmp_path / "cfg" / "pseudonym.key"))
    path = tmp_path / "old.duckdb"
    shutil.copy(store_path, path)
    with duckdb.connect(str(path)) as con:
        as_schema_2(con)
        con.execute("UPDATE schema_info SET value = '1' WHERE key = 'schema_version'")
        con.execute("INSERT INTO schema_info VALUES ('pseudonym_key', ?)", [OLD_KEY])
        con.execute(
            "INSERT INTO imports (file_name, content_sha256, format, kind, records_read, loaded,"
            " rejected, illustrative) VALUES ('r.csv', 'x', 'template-participation',"
            " 'registration', 1, 0, 1, false)"
        )
        con.execute(
            "INSERT INTO import_rejects SELECT max(import_id), 2, 'Country', 'bad country', ? "
            "FROM imports",
            [json.dumps({"Name": "Nadia Haddad", "Phone": "+41 22 917 1234", "Country": "Xx"})],
        )
    return path


def schema_info(path) -> dict[str, str]:
    with connect(path) as con:
        return dict(con.execute("SELECT key, value FROM schema_info").fetchall())


def test_the_key_moves_out_to_an_owner_only_file(old_store, tmp_path, capsys):
    assert main(["migrate", "--db", str(old_store)]) == 0
    key_file = tmp_path / "cfg" / "pseudonym.key"
    assert key_file.read_text().strip() == OLD_KEY
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    info = schema_info(old_store)
    assert info["schema_version"] == str(SCHEMA_VERSION) == "3"
    assert "pseudonym_key" not in info and OLD_KEY not in json.dumps(info)
    assert keys.matches(OLD_KEY, info[keys.FINGERPRINT_NAME])
    with connect(old_store) as con:
        [(raw,)] = con.execute("SELECT raw_record FROM import_rejects").fetchall()
        assert json.loads(raw) == {
            "Name": "[removed]",
            "Phone": "[removed]",
            "Country": "[removed]",
        }
        assert con.execute(
            "SELECT row_number, column_name, reason FROM import_rejects"
        ).fetchall() == [(2, "Country", "bad country")]


def test_a_different_configured_key_stops_the_migration(old_store, monkeypatch, capsys):
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY", "some-other-key")
    assert main(["migrate", "--db", str(old_store)]) == 2
    assert "a different key is configured" in capsys.readouterr().err
    info = schema_info(old_store)
    assert info["schema_version"] == "1" and info["pseudonym_key"] == OLD_KEY  # unchanged


def test_an_unmigrated_store_is_not_served(old_store):
    from dashboard.errors import StoreError
    from dashboard.store import open_store

    with pytest.raises(StoreError, match="dialogues migrate"):
        open_store(old_store)


def test_schema_3_adds_the_raw_value_columns_and_keeps_every_row(store_path, tmp_path):
    path = tmp_path / "v2.duckdb"
    shutil.copy(store_path, path)
    with duckdb.connect(str(path)) as con:
        as_schema_2(con)
        before = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("organizations", "participants", "participation", "imports")
        }
    assert main(["migrate", "--db", str(path)]) == 0
    with connect(path) as con:
        assert schema_info(path)["schema_version"] == "3"
        for table, count in before.items():
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count
        columns = set(
            con.execute(
                "SELECT table_name || '.' || column_name FROM information_schema.columns"
            ).fetchall()
        )
        assert {
            ("organizations.sector_label",),
            ("participants.country_label",),
            ("participants.name_hash",),
            ("import_warnings.reason",),
        } <= columns
