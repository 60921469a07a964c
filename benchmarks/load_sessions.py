"""Load on loopback: many browser sessions changing filters at once, and server memory.

Serves the dashboard with ``dialogues serve --num-procs N`` on a copy of the built-in
store and opens ``--sessions`` Bokeh client sessions against it (each one is what a browser tab
is to the server: its own document, state and views). Once all are open, every session
ticks a sector in the sidebar every ``--think`` seconds (with jitter), ``--changes`` times,
and times each change from sending the new value until its headline shows the number
the query layer gives for that sector (so a change counts only when it is right). A
change not shown within ``--timeout`` seconds is a failure. Afterwards it opens and
closes ``--cycles`` sessions one after the other and reads the server's memory again
once the server has discarded them.

    .venv/bin/python benchmarks/load_sessions.py [--sessions 25] [--num-procs 2]

Prints latency median and p95, failures, and the server's memory (resident set of
every serving process): at start, per additional open session, and after the cycles.
Writes the figures as JSON to ``benchmarks/results/load_sessions.json``. Bounded: the
counts above, and every wait has a timeout. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import importlib
import json
import os
import pkgutil
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import panel.models
from bokeh.client import ClientSession, pull_session
from bokeh.client import connection as bokeh_connection
from bokeh.events import DocumentReady
from tornado.httpclient import HTTPRequest
from tornado.ioloop import IOLoop

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.components.base import PLACEHOLDER  # noqa: E402
from dashboard.config import get_settings  # noqa: E402
from dashboard.data import DataSource  # noqa: E402
from dashboard.queries import Filters  # noqa: E402
from dashboard.store.build import build_store  # noqa: E402
from tests.browser.conftest import free_port  # noqa: E402

HEADLINE = re.compile(r'data-key="participants">([\d,]+)<')

# A client document holds Panel's own Bokeh models: import them all so it can be read.
for _module in pkgutil.iter_modules(panel.models.__path__):
    importlib.import_module(f"panel.models.{_module.name}")


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float | None, why: str = "") -> None:
        with self.lock:
            if seconds is None:
                self.failures.append(why)
            else:
                self.latencies.append(seconds)


def serve(
    store: Path, port: int, num_procs: int, log: Path, app: str | None = None
) -> subprocess.Popen:
    """``dialogues serve`` on loopback, as staff run it (no sign-in on localhost); or
    ``panel serve APP`` (another variant of the page, to compare)."""
    tools = Path(sys.executable).parent
    command = [str(tools / "dialogues"), "serve", "--port", str(port)]
    if app:
        origin = f"127.0.0.1:{port}"
        command = [str(tools / "panel"), "serve", app, "--port", str(port)]
        command += ["--address", "127.0.0.1", "--allow-websocket-origin", origin]
    command += ["--num-procs", str(num_procs)]
    env = {"DIALOGUES_DB": str(store), "PATH": str(Path(sys.executable).parent)}
    # A session of its own, so that stopping it stops the processes it forked too.
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(server: subprocess.Popen) -> None:
    """Stop the server and every process it forked (they may outlive a lone SIGTERM)."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)


