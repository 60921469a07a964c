"""How long each dashboard question takes on the built-in store, uncached.

    .venv/bin/python benchmarks/queries.py [--db PATH] [--repeat 30]

Prints, per question, the median and 90th percentile over ``--repeat`` runs with no
filter and with a typical filter state, and the ratio to a baseline measured in the same
run: the round trip of a trivial query on a fresh cursor (the floor every query pays);
then the median of the same question over the store's rollups (``queries/fast.py``),
where it has one. The cache is bypassed (``DataSource.run``), so these are the store's
own times.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from dashboard.config import get_settings
from dashboard.data import DataSource
from dashboard.queries import Filters, Query
from dashboard.registry import QUESTIONS
from dashboard.store.build import build_store

TYPICAL = Filters(
    sessions=["CD-2022-TIP", "CD-2022-SOM"],
    sectors=["NGO / civil society", "Academia"],
    modes=["online"],
)


def timings(source: DataSource, query: Query, repeat: int) -> list[float]:
    source.run(query)  # warm: the first run plans and loads pages
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        source.run(query)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp()) / "bench.duckdb"
        build_store(db, get_settings().data_dir)
    source = DataSource(db)
    base = statistics.median(timings(source, Query("SELECT 1", []), args.repeat))
    print(
        f"store: {db}; {args.repeat} runs each; baseline (SELECT 1 on a cursor): "
        f"median {base:.2f} ms"
    )
    print(
        f"{'question':28} {'filters':8} {'median ms':>10} {'p90 ms':>8} {'x baseline':>11}"
        f" {'rollups ms':>11}"
    )
    for name, question in QUESTIONS.items():
        for label, filters in (("none", Filters()), ("typical", TYPICAL)):
            runs = sorted(timings(source, question.build(filters), args.repeat))
            median, p90 = statistics.median(runs), runs[int(0.9 * (len(runs) - 1))]
            fast = "-"
            if question.fast is not None and source.rollups_current():
                fast = (
                    f"{statistics.median(timings(source, question.fast(filters), args.repeat)):.2f}"
                )
            print(f"{name:28} {label:8} {median:10.2f} {p90:8.2f} {median / base:11.1f} {fast:>11}")


if __name__ == "__main__":
    main()
