"""First render, and time from a filter change to every view updated, in Chromium.

Serves three apps on the same store, in the same run:

* ``dashboard/app.py``: views updated in place (new data into the existing Bokeh
  sources and ranges, tables and cards);
* ``benchmarks/holoviews_update_app.py``: the same, except that HoloViews redraws each
  chart from its new frame (``update_frame``), as the dashboard did before;
* ``benchmarks/rebuild_app.py``: the same page rebuilding each view on every change.

Each loads its page ``--loads`` times (first render: navigation start until the first
screen's charts are drawn and summaries written, and until every chart on the page is
drawn, every summary written and the table filled) and makes ``--changes`` filter
changes (ticking and unticking sector boxes in the sidebar); the apps take turns,
so background load on the machine falls on both alike. A change is timed in the
page: from the click to the last change of anything a view shows (headline numbers,
summaries, the table's first rows, and each chart's Bokeh view being built and drawn),
once the headline and the table have changed and the page has then been still for
``--quiet`` ms. In the same change it times the views in the 1500x1000 viewport: from
the click until each one there that changes shows its new state (a card's ``data-state``
key, which arrives with its data; the headline's numbers). Prints medians and the
ratios; writes JSON to ``benchmarks/results/``.

    .venv/bin/python benchmarks/browser_update.py [--changes 10] [--loads 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from dashboard.app import top_of_page  # noqa: E402
from dashboard.config import get_settings  # noqa: E402
from dashboard.store.build import build_store  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    LAUNCH_ARGS,
    WAIT_MS,
    Server,
    chromium_executable,
)
from tests.browser.dashboard_page import CHARTS, FIND, SUMMARIES, wait_until_drawn  # noqa: E402

SECTORS = ("Government", "NGO / civil society", "Academia", "IGO / UN entity", "Private sector")

# What the views show, as text (read before and after a change, outside the timing).
TEXTS = """() => {
  const deep = (root, sel, out) => {
    root.querySelectorAll(sel).forEach(e => out.push(e.textContent));
    root.querySelectorAll('*').forEach(e => e.shadowRoot && deep(e.shadowRoot, sel, out));
    return out;
  };
  const cards = [];
  const find = (root) => {
    root.querySelectorAll('.view-contributions').forEach(e => cards.push(e));
    root.querySelectorAll('*').forEach(e => e.shadowRoot && find(e.shadowRoot));
  };
  find(document);
  const table = cards.length && cards[0].shadowRoot
      ? deep(cards[0].shadowRoot, '.tabulator-row', []) : [];
  return {headline: deep(document, '.headline-value', []).join('|'), table: table.join('|')};
}"""

# Start timing a change. Every model change the browser applies from the server is an
# event; the first animation frame after an event (the repaint) and any chart whose Bokeh
# figure was replaced or is (re)drawing move ``__last``. Cheap enough to run every frame.
WATCH = (
    """(charts) => {
  const doc = Bokeh.documents[0];
  if (!window.__listening) {
    doc.on_change(() => { window.__lastEvent = performance.now(); window.__events += 1; });
    window.__listening = true;
  }
  const find = %s;
  const plots = () => charts.map(name => {
    const [model, view] = find(name);
    return model ? model.id + (view.has_finished() ? ':done' : ':busy') : 'none';
  }).join('|');
  const generation = (window.__generation || 0) + 1;
  window.__generation = generation;
  window.__events = 0; window.__lastEvent = 0; window.__framed = 0;
  window.__last = performance.now();
  window.__viewport = [];
  let seen = plots();
  // What each card and headline number shows: a card's drawn-state key (data-state,
  // set with its data) and the headline's text. Read through the element that holds
  // them, found once: Panel replaces the inner markup, not its holder.
  const deep = (root, sel, out) => {
    root.querySelectorAll(sel).forEach(e => out.push(e));
    root.querySelectorAll('*').forEach(e => e.shadowRoot && deep(e.shadowRoot, sel, out));
    return out;
  };
  const onScreen = (els) => els.some(e => {
    const r = e.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  });
  const titles = deep(document, '.view-title[data-view]', []);
  const shown = [
    ...deep(document, '[data-state]', []).map(e => ({
      name: e.dataset.view, holder: e.parentNode,
      read: h => (h.querySelector('[data-state]') || {dataset: {}}).dataset.state,
      els: [e, ...titles.filter(t => t.dataset.view === e.dataset.view)]})),
    ...deep(document, '.headline-value', []).map(e => ({
      name: 'headline ' + e.dataset.key, holder: e.parentNode,
      read: h => h.textContent, els: [e]})),
  ].map(v => ({...v, before: v.read(v.holder), visible: onScreen(v.els), at: null}));
  const poll = () => {
    if (window.__generation !== generation) return;
    const now = performance.now();
    if (window.__lastEvent > window.__framed) {
      window.__framed = window.__lastEvent; window.__last = now;
    }
    const current = plots();
    if (current !== seen) { seen = current; window.__last = now; }
    for (const v of shown) if (v.at === null && v.read(v.holder) !== v.before) v.at = now;
    // Each view in the viewport that changed, and when it first showed its new state.
    window.__viewport = shown.filter(v => v.visible && v.at !== null).map(v => [v.name, v.at]);
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}"""
    % FIND
)

# First render: milliseconds from navigation start until the named charts are drawn, the
# named cards' summaries written and (if asked) the contributions table filled.
DRAWN = (
    """async ([charts, summaries, table]) => new Promise(resolve => {
  const deep = (root, sel, out) => {
    root.querySelectorAll(sel).forEach(e => out.push(e));
    root.querySelectorAll('*').forEach(e => e.shadowRoot && deep(e.shadowRoot, sel, out));
    return out;
  };
  const ready = () => {
    if (typeof Bokeh === 'undefined' || !Bokeh.documents.length) return false;
    const find = %s;
    const drawn = charts.every(name => {
      const [model, view] = find(name);
      return view && view.has_finished() && view.el.getBoundingClientRect().width > 100;
    });
    const written = new Set(deep(document, '.view-summary-text', [])
      .filter(e => e.textContent.trim()).map(e => e.dataset.view));
    if (!drawn || !summaries.every(name => written.has(name))) return false;
    if (!table) return true;
    const card = deep(document, '.view-contributions', [])[0];
    return card && card.shadowRoot && deep(card.shadowRoot, '.tabulator-row', []).length > 0;
  };
  const check = () => ready() ? resolve(performance.now()) : requestAnimationFrame(check);
  check();
})"""
    % FIND
)

# The first screen: the views at the top of the page (``dashboard.app.top_of_page``).
FIRST_SCREEN = [
    [name for name in CHARTS if name in top_of_page()],
    [name for name in SUMMARIES if name in top_of_page()],
    False,
]


def first_render(page: Page, url: str) -> tuple[float, float]:
    """Milliseconds from navigation start until the first screen is drawn (its charts,
    summaries and headline), and until the whole page is."""
    page.goto(url, wait_until="domcontentloaded")
    first_screen = page.evaluate(DRAWN, FIRST_SCREEN)
    return first_screen, page.evaluate(DRAWN, [list(CHARTS), list(SUMMARIES), True])


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def change(
    page: Page, sector: str, quiet_ms: int, timeout_s: float = 30
) -> tuple[float, float, list[str]]:
    """Click a sector box. Returns ms from the click to the last repaint or chart
    (re)build anywhere on the page; ms until every view in the viewport that changed
    shows its new state (a card's drawn-state key, which comes with its data; the
    headline's numbers); and the names of those views."""
    box = page.locator(".filter-sectors").get_by_label(sector)
    before = page.evaluate(TEXTS)
    page.evaluate(WATCH, list(CHARTS))
    box.evaluate("(el) => { window.__t0 = performance.now(); el.click(); }")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        time.sleep(0.05)
        quiet = page.evaluate(
            f"() => window.__events > 0 && performance.now() - window.__last >= {quiet_ms}"
        )
        if not quiet:
            continue
        # Still, and both the headline and the table show the new state: done. (The
        # text is read only when the page is still, so reading it does not slow it.)
        after = page.evaluate(TEXTS)
        if after["headline"] != before["headline"] and after["table"] != before["table"]:
            page_ms, views = page.evaluate(
                "() => { window.__generation += 1;"
                " return [window.__last - window.__t0, window.__viewport]; }"
            )
            changed = max((at for _, at in views), default=None)  # None: none visible changed
            viewport_ms = page_ms if changed is None else changed - page.evaluate("window.__t0")
            return page_ms, viewport_ms, sorted(name for name, _ in views)
    raise TimeoutError(f"the page did not show the change after ticking {sector!r}")


def new_page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, reduced_motion="reduce")
    context.set_default_timeout(WAIT_MS)  # a loaded machine: pages took 20-30 s to build
    context.set_default_navigation_timeout(WAIT_MS)
    return context.new_page()


def measure(
    browser, urls: dict[str, str], changes: int, loads: int, quiet_ms: int, timeout_s: float
) -> dict:
    """The apps turn by turn (A, B, C, A, B, C...), so a load on the machine hits all alike."""
    results = {
        name: {
            "first_screen_ms": [],
            "first_render_ms": [],
            "update_ms": [],
            "viewport_update_ms": [],
        }
        for name in urls
    }
    for _ in range(loads):
        for name, url in urls.items():
            page = new_page(browser)
            first_screen, whole = first_render(page, url)
            results[name]["first_screen_ms"].append(first_screen)
            results[name]["first_render_ms"].append(whole)
            log(f"  {name}: first screen {first_screen:.0f} ms, whole page {whole:.0f} ms")
            page.context.close()
    pages = {name: new_page(browser) for name in urls}
    for name, page in pages.items():
        page.goto(urls[name])
        wait_until_drawn(page)
    for i in range(changes):
        sector = SECTORS[(i // 2) % len(SECTORS)]  # tick, untick, next sector...
        for name, page in pages.items():
            whole, viewport, views = change(page, sector, quiet_ms, timeout_s)
            results[name]["update_ms"].append(whole)
            results[name]["viewport_update_ms"].append(viewport)
            results[name]["viewport_views"] = views
            log(f"  {name}: ticked {sector!r}: viewport {viewport:.0f} ms, page {whole:.0f} ms")
    for page in pages.values():
        page.context.close()
    for result in results.values():
        result["first_screen_median_ms"] = statistics.median(result["first_screen_ms"])
        result["first_render_median_ms"] = statistics.median(result["first_render_ms"])
        result["update_median_ms"] = statistics.median(result["update_ms"])
        result["viewport_update_median_ms"] = statistics.median(result["viewport_update_ms"])
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument(
        "--quiet", type=int, default=600, help="ms without change that ends an update"
    )
    parser.add_argument("--db", type=Path, help="store to serve (default: a fresh build)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds for one change")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="browser-bench-"))
    db = args.db or work / "dialogues.duckdb"
    if not db.exists():
        build_store(db, get_settings().data_dir)
    log(f"store {db}; starting the servers")
    servers = {
        name: Server(app, db, work / f"{name}.log").wait()
        for name, app in (
            ("in_place", "dashboard/app.py"),
            ("holoviews", "benchmarks/holoviews_update_app.py"),
            ("rebuild", "benchmarks/rebuild_app.py"),
        )
    }
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_executable(playwright), args=LAUNCH_ARGS
            )
            log(", ".join(f"{name}: {server.url}" for name, server in servers.items()))
            results = measure(
                browser,
                {n: s.url for n, s in servers.items()},
                args.changes,
                args.loads,
                args.quiet,
                args.timeout,
            )
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    ratios = {
        name: results[name]["update_median_ms"] / results["in_place"]["update_median_ms"]
        for name in results
        if name != "in_place"
    }
    for name, result in results.items():
        print(
            f"{name:9s} first screen {result['first_screen_median_ms']:6.0f} ms, "
            f"whole page {result['first_render_median_ms']:6.0f} ms   "
            f"filter change: viewport {result['viewport_update_median_ms']:6.0f} ms, "
            f"page {result['update_median_ms']:6.0f} ms (medians of {len(result['update_ms'])})"
        )
    for name, ratio in ratios.items():
        print(f"{name} / in place (update): {ratio:.2f}x")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"browser_update-{stamp}.json").write_text(
        json.dumps(
            {"results": results, "ratios": ratios, "args": vars(args) | {"db": str(db)}},
            indent=2,
            default=str,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
