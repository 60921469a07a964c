"""The served dashboard in Chromium: it loads clean and offline, every view renders,
filters and clicks change the figures, links restore the state, downloads hold the rows
on screen."""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard import views
from dashboard.queries import Filters

from .dashboard_page import _DRAWN as DRAWN
from .dashboard_page import (
    CHARTS,
    click_chart,
    drawn_charts,
    headline,
    open_dashboard,
    summary,
    table_rows,
)

pytestmark = pytest.mark.browser
FIREARMS = views.session_label("Firearms", pd.Timestamp("2022-05-06"))


def participants(source, **filters) -> str:
    return f"{int(source.headline(Filters(**filters)).loc[0, 'participants']):,}"


def test_page_loads_every_view_offline_and_clean(page, server, source, screenshots):
    open_dashboard(page, server.url)
    assert sorted(drawn_charts(page)) == sorted(CHARTS)
    expect(headline(page, "participants")).to_have_text(participants(source))
    for key in (
        "organizations",
        "countries",
        "sessions",
        "non_governmental_share",
        "first_time_share",
        "women_share",
    ):
        expect(headline(page, key)).not_to_be_empty()
    expect(page.locator(".illustrative-banner")).to_contain_text("Illustrative sample data")
    expect(page.locator(".illustrative-banner")).to_contain_text("Firearms")
    expect(table_rows(page, "published_vs_recorded")).to_have_count(
        len(source.published_vs_recorded())
    )
    links = page.locator(".view-published-vs-recorded a[href^='https://']")
    expect(links.first).to_have_attribute("target", "_blank")
    expect(page.get_by_role("button", name="Clear all selections")).to_be_visible()
    page.locator(".view-contributions-over-time").get_by_text("By sector", exact=True).click()
    page.wait_for_function(
        f"(n) => ({DRAWN})(n).length === 1", arg=["contributions_over_time_sector"]
    )
    page.screenshot(path=screenshots / "dashboard-light.png", full_page=True)
    # The page fixture checks: no console error, no request to an outside host.


def test_dark_theme_from_the_link_and_the_toggle(page, server, screenshots):
    open_dashboard(page, server.url, "theme=dark")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    page.screenshot(path=screenshots / "dashboard-dark.png", full_page=True)
    page.get_by_role("button", name="Light theme").click()
    page.wait_for_url(re.compile(r"^(?!.*theme=dark)"))
    expect(page.locator("html")).not_to_have_attribute("data-bs-theme", "dark")


def test_changing_a_filter_changes_the_figures(page, server, source):
    open_dashboard(page, server.url)
    topics_before = summary(page, "topics_per_session").inner_text()
    page.get_by_role("button", name="Registrations").click()
    expect(headline(page, "participants")).to_have_text(participants(source, count="registered"))
    page.locator(".filter-sectors").get_by_text("Academia", exact=True).click()
    expect(headline(page, "participants")).to_have_text(
        participants(source, count="registered", sectors=("Academia",))
    )
    expect(summary(page, "topics_per_session")).not_to_have_text(topics_before)
    expect(page).to_have_url(re.compile(r"sectors=Academia.*count=registered"))


def test_a_copied_link_restores_the_same_view(page, server, source):
    open_dashboard(page, server.url)
    page.locator(".filter-sectors").get_by_text("NGO / civil society", exact=True).click()
    page.get_by_role("button", name="Registrations").click()
    expect(page).to_have_url(re.compile(r"count=registered"))
    link = page.url
    shown = headline(page, "participants").inner_text()
    selection = page.locator(".selection-text").inner_text()
    fresh = page.context.new_page()
    open_dashboard(fresh, link)
    expect(headline(fresh, "participants")).to_have_text(shown)
    expect(fresh.locator(".selection-text")).to_have_text(selection)
    checkbox = fresh.locator(".filter-sectors").get_by_label("NGO / civil society")
    expect(checkbox).to_be_checked()
    assert shown == participants(source, count="registered", sectors=("NGO / civil society",))
    fresh.close()


def test_unknown_and_malformed_link_values_give_a_notice_not_an_error(page, server, source):
    open_dashboard(page, server.url, "sectors=Nope,Academia&colour=red&count=sideways&shares=maybe")
    notice = page.locator(".url-notices")
    expect(notice).to_be_visible()
    for text in ("Nope", "colour", "sideways", "maybe"):
        expect(notice).to_contain_text(text)
    expect(headline(page, "participants")).to_have_text(participants(source, sectors=("Academia",)))


def test_clicking_a_bar_filters_the_other_views(page, server, source):
    open_dashboard(page, server.url)
    attendance = summary(page, "attendance_by_sector").inner_text()
    click_chart(page, "attendance_by_sector", FIREARMS, 5)  # the bottom segment: Government
    expect(page).to_have_url(re.compile(r"sectors=Government"))
    expect(headline(page, "participants")).to_have_text(
        participants(source, sectors=("Government",))
    )
    contributions = source.contributions(Filters(sectors=("Government",)))
    expect(summary(page, "contributions")).to_contain_text(f"{len(contributions)} contribution")
    expect(summary(page, "attendance_by_sector")).to_have_text(attendance)  # not self-filtered
    click_chart(page, "topics_per_session", FIREARMS, "Data availability")
    expect(page).to_have_url(re.compile(r"topics=data-availability"))
    click_chart(page, "funnel", FIREARMS, 10)
    expect(page).to_have_url(re.compile(r"sessions=CD-2022-FA"))
    expect(headline(page, "sessions")).to_have_text("1")
    page.get_by_role("button", name="Clear all selections").click()
    expect(headline(page, "participants")).to_have_text(participants(source))
    expect(page.locator(".selection-text")).to_contain_text("Everything")


def test_download_returns_the_filtered_rows(page, server, source):
    open_dashboard(page, server.url, "sectors=NGO%20%2F%20civil%20society")
    search = page.locator(".contributions-search input")
    search.fill("victim")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"search=victim"))
    filters = Filters(sectors=("NGO / civil society",))
    want = views.contributions(source.contributions(filters), search="victim").frame
    assert 0 < len(want) < len(source.contributions())
    expect(summary(page, "contributions")).to_contain_text(f"{len(want)} contribution")
    with page.expect_download() as csv_download:
        page.locator(".download-csv").get_by_role("button").click()
    rows = pd.read_csv(csv_download.value.path(), encoding="utf-8-sig")
    assert sorted(rows["ID"]) == sorted(want["ID"])
    assert list(rows.columns) == list(want.columns)
    with page.expect_download() as xlsx_download:
        page.locator(".download-xlsx").get_by_role("button").click()
    # The download's path has no suffix, which openpyxl refuses as a file name.
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes())).active
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(ids) == sorted(want["ID"])


def test_the_back_button_returns_to_the_previous_view(page, server, source):
    open_dashboard(page, server.url)
    page.locator(".filter-sectors").get_by_text("Academia", exact=True).click()
    expect(headline(page, "participants")).to_have_text(participants(source, sectors=("Academia",)))
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"sectors="))
    expect(headline(page, "participants")).to_have_text(participants(source))
    expect(page.locator(".filter-sectors").get_by_label("Academia")).not_to_be_checked()
