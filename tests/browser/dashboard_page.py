"""How the browser tests (and the benchmark) read and drive the dashboard page.

Text is read with locators, which pierce Panel's shadow roots. Charts are clicked at the
screen position of a data point, computed by Bokeh itself (the figure's scales), so a
test clicks "the Government segment of the Firearms bar", not a pixel guess.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from dashboard import registry

# The charts on screen when the page opens, and the cards with a summary: from the
# questions on the page (dashboard.registry).
CHARTS = tuple(
    name
    for question in registry.on_page()
    for name in getattr(question.component_class, "charts", tuple)()
)
SUMMARIES = tuple(q.name for q in registry.on_page() if q.place != "banner")

# The live Bokeh figure named `name` and its view. (A page that replaces figures may
# still hold the old model for a while: take the one that is on screen.)
FIND = """(name) => {
  const models = [...Bokeh.documents[0]._all_models.values()].filter(m => m.name === name);
  for (const model of models.reverse()) {
    const view = Bokeh.index.find_one(model);
    if (view) return [model, view];
  }
  return [null, null];
}"""
# Screen position of data point (x, y) in the Bokeh figure named `name`.
_POSITION = (
    """([name, x, y]) => {
  const [model, view] = (%s)(name);
  const box = view.canvas_view.el.getBoundingClientRect();
  return {x: box.left + view.frame.x_scale.compute(x),
          y: box.top + view.frame.y_scale.compute(y)};
}"""
    % FIND
)
# Names of the figures that Bokeh has drawn with a non-empty canvas.
_DRAWN = (
    """(names) => names.filter(name => {
  if (typeof Bokeh === 'undefined' || !Bokeh.documents.length) return false;
  const [model, view] = (%s)(name);
  return view && view.has_finished() && view.canvas_view.el.getBoundingClientRect().width > 100;
})"""
    % FIND
)


def headline(page: Page, key: str):
    return page.locator(f'.headline-value[data-key="{key}"]')


def summary(page: Page, question: str):
    return page.locator(f'.view-summary-text[data-view="{question}"]')


def table_rows(page: Page, view: str):
    return page.locator(f".view-{view.replace('_', '-')} .tabulator-row")


def open_dashboard(page: Page, url: str, query: str = "") -> None:
    page.goto(url + (("?" + query.lstrip("?")) if query else ""))
    wait_until_drawn(page)


def wait_until_drawn(page: Page, timeout: float = 30_000) -> None:
    """Every summary has text, every chart is drawn and the contributions table has rows."""
    for question in SUMMARIES:
        expect(summary(page, question)).not_to_be_empty(timeout=timeout)
    page.wait_for_function(
        f"(n) => ({_DRAWN})(n).length === n.length", arg=list(CHARTS), timeout=timeout
    )
    expect(table_rows(page, "contributions").first).to_be_visible(timeout=timeout)


def wait_until_idle(page: Page, timeout: float = 20_000) -> None:
    """No component shows its loading spinner."""
    expect(page.locator(".pn-loading")).to_have_count(0, timeout=timeout)


def drawn_charts(page: Page) -> list[str]:
    return page.evaluate(_DRAWN, list(CHARTS))


def click_chart(page: Page, name: str, x, y) -> None:
    """Click the point (x, y), in data coordinates, of the chart named ``name``.

    Waits until no view is loading (a loading view is covered by its spinner), then
    reads the position until it holds still (scrolling may be animated).
    """
    wait_until_idle(page)
    page.locator(f".view-{name.replace('_', '-')}").first.scroll_into_view_if_needed()
    point, previous = page.evaluate(_POSITION, [name, x, y]), None
    for _ in range(50):
        if point == previous:
            break
        page.wait_for_timeout(50)
        previous, point = point, page.evaluate(_POSITION, [name, x, y])
    page.mouse.click(point["x"], point["y"])
