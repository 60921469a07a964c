"""The views below the first screen come after the browser's first paint
(``dashboard.components.first_paint``): a page has every view once drawn, and a filter
ticked as soon as the first screen shows is what every view draws, the ones that came
later too."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .dashboard_page import wait_for_state, wait_until_drawn
from .test_dashboard import shows, state_of

pytestmark = pytest.mark.browser


def test_a_filter_ticked_as_soon_as_the_page_shows_is_drawn_by_every_view(page, server, source):
    page.goto(server.url, wait_until="domcontentloaded")
    page.locator(".filter-regions").get_by_text("Oceania", exact=True).click()  # at once
    state = state_of(source, regions=["Oceania"])
    wait_for_state(page, state)
    wait_until_drawn(page)
    expect(page.locator(".view-drawing")).to_have_count(0)  # no card still waiting
    shows(page, source, state)
