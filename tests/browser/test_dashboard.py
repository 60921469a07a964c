"""The served dashboard in Chromium: it loads clean and offline, every view shows the data
of the state on screen, filters and clicks change it, links restore it, downloads hold
the rows on screen.

After each action a test names the state it expects and ``shows`` waits until every card
says it has drawn that state, then compares every chart's and table's Bokeh data source
and every headline number with the store's answer for that state.
"""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from dashboard import registry, views
from dashboard.components.tables import PAGE_SIZE
from dashboard.state import DashboardState

from . import expected
from .dashboard_page import (
    CHARTS,
    TABLES,
    chart_rows,
    click_chart,
    drawn_charts,
    headline,
    open_dashboard,
    running_totals,
    table_data,
    wait_for_charts,
    wait_for_state,
    wait_until_drawn,
)

pytestmark = pytest.mark.browser
FIREARMS = views.session_label("Firearms", pd.Timestamp("2022-05-06"))
NGOS = "NGO / civil society"


def state_of(source, **values) -> DashboardState:
    """The dashboard state a test expects on screen."""
    return DashboardState(source.options(), **values)


def link(server, state: DashboardState) -> str:
    """The page's address for ``state`` (what Copy link gives)."""
    query = state.to_query_string()
    return server.url + (f"?{query}" if query else "")


def shows(page: Page, source, state: DashboardState, charts=CHARTS) -> None:
    """Every view on the page shows the store's data for ``state``."""
    wait_for_state(page, state)
    for name in charts:
        want, got = expected.chart(name)(source, state), chart_rows(page, name)
        if name.startswith("contributions_over_time_"):
            got = running_totals(got, next(iter(want.values()), {}).keys())
        assert got == want, f"{name} does not show the data of {state.to_query_string()!r}"
    for question in TABLES:  # the first page: the server sends the browser one at a time
        want = expected.table(source, state, question).head(PAGE_SIZE)
        got = table_data(page, question, want.columns)
        assert got == expected.records(want), f"the {question} table's rows differ"
    for key, text in expected.headline(source, state).items():
        expect(headline(page, key)).to_have_text(text)


# Each view's spinner: its holder's opacity and the circle's animation state.
SPINNERS = """() => {
  const found = [];
  const walk = (root) => root.querySelectorAll('*').forEach((e) => {
    if (e.shadowRoot) {
      const circle = e.shadowRoot.querySelector('.view-spinner');
      const turning = circle && getComputedStyle(circle).animationPlayState;
      if (circle) found.push([getComputedStyle(e).opacity, turning]);
      walk(e.shadowRoot);
    }
  });
  walk(document);
  return found;
}"""


def test_page_loads_every_view_offline_and_clean(page, server, source, screenshots):
    open_dashboard(page, server.url)
    assert sorted(drawn_charts(page)) == sorted(CHARTS)
    everything = state_of(source)
    shows(page, source, everything)
    assert len(expected.table(source, everything, "contributions")) > 10  # a real table
    expect(page.locator(".illustrative-banner")).to_contain_text("Illustrative sample data")
    expect(page.locator(".illustrative-banner")).to_contain_text("Firearms")
    links = page.locator(".view-published-vs-recorded a[href^='https://']")
    expect(links.first).to_have_attribute("target", "_blank")
    expect(page.get_by_role("button", name="Clear all selections")).to_be_visible()
    page.locator(".view-contributions-over-time").get_by_text("By sector", exact=True).click()
    wait_for_charts(page, ["contributions_over_time_sector"])
    shows(page, source, everything, charts=["contributions_over_time_sector"])
    page.screenshot(path=screenshots / "dashboard-light.png", full_page=True)
    # Every view drawn: each spinner hidden and not turning (unseen turning kept the
    # browser redrawing every frame).
    spinners = page.evaluate(SPINNERS)
    assert len(spinners) == len(registry.on_page()) - 1, spinners  # each card; no banner
    assert all(state == ["0", "paused"] for state in spinners), spinners
    # The page fixture checks: no console error, no request to an outside host.


