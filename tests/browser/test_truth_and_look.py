"""The served dashboard says the truth for the state on screen and can be read.

* Walking states by clicks (count, a sector, a topic cell, the places' levels there and
  back, shares), every card's title, hint and summary equal the words of the question's
  frame for that state, and the issue's own cases hold against the chart's data.
* Text is readable: every text in the page, and every Bokeh axis, legend and cell label,
  is at least 11 px and contrasts 4.5:1 (WCAG AA) with what it is drawn on, in both
  themes, with topics selected (dimmed cells) too.
* Copy link confirms, or shows the link selected in a read-only field where the browser
  has no clipboard; Back and Forward change the view in place (no reload, scroll kept).

The console is watched by ``conftest.console_clean``: any warning fails the test.
"""

from __future__ import annotations

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from dashboard.state import DashboardState
from dashboard.views import session_label, style

from . import expected
from .dashboard_page import (
    chart_rows,
    click_chart,
    hint,
    open_dashboard,
    summary,
    title,
    wait_for_state,
)

pytestmark = pytest.mark.browser
FIREARMS = session_label("Firearms", pd.Timestamp("2022-05-06"))


def state_of(source, **values) -> DashboardState:
    return DashboardState(source.options(), **values)


def says(page: Page, source, state: DashboardState) -> None:
    """Every card's words are those of its question's frame for ``state``."""
    wait_for_state(page, state)
    for question in expected.WORDED:
        want_title, want_hint, want_summary = expected.words(source, state, question)
        expect(title(page, question)).to_have_text(want_title)
        if want_hint:
            expect(hint(page, question)).to_have_text(want_hint)
        expect(summary(page, question)).to_have_text(want_summary)


def test_every_card_says_what_it_shows_as_the_state_changes(page, server, source):
    open_dashboard(page, server.url)
    says(page, source, state_of(source))

    page.get_by_role("button", name="Registrations").click()
    registered = state_of(source, count="registered")
    says(page, source, registered)
    expect(title(page, "attendance_by_sector")).to_have_text("Registrations by sector")
    bars = chart_rows(page, "attendance_by_sector")  # (session, sector, people, value)
    total = sum(row[2] for row in bars)
    expect(summary(page, "attendance_by_sector")).to_contain_text(f"{total:,} registrations")

    # The case: Academia selected, the chart (not filtered by its own selection)
    # names the selection with the part of its bars that it is.
    page.locator(".filter-sectors").get_by_text("Academia", exact=True).click()
    academia = state_of(source, count="registered", sectors=["Academia"])
    says(page, source, academia)
    part = sum(row[2] for row in chart_rows(page, "attendance_by_sector") if row[1] == "Academia")
    expect(summary(page, "attendance_by_sector")).to_contain_text(
        f"Selected: Academia, {part:,} registrations"
    )

    click_chart(page, academia, "topics_per_session", FIREARMS, "Data availability")
    topic = state_of(source, count="registered", sectors=["Academia"], topics=["data-availability"])
    says(page, source, topic)
    expect(summary(page, "topics_per_session")).to_contain_text("Selected: Data availability")

    places = page.locator(".area-level")
    regions = len(chart_rows(page, "participants_by_area"))
    expect(hint(page, "participants_by_area")).to_contain_text(f"All {regions} M49 regions")
    places.get_by_role("button", name="Country", exact=True).click()
    countries = state_of(
        source, count="registered", sectors=["Academia"], topics=["data-availability"]
    )
    countries.area_level = "country"
    says(page, source, countries)
    places.get_by_role("button", name="Region", exact=True).click()  # and back: no error
    says(page, source, topic)

    page.locator(".shares-control").get_by_role("switch").click()
    shares = state_of(
        source, count="registered", sectors=["Academia"], topics=["data-availability"], shares=True
    )
    says(page, source, shares)
    expect(hint(page, "attendance_by_sector")).to_contain_text("Each sector's share")


# Every visible text in the page (shadow roots walked): its colour composited with its
# opacity over the background it sits on, and its font size.
_PAGE_TEXT = """() => {
  const out = [];
  const parse = (c) => {
    const m = /(rgba?|color)\\(([^)]+)\\)/.exec(c || '');
    if (!m) return null;
    const p = m[2].split(/[\\s,\\/]+/).filter(Boolean);
    if (m[1] === 'color') {  // color(srgb r g b / a), 0..1: what color-mix() computes to
      const v = p.slice(1).map(Number);
      return [v[0] * 255, v[1] * 255, v[2] * 255, v.length > 3 ? v[3] : 1];
    }
    const v = p.map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const up = (el) => el.parentElement || (el.getRootNode() && el.getRootNode().host) || null;
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = up(e)) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255];
    for (const c of layers.reverse()) bg = bg.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
    return bg;
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e; e = up(e)) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      if (['OPTION', 'SCRIPT', 'STYLE'].includes(el.tagName)) continue;
      // Exempt (WCAG 1.4.3): inactive controls, and text moved off screen for
      // assistive tools (an icon button's label).
      if (el.disabled || el.closest('[disabled]')) continue;
      if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (!box.width || !box.height || style.visibility !== 'visible') continue;
      if (parseFloat(style.textIndent) < -999) continue;
      const o = opacity(el);
      if (o < 0.05) continue;  // a hidden spinner
      const fg = parse(style.color), bg = background(el), a = fg[3] * o;
      out.push({
        text: el.textContent.trim().slice(0, 50),
        color: fg.slice(0, 3).map((v, i) => v * a + bg[i] * (1 - a)),
        background: bg,
        size: parseFloat(style.fontSize),
      });
    }
  };
  visit(document);
  return out;
}"""

