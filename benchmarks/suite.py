"""The benchmark suite: every target of issue 9 measured at each scale, in one run.

    benchmarks/run [--scales 1,100,1000] [--out benchmarks/results/latest.json] [--quick]

At each scale (1: the built-in store; N: ``dialogues generate --scale N``, 4 x N
sessions, kept in ``benchmarks/stores/`` between runs) it measures:

- **queries**: every question on the page for one filter state, run uncached one after
  the other, for each filter change in ``CHANGES`` (``--repeat`` turns): the total's
  median and p95, and each question's median; and, apart, only the queries a tick from
  no filter sends to the store (the cache is keyed by the query: a question whose
  query the tick leaves unchanged is not asked again);
- **browser** (``benchmarks/browser_update.py``, imported): first render and filter
  changes in Chromium, in place and rebuilt, turn by turn in the same run;
- **load** (``benchmarks/load_sessions.py``, run once, on the built-in store): 20
  concurrent sessions, once all are open, changing filters on loopback (latency median,
  p95, failures) and the server's memory at start and per open session.

Prints a table with each target of the issue beside its figure (met / not met) and writes
everything as JSON. Not part of the test suite. ``--quick`` is a smoke run of a couple
of minutes: scale 1 only, few turns. Every part is bounded; a part that fails is
recorded with its error and the run goes on.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.config import get_settings  # noqa: E402
from dashboard.data import DataSource  # noqa: E402
from dashboard.queries import Filters  # noqa: E402
from dashboard.registry import on_page  # noqa: E402
from dashboard.store.build import build_store  # noqa: E402

STORES = ROOT / "benchmarks" / "stores"
RESULTS = ROOT / "benchmarks" / "results"
# The filter changes timed: what a user ticks in the sidebar, one at a time.
CHANGES = {
    "no filter": Filters(),
    "a sector": Filters(sectors=["NGO / civil society"]),
    "two sectors": Filters(sectors=["Government", "Academia"]),
    "registrations": Filters(count="registered"),
    "online": Filters(modes=["online"]),
    "a region": Filters(regions=["Africa"]),
    "a year": Filters(years=[2022]),
    "a session": Filters(sessions=["CD-2022-TIP"]),
    "a topic": Filters(topics=["victim-protection"]),
}
MILLION = 1_000_000


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def spread(values: list[float]) -> dict:
    """Median and p95 of a list of times, rounded to 0.1 ms."""
    return {
        "median": round(statistics.median(values), 1),
        "p95": round(percentile(values, 0.95), 1),
        "n": len(values),
    }


# Stores ---------------------------------------------------------------------------------


def store_for(scale: int) -> Path:
    """The store of a scale, made when missing and brought up to date (rollups)."""
    STORES.mkdir(parents=True, exist_ok=True)
    path = STORES / f"scale-{scale}.duckdb"
    dialogues = str(Path(sys.executable).with_name("dialogues"))
    if not path.exists():
        log(f"writing {path.name} (once; kept for later runs)")
        if scale == 1:
            build_store(path, get_settings().data_dir)
        else:
            command = [dialogues, "generate", "--scale", str(scale), "--db", str(path)]
            subprocess.run(command, check=True, timeout=1800)
    # A store kept from an older run: migrate brings its schema and rollups up to date.
    subprocess.run([dialogues, "migrate", "--db", str(path)], check=True, timeout=1800)
    return path


# Queries --------------------------------------------------------------------------------


def time_queries(db: Path, repeat: int) -> dict:
    """Every question on the page for each filter change, uncached, ``repeat`` turns.

    Wall time is what a user waits; CPU time (every thread of this process) is the work
    done, which a busy machine inflates less. The baseline is a trivial query's round
    trip on a cursor: the floor every query pays.
    """
    source = DataSource(db)
    rows = int(source.sql("SELECT count(*) AS n FROM participation")["n"][0])
    questions = [q.name for q in on_page()]
    wall: list[float] = []
    cpu: list[float] = []
    each: dict[str, list[float]] = {name: [] for name in questions}
    each_cpu: dict[str, list[float]] = {name: [] for name in questions}
    per_change: dict[str, list[float]] = {name: [] for name in CHANGES}
    baseline: list[float] = []
    asked: list[float] = []
    asked_count: list[int] = []
    unfiltered = [source.query(name, Filters()) for name in questions]
    for turn in range(repeat + 1):  # the first turn warms the caches of the store's pages
        for change, filters in CHANGES.items():
            queries = [(name, source.query(name, filters)) for name in questions]
            start, start_cpu = time.perf_counter(), time.process_time()
            for name, query in queries:
                began, began_cpu = time.perf_counter(), time.process_time()
                source.run(query)
                if turn:
                    each[name].append((time.perf_counter() - began) * 1000)
                    each_cpu[name].append((time.process_time() - began_cpu) * 1000)
            if turn:
                wall.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
                per_change[change].append(wall[-1])
                if change != "no filter":
                    asked_ms, asked_n = time_asked(source, queries, unfiltered)
                    asked.append(asked_ms)
                    asked_count.append(asked_n)
            began = time.perf_counter()
            source.sql("SELECT 1")
            baseline.append((time.perf_counter() - began) * 1000)
    return {
        "participation_rows": rows,
        "rollups": source.rollups_current(),
        "questions": len(questions),
        "all_queries_ms": spread(wall),
        "all_queries_cpu_ms": spread(cpu),
        "baseline_round_trip_ms": spread(baseline),
        "per_change_median_ms": {k: round(statistics.median(v), 1) for k, v in per_change.items()},
        "asked_after_a_tick_ms": spread(asked),
        "asked_after_a_tick_questions": round(statistics.mean(asked_count), 1),
        "per_question_median_ms": {k: round(statistics.median(v), 1) for k, v in each.items()},
        "per_question_cpu_median_ms": {
            k: round(statistics.median(v), 1) for k, v in each_cpu.items()
        },
    }


def time_asked(source: DataSource, queries: list, unfiltered: list) -> tuple[float, int]:
    """The queries a tick from no filter to this state sends to the store: the
    dashboard's cache is keyed by the query, so only those that differ from the
    unfiltered state's run. Their wall time (ms, uncached) and how many they are."""
    fresh = [query for _, query in queries if query not in unfiltered]
    start = time.perf_counter()
    for query in fresh:
        source.run(query)
    return (time.perf_counter() - start) * 1000, len(fresh)


