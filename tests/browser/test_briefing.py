"""Briefings in Chromium: the offline HTML pack with the network blocked, the presenter
view opened from a dashboard link and driven by keyboard at projector and laptop sizes,
the dashboard's "Download briefing", and the print stylesheet."""

from __future__ import annotations

import itertools
import re
from urllib.parse import urlsplit

import openpyxl
import pytest
from pypdf import PdfReader

import dashboard
from dashboard.export import build_briefing

from .conftest import Recorder
from .dashboard_page import open_dashboard

pytestmark = pytest.mark.browser
QUERY = "sessions=CD-2022-FA,CD-2022-SOM&area_level=country"
SIZES = {"projector": (1920, 1080), "laptop": (1366, 768)}
MIN_PX = 18

# Bokeh figures named "chart" that Bokeh has drawn.
DRAWN_CHARTS = """() => [...Bokeh.documents[0]._all_models.values()]
  .filter(m => m.name === 'chart')
  .map(m => Bokeh.index.find_one(m))
  .filter(v => v && v.has_finished() && v.canvas_view.el.getBoundingClientRect().width > 100)
  .length"""
# Visible text (in the page and every shadow root) set in a font under the minimum.
SMALL_TEXT = """(least) => {
  const small = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      const box = el.getBoundingClientRect();
      if (!own || box.width === 0 || box.height === 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < least) small.push(el.textContent.trim().slice(0, 40) + ' ' + size);
    }
  };
  walk(document);
  return small;
}"""
# Text the charts draw on their canvas, set in a font under the minimum.
SMALL_CANVAS_TEXT = """(least) => {
  const px = (v) => parseFloat(typeof v === 'object' && v !== null ? v.value : v);
  const small = [];
  for (const m of Bokeh.documents[0]._all_models.values()) {
    const sizes = [];
    const kind = m.type || m.constructor.__name__;
    if (kind === 'Title' && m.text) sizes.push(m.text_font_size);
    if (kind.endsWith('Axis')) sizes.push(m.major_label_text_font_size,
                                          m.axis_label ? m.axis_label_text_font_size : '99px');
    if (kind === 'Legend') sizes.push(m.label_text_font_size);
    if (kind === 'Text') sizes.push(m.text_font_size);
    for (const s of sizes) if (px(s) < least) small.push(kind + ' ' + JSON.stringify(s));
  }
  return small;
}"""
# The shown slide's parts (heading, chart, footer): their boxes, top to bottom.
SLIDE_PARTS = """() => {
  const slides = [...Bokeh.documents[0]._all_models.values()]
    .filter(m => m.name && m.name.startsWith('slide-') && m.visible);
  const view = Bokeh.index.find_one(slides[0]);
  return view.child_views.map(v => {
    const r = v.el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
            overflow: v.el.scrollHeight - v.el.clientHeight};
  });
}"""


def _slide(page, number: int) -> None:
    page.wait_for_function(
        "(n) => document.body && document.body.dataset.slide === String(n)", arg=number
    )


