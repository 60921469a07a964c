"""DuckDB connections: a factory, never a module-level connection.

The app and notebooks read through one read-only connection per process and store
version (``shared_connection``) and take a ``.cursor()`` per query. Writers (build,
ingest, migrate) write a new version beside the store (``versions.new_version``) with
their own short-lived writable connection, so readers in any process keep working while
a load runs, and move to the new version at their next check.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from ..config import get_settings
from ..errors import StoreError
from . import versions
from .migrate import check_version

_lock = threading.Lock()
_shared: dict[Path, tuple[tuple, duckdb.DuckDBPyConnection]] = {}  # store -> (version, con)
_generation = 0  # bumped whenever shared connections close: cached results are stale


def connect(path: str | Path, *, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the store at ``path``; StoreError saying what is wrong and what to do."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no store there; build it with `dialogues build --db {path}`")
    try:
        con = duckdb.connect(str(versions.current_file(path)), read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(_cannot_open(path, exc)) from exc
    if not read_only:  # a long write draws DuckDB's progress bar on stdout: not on ours
        con.execute("SET enable_progress_bar = false")
    return con


def _cannot_open(path: Path, exc: duckdb.Error) -> str:
    reason = _first_line(exc)
    if "lock" in reason.lower():
        return (
            f"{path}: another program holds the store open for writing ({reason}). "
            "The dashboard's own commands never do; close the notebook or DuckDB shell "
            "that opened it writable, then try again"
        )
    return (
        f"{path}: cannot open the store ({reason}); the file may be damaged. Earlier "
        f"versions are kept in {versions.versions_folder(path)}: see 'The store' in the "
        "README for how to go back to one"
    )


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def resolve_store(path: str | Path | None = None, *, build_if_missing: bool = True) -> Path:
    """The store's path (default from settings), built from data/ first when missing."""
    settings = get_settings()
    db = (Path(path) if path is not None else settings.db_path).absolute()
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
    """The process's read-only connection to the store's current version; take
    ``.cursor()`` per query. A new version gets a new connection; the old one is left
    to close when the cursors still running on it are done."""
    db = resolve_store(path)
    current = generation(db)[1]
    with _lock:
        held = _shared.get(db)
        if held is None or held[0] != current:
            _shared[db] = (current, open_store(db))
        return _shared[db][1]


def close_shared() -> None:
    """Close every shared connection (in tests, and before a process exits)."""
    global _generation
    with _lock:
        for _, con in _shared.values():
            con.close()
        _shared.clear()
        _generation += 1


def generation(path: str | Path | None = None) -> tuple:
    """Changes each time the store may have been written: part of every cache key.

    With a path, the store's version is read at most every ``store_check_seconds``.
    """
    if path is None:
        return (_generation, None)
    max_age = get_settings().store_check_seconds
    return (_generation, versions.version(Path(path).absolute(), max_age))


def notice_new_version(path: str | Path) -> None:
    """This process knows the store was just written: read its version afresh."""
    versions.forget(Path(path).absolute())
