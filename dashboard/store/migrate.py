"""Schema creation and versioned migrations.

``schema.sql`` is always the latest schema. A store written by an older version is
brought forward by the numbered scripts in ``migrations/`` (``002_add_x.sql`` moves a
store from version 1 to 2), each run in one transaction with the version bump. A step
that needs more than SQL (files outside the store, JSON rewritten) is a ``.py`` script
with ``upgrade(con, settings)``.
"""

from __future__ import annotations

import importlib.util
import re
from importlib import resources

import duckdb

from ..config import get_settings
from ..errors import StoreError

SCHEMA_VERSION = 3
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.(sql|py)$")


def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table of the latest schema in an empty database."""
    con.execute(_read("schema.sql"))
    con.execute("INSERT INTO schema_info VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version a store was written at; StoreError if it has no schema_info."""
    try:
        row = con.execute("SELECT value FROM schema_info WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException as exc:
        raise StoreError(
            "the file is a DuckDB database but not a dialogues store "
            "(no schema_info table); check the path (DIALOGUES_DB or --db), or build a new "
            "store at another path with `dialogues build --db NEW_PATH`"
        ) from exc
    return int(row[0])


def pending_migrations(version: int) -> list[tuple[int, str]]:
    """(target version, script name) for every migration newer than ``version``."""
    names = [p.name for p in resources.files(__package__).joinpath("migrations").iterdir()]
    found = sorted((int(m.group(1)), m.group(0)) for m in map(_MIGRATION_NAME.match, names) if m)
    return [(v, name) for v, name in found if v > version]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply pending migrations on a writable connection; return the new version."""
    version = schema_version(con)
    for target, name in pending_migrations(version):
        con.begin()
        try:
            _run_step(con, name)
        except BaseException:
            con.rollback()
            raise
        con.execute("UPDATE schema_info SET value = ? WHERE key = 'schema_version'", [str(target)])
        con.commit()
        version = target
    return version


def _run_step(con: duckdb.DuckDBPyConnection, name: str) -> None:
    if name.endswith(".sql"):
        con.execute(_read(f"migrations/{name}"))
        return
    path = resources.files(__package__).joinpath("migrations", name)
    spec = importlib.util.spec_from_file_location(f"_migration_{name[:3]}", str(path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.upgrade(con, get_settings())


def check_version(con: duckdb.DuckDBPyConnection, path: object) -> None:
    """Refuse a store this code cannot read, saying what to do about it."""
    version = schema_version(con)
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{path}: store is at schema version {version}, this code needs "
            f"{SCHEMA_VERSION}; run `dialogues migrate --db {path}`"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: store is at schema version {version}, newer than this "
            f"code ({SCHEMA_VERSION}); upgrade the dashboard package"
        )
