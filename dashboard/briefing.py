"""The presenter view: ``panel serve dashboard/app.py dashboard/briefing.py`` serves it at
``/briefing``, beside the dashboard at ``/app``.

It opens on the state of its URL (the dashboard's "Present" button passes the current
one, and a briefing link reopens it) and shows the briefing's slides (``dashboard.export``:
small counts suppressed) one at a time, full height: a title slide, one slide per view,
the sources. Arrow keys, Page Up/Down and Space move, Home and End jump, F toggles full
screen; the slide number is kept in the address (``#3``). No toolbars; no text under
18 px. Every text from the store or the link is escaped.
"""

from __future__ import annotations

import panel as pn
from bokeh.layouts import column
from bokeh.models import Button, CustomJS, Div

from dashboard.api import Dialogues
from dashboard.app import configure_panel, publish, shared_source, split_query
from dashboard.components.paint import spare_style_recalculations
from dashboard.export import Briefing, Slide, build_briefing
from dashboard.export.charts import plot
from dashboard.export.model import SAMPLE_LABEL
from dashboard.markup import escape

TITLE = "Briefing: Constructive Dialogues"
CHART_FONT = "20px"  # axis and legend text on the canvas (no smaller text anywhere)
# CSS text for every Div (each in its own shadow root); text, not a Bokeh model, which
# could belong to one document (one browser session) only.
SHEET = """
  :host { font-family: system-ui, sans-serif; color: #1a1a1a; }
  .heading { color: #0b5394; font-weight: bold; font-size: max(18px, 1.15vw);
             text-transform: uppercase; margin: 0; }
  .finding { font-size: max(24px, 2.1vw); line-height: 1.2; margin: 0.3em 0 0; }
  .footer { color: #444; font-size: 18px; line-height: 1.3; margin: 0; }
  .cover h1 { color: #0b5394; font-size: max(36px, 3vw); margin: 0 0 0.6em; }
  .cover p, .sources li { font-size: max(20px, 1.35vw); margin: 0.4em 0; }
  .sources h1 { color: #0b5394; font-size: max(30px, 2.4vw); margin: 0 0 0.4em; }
  .figures { display: flex; flex-wrap: wrap; gap: 4vh 0; width: 94vw; margin-top: 4vh; }
  .figure { width: 25%; text-align: center; font-size: max(20px, 1.4vw); }
  .figure b { display: block; font-size: max(44px, 4.4vw); color: #0b5394; }
  .notice { color: #7a4a00; font-size: 20px; }
  .bk-btn { font-size: 20px; }
"""
# Keys: next, previous, first, last, full screen. The shown slide is written to the
# address (#n) and to <body data-slide="n"> (what the browser tests wait for).
NAVIGATE = """
if (window.briefingKeys) { return; }
const count = slides.length;
function show(i) {
  i = Math.max(0, Math.min(count - 1, i));
  slides.forEach((slide, k) => { slide.visible = (k === i); });
  window.briefingSlide = i;
  document.body.dataset.slide = String(i + 1);
  history.replaceState(null, "", "#" + (i + 1));
}
function fullScreen() {
  if (document.fullscreenElement) { document.exitFullscreen(); }
  else { document.documentElement.requestFullscreen().catch(() => {}); }
}
window.briefingFullScreen = fullScreen;
window.briefingKeys = (event) => {
  const i = window.briefingSlide || 0;
  const moves = {ArrowRight: i + 1, ArrowDown: i + 1, PageDown: i + 1, " ": i + 1,
                 ArrowLeft: i - 1, ArrowUp: i - 1, PageUp: i - 1, Home: 0, End: count - 1};
  if (event.key in moves) { show(moves[event.key]); }
  else if (event.key === "f" || event.key === "F") { fullScreen(); }
  else { return; }
  event.preventDefault();
};
document.addEventListener("keydown", window.briefingKeys);
const asked = parseInt(window.location.hash.slice(1), 10);
show(Number.isNaN(asked) ? 0 : asked - 1);
"""


def _div(html: str, **options) -> Div:
    # No TeX typesetting (Bokeh's default for a Div): the text holds values from the link
    # and the store, which are shown as they are.
    return Div(text=html, stylesheets=[SHEET], disable_math=True, **options)


