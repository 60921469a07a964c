"""How the browser tests (and the benchmark) read and drive the dashboard page.

Every card's summary carries ``data-state``: the key of the state the card has drawn
(``ViewComponent.state_key``), sent in the same message as the card's new data. After an
action a test waits until every card shows the key of the state it expects
(``wait_for_state``), then reads: charts and tables from their Bokeh data sources in
``Bokeh.documents[0]`` (the model holds the data the moment the message is applied),
numbers from the page with polling ``expect`` checks. Never a fixed wait; every wait is
bounded by ``conftest.WAIT_MS``.

Text is read with locators, which pierce Panel's shadow roots. Charts are clicked at the
screen position of a data point, computed by Bokeh itself (the figure's scales), so a
test clicks "the Government segment of the Firearms bar", not a pixel guess.
"""

from __future__ import annotations

import pandas as pd
from playwright.sync_api import Page, expect

from dashboard import components, registry
from dashboard.components.tables import TableComponent
from dashboard.state import DashboardState

from .expected import plain, records

# The charts on screen when the page opens, and the cards with a summary: from the
# questions on the page (dashboard.registry).
CHARTS = tuple(
    name
    for question in registry.on_page()
    for name in getattr(question.component_class, "charts", tuple)()
)
SUMMARIES = tuple(q.name for q in registry.on_page() if q.place != "banner")

