"""Loaded imports: what ``dialogues imports`` lists, and removing one.

Removing an import rebuilds the store from ``data/`` and replays every other loaded import
from the archive (``archive``), as one new store version: the session gets its
illustrative sample back when no real import is left for it, and nothing else changes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..config import get_settings
from ..errors import StoreError
from . import rollups
from .archive import Imported, new_archived_version
from .build import rebuild
from .connection import connect, notice_new_version, open_store, resolve_store

LISTED = (
    "import_id",
    "file_name",
    "format",
    "kind",
    "session_id",
    "imported_at",
    "records_read",
    "loaded",
    "rejected",
)


def list_imports(db_path: str | Path | None = None) -> pd.DataFrame:
    """One row per loaded (not illustrative) import, in the order they were loaded."""
    columns = ", ".join(LISTED)  # constants
    with open_store(db_path, build_if_missing=False) as con:
        return con.execute(
            f"SELECT {columns} FROM imports WHERE NOT illustrative ORDER BY import_id"
        ).df()


def remove_import(import_id: int, db_path: str | Path | None = None) -> Imported:
    """Undo one import in one new store version; the import removed."""
    settings = get_settings(db_path=db_path)
    db = resolve_store(settings.db_path, build_if_missing=False)
    wait = settings.write_wait_seconds
    with new_archived_version(db, copy_current=False, wait_seconds=wait) as (version, staged):
        con = connect(version.path, read_only=False)
        try:
            dropped = rebuild(
                con, db, settings.data_dir, staged, drop=lambda i: i.import_id == import_id
            )
            if not dropped:
                raise StoreError(
                    f"{db}: there is no loaded import {import_id}; `dialogues imports` "
                    "lists them (the illustrative samples cannot be removed)"
                )
            rollups.refresh(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
    notice_new_version(db)
    return dropped[0]