# Bokeh's own text: axis ticks and labels, legend labels, the heat map's cell labels,
# each with the colour it is drawn on (the figure's border fill, over the card; the
# legend's box; the cell's fill).
_CHART_TEXT = """() => {
  const ctx = document.createElement('canvas').getContext('2d');
  const rgb = (c, alpha = 1, under = [255, 255, 255]) => {
    if (c == null) return null;
    ctx.fillStyle = '#000000';
    ctx.fillStyle = c;
    const s = ctx.fillStyle;
    let p, a = alpha;
    if (s.startsWith('#')) p = [1, 3, 5].map(i => parseInt(s.slice(i, i + 2), 16));
    else {
      const v = s.match(/[\\d.]+/g).map(Number);
      p = v.slice(0, 3);
      a *= v.length > 3 ? v[3] : 1;
    }
    return p.map((v, i) => v * a + under[i] * (1 - a));
  };
  const up = (el) => el.parentElement || (el.getRootNode() && el.getRootNode().host) || null;
  const page = (el) => {
    for (let e = el; e; e = up(e)) {
      const c = getComputedStyle(e).backgroundColor;
      const m = /rgba?\\(([^)]+)\\)/.exec(c);
      const p = m && m[1].split(/[\\s,\\/]+/).map(Number);
      if (p && (p.length < 4 || p[3] > 0.99)) return p.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const col = (data, name) => data instanceof Map ? data.get(name) : data[name];
  const size = (s, el) => s.endsWith('pt') ? parseFloat(s) * 4 / 3
    : s.endsWith('em') ? parseFloat(s) * parseFloat(getComputedStyle(el).fontSize)
    : parseFloat(s);
  const out = [];
  for (const model of Bokeh.documents[0]._all_models.values()) {
    if (model.constructor.__name__ !== 'Figure' || !model.name) continue;
    const view = Bokeh.index.find_one(model);
    if (!view) continue;
    const card = page(view.el);
    const border = rgb(model.border_fill_color, model.border_fill_alpha, card);
    for (const side of [...model.left, ...model.below, ...model.above, ...model.right]) {
      const kind = side.constructor.__name__;
      if (kind.endsWith('Axis')) {
        const ticks = ['major_label_text', 'ticks'], label = ['axis_label_text', 'axis label'];
        for (const [prefix, what] of side.axis_label ? [ticks, label] : [ticks]) {
          const color = rgb(side[prefix + '_color'], side[prefix + '_alpha'], border);
          const font = size(side[prefix + '_font_size'], view.el);
          out.push({figure: model.name, what, color, background: border, size: font});
        }
      } else if (kind === 'Legend') {
        const box = rgb(side.background_fill_color, side.background_fill_alpha, border);
        const color = rgb(side.label_text_color, side.label_text_alpha, box);
        const font = size(side.label_text_font_size, view.el);
        out.push({figure: model.name, what: 'legend', color, background: box, size: font});
      }
    }
    const cells = model.renderers.find(r => col(r.data_source.data, 'fill'));
    if (!cells) continue;
    const data = cells.data_source.data;
    const fills = new Map();
    const key = (d, i) => col(d, 'session_label')[i] + '|' + col(d, 'topic_label')[i];
    col(data, 'fill').forEach((fill, i) => fills.set(key(data, i), fill));
    for (const r of model.renderers) {
      if (r.glyph.constructor.__name__ !== 'Text') continue;
      const d = r.data_source.data;
      const ink = r.glyph.text_color.value;
      col(d, 'text').forEach((text, i) => {
        if (!String(text).trim()) return;
        const fill = rgb(fills.get(key(d, i)));
        const font = size(r.glyph.text_font_size.value, view.el);
        out.push({figure: model.name, what: 'cell ' + text, color: rgb(ink), background: fill,
                  size: font});
      });
    }
  }
  return out;
}"""


def contrast(color, background) -> float:
    def hex_of(rgb) -> str:
        return "#" + "".join(f"{round(c):02x}" for c in rgb)

    return style.contrast(hex_of(color), hex_of(background))