def server_memory_mb(pid: int) -> float:
    """Resident memory of the server process and every process it forked."""
    pids, total = [pid], 0
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            for task in Path(f"/proc/{current}/task").iterdir():
                pids += [int(p) for p in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / 1024


def with_origin(origin: str) -> None:
    """Send ``Origin`` on the client's websocket handshake, as a browser does (Bokeh's
    client sends none, and the server refuses a websocket without one)."""

    def request(url, **kwargs):
        return HTTPRequest(url, headers={"Origin": origin}, **kwargs)

    bokeh_connection.HTTPRequest = request


def open_session(url: str, timeout: float = 120) -> ClientSession:
    """A session as a browser tab opens it: the document pulled, then "document ready"
    sent, as a browser does once it has drawn the page (Panel's onload callbacks run),
    then the views below the first screen received (no card shows a placeholder)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            session = pull_session(url=url, io_loop=IOLoop())
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    session.document.callbacks.send_event(DocumentReady())
    left = max(deadline - time.monotonic(), 1)
    if not wait_for(session, lambda: not placeholders(session), left):
        raise TimeoutError(f"the views below the first screen did not come: {url}")
    return session


def placeholders(session: ClientSession) -> list:
    """The cards of a session that still show a placeholder instead of their view."""
    texts = (html.unescape(str(getattr(m, "text", ""))) for m in session.document.models)
    return [text for text in texts if text == PLACEHOLDER]


def models(session: ClientSession):
    """The sector checkboxes and the headline participants card of a session."""
    doc = session.document
    boxes = next(m for m in doc.models if "Government" in getattr(m, "labels", []))
    card = next(
        m for m in doc.models if "headline-participants" in (getattr(m, "css_classes", []) or [])
    )
    return boxes, card


def shown(card) -> int | None:
    match = HEADLINE.search(html.unescape(str(card.text)))
    return int(match.group(1).replace(",", "")) if match else None


def wait_for(session: ClientSession, done, timeout: float) -> bool:
    """Let the client read the server's messages until ``done()`` or the timeout."""
    connection = session._connection
    loop = connection.io_loop
    expired = []
    handle = loop.call_later(timeout, lambda: (expired.append(True), loop.stop()))
    if not done():
        connection._loop_until(lambda: done() or bool(expired))
    loop.remove_timeout(handle)
    return done()


def run_session(
    url: str, expected: dict[int, int], args, results: Results, seed: int, ready: threading.Barrier
):
    rng = random.Random(seed)
    session = open_session(url)
    try:
        # Changes start once every session is open. Opening a page holds its worker for
        # over a second (first render, timed in Chromium); a change made meanwhile waits
        # behind it, which is not what this times.
        ready.wait(timeout=600)
        boxes, card = models(session)
        order = list(expected)
        rng.shuffle(order)
        time.sleep(rng.uniform(0, args.think))  # sessions do not change in lockstep
        for step in range(args.changes):
            index = order[step % len(order)]
            start = time.perf_counter()
            boxes.active = [index]
            if wait_for(session, lambda i=index: shown(card) == expected[i], args.timeout):
                results.add(time.perf_counter() - start)
            else:
                results.add(None, f"sector {boxes.labels[index]}: showed {shown(card)}")
            time.sleep(args.think * rng.uniform(0.5, 1.5))
    finally:
        session.close()


def expected_headlines(store: Path, labels: list[str]) -> dict[int, int]:
    """Participants the headline must show for each sector ticked alone."""
    source = DataSource(store)
    counts = {
        i: int(source.headline(Filters(sectors=(label,)))["participants"].iloc[0])
        for i, label in enumerate(labels)
    }
    # Keep sectors whose numbers differ from each other, so each change is visible.
    seen, distinct = set(), {}
    for index, count in counts.items():
        if count not in seen and count > 0:
            seen.add(count)
            distinct[index] = count
    return distinct


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--changes", type=int, default=6, help="filter changes per session")
    parser.add_argument("--think", type=float, default=3.0, help="seconds between changes")
    parser.add_argument("--num-procs", type=int, default=2)
    parser.add_argument("--cycles", type=int, default=100, help="sessions opened and closed")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds for one change")
    parser.add_argument("--app", help="serve this page with panel serve (default: dialogues serve)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="dialogues-load-"))
    store = work / "store.duckdb"
    build_store(store, get_settings().data_dir)
    port = free_port()
    server = serve(store, port, args.num_procs, work / "server.log", args.app)
    url = f"http://127.0.0.1:{port}/{Path(args.app).stem if args.app else 'app'}"
    with_origin(f"http://127.0.0.1:{port}")
    try:
        # Warm-up, not counted: the first sessions of each process fill its caches.
        warm = [open_session(url) for _ in range(2 * args.num_procs)]
        labels = list(models(warm[0])[0].labels)
        for session in warm:
            session.close()
        expected = expected_headlines(store, labels)
        time.sleep(3)  # the warm session is discarded before the baseline reading
        start_mb = server_memory_mb(server.pid)

        results = Results()
        ready = threading.Barrier(args.sessions)
        threads = [
            threading.Thread(target=run_session, args=(url, expected, args, results, seed, ready))
            for seed in range(args.sessions)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        peak_mb = start_mb
        while any(t.is_alive() for t in threads):
            peak_mb = max(peak_mb, server_memory_mb(server.pid))
            time.sleep(0.5)
        load_seconds = time.perf_counter() - began

        for _ in range(args.cycles):
            open_session(url).close()
        time.sleep(45)  # closed sessions are discarded after 30 s, checked every 10 s
        after_cycles_mb = server_memory_mb(server.pid)
    finally:
        stop(server)

    lat = results.latencies
    figures = {
        "app": args.app or "dialogues serve",
        "sessions": args.sessions,
        "num_procs": args.num_procs,
        "changes": len(lat) + len(results.failures),
        "failures": len(results.failures),
        "failure_examples": results.failures[:5],
        "latency_median_s": round(statistics.median(lat), 3) if lat else None,
        "latency_p95_s": round(percentile(lat, 0.95), 3) if lat else None,
        "latency_max_s": round(max(lat), 3) if lat else None,
        "load_seconds": round(load_seconds, 1),
        "memory_start_mb": round(start_mb, 1),
        "memory_peak_mb": round(peak_mb, 1),
        "memory_per_session_mb": round((peak_mb - start_mb) / args.sessions, 1),
        "cycles": args.cycles,
        "memory_after_cycles_mb": round(after_cycles_mb, 1),
    }
    for name, value in figures.items():
        print(f"{name:24} {value}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    name = f"load_sessions-{Path(args.app).stem}.json" if args.app else "load_sessions.json"
    (out / name).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