def test_html_pack_opens_offline_and_draws_every_chart(chromium, store_path, tmp_path):
    d = dashboard.open(store_path)
    d.apply_url(QUERY)
    out = d.export("html", tmp_path / "briefing.html")
    charts = sum(s.chart.kind != "figures" for s in build_briefing(d).slides)
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    blocked: list[str] = []

    def only_the_file(route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:  # the network is "down": any other request is refused, and recorded
            blocked.append(url)
            route.abort()

    context.route("**/*", only_the_file)
    page = context.new_page()
    recorder = Recorder(page)
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    try:
        page.goto(out.as_uri())
        page.wait_for_function(f"() => ({DRAWN_CHARTS})() === {charts}", timeout=30_000)
        assert page.locator("h1").first.inner_text() == build_briefing(d).title
        assert page.get_by_text("Counts of fewer than 5 people").count() >= 1
        assert page.get_by_text("<5", exact=True).count() >= 1  # suppressed in the tables
        assert blocked == []  # every request but the file's own was refused: none was made
        assert failed == [] and recorder.console_errors == []
    finally:
        context.close()


def test_present_opens_the_presenter_on_the_dashboard_state(page, server):
    open_dashboard(page, server.url, QUERY)
    with page.expect_popup() as opened:
        page.locator(".present-briefing button").click()
    presenter = opened.value
    recorder = Recorder(presenter)
    _slide(presenter, 1)
    assert urlsplit(presenter.url).path == "/briefing"
    assert "sessions=CD-2022-FA%2CCD-2022-SOM" in presenter.url or QUERY in presenter.url
    cover = presenter.locator(".cover")
    assert "6 May 2022 · Firearms" in cover.inner_text()
    keys = [("ArrowRight", 2), ("ArrowRight", 3), ("End", 9), ("ArrowRight", 9)]
    keys += [("ArrowLeft", 8), ("Home", 1), ("ArrowLeft", 1), ("PageDown", 2)]
    for key, number in keys:
        presenter.keyboard.press(key)
        _slide(presenter, number)
    assert presenter.url.endswith("#2")
    assert presenter.locator(".heading").filter(has_text="Headline figures").is_visible()
    recorder.check()
    presenter.close()


def test_a_briefing_link_reopens_its_slide(page, server):
    page.goto(f"{server.url.rsplit('/', 1)[0]}/briefing?{QUERY}#3")
    _slide(page, 3)
    heading = page.locator(".heading").filter(has_text="Attendance by sector")
    assert heading.is_visible()
    assert page.locator(".finding").filter(has_text="largest sector").is_visible()


@pytest.mark.parametrize("size", SIZES)
def test_every_slide_is_readable_and_whole(chromium, server, screenshots, size):
    width, height = SIZES[size]
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    recorder = Recorder(page)
    try:
        page.goto(f"{server.url.rsplit('/', 1)[0]}/briefing?{QUERY}")
        _slide(page, 1)
        count = int(re.search(r"1/(\d+)", page.locator(".footer").first.inner_text()).group(1))
        assert count == 9
        for number in range(1, count + 1):
            if number > 1:
                page.keyboard.press("ArrowRight")
                _slide(page, number)
            page.wait_for_function(
                "() => [...Bokeh.documents[0]._all_models.values()].filter(m => m.name === "
                "'chart').map(m => Bokeh.index.find_one(m)).every(v => !v || "
                "v.has_finished())"
            )
            page.screenshot(path=screenshots / f"briefing-{size}-{number}.png")
            if size == "projector":
                assert page.evaluate(SMALL_TEXT, MIN_PX) == [], f"slide {number}"
            parts = page.evaluate(SLIDE_PARTS)
            for part in parts:  # inside the window, nothing cut off
                assert part["top"] >= 0 and part["bottom"] <= height + 1, (number, parts)
                assert part["left"] >= 0 and part["right"] <= width + 1, (number, parts)
                assert part["overflow"] <= 1, (number, parts)
            for upper, lower in itertools.pairwise(parts):  # stacked, never overlapping
                assert upper["bottom"] <= lower["top"] + 1, (number, parts)
        assert page.evaluate(SMALL_CANVAS_TEXT, MIN_PX) == []
        recorder.check()
    finally:
        context.close()


def test_download_briefing_gives_the_pack_of_the_page_state(page, server, tmp_path):
    open_dashboard(page, server.url, QUERY)
    page.locator(".briefing-format select").select_option(label="Tables (.xlsx)")
    with page.expect_download() as downloading:
        page.locator(".download-briefing").get_by_text("Download briefing").click()
    download = downloading.value
    assert download.suggested_filename == "briefing.xlsx"
    path = tmp_path / "briefing.xlsx"
    download.save_as(path)
    book = openpyxl.load_workbook(path)
    assert "Attendance by sector" in book.sheetnames
    filters = next(r[1] for r in book["About"].iter_rows(values_only=True) if r[0] == "Filters")
    assert "Firearms" in filters and "Smuggling of Migrants" in filters
    assert "Trafficking" not in filters


def test_printing_the_dashboard_gives_the_cards_without_sidebar_or_buttons(page, server, tmp_path):
    open_dashboard(page, server.url, QUERY)
    page.emulate_media(media="print")
    assert not page.locator("#sidebar").is_visible()
    assert not page.locator("#header").is_visible()
    assert page.locator(".view-contributions").is_visible()
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), print_background=True, prefer_css_page_size=True)
    pages = PdfReader(pdf).pages
    text = [" ".join(p.extract_text().split()) for p in pages]
    assert pages[0].mediabox.width > pages[0].mediabox.height  # landscape
    first_of = {
        title: next(i for i, t in enumerate(text) if title in t)
        for title in (
            "At a glance",
            "Attendance by sector",
            "Topics per session",
            "Contributions over the series",
            "From registration to attendance",
            "and the record",  # "Published figures and the record" (a ligature: "ﬁ")
        )
    }
    # A row of two cards per page: each row starts its own page.
    assert first_of["From registration to attendance"] < first_of["and the record"]
    assert first_of["Attendance by sector"] == first_of["Topics per session"]
    assert first_of["At a glance"] < first_of["Attendance by sector"]
    assert first_of["Attendance by sector"] < first_of["Contributions over the series"]
    assert first_of["Contributions over the series"] < first_of["From registration to attendance"]
    assert not any("Download briefing" in t or "Nothing ticked" in t for t in text)
