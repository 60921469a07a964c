"""The archive of loaded imports, kept beside the store: what a rebuild replays.

Each real import's rows are kept in ``<store>.imports/<entry>/<table>.parquet``, one
Parquet file per table, every column, as the import left them in the store: the rows of
every table with an ``import_id`` column (so tables and columns ingest adds later follow
without a change here) and the rows they refer to (``DEPENDENTS``). Raw personal values
(``PERSONAL``) are never archived; participant ids are the store's keyed hashes, and the
key stays outside both.

Why Parquet files and not one archive store: an entry is written once and never
changed, so a folder renamed into place is atomic and needs no lock, version or schema of
its own; a second DuckDB file would need the store's whole version machinery (one writer,
readers elsewhere), and is slower and larger. Measured with
``benchmarks/archive_imports.py`` on 2 shared cores (load average 13): a 10,000-row Teams
report gives a 543 KB entry, written as Parquet in 30-60 ms against 300-340 ms (1.3 MB)
as DuckDB tables; 100,000 rows give 5.1 MB, 0.27 s against 1.2 s (4.5 MB). Reading the
rows from the store took 0.1 and 0.56 s. A rebuild replaying the 100,000-row import took
16.5 s against 9.5 s without it; at 10,000 rows the difference was within the noise.

The archive is version-independent: an entry is named by its import's content hash and
load time, which a rebuild keeps, and the store version the link points to says which
entries are live (its ``imports`` rows). An entry is deleted only once no kept version
refers to it, so pointing the link back to an older version and rebuilding still works.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import StoreError
from . import rollups
from .sample import drop_illustrative
from .versions import PRIVATE_FILE, PRIVATE_FOLDER, kept_versions, new_version

# Rows without an import_id that an import wrote or changed, by table ($id: the import).
_PEOPLE = "SELECT participant_id FROM participation WHERE import_id = $id"
DEPENDENTS = {
    "organizations": f"organization_id IN (SELECT organization_id FROM participants "
    f"WHERE participant_id IN ({_PEOPLE}) UNION "
    "SELECT organization_id FROM submissions WHERE import_id = $id)",
    "participants": f"participant_id IN ({_PEOPLE})",
    "submission_topics": "submission_id IN "
    "(SELECT submission_id FROM submissions WHERE import_id = $id)",
}
PERSONAL = {"participants": ("email",)}  # raw values: never written to the archive
# Parents before the rows that refer to them; other tables with an import_id follow.
REPLAY_ORDER = ("imports", "organizations", "participants", "participation", "submissions")


def archive_folder(db: Path) -> Path:
    return Path(db).absolute().with_name(Path(db).name + ".imports")


@dataclass(frozen=True)
class Imported:
    """A real import as the store lists it, and the name of its archive entry."""

    import_id: int
    file_name: str
    session_id: str | None
    content_sha256: str
    imported_at: datetime

    @property
    def entry(self) -> str:
        return f"{self.imported_at:%Y%m%dT%H%M%S%f}-{self.content_sha256[:16]}"


def real_imports(con: duckdb.DuckDBPyConnection) -> list[Imported]:
    """The store's loaded (not illustrative) imports, in the order they were loaded."""
    rows = con.execute(
        "SELECT import_id, file_name, session_id, content_sha256, imported_at FROM imports "
        "WHERE NOT illustrative ORDER BY import_id"
    ).fetchall()
    return [Imported(*row) for row in rows]


def _tables_with_import_id(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t "
        "USING (table_schema, table_name) WHERE c.column_name = 'import_id' "
        "AND t.table_type = 'BASE TABLE' AND c.table_schema = 'main' ORDER BY c.table_name"
    ).fetchall()
    # the rollups are derived from the other tables and rebuilt after a replay
    return [r[0] for r in rows if r[0] not in rollups.TABLES]


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' "
        "AND table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def _quoted(names: list[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def snapshot(con: duckdb.DuckDBPyConnection, import_id: int) -> dict[str, pa.Table]:
    """The rows of one import, table by table, every column (personal values blanked)."""
    wheres = {t: "import_id = $id" for t in _tables_with_import_id(con)} | DEPENDENTS
    tables = {}
    for table, where in wheres.items():  # table names from the catalog or the constants
        data = con.sql(f"SELECT * FROM {table} WHERE {where}", params={"id": import_id})
        tables[table] = _blank_personal(table, data.to_arrow_table())
    return tables


