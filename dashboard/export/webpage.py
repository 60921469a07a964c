"""HTML: one self-contained file with interactive charts that opens with no network.

Bokeh's JavaScript is written inline (``resources.INLINE``); no web fonts, no MathJax,
no images from elsewhere. Every text from the store is escaped before it reaches a
``Div`` (Bokeh renders a Div's text as HTML), and no Div typesets TeX: Bokeh would
otherwise inline MathJax for a text holding ``$$...$$`` and typeset it, and TeX's
``href`` command makes a link of any address, ``javascript:`` too. A hidden count is a
gap in the chart and ``<5`` in its hover and table.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from bokeh.embed import file_html
from bokeh.layouts import column
from bokeh.models import Div
from bokeh.resources import Resources

from ..markup import escape
from .charts import plot
from .model import SAMPLE_LABEL, Briefing, Chart, Slide

WIDTH, HEIGHT = 1200, 520
FONT = "16px"
# Bokeh draws each Div in its own shadow root: the sheet is given to every Div (as CSS
# text, not a model: a model may belong to one document only, and each export is one).
SHEET = """
  :host { font-family: system-ui, sans-serif;
         color: #1a1a1a; font-size: 18px; }
  h1 { color: #0b5394; } h2 { color: #0b5394; margin-bottom: 0; }
  .finding { font-size: 24px; margin: 6px 0 12px; }
  .footer { color: #555; font-size: 15px; }
  table.numbers { border-collapse: collapse; font-size: 15px; margin: 8px 0 32px; }
  table.numbers th, table.numbers td { border-bottom: 1px solid #ddd; padding: 3px 10px;
         text-align: left; }
  .figure { display: inline-block; width: 280px; margin: 12px 0; text-align: center; }
  .figure b { display: block; font-size: 56px; color: #0b5394; }
"""


class OwnInline(Resources):
    """Bokeh's own JavaScript, inline, and no other library's.

    Bokeh adds the scripts of every model class imported in the process; once Panel is
    imported (the dashboard's server), that is a script by relative URL, which a file
    opened offline cannot load. This page uses Bokeh's own models only.
    """

    def __init__(self, components: list | None = None):
        super().__init__(mode="inline", components=components)

    def clone(self, *, components: list | None = None) -> OwnInline:
        return OwnInline(components if components is not None else list(self.components))

    def _collect_external_resources(self, resource_attr) -> list[str]:
        return []


def _div(text: str) -> Div:
    """A Div of the page's width and look that shows ``text`` (escaped HTML) as is."""
    return Div(text=text, width=WIDTH, stylesheets=[SHEET], disable_math=True)


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape('' if pd.isna(v) else str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f'<table class="numbers"><tr>{head}</tr>{rows}</table>'


def _figures(chart: Chart) -> str:
    return "".join(
        f'<div class="figure"><b>{escape(text)}</b>{escape(label)}</div>'
        for label, text in zip(chart.categories, chart.labels)
    )


def _section(briefing: Briefing, slide: Slide) -> list:
    hidden = f"<{briefing.threshold}"
    head = _div(f"<h2>{escape(slide.heading)}</h2><p class='finding'>{escape(slide.title)}</p>")
    items = [head]
    if slide.chart.kind == "figures":
        items.append(_div(_figures(slide.chart)))
    elif slide.chart.categories:
        items.append(plot(slide.chart, hidden, FONT, width=WIDTH, height=HEIGHT))
    footer = f"<p class='footer'>{escape(briefing.footer(slide))}</p>"
    items.append(_div(footer + _table(slide.table)))
    return items


def _front(briefing: Briefing) -> Div:
    lines = [f"Filters: {briefing.filter_text}", f"Data as of {briefing.data_date}"]
    if briefing.illustrative:
        lines.append(f"{SAMPLE_LABEL} ({', '.join(briefing.illustrative)})")
    lines.append(briefing.suppression_note)
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return _div(f"<h1>{escape(briefing.title)}</h1>{body}")


def _sources(briefing: Briefing) -> Div:
    items = "".join(f"<li>{escape(s)}</li>" for s in briefing.sources)
    return _div(f"<h2>Sources</h2><ul>{items}</ul>")


def html_text(briefing: Briefing) -> str:
    parts = [_front(briefing)]
    for slide in briefing.slides:
        parts += _section(briefing, slide)
    parts.append(_sources(briefing))
    page = file_html(column(*parts), resources=OwnInline(), title=briefing.title)
    # An empty inline icon: the browser asks for no favicon.ico beside the file.
    return page.replace("<head>", '<head>\n    <link rel="icon" href="data:,">', 1)


def write_html(briefing: Briefing, path: Path) -> Path:
    path.write_text(html_text(briefing), encoding="utf-8")
    return path