def unreadable(items: list[dict]) -> list[str]:
    return [
        f"{item.get('figure', '')} {item.get('what', item.get('text'))!r}: "
        f"{contrast(item['color'], item['background']):.2f}:1, {item['size']:.1f}px"
        for item in items
        if contrast(item["color"], item["background"]) < 4.5 or item["size"] < 11
    ]


# Words in the tables' headers and cells wider than the room their column gives them
# (measured in the element's own font): such a word is cut ("Organi…") or broken
# ("Recommenda / tion").
_CUT_WORDS = r"""
(elements) => {
  const context = document.createElement('canvas').getContext('2d');
  const cut = [];
  for (const el of elements) {
    if (!el.offsetParent) continue;
    const style = getComputedStyle(el);
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const word of el.innerText.split(/\s+/)) {
      if (word && context.measureText(word).width > room + 1) cut.push(word);
    }
  }
  return cut;
}
"""


@pytest.mark.parametrize("theme", ["default", "dark"])
def test_every_text_is_large_enough_and_contrasts_on_its_background(page, server, theme):
    page.set_viewport_size({"width": 1366, "height": 768})  # the smallest size designed for
    # A topic selected: the heat map's other cells are dimmed, labels and all.
    open_dashboard(page, server.url, f"topics=corruption&theme={theme}")
    cut = page.locator(".tabulator-col-title, .tabulator-cell").evaluate_all(_CUT_WORDS)
    assert not cut, f"table words cut or broken at 1366x768: {sorted(set(cut))}"
    texts = page.evaluate(_PAGE_TEXT)
    charts = page.evaluate(_CHART_TEXT)
    assert len(texts) > 50 and any(t["text"] == "Attendance by sector" for t in texts)
    cells = [c for c in charts if c["what"].startswith("cell ")]
    assert len(cells) > 20, "the heat map's cell labels were not read"
    assert {c["what"] for c in charts} >= {"ticks", "legend", "axis label"}
    assert not unreadable(texts), f"page text below 4.5:1 or 11 px: {unreadable(texts)}"
    assert not unreadable(charts), f"chart text below 4.5:1 or 11 px: {unreadable(charts)}"


def test_the_dark_heat_map_is_dark(page, server):
    open_dashboard(page, server.url, "theme=dark")
    cells = [c["background"] for c in page.evaluate(_CHART_TEXT) if c["what"].startswith("cell ")]
    light = [b for b in cells if sum(b) / 3 > 200]
    assert cells and len(light) < len(cells) / 4, "the dark theme's heat map is mostly light"


def test_copy_link_confirms_and_falls_back_to_a_selected_field(page, server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_dashboard(page, server.url, "sectors=Academia")
    status = page.locator(".copy-status")
    page.get_by_role("button", name="Copy link").click()
    expect(status).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    # No clipboard (plain HTTP away from localhost is not a secure context): the link is
    # shown, selected, in a read-only field.
    page.evaluate(
        "Object.defineProperty(Navigator.prototype, 'clipboard', "
        "{get: () => undefined, configurable: true})"
    )
    page.get_by_role("button", name="Copy link").click()
    expect(status).to_have_text("Copy this link:")
    field = page.locator(".copy-field input")
    expect(field).to_have_value(page.url)
    expect(field).to_be_focused()
    start, end, length, read_only = field.evaluate(
        "e => [e.selectionStart, e.selectionEnd, e.value.length, e.readOnly]"
    )
    assert (start, end, read_only) == (0, length, True)


# How far the window and every scrolled element of the page are scrolled.
SCROLLED = """() => [window.scrollY,
  ...[...document.querySelectorAll('*')].map(e => e.scrollTop).filter(top => top > 0)]"""


def test_back_and_forward_change_the_view_in_place(page, server, source):
    open_dashboard(page, server.url)
    page.evaluate("window.__same_page = 'yes'")
    page.locator(".filter-sectors").get_by_text("Academia", exact=True).click()
    academia = state_of(source, sectors=["Academia"])
    wait_for_state(page, academia)
    page.get_by_role("button", name="Registrations").click()
    registered = state_of(source, sectors=["Academia"], count="registered")
    says(page, source, registered)
    page.locator(".view-funnel").scroll_into_view_if_needed()
    page.wait_for_function(f"({SCROLLED})().some(top => top > 0)")
    scrolled = page.evaluate(SCROLLED)
    page.go_back()
    says(page, source, academia)
    expect(page.locator(".filter-sectors").get_by_label("Academia")).to_be_checked()
    page.go_back()
    says(page, source, state_of(source))
    page.go_forward()
    says(page, source, academia)
    assert page.evaluate("window.__same_page") == "yes", "Back or Forward reloaded the page"
    assert page.evaluate(SCROLLED) == scrolled, "Back or Forward moved the page"
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
