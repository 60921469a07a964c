"""DuckDB connections: a factory, never a module-level connection.

The app and notebooks read through one read-only connection per process
(``shared_connection``) and take a ``.cursor()`` per query; writers (build, ingest) open
their own short-lived writable connection with ``connect(path, read_only=False)``.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from ..config import get_settings
from ..errors import StoreError
from .migrate import check_version

_lock = threading.Lock()
_shared: dict[Path, duckdb.DuckDBPyConnection] = {}
_generation = 0  # bumped whenever shared connections close: cached results are stale


def connect(path: str | Path, *, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the store at ``path``; StoreError with the reason if it cannot be read."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no store there; build it with `dialogues build --db {path}`")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(
            f"{path}: cannot open the store ({_first_line(exc)}); if the file "
            f"is damaged, rebuild it with `dialogues build --db {path}`"
        ) from exc


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def resolve_store(path: str | Path | None = None, *, build_if_missing: bool = True) -> Path:
    """The store's path (default from settings), built from data/ first when missing."""
    settings = get_settings()
    db = Path(path) if path is not None else settings.db_path
    if not db.exists() and build_if_missing:
        from .build import build_store  # imported late: building is the rare path

        build_store(db, settings.data_dir)
    return db


def open_store(
    path: str | Path | None = None, *, build_if_missing: bool = True
) -> duckdb.DuckDBPyConnection:
    """A new read-only connection to a checked store (built on first use when missing)."""
    db = resolve_store(path, build_if_missing=build_if_missing)
    con = connect(db, read_only=True)
    try:
        check_version(con, db)
    except StoreError:
        con.close()
        raise
    return con


def shared_connection(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """The process's one read-only connection to a store; take ``.cursor()`` per query."""
    db = resolve_store(path).resolve()
    with _lock:
        if db not in _shared:
            _shared[db] = open_store(db)
        return _shared[db]


def close_shared() -> None:
    """Close every shared connection (before a writer needs the file, and in tests)."""
    global _generation
    with _lock:
        for con in _shared.values():
            con.close()
        _shared.clear()
        _generation += 1


def generation() -> int:
    """Changes each time the store may have been written: part of every cache key."""
    return _generation
