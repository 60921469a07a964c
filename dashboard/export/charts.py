"""Interactive Bokeh charts of a slide's ``Chart``: for the HTML pack and the presenter page.

``plot(chart, hidden, font=..., **sizing)`` returns a Bokeh figure (no toolbar, hover
only); a hidden count is a gap, and ``hidden`` (``<5``) in its hover text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from bokeh.models import BasicTicker, ColumnDataSource, HoverTool, LinearColorMapper
from bokeh.plotting import figure
from bokeh.transform import dodge

from .model import HEATMAP_KEY, RAISED_MARK, Chart

BLUES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"]


def _texts(values: list[float | None], hidden: str) -> list[str]:
    return [hidden if v is None else f"{v:,.0f}" for v in values]


def _plot(look: dict, **ranges):
    font, sizing = look["font"], {k: v for k, v in look.items() if k != "font"}
    plot = figure(toolbar_location=None, tools="", name="chart", **sizing, **ranges)
    plot.xaxis.major_label_text_font_size = plot.yaxis.major_label_text_font_size = font
    plot.xaxis.axis_label_text_font_size = plot.yaxis.axis_label_text_font_size = font
    plot.min_border_left = plot.min_border_bottom = 20
    plot.xgrid.grid_line_color = None
    return plot


def _legend(plot, font: str) -> None:
    if plot.legend:
        plot.legend.location = "top_left"
        plot.legend.orientation = "horizontal"
        plot.legend.label_text_font_size = font
        plot.add_layout(plot.legend[0], "above")


def _series_data(chart: Chart, hidden: str) -> dict:
    data: dict = {"category": chart.categories}
    for i, values in enumerate(chart.series.values()):
        data[f"v{i}"] = [0.0 if v is None else v for v in values]
        data[f"t{i}"] = _texts(values, hidden)
    return data


def _hover(plot, renderer, name: str, i: int) -> None:
    plot.add_tools(HoverTool(renderers=[renderer], tooltips=[("", "@category"), (name, f"@t{i}")]))


def _stacked(chart: Chart, hidden: str, look: dict):
    plot = _plot(look, x_range=chart.categories)
    source = ColumnDataSource(_series_data(chart, hidden))
    names = list(chart.series)
    renderers = plot.vbar_stack(
        [f"v{i}" for i in range(len(names))],
        x="category",
        width=0.7,
        source=source,
        color=[chart.colors.get(n, "#BBBBBB") for n in names],
        line_width=0,
        legend_label=names,
    )
    plot.y_range.start = 0
    for i, (name, renderer) in enumerate(zip(names, renderers)):
        _hover(plot, renderer, name, i)
    plot.yaxis.axis_label = chart.y_label
    _legend(plot, look["font"])
    return plot


def _bars(chart: Chart, hidden: str, look: dict):
    factors = chart.categories[::-1] if chart.horizontal else chart.categories
    axis = {"y_range": factors} if chart.horizontal else {"x_range": factors}
    plot = _plot(look, **axis)
    source = ColumnDataSource(_series_data(chart, hidden))
    n = max(len(chart.series), 1)
    width = 0.8 / n
    for i, name in enumerate(chart.series):
        where = dodge("category", (i - (n - 1) / 2) * width, range=getattr(plot, next(iter(axis))))
        style = {"source": source, "color": chart.colors.get(name, "#4477AA")}
        if n > 1:
            style["legend_label"] = name
        # Each bar's number (or <5) at its end: readable without hovering.
        if chart.horizontal:
            renderer = plot.hbar(y=where, right=f"v{i}", height=width, **style)
            end = {"x": f"v{i}", "y": where, "x_offset": 6, "text_baseline": "middle"}
        else:
            renderer = plot.vbar(x=where, top=f"v{i}", width=width, **style)
            end = {"x": where, "y": f"v{i}", "y_offset": -4, "text_align": "center"}
        plot.text(text=f"t{i}", source=source, text_font_size=look["font"], **end)
        _hover(plot, renderer, name, i)
    (plot.xaxis if chart.horizontal else plot.yaxis).axis_label = chart.y_label
    (plot.x_range if chart.horizontal else plot.y_range).start = 0
    _legend(plot, look["font"])
    return plot


def _lines(chart: Chart, hidden: str, look: dict):
    plot = _plot(look)
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
    _legend(plot, look["font"])
    return plot


def _heatmap(chart: Chart, hidden: str, look: dict):
    topics = list(chart.series)
    plot = _plot(look, x_range=chart.categories, y_range=topics[::-1])
    cells = pd.DataFrame(
        [
            (
                category,
                topic,
                value,
                f"{RAISED_MARK} " * bool(mark) + (f"{value:.0f}" if value else ""),
            )
            for topic in topics
            for category, value, mark in zip(
                chart.categories, chart.series[topic], chart.marked.get(topic, [])
            )
        ],
        columns=["category", "topic", "value", "text"],
    )
    top = float(np.nanmax(cells["value"])) if len(cells) else 1.0
    cells["ink"] = ["white" if v > top * 0.55 else "#1a1a1a" for v in cells["value"]]
    mapper = LinearColorMapper(palette=BLUES, low=0, high=max(top, 1.0))
    source = ColumnDataSource(cells.to_dict("list"))
    rect = plot.rect(
        "category", "topic", 1, 1, source=source, line_color="white",
        fill_color={"field": "value", "transform": mapper},
    )  # fmt: skip
    plot.text("category", "topic", text="text", source=source, text_align="center",
              text_baseline="middle", text_font_size=look["font"], text_color="ink")  # fmt: skip
    plot.add_tools(
        HoverTool(renderers=[rect], tooltips=[("", "@topic"), ("", "@category"), ("", "@text")])
    )
    plot.title.text, plot.title.text_font_size = HEATMAP_KEY, look["font"]
    plot.title.text_font_style = "normal"
    return plot


CHARTS = {"stacked": _stacked, "bars": _bars, "lines": _lines, "heatmap": _heatmap}


def plot(chart: Chart, hidden: str, font: str = "16px", **sizing):
    """The chart as a Bokeh figure; ``sizing``: width/height or sizing_mode."""
    return CHARTS[chart.kind](chart, hidden, {"font": font, **sizing})
