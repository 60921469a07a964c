"""HTML: one self-contained file with interactive charts that opens with no network.

Bokeh's JavaScript is written inline (``resources.INLINE``); no web fonts, no MathJax,
no images from elsewhere. Every text from the store is escaped before it reaches a
``Div`` (Bokeh renders a Div's text as HTML). A hidden count is a gap in the chart and
``<5`` in its hover and table.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import numpy as np
import pandas as pd
from bokeh.embed import file_html
from bokeh.layouts import column
from bokeh.models import (
    BasicTicker,
    ColumnDataSource,
    Div,
    HoverTool,
    LinearColorMapper,
)
from bokeh.plotting import figure
from bokeh.resources import INLINE
from bokeh.transform import dodge

from .model import SAMPLE_LABEL, Briefing, Chart, Slide

WIDTH, HEIGHT = 1200, 520
FONT = "16px"
BLUES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"]
STYLE = """
<style>
  body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 1240px;
         color: #1a1a1a; font-size: 18px; }
  h1 { color: #0b5394; } h2 { color: #0b5394; margin-bottom: 0; }
  .finding { font-size: 24px; margin: 6px 0 12px; }
  .footer { color: #555; font-size: 15px; }
  table.numbers { border-collapse: collapse; font-size: 15px; margin: 8px 0 32px; }
  table.numbers th, table.numbers td { border-bottom: 1px solid #ddd; padding: 3px 10px;
         text-align: left; }
  .figure { display: inline-block; width: 280px; margin: 12px 0; text-align: center; }
  .figure b { display: block; font-size: 56px; color: #0b5394; }
</style>
"""


def _texts(values: list[float | None], hidden: str) -> list[str]:
    return [hidden if v is None else f"{v:,.0f}" for v in values]


def _plot(**ranges):
    plot = figure(
        width=WIDTH, height=HEIGHT, toolbar_location=None, tools="", name="chart", **ranges
    )
    plot.xaxis.major_label_text_font_size = plot.yaxis.major_label_text_font_size = FONT
    plot.xaxis.axis_label_text_font_size = plot.yaxis.axis_label_text_font_size = FONT
    plot.xgrid.grid_line_color = None
    return plot


def _legend(plot) -> None:
    if plot.legend:
        plot.legend.location = "top_left"
        plot.legend.orientation = "horizontal"
        plot.legend.label_text_font_size = FONT
        plot.add_layout(plot.legend[0], "above")


def _series_data(chart: Chart, hidden: str) -> dict:
    data: dict = {"category": chart.categories}
    for i, values in enumerate(chart.series.values()):
        data[f"v{i}"] = [0.0 if v is None else v for v in values]
        data[f"t{i}"] = _texts(values, hidden)
    return data


def _hover(plot, renderer, name: str, i: int) -> None:
    plot.add_tools(HoverTool(renderers=[renderer], tooltips=[("", "@category"), (name, f"@t{i}")]))


def _stacked(chart: Chart, hidden: str):
    plot = _plot(x_range=chart.categories)
    source = ColumnDataSource(_series_data(chart, hidden))
    names = list(chart.series)
    renderers = plot.vbar_stack(
        [f"v{i}" for i in range(len(names))],
        x="category",
        width=0.7,
        source=source,
        color=[chart.colors.get(n, "#BBBBBB") for n in names],
        legend_label=names,
    )
    for i, (name, renderer) in enumerate(zip(names, renderers)):
        _hover(plot, renderer, name, i)
    plot.yaxis.axis_label = chart.y_label
    _legend(plot)
    return plot


def _bars(chart: Chart, hidden: str):
    factors = chart.categories[::-1] if chart.horizontal else chart.categories
    axis = {"y_range": factors} if chart.horizontal else {"x_range": factors}
    plot = _plot(**axis)
    source = ColumnDataSource(_series_data(chart, hidden))
    n = max(len(chart.series), 1)
    width = 0.8 / n
    for i, name in enumerate(chart.series):
        where = dodge("category", (i - (n - 1) / 2) * width, range=getattr(plot, next(iter(axis))))
        style = {"source": source, "color": chart.colors.get(name, "#4477AA")}
        if n > 1:
            style["legend_label"] = name
        if chart.horizontal:
            renderer = plot.hbar(y=where, right=f"v{i}", height=width, **style)
        else:
            renderer = plot.vbar(x=where, top=f"v{i}", width=width, **style)
        _hover(plot, renderer, name, i)
    (plot.xaxis if chart.horizontal else plot.yaxis).axis_label = chart.y_label
    _legend(plot)
    return plot


def _lines(chart: Chart, hidden: str):
    plot = _plot()
    positions = list(range(len(chart.categories)))
    source = ColumnDataSource({**_series_data(chart, hidden), "x": positions})
    for i, name in enumerate(chart.series):
        renderer = plot.step(
            "x", f"v{i}", source=source, mode="after", line_width=3,
            color=chart.colors.get(name, "#BBBBBB"), legend_label=name,
        )  # fmt: skip
        _hover(plot, renderer, name, i)
    plot.xaxis.ticker = BasicTicker(desired_num_ticks=8)
    plot.xaxis.major_label_overrides = dict(zip(positions, chart.categories))
    plot.yaxis.axis_label = chart.y_label
    _legend(plot)
    return plot


def _heatmap(chart: Chart, hidden: str):
    topics = list(chart.series)
    plot = _plot(x_range=chart.categories, y_range=topics[::-1])
    cells = pd.DataFrame(
        [
            (category, topic, value, "● " * bool(mark) + (f"{value:.0f}" if value else ""))
            for topic in topics
            for category, value, mark in zip(
                chart.categories, chart.series[topic], chart.marked.get(topic, [])
            )
        ],
        columns=["category", "topic", "value", "text"],
    )
    top = float(np.nanmax(cells["value"])) if len(cells) else 1.0
    mapper = LinearColorMapper(palette=BLUES, low=0, high=max(top, 1.0))
    source = ColumnDataSource(cells.to_dict("list"))
    rect = plot.rect(
        "category", "topic", 1, 1, source=source, line_color="white",
        fill_color={"field": "value", "transform": mapper},
    )  # fmt: skip
    plot.text("category", "topic", text="text", source=source, text_align="center",
              text_baseline="middle", text_font_size="14px")  # fmt: skip
    plot.add_tools(
        HoverTool(renderers=[rect], tooltips=[("", "@topic"), ("", "@category"), ("", "@text")])
    )
    plot.height = HEIGHT + 120
    return plot


CHARTS = {"stacked": _stacked, "bars": _bars, "lines": _lines, "heatmap": _heatmap}


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
    head = Div(
        text=f"<h2>{escape(slide.heading)}</h2><p class='finding'>{escape(slide.title)}</p>",
        width=WIDTH,
    )
    items = [head]
    if slide.chart.kind == "figures":
        items.append(Div(text=_figures(slide.chart), width=WIDTH))
    elif slide.chart.categories:
        items.append(CHARTS[slide.chart.kind](slide.chart, hidden))
    footer = f"<p class='footer'>{escape(briefing.footer(slide))}</p>"
    items.append(Div(text=footer + _table(slide.table), width=WIDTH))
    return items


def _front(briefing: Briefing) -> Div:
    lines = [f"Filters: {briefing.filter_text}", f"Data as of {briefing.data_date}"]
    if briefing.illustrative:
        lines.append(f"{SAMPLE_LABEL} ({', '.join(briefing.illustrative)})")
    lines.append(briefing.suppression_note)
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return Div(text=STYLE + f"<h1>{escape(briefing.title)}</h1>{body}", width=WIDTH)


def _sources(briefing: Briefing) -> Div:
    items = "".join(f"<li>{escape(s)}</li>" for s in briefing.sources)
    return Div(text=f"<h2>Sources</h2><ul>{items}</ul>", width=WIDTH)


def html_text(briefing: Briefing) -> str:
    parts = [_front(briefing)]
    for slide in briefing.slides:
        parts += _section(briefing, slide)
    parts.append(_sources(briefing))
    return file_html(column(*parts), resources=INLINE, title=briefing.title)


def write_html(briefing: Briefing, path: Path) -> Path:
    path.write_text(html_text(briefing), encoding="utf-8")
    return path