def test_dark_theme_from_the_link_and_the_toggle(page, server, screenshots):
    open_dashboard(page, server.url, "theme=dark")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    page.screenshot(path=screenshots / "dashboard-dark.png", full_page=True)
    page.get_by_role("button", name="Light theme").click()
    page.wait_for_url(re.compile(r"^(?!.*theme=dark)"))
    wait_until_drawn(page)  # closing a page mid-load makes the server log a traceback
    expect(page.locator("html")).not_to_have_attribute("data-bs-theme", "dark")


def test_changing_a_filter_changes_every_view(page, server, source):
    open_dashboard(page, server.url)
    page.get_by_role("button", name="Registrations").click()
    registered = state_of(source, count="registered")
    shows(page, source, registered)
    page.locator(".filter-sectors").get_by_text("Academia", exact=True).click()
    academia = state_of(source, count="registered", sectors=["Academia"])
    shows(page, source, academia)
    expect(page).to_have_url(link(server, academia))
    assert expected.headline(source, academia) != expected.headline(source, registered)


# Records the page's reads of Bokeh's --bk-* CSS variables from now on.
COUNT_CSS_READS = """() => {
  window.__bk_reads = [];
  const read = CSSStyleDeclaration.prototype.getPropertyValue;
  CSSStyleDeclaration.prototype.getPropertyValue = function (name) {
    if (String(name).startsWith('--bk-')) window.__bk_reads.push(String(name));
    return read.call(this, name);
  };
}"""


def test_charts_redrawn_after_a_change_do_not_read_colours_from_the_css_again(page, server, source):
    """``dashboard/components/paint.py``: without it, every chart's repaint reads each
    colour through the CSS cascade (about 2,600 reads for this change, each able to
    force a style recalculation); with it, a name not read before is read once, and the
    views still show the right data."""
    open_dashboard(page, server.url)
    page.evaluate(COUNT_CSS_READS)
    page.locator(".filter-sectors").get_by_text(NGOS, exact=True).click()
    shows(page, source, state_of(source, sectors=[NGOS]))
    reads = page.evaluate("window.__bk_reads")
    assert len(reads) == len(set(reads)) < 20, (
        f"charts read --bk-* CSS variables {len(reads)} times: has Bokeh renamed the "
        "internals dashboard/components/paint.py patches (or fixed bokeh/bokeh#15286)?"
    )


# Counts writes of a <style> element's text that leave it as it was, from now on.
COUNT_SAME_STYLE_WRITES = """() => {
  window.__same_style_writes = 0;
  const text = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent');
  Object.defineProperty(HTMLStyleElement.prototype, 'textContent', {
    configurable: true,
    get() { return text.get.call(this); },
    set(value) {
      if (text.get.call(this) === String(value)) window.__same_style_writes++;
      text.set.call(this, value);
    },
  });
}"""


def test_charts_redrawn_after_a_change_leave_unchanged_stylesheets_unwritten(page, server, source):
    """``dashboard/components/paint.py``: without it, BokehJS rewrites about 150 inline
    stylesheets with the text they already have during this change, each write making
    the browser recompute the page's style; with it, none."""
    open_dashboard(page, server.url)
    page.evaluate(COUNT_SAME_STYLE_WRITES)
    page.locator(".filter-sectors").get_by_text(NGOS, exact=True).click()
    shows(page, source, state_of(source, sectors=[NGOS]))
    writes = page.evaluate("window.__same_style_writes")
    assert writes == 0, (
        f"{writes} stylesheets were rewritten with the same text: has Bokeh renamed the "
        "internals dashboard/components/paint.py patches?"
    )


def test_the_shares_switch_and_the_places_level_redraw_their_charts(page, server, source):
    open_dashboard(page, server.url)
    switch = page.locator(".shares-control").get_by_role("switch")
    switch.click()
    expect(switch).to_have_attribute("aria-checked", "true")
    shares = state_of(source, shares=True)
    shows(page, source, shares)
    page.locator(".area-level").get_by_role("button", name="Country", exact=True).click()
    countries = state_of(source, shares=True, area_level="country")
    shows(page, source, countries)
    expect(page).to_have_url(link(server, countries))