def _footer(briefing: Briefing, slide: Slide | None, number: int, count: int) -> Div:
    text = f"{escape(briefing.footer(slide))} · {number}/{count}"
    return _div(f'<p class="footer">{text}</p>', sizing_mode="stretch_width")


def _figures(slide: Slide) -> Div:
    items = "".join(
        f'<div class="figure"><b>{escape(text)}</b>{escape(label)}</div>'
        for label, text in zip(slide.chart.categories, slide.chart.labels)
    )
    return _div(f'<div class="figures">{items}</div>', sizing_mode="stretch_both")


def _chart(briefing: Briefing, slide: Slide):
    if slide.chart.kind == "figures":
        return _figures(slide)
    if not slide.chart.categories:
        return _div('<p class="finding">Nothing to show for these filters.</p>')
    return plot(slide.chart, f"<{briefing.threshold}", CHART_FONT, sizing_mode="stretch_both")


def view_slide(briefing: Briefing, slide: Slide, number: int, count: int):
    head = _div(
        f'<p class="heading">{escape(slide.heading)}</p>'
        f'<p class="finding">{escape(slide.title)}</p>',
        sizing_mode="stretch_width",
    )
    return column(
        head,
        _chart(briefing, slide),
        _footer(briefing, slide, number, count),
        sizing_mode="stretch_both",
        name=f"slide-{slide.key}",
    )


def cover_slide(briefing: Briefing, notices: list[str], count: int):
    lines = [f"Filters: {briefing.filter_text}", f"Data as of {briefing.data_date}"]
    if briefing.illustrative:
        lines.append(f"{SAMPLE_LABEL} ({', '.join(briefing.illustrative)})")
    lines.append(briefing.suppression_note)
    lines.append("Keys: → and ← move, Home and End jump, F for full screen.")
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    body += "".join(f'<p class="notice">{escape(n)}</p>' for n in notices)
    full = Button(label="Full screen (F)", width=220, height=50, stylesheets=[SHEET])
    full.js_on_click(CustomJS(code="window.briefingFullScreen && window.briefingFullScreen();"))
    cover = _div(
        f'<div class="cover"><h1>{escape(briefing.title)}</h1>{body}</div>',
        sizing_mode="stretch_both",
    )
    return column(
        cover,
        full,
        _footer(briefing, None, 1, count),
        sizing_mode="stretch_both",
        name="slide-cover",
    )


def sources_slide(briefing: Briefing, count: int):
    items = "".join(f"<li>{escape(s)}</li>" for s in briefing.sources)
    body = _div(
        f'<div class="sources"><h1>Sources</h1><ul>{items}</ul></div>',
        sizing_mode="stretch_both",
    )
    return column(
        body,
        _footer(briefing, None, count, count),
        sizing_mode="stretch_both",
        name="slide-sources",
    )


def slides(briefing: Briefing, notices: list[str]) -> list:
    """Every slide as a Bokeh column, the first visible."""
    count = len(briefing.slides) + 2
    deck = [
        cover_slide(briefing, notices, count),
        *(view_slide(briefing, s, i, count) for i, s in enumerate(briefing.slides, start=2)),
        sources_slide(briefing, count),
    ]
    for later in deck[1:]:
        later.visible = False
    return deck


def serve_page():
    """The presenter view for one browser session, on the state of its URL."""
    configure_panel()
    spare_style_recalculations(pn.state.curdoc)
    d = Dialogues(shared_source())
    location = pn.state.location
    query, _ = split_query(location.search if location is not None else "")
    notices = d.apply_url(query)
    deck = slides(build_briefing(d), notices)
    pn.state.curdoc.js_on_event("document_ready", CustomJS(args={"slides": deck}, code=NAVIGATE))
    return pn.pane.Bokeh(
        column(*deck, sizing_mode="stretch_both", styles={"padding": "2vh 2.5vw"}),
        sizing_mode="stretch_both",
        margin=0,
    )


if pn.state.served or __name__.startswith("bokeh"):
    publish(serve_page(), TITLE)