# Browser and load: the page engineer's scripts, reused ------------------------------------


def child(command: list[str], timeout: float) -> None:
    """Run a part in a process group of its own; afterwards, or past ``timeout``, stop
    what is left of the group (a server or browser the part did not stop)."""
    process = subprocess.Popen(command, cwd=ROOT, start_new_session=True)
    try:
        status = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise TimeoutError(f"stopped after {timeout:.0f} s") from None
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
    if status:
        raise RuntimeError(f"{command[1:3]} exited with status {status}")


def time_browser(db: Path, changes: int, loads: int, timeout: float) -> dict:
    """``browser_update.main`` on this store; its JSON, with median and p95 of each list."""
    started = time.time()
    argv = ["--db", str(db), "--changes", str(changes), "--loads", str(loads)]
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import browser_update; "
        f"sys.exit(browser_update.main({argv!r}))"
    )
    child([sys.executable, "-c", code], timeout)
    written = [p for p in RESULTS.glob("browser_update-*.json") if p.stat().st_mtime >= started]
    return summarize_browser(json.loads(max(written, key=lambda p: p.stat().st_mtime).read_text()))


def summarize_browser(report: dict) -> dict:
    """A ``browser_update`` report as the suite keeps it: each variant's lists of times as
    median and p95 (other lists, such as the names of the views timed, as they are), and
    the claim's ratio: rebuilding every view against updating in place, same run."""
    out: dict = {"ratio": report["ratios"].get("rebuild")}
    for variant, figures in report["results"].items():
        out[variant] = {
            name: spread(values) if all(isinstance(v, (int, float)) for v in values) else values
            for name, values in figures.items()
            if isinstance(values, list) and values
        }
    return out


def time_load(sessions: int, changes: int, cycles: int, timeout: float) -> dict:
    """``load_sessions.py`` (it serves on loopback and stops its server by itself)."""
    script = ROOT / "benchmarks" / "load_sessions.py"
    command = [sys.executable, str(script), "--sessions", str(sessions)]
    child([*command, "--changes", str(changes), "--cycles", str(cycles)], timeout)
    return json.loads((RESULTS / "load_sessions.json").read_text())


def guarded(what: str, run, *args) -> dict:
    """Run one part; a failure is recorded, not fatal."""
    log(f"-- {what}")
    try:
        return run(*args)
    except Exception as exc:  # a failed part is a result too: say what failed
        traceback.print_exc()
        return {"error": f"{type(exc).__name__}: {exc}"}


# Targets --------------------------------------------------------------------------------

# (scale, label, where in the results, limit, unit); scale None: measured once.
VIEWPORT = ("browser", "in_place", "viewport_update_ms", "median")
PAGE = ("browser", "in_place", "update_ms", "median")
FIRST = ("browser", "in_place", "first_render_ms", "median")
FIRST_SCREEN = ("browser", "in_place", "first_screen_ms", "median")
# First render is given twice: until the first screen (the top of the page) is drawn, and
# until the whole page is.
TARGETS = [
    (1, "filter change, views in the viewport: median", VIEWPORT, 200),
    (1, "filter change, every view on the page: median", PAGE, 400),
    (1, "first render, first screen", FIRST_SCREEN, 1500),
    (1, "first render, whole page", FIRST, 1500),
    (100, "filter change, views in the viewport: median", VIEWPORT, 300),
    (100, "first render, first screen", FIRST_SCREEN, 2000),
    (100, "first render, whole page", FIRST, 2000),
    (1000, "filter change, views in the viewport: median", VIEWPORT, 500),
    (1000, "first render, first screen", FIRST_SCREEN, 3000),
    (1000, "first render, whole page", FIRST, 3000),
]