def _blank_personal(table: str, data: pa.Table) -> pa.Table:
    for column in PERSONAL.get(table, ()):
        if column in data.column_names:
            index = data.column_names.index(column)
            data = data.set_column(index, column, pa.nulls(len(data), data[column].type))
    return data


def write_entry(folder: Path, name: str, tables: dict[str, pa.Table]) -> Path:
    """Write an entry owner-only into a hidden folder, then rename it into place."""
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    final = folder / name
    temporary = folder / f".{name}.{os.getpid()}"
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(mode=PRIVATE_FOLDER)
    for table, data in tables.items():
        path = temporary / f"{table}.parquet"
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
        pq.write_table(data, path)
    if final.exists():  # the same import archived before (by a backfill): same rows
        shutil.rmtree(temporary)
    else:
        os.rename(temporary, final)
    return final


def read_entry(folder: Path, imported: Imported) -> dict[str, pa.Table]:
    path = folder / imported.entry
    try:
        return {p.stem: pq.read_table(p) for p in sorted(path.glob("*.parquet"))}
    except (OSError, pa.ArrowException) as exc:
        raise StoreError(
            f"{_which(imported)}: its archive entry {path} cannot be read ({exc}); restore "
            "that folder from a backup, or rebuild with `dialogues build --discard-imports` "
            "and load the exports again"
        ) from exc


def reserve_ids(con: duckdb.DuckDBPyConnection, imported: list[Imported]) -> None:
    """Move the import id sequence past the replayed imports' ids, so they keep them."""
    top = max((i.import_id for i in imported), default=0)
    used = con.execute("SELECT coalesce(max(import_id), 0) FROM imports").fetchall()[0][0]
    con.execute("SELECT max(nextval('import_id_seq')) FROM range(?)", [top - used]).fetchall()


def replay(con: duckdb.DuckDBPyConnection, imported: Imported, tables: dict[str, pa.Table]):
    """Write an archived import into the store, as ingest did: its session's illustrative
    rows go, then its rows are inserted or update the ones there. It keeps its import id
    unless a series' sample has taken it (after ``reserve_ids``); the id it got."""
    known = set(_tables_with_import_id(con)) | set(DEPENDENTS)
    strange = sorted(set(tables) - known)
    if strange:
        raise StoreError(f"{_which(imported)}: its archive has tables the store has not: {strange}")
    _check_sessions(con, imported, tables)
    taken = con.execute(
        "SELECT count(*) FROM imports WHERE import_id = ?", [imported.import_id]
    ).fetchall()[0][0]
    new_id = con.execute("SELECT nextval('import_id_seq')").fetchall()[0][0] if taken else None
    new_id = new_id or imported.import_id
    _drop_illustrative(con, tables)
    order = [t for t in REPLAY_ORDER if t in tables] + sorted(set(tables) - set(REPLAY_ORDER))
    for table in order:
        data = tables[table]
        if "import_id" in data.column_names:
            index = data.column_names.index("import_id")
            ids = pa.array([new_id] * len(data), data["import_id"].type)
            data = data.set_column(index, "import_id", ids)
        _upsert(con, imported, table, data)
    return new_id


def _which(imported: Imported) -> str:
    return f"import {imported.import_id} ({imported.file_name}, session {imported.session_id})"


def _check_sessions(con, imported: Imported, tables: dict[str, pa.Table]) -> None:
    wanted = {imported.session_id} - {None}
    for data in tables.values():
        if "session_id" in data.column_names:
            wanted |= set(data["session_id"].to_pylist()) - {None}
    known = {r[0] for r in con.execute("SELECT session_id FROM sessions").fetchall()}
    missing = sorted(wanted - known)
    if missing:
        raise StoreError(
            f"{_which(imported)} no longer fits: session {', '.join(missing)} is not in data/ "
            "any more. Put its meeting back in data/series/, or drop that import first "
            "(`dialogues imports remove`), or rebuild with `dialogues build --discard-imports`"
        )


