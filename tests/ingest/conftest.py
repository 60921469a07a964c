"""A tiny store per test: the built store (2022 series and illustrative sample), copied.

Building takes about a second, so it is built once per session and copied for each test.
A fixed pseudonym key makes participant ids predictable (``pid``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dashboard.config import get_settings
from dashboard.ingest import ImportSummary, ingest_files
from dashboard.ingest.pseudonym import Pseudonymizer
from dashboard.store.build import build_store
from dashboard.store.connection import close_shared

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
TEST_KEY = "test-pseudonym-key"


def pid(email: str) -> str:
    return Pseudonymizer(TEST_KEY).for_email(email)


def name_pid(name_key: str, org_key: str | None = None) -> str:
    return Pseudonymizer(TEST_KEY).for_name(name_key, org_key)


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("built") / "dialogues.duckdb"
    build_store(path, get_settings().data_dir)
    return path


@pytest.fixture
def store(built_store, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY", TEST_KEY)
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY_FILE", str(tmp_path / "config" / "pseudonym.key"))
    monkeypatch.delenv("DIALOGUES_STORE_RAW_EMAIL", raising=False)
    monkeypatch.delenv("DIALOGUES_MIN_MINUTES", raising=False)
    path = tmp_path / "dialogues.duckdb"
    shutil.copy(built_store, path)
    yield path
    close_shared()


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted: two equal snapshots are the same store content."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                "ORDER BY table_name"
            ).fetchall()
        ]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def participation(db: Path, session_id: str) -> dict[str, tuple]:
    """participant_id -> (registered, state, attended, mode, role, minutes) for real rows."""
    rows = query(
        db,
        "SELECT participant_id, registered, registration_state, attended, mode, "
        "role, minutes_present FROM participation WHERE session_id = ? "
        "AND NOT illustrative",
        [session_id],
    )
    return {r[0]: tuple(r[1:]) for r in rows}


def rejects(db: Path, import_id: int) -> list[tuple]:
    return query(
        db,
        "SELECT row_number, column_name, reason FROM import_rejects "
        "WHERE import_id = ? ORDER BY row_number",
        [import_id],
    )


def load(db: Path, name: str, session: str, **kwargs) -> ImportSummary:
    """Ingest one fixture file into ``db``; its summary."""
    [summary] = ingest_files([FIXTURES / name], session, db_path=db, **kwargs)
    return summary


def people(db: Path, session: str) -> dict[str, tuple]:
    """participant_id -> (organization, sector, country) for the session's real rows."""
    rows = query(
        db,
        "SELECT p.participant_id, o.name, o.sector, p.country_iso3 "
        "FROM participation pa JOIN participants p USING (participant_id) "
        "LEFT JOIN organizations o USING (organization_id) "
        "WHERE pa.session_id = ? AND NOT pa.illustrative",
        [session],
    )
    return {r[0]: r[1:] for r in rows}


def warnings(db: Path, import_id: int) -> list[tuple]:
    """(row, column, value, reason) of every value a load stored as unknown."""
    return query(
        db,
        "SELECT row_number, column_name, value, reason FROM import_warnings "
        "WHERE import_id = ? ORDER BY row_number, column_name",
        [import_id],
    )