def lookup(results: dict, path: tuple) -> float | None:
    value = results
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def verdicts(run: dict) -> list[dict]:
    """Each target of the issue beside its figure: met, not met, or not measured."""
    rows = []

    def add(target: str, figure, limit, unit: str, *, below: bool = True) -> None:
        met = None if figure is None else (figure <= limit if below else figure >= limit)
        rows.append({"target": target, "figure": figure, "limit": limit, "unit": unit, "met": met})

    scales = run["scales"]
    for scale, label, path, limit in TARGETS:
        if str(scale) in scales:
            add(f"{scale}x: {label}", lookup(scales[str(scale)], path), limit, "ms")
    if "1" in scales:
        ratio = lookup(scales["1"], ("browser", "ratio"))
        add("1x: rebuild / in place, update (at least 5)", ratio, 5, "x", below=False)
    for scale, results in scales.items():
        queries = results.get("queries", {})
        rows_n = queries.get("participation_rows", 0)
        if rows_n >= 0.5 * MILLION:
            add(
                f"{scale}x ({rows_n:,} rows): all queries for one change, median",
                lookup(queries, ("all_queries_ms", "median")),
                50,
                "ms",
            )
    load = run.get("load", {})
    add("memory per open session", load.get("memory_per_session_mb"), 30, "MB")
    sessions = load.get("sessions", "concurrent")
    add(f"{sessions} sessions: latency p95", load.get("latency_p95_s"), 1, "s")
    add(f"{sessions} sessions: failures", load.get("failures"), 0, "")
    return rows


def table(run: dict) -> str:
    columns = [("all_queries_ms", "median"), ("all_queries_ms", "p95")]
    columns += [("all_queries_cpu_ms", "median"), ("baseline_round_trip_ms", "median")]
    columns += [("asked_after_a_tick_ms", "median")]
    lines = [
        "all queries for one filter change, uncached (ms); after a tick: those the cache",
        "cannot answer, from no filter to the change",
        f"{'scale':>6} {'rows':>10} {'median':>8} {'p95':>8} {'CPU':>8} {'SELECT 1':>9}"
        f" {'tick':>8}",
    ]
    for scale, results in run["scales"].items():
        q = results.get("queries", {})
        figures = " ".join(f"{lookup(q, path) or '-':>8}" for path in columns)
        lines.append(f"{scale:>6} {q.get('participation_rows', 0):>10,} {figures}")
    lines.append("")
    lines.append(f"{'target':64} {'figure':>10} {'limit':>8}  verdict")
    for row in run["targets"]:
        verdict = {True: "met", False: "NOT MET", None: "not measured"}[row["met"]]
        figure = row["figure"]
        figure = "-" if figure is None else f"{figure:,.0f}" if figure >= 100 else f"{figure:.3g}"
        lines.append(
            f"{row['target']:64} {figure:>10} {row['limit']:>6g} {row['unit']:2} {verdict}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,100,1000", help="comma-separated (1: built-in)")
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--quick", action="store_true", help="smoke run: scale 1, few turns")
    parser.add_argument("--repeat", type=int, default=5, help="turns of the query timing")
    parser.add_argument("--changes", type=int, default=10, help="filter changes in Chromium")
    parser.add_argument("--loads", type=int, default=3, help="first renders in Chromium")
    parser.add_argument("--browser-limit", type=float, default=1800, help="seconds per scale")
    parser.add_argument("--no-browser", action="store_true", help="skip Chromium")
    parser.add_argument("--no-load", action="store_true", help="skip the 20-session load")
    args = parser.parse_args(argv)
    scales = [1] if args.quick else [int(s) for s in args.scales.split(",")]
    repeat = 1 if args.quick else args.repeat
    run: dict = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "load_average_at_start": os.getloadavg(),
        "cpus": os.cpu_count(),
        "quick": args.quick,
        "scales": {},
    }
    for scale in scales:
        db = store_for(scale)
        results = {"store": db.name}
        results["queries"] = guarded(f"queries, scale {scale}", time_queries, db, repeat)
        if not args.no_browser:
            changes, loads = (2, 1) if args.quick else (args.changes, args.loads)
            limit = min(600, args.browser_limit) if args.quick else args.browser_limit
            results["browser"] = guarded(
                f"browser, scale {scale}", time_browser, db, changes, loads, limit
            )
        run["scales"][str(scale)] = results
    if not args.no_load:
        sessions, changes, cycles = (5, 2, 5) if args.quick else (20, 6, 100)
        run["load"] = guarded(
            f"{sessions} concurrent sessions", time_load, sessions, changes, cycles, 1200
        )
    run["load_average_at_end"] = os.getloadavg()
    run["targets"] = verdicts(run)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(run, indent=2, default=str))
    print(table(run))
    print(f"\nload average {run['load_average_at_end'][0]:.1f}; JSON: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