def _drop_illustrative(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    """Real participation or submissions replace their session's illustrative ones."""
    for table in ("participation", "submissions"):
        data = tables.get(table)
        for session_id in sorted(set(data["session_id"].to_pylist()) if data else ()):
            drop_illustrative(con, session_id, table)


def _primary_key(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    row = con.execute(
        "SELECT constraint_column_names FROM duckdb_constraints() WHERE schema_name = 'main' "
        "AND table_name = ? AND constraint_type = 'PRIMARY KEY'",
        [table],
    ).fetchall()
    return list(row[0][0]) if row else []


def _upsert(con, imported: Imported, table: str, data: pa.Table) -> None:
    """Update the rows whose key is there, insert the others; column names come from the
    table's own catalog, values only through the registered Arrow table."""
    own = _columns(con, table)
    gone = sorted(set(data.column_names) - set(own))
    if gone:
        raise StoreError(f"{_which(imported)}: {table} has no column {gone} any more")
    columns = [c for c in own if c in data.column_names]
    keys = _primary_key(con, table)
    match = " AND ".join(f'{table}."{k}" = a."{k}"' for k in keys)
    values = [c for c in columns if c not in keys]
    con.register("_archived", data)
    try:
        if keys and values:
            assignments = ", ".join(f'"{c}" = a."{c}"' for c in values)
            con.execute(f"UPDATE {table} SET {assignments} FROM _archived a WHERE {match}")
        absent = f" WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE {match})" if keys else ""
        con.execute(
            f"INSERT INTO {table} ({_quoted(columns)}) "
            f"SELECT {_quoted(columns)} FROM _archived a{absent}"
        )
    except duckdb.Error as exc:
        reason = str(exc).strip().splitlines()[0]
        raise StoreError(
            f"{_which(imported)} no longer fits the store ({table}: {reason})"
        ) from exc
    finally:
        con.unregister("_archived")


@dataclass
class Staged:
    """Archive entries written with a store version: they stay only if it is published."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    replaced: list[tuple[Path, Path]] = field(default_factory=list)  # (entry, old content)

    def add(self, con: duckdb.DuckDBPyConnection, import_id: int, refresh: bool = False):
        """Archive one import as it now is in ``con`` (right after it was written);
        ``refresh`` replaces an entry there is already."""
        [imported] = [i for i in real_imports(con) if i.import_id == import_id]
        final = self.folder / imported.entry
        if refresh and final.is_dir():
            former = self.folder / f".{imported.entry}.former-{os.getpid()}"
            os.rename(final, former)
            self.replaced.append((final, former))
        self.written.append(write_entry(self.folder, imported.entry, snapshot(con, import_id)))

    def refresh_all(self, con: duckdb.DuckDBPyConnection) -> None:
        """Archive every import again from ``con`` (a migration changed their rows). A row
        a later import updated is then archived with that later import only."""
        for imported in real_imports(con):
            self.add(con, imported.import_id, refresh=True)

    def discard(self) -> None:
        for path in self.written:
            shutil.rmtree(path, ignore_errors=True)
        for final, former in self.replaced:
            os.rename(former, final)

    def keep(self) -> None:
        for _, former in self.replaced:
            shutil.rmtree(former)


@contextmanager
def new_archived_version(
    db: Path, *, copy_current: bool = True, wait_seconds: float = 120
) -> Iterator[tuple]:
    """``versions.new_version`` and the archive entries written with it: (version, staged).

    When the version is not published, the entries go; when it is, entries no kept
    version refers to go (under the writers' lock, so no other writer is half-way).
    """
    db = Path(db).absolute()
    staged = Staged(archive_folder(db))
    try:
        with new_version(db, copy_current=copy_current, wait_seconds=wait_seconds) as version:
            yield version, staged
            if version.publish:
                _collect_garbage(db, version.path)
    except BaseException:
        staged.discard()
        raise
    if version.publish:
        staged.keep()
    else:
        staged.discard()


def _collect_garbage(db: Path, new: Path) -> None:
    live = set()
    for path in [new, *kept_versions(db, new)]:
        try:
            with duckdb.connect(str(path), read_only=True) as con:
                live |= {i.entry for i in real_imports(con)}
        except duckdb.Error:  # a version that cannot be read may refer to any entry
            return
    folder = archive_folder(db)
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.is_dir() and not entry.name.startswith(".") and entry.name not in live:
            shutil.rmtree(entry)
