"""Time archiving and replaying a loaded Teams report (the figures in store/archive.py).

    .venv/bin/python benchmarks/archive_imports.py [--rows 10000]

Loads the Teams-style report of ``ingest_attendance.py`` into a fresh store, then prints
the archive entry's size, the time to read the import's rows from the store, to write
them as Parquet (the archive) and as tables of a DuckDB file (the alternative), and a
rebuild with and without replaying the import.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def as_duckdb_file(tables: dict, path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        for name, data in tables.items():  # names from the store's own catalog
            con.register("_rows", data)
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM _rows")
            con.unregister("_rows")
        con.execute("CHECKPOINT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    os.environ.setdefault("DIALOGUES_PSEUDONYM_KEY", "benchmark-key")
    os.environ.setdefault("DIALOGUES_MAX_UPLOAD_MB", "100")

    from ingest_attendance import write_report

    from dashboard.config import get_settings
    from dashboard.ingest import ingest_files
    from dashboard.store import archive, versions
    from dashboard.store.build import build_store

    data = get_settings().data_dir
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp), Path(tmp) / "store.duckdb"
        build_store(db, data)
        write_report(folder / "teams.csv", args.rows)
        ingest, [summary] = timed(
            lambda: ingest_files([folder / "teams.csv"], "CD-2022-FA", db_path=db)
        )
        [entry] = archive.archive_folder(db).iterdir()
        size = sum(p.stat().st_size for p in entry.iterdir())
        with duckdb.connect(str(versions.current_file(db)), read_only=True) as con:
            read, tables = timed(lambda: archive.snapshot(con, summary.import_id))
        parquet, _ = timed(lambda: archive.write_entry(folder / "parquet", "entry", tables))
        other, _ = timed(lambda: as_duckdb_file(tables, folder / "entry.duckdb"))
        replayed, _ = timed(lambda: build_store(db, data, replace=True))
        bare, _ = timed(lambda: build_store(db, data, replace=True, discard_imports=True))
    print(f"{args.rows:,} rows: ingest {ingest:.2f} s, {summary.loaded:,} loaded")
    print(f"archive entry {size / 1e3:.0f} KB; rows read from the store in {read:.2f} s")
    print(f"written as Parquet {parquet:.2f} s; as a DuckDB file {other:.2f} s")
    print(f"rebuild replaying the import {replayed:.2f} s; without it {bare:.2f} s")


if __name__ == "__main__":
    main()
