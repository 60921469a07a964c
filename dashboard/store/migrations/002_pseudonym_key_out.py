"""Schema 2: the pseudonym key leaves the store; rejects keep no personal values.

A store at version 1 may hold its random pseudonym key in ``schema_info``. It moves to
the key file (written owner-only when there is none yet) and the store keeps only its
fingerprint. A differently configured key is refused: the store's ids need this one.
Rejects written before version 2 kept names and phone numbers in ``raw_record``; which
of their columns were personal is no longer known, so every value is masked (the
headers, row, column and reason stay).
"""

from __future__ import annotations

import json

import duckdb

from dashboard.config import Settings
from dashboard.store.keys import (
    LEGACY_KEY_NAME,
    KeyProblem,
    configured_key,
    record_fingerprint,
    write_key_file,
)

MASK = "[removed]"


def upgrade(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    _move_key_out(con, settings)
    _mask_rejects(con)


def _move_key_out(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    row = con.execute("SELECT value FROM schema_info WHERE key = ?", [LEGACY_KEY_NAME]).fetchone()
    if row is None:
        return
    stored, configured = row[0], configured_key(settings)
    if configured is None:
        write_key_file(settings.pseudonym_key_file, stored)
    elif configured != stored:
        raise KeyProblem(
            "this store's participants were pseudonymised with a key kept inside the store, "
            "and a different key is configured; to move the store's key out, point "
            "DIALOGUES_PSEUDONYM_KEY_FILE at a path where no file is yet (and unset "
            "DIALOGUES_PSEUDONYM_KEY), then migrate again"
        )
    record_fingerprint(con, stored)
    con.execute("DELETE FROM schema_info WHERE key = ?", [LEGACY_KEY_NAME])


def _mask_rejects(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "SELECT import_id, row_number, raw_record FROM import_rejects WHERE raw_record IS NOT NULL"
    ).fetchall()
    for import_id, row_number, raw in rows:
        masked = {header: MASK for header in json.loads(raw)}
        con.execute(
            "UPDATE import_rejects SET raw_record = ? WHERE import_id = ? AND row_number = ?",
            [json.dumps(masked, ensure_ascii=False), import_id, row_number],
        )
