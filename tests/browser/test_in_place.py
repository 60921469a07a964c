"""Charts updated in place have the axes of the same view opened fresh: after each change
the page's every chart range (categorical factors, or start and end) is read from its
Bokeh model and compared with a new page opened on the link of that state."""

from __future__ import annotations

import pytest

from .conftest import WAIT_MS
from .dashboard_page import CHARTS, FIND, open_dashboard, wait_for_state
from .test_dashboard import link, state_of

pytestmark = pytest.mark.browser

# Each chart's x and y range as the browser holds them: factors, or [start, end].
RANGES = (
    """(names) => Object.fromEntries(names.map(name => {
  const [model] = (%s)(name);
  const extent = (r) => r.factors ? Array.from(r.factors).map(String) : [r.start, r.end];
  return [name, model ? [extent(model.x_range), extent(model.y_range)] : null];
}))"""
    % FIND
)


def ranges(page) -> dict:
    found = page.evaluate(RANGES, list(CHARTS))
    assert all(found.values()), f"charts missing on the page: {found}"
    return found


def test_axes_after_a_change_equal_the_same_link_opened_fresh(page, server, source, chromium):
    open_dashboard(page, server.url)
    everything = ranges(page)
    context = chromium.new_context(viewport={"width": 1500, "height": 1100})
    context.set_default_timeout(WAIT_MS)  # every wait bounded as the `page` fixture's
    context.set_default_navigation_timeout(WAIT_MS)
    fresh = context.new_page()
    changes = (
        (page.locator(".filter-regions").get_by_text("Oceania", exact=True), {}),
        (page.get_by_role("button", name="Registrations"), {"count": "registered"}),
    )
    for control, values in changes:
        control.click()
        state = state_of(source, regions=["Oceania"], **values)
        wait_for_state(page, state)
        in_place = ranges(page)
        open_dashboard(fresh, link(server, state))
        assert in_place == ranges(fresh), f"axes differ from a fresh page at {link(server, state)}"
        # The bug this guards: "Contributions over the series" kept its 0-50 axis.
        kind = "contributions_over_time_kind"
        assert in_place[kind][1][1] < everything[kind][1][1] / 5
    context.close()