def test_a_copied_link_restores_the_same_view(page, server, source):
    open_dashboard(page, server.url)
    page.locator(".filter-sectors").get_by_text(NGOS, exact=True).click()
    page.get_by_role("button", name="Registrations").click()
    chosen = state_of(source, sectors=[NGOS], count="registered")
    shows(page, source, chosen)
    expect(page).to_have_url(link(server, chosen))
    selection = page.locator(".selection-text").inner_text()
    fresh = page.context.new_page()
    open_dashboard(fresh, page.url)
    shows(fresh, source, chosen)
    expect(fresh.locator(".selection-text")).to_have_text(selection)
    expect(fresh.locator(".filter-sectors").get_by_label(NGOS)).to_be_checked()
    expect(fresh.get_by_role("button", name="Registrations")).to_have_class(re.compile("active"))
    fresh.close()


def test_unknown_and_malformed_link_values_give_a_notice_not_an_error(page, server, source):
    open_dashboard(page, server.url, "sectors=Nope,Academia&colour=red&count=sideways&shares=maybe")
    notice = page.locator(".url-notices")
    expect(notice).to_be_visible()
    for text in ("Nope", "colour", "sideways", "maybe"):
        expect(notice).to_contain_text(text)
    shows(page, source, state_of(source, sectors=["Academia"]))


def test_clicking_a_bar_filters_the_other_views(page, server, source):
    open_dashboard(page, server.url)
    everything = state_of(source)
    click_chart(page, everything, "attendance_by_sector", FIREARMS, 5)  # bottom: Government
    government = state_of(source, sectors=["Government"])
    shows(page, source, government)  # the bar chart itself is not filtered by its selection
    expect(page).to_have_url(link(server, government))
    click_chart(page, government, "topics_per_session", FIREARMS, "Data availability")
    topic = state_of(source, sectors=["Government"], topics=["data-availability"])
    shows(page, source, topic)
    click_chart(page, topic, "funnel", FIREARMS, 10)
    session = state_of(
        source, sessions=["CD-2022-FA"], sectors=["Government"], topics=["data-availability"]
    )
    shows(page, source, session)
    expect(page).to_have_url(link(server, session))
    expect(headline(page, "sessions")).to_have_text("1")
    page.get_by_role("button", name="Clear all selections").click()
    shows(page, source, everything)
    expect(page.locator(".selection-text")).to_contain_text("Everything")


def test_download_returns_the_filtered_rows(page, server, source):
    open_dashboard(page, server.url, "sectors=NGO%20%2F%20civil%20society")
    search = page.locator(".contributions-search input")
    search.fill("victim")
    search.press("Enter")
    searched = state_of(source, sectors=[NGOS], search="victim")
    shows(page, source, searched)
    expect(page).to_have_url(link(server, searched))
    want = expected.table(source, searched, "contributions")
    assert 0 < len(want) < len(expected.table(source, state_of(source), "contributions"))
    with page.expect_download() as csv_download:
        page.locator(".download-csv").get_by_role("button").click()
    rows = pd.read_csv(csv_download.value.path(), encoding="utf-8-sig")
    assert list(rows["ID"]) == list(want["ID"])
    assert list(rows.columns) == list(want.columns)
    with page.expect_download() as xlsx_download:
        page.locator(".download-xlsx").get_by_role("button").click()
    book = io.BytesIO(xlsx_download.value.path().read_bytes())  # the path has no suffix
    sheet = openpyxl.load_workbook(book).active
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == list(want["ID"])


def test_the_back_button_returns_to_the_previous_view(page, server, source):
    open_dashboard(page, server.url)
    page.locator(".filter-sectors").get_by_text("Academia", exact=True).click()
    academia = state_of(source, sectors=["Academia"])
    shows(page, source, academia)
    expect(page).to_have_url(link(server, academia))
    page.go_back()
    expect(page).to_have_url(server.url)
    shows(page, source, state_of(source))
    expect(page.locator(".filter-sectors").get_by_label("Academia")).not_to_be_checked()