TABLES = tuple(q.name for q in registry.on_page() if issubclass(q.component_class, TableComponent))

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
# A data source's columns as plain arrays.
_COLUMNS = """(source) => {
  const data = source.data instanceof Map ? Object.fromEntries(source.data) : source.data;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Array.from(v)]));
}"""
# The columns of every renderer of the figure named `name` (null: no such figure).
_CHART_DATA = """(name) => {
  const [model, view] = (%s)(name);
  return model ? model.renderers.map(r => (%s)(r.data_source)) : null;
}""" % (FIND, _COLUMNS)
# The columns of the Tabulator inside the card of `question` (null: none on screen).
_TABLE_DATA = (
    """(question) => {
  const card = 'view-' + question.replaceAll('_', '-');
  const inCard = (view) => {
    for (let v = view; v; v = v.parent) {
      if ((v.model.css_classes || []).includes(card)) return true;
    }
    return false;
  };
  for (const model of Bokeh.documents[0]._all_models.values()) {
    if (model.constructor.__name__ !== 'DataTabulator') continue;
    const view = Bokeh.index.find_one(model);
    if (view && inCard(view)) return (%s)(model.source);
  }
  return null;
}"""
    % _COLUMNS
)
# Screen position of data point (x, y) in the Bokeh figure named `name`, once it holds
# still from one animation frame to the next (a scroll may still be moving the page).
_POSITION = (
    """async ([name, x, y]) => {
  const at = () => {
    const [model, view] = (%s)(name);
    const box = view.canvas_view.el.getBoundingClientRect();
    return {x: box.left + view.frame.x_scale.compute(x),
            y: box.top + view.frame.y_scale.compute(y)};
  };
  let point = at();
  for (let i = 0; i < 100; i++) {
    await new Promise(resolve => requestAnimationFrame(resolve));
    const next = at();
    if (next.x === point.x && next.y === point.y) return point;
    point = next;
  }
  return point;
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


def title(page: Page, question: str):
    return page.locator(f'.view-title[data-view="{question}"]')


def hint(page: Page, question: str):
    return page.locator(f".view-{question.replace('_', '-')} .view-hint").first


def table_rows(page: Page, view: str):
    return page.locator(f".view-{view.replace('_', '-')} .tabulator-row")


def open_dashboard(page: Page, url: str, query: str = "") -> None:
    page.goto(url + (("?" + query.lstrip("?")) if query else ""))
    wait_until_drawn(page)


def wait_until_drawn(page: Page) -> None:
    """Every summary has text, every chart is drawn and the contributions table has rows."""
    for question in SUMMARIES:
        expect(summary(page, question)).not_to_be_empty()
    wait_for_charts(page, CHARTS)
    expect(table_rows(page, "contributions").first).to_be_visible()


def wait_for_state(page: Page, state: DashboardState) -> None:
    """Wait until every card has drawn ``state`` (its summary shows the state's key)."""
    for question in SUMMARIES:
        key = components.component(question).state_key(state)
        expect(summary(page, question)).to_have_attribute("data-state", key)


def drawn_charts(page: Page) -> list[str]:
    return page.evaluate(_DRAWN, list(CHARTS))


def _renderers(page: Page, name: str) -> list[dict[str, list]]:
    found = page.evaluate(_CHART_DATA, name)
    assert found is not None, f"no chart named {name} on the page"
    return found


def _rows(columns: dict[str, list], *names: str) -> list[tuple]:
    return list(zip(*(map(plain, columns[n]) for n in names)))


# The columns each chart's rows are read by (``chart_rows``), in the order of the rows
# ``expected.CHARTS[name]`` gives: one entry per chart on the page (the contributions
# lines are read by ``running_totals``); ``tests/test_browser_expectations.py`` checks it.
CHART_COLUMNS: dict[str, tuple[str, ...]] = {
    "attendance_by_sector": ("session_id", "sector", "participants", "value"),
    "funnel": ("session_id", "stage", "people"),
    "returning_participants": ("session_id", "group", "people"),
    "participants_by_area": ("area", "participants", "organizations"),
    "topics_per_session": ("session_label", "topic_id", "zvalues"),
}


def chart_rows(page: Page, name: str) -> list[tuple] | dict:
    """What the chart ``name`` holds, in the shape ``expected.CHARTS[name]`` returns."""
    renderers = _renderers(page, name)
    if name.startswith("contributions_over_time_"):
        by = name.rsplit("_", 1)[1]
        return {r[by][0]: _rows(r, "date", "cumulative") for r in renderers if r.get(by)}
    assert name in CHART_COLUMNS, (
        f"no columns to read the {name} chart by: add {name!r} to CHART_COLUMNS in "
        "tests/browser/dashboard_page.py (and its rows to CHARTS in tests/browser/expected.py)"
    )
    columns = CHART_COLUMNS[name]
    rows = [row for r in renderers if set(columns) <= set(r) for row in _rows(r, *columns)]
    return sorted(row for row in rows if row[-1] is not None)  # a heat map's empty cells


def running_totals(lines: dict[str, list[tuple]], dates) -> dict[str, dict]:
    """Each step line's value on each date (its last point on or before the date); lines
    that stay at 0 left out."""
    totals = {
        key: {d: max((y for x, y in points if x <= d), default=0) for d in dates}
        for key, points in lines.items()
    }
    return {key: values for key, values in totals.items() if any(values.values())}


def table_data(page: Page, question: str, columns) -> list[dict]:
    """The rows of the card's table, in order, as held by its data source."""
    found = page.evaluate(_TABLE_DATA, question)
    assert found is not None, f"no table in the {question} card"
    return records(pd.DataFrame({c: found[c] for c in columns}))


def wait_for_charts(page: Page, names) -> None:
    """Wait until Bokeh has drawn each chart in ``names`` on the page."""
    page.wait_for_function(f"(n) => ({_DRAWN})(n).length === n.length", arg=list(names))


def click_chart(page: Page, state: DashboardState, name: str, x, y) -> None:
    """Click the point (x, y), in data coordinates, of the chart named ``name``, once
    every view has drawn ``state`` (the chart's axes are then those of that state)."""
    wait_for_state(page, state)
    page.locator(f".view-{name.replace('_', '-')}").first.scroll_into_view_if_needed()
    point = page.evaluate(_POSITION, [name, x, y])
    page.mouse.click(point["x"], point["y"])
