"""Time ingesting a 100,000-row Teams attendance report.

    .venv/bin/python benchmarks/ingest_attendance.py [--rows 100000] [--runs 3]

Writes a Teams-style report (UTF-16 LE with BOM, tab-separated, the three sections;
``rows`` participant rows, one person each, 2% without an e-mail and 1% with a bad
duration so rejects are exercised) to a temporary folder, builds a fresh store for each
run, and prints the median of ``runs`` ingests next to a baseline measured in the same
run: reading the participants section with pandas (parsing only, no validation, no
store).
"""

from __future__ import annotations

import argparse
import codecs
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def write_report(path: Path, rows: int) -> None:
    lines = [
        "1. Summary",
        "Meeting Title\tBenchmark dialogue",
        f"Attended participants\t{rows}",
        "Start Time\t5/6/22, 1:00:00 PM",
        "End Time\t5/6/22, 4:00:00 PM",
        "Meeting duration\t3h 0m 0s",
        "Average attendance time\t1h 30m 0s",
        "",
        "2. Participants",
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
    ]
    for i in range(rows):
        minutes = (i * 37) % 180
        email = "" if i % 50 == 0 else f"person{i}@example.org"
        duration = "n/a" if i % 100 == 1 else f"{minutes // 60}h {minutes % 60}m {i % 60}s"
        role = "Organizer" if i == 0 else "Presenter" if i % 1000 == 7 else "Attendee"
        lines.append(
            f"Person {i}\t5/6/22, 1:00:00 PM\t5/6/22, 3:00:00 PM\t{duration}\t{email}"
            f"\t{email}\t{role}"
        )
    lines += ["", "3. In-Meeting Activities", "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole"]
    path.write_bytes(codecs.BOM_UTF16_LE + ("\r\n".join(lines) + "\r\n").encode("utf-16-le"))


def baseline(path: Path, rows: int) -> float:
    import pandas as pd

    started = time.perf_counter()
    text = path.read_bytes().decode("utf-16")
    frame = pd.read_csv(io.StringIO(text), sep="\t", skiprows=9, nrows=rows)
    assert len(frame) == rows
    return time.perf_counter() - started


def ingest_once(path: Path, template: Path, folder: Path) -> tuple[float, object]:
    from dashboard.ingest import ingest_files

    db = folder / "run.duckdb"
    shutil.copy(template, db)
    started = time.perf_counter()
    [summary] = ingest_files([path], "CD-2022-FA", db_path=db)
    elapsed = time.perf_counter() - started
    db.unlink()
    return elapsed, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from dashboard.config import get_settings
    from dashboard.store.build import build_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report = folder / "attendance.csv"
        write_report(report, args.rows)
        template = folder / "template.duckdb"
        build_store(template, get_settings().data_dir)
        base = [baseline(report, args.rows) for _ in range(args.runs)]
        runs = [ingest_once(report, template, folder) for _ in range(args.runs)]
        summary = runs[-1][1]
        ingest = statistics.median(t for t, _ in runs)
        print(f"file: {report.stat().st_size / 1e6:.1f} MB, {args.rows:,} participant rows")
        print(
            f"loaded {summary.loaded:,} records ({summary.participants:,} participants), "
            f"rejected {summary.rejected:,}"
        )
        print(
            f"baseline, pandas read_csv of the section (median of {args.runs}): "
            f"{statistics.median(base):.2f} s"
        )
        print(
            f"ingest_files, detect + validate + load in one transaction (median of "
            f"{args.runs}): {ingest:.2f} s  [{', '.join(f'{t:.2f}' for t, _ in runs)}]"
        )
        print(
            f"ratio ingest / baseline: {ingest / statistics.median(base):.1f}x; "
            f"{args.rows / ingest:,.0f} rows/s"
        )


if __name__ == "__main__":
    main()
