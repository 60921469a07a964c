"""Slides drawn with matplotlib: one 1920x1080 figure per slide, for PNG, PDF and PPTX.

Type is sized for a projector: at 100 dpi one point is 1.39 px, so the smallest text
(13 pt) is 18 px on a 1920 px wide slide. Figures are made with ``matplotlib.figure``
directly (no pyplot, no global backend): safe in a server thread.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure

from .model import HEATMAP_KEY, RAISED_MARK, SAMPLE_LABEL, Briefing, Chart, Slide

WIDTH, HEIGHT, DPI = 19.2, 10.8, 100  # inches at DPI: 1920 x 1080 pixels
INK, MUTED, ACCENT = "#1a1a1a", "#555555", "#0b5394"
SMALLEST = 13  # points: 18 px
TICKS = 16
TITLE = 30


def _figure() -> Figure:
    return Figure(figsize=(WIDTH, HEIGHT), dpi=DPI, facecolor="white")


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def _footer(fig: Figure, text: str) -> None:
    fig.text(0.03, 0.025, _wrap(text, 190), size=SMALLEST, color=MUTED, va="bottom")


# Charts --------------------------------------------------------------------------------
def _style_axes(ax, chart: Chart) -> None:
    ax.tick_params(labelsize=TICKS)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_ylabel(chart.x_label if chart.horizontal else chart.y_label, size=TICKS)
    if chart.horizontal:
        ax.set_xlabel(chart.y_label, size=TICKS)


def _legend(ax, chart: Chart) -> None:
    if len(chart.series) > 1:
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0, 1.01),
            ncols=min(len(chart.series), 4),
            fontsize=TICKS,
            frameon=False,
        )


def _numbers(values: list[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def _stacked(ax, chart: Chart, hidden: str) -> None:
    x = np.arange(len(chart.categories))
    bottom = np.zeros(len(x))
    for name, values in chart.series.items():
        heights = np.nan_to_num(_numbers(values))
        ax.bar(x, heights, 0.7, bottom=bottom, label=name, color=chart.colors.get(name))
        bottom += heights
    ax.set_xticks(x, chart.categories)
    _legend(ax, chart)
    _style_axes(ax, chart)


def _bars(ax, chart: Chart, hidden: str) -> None:
    n = max(len(chart.series), 1)
    x = np.arange(len(chart.categories))
    width = 0.8 / n
    for i, (name, values) in enumerate(chart.series.items()):
        numbers = _numbers(values)
        place = x + (i - (n - 1) / 2) * width
        draw = ax.barh if chart.horizontal else ax.bar
        bars = draw(place, np.nan_to_num(numbers), width, label=name, color=chart.colors.get(name))
        labels = [hidden if np.isnan(v) else f"{v:,.0f}" for v in numbers]
        ax.bar_label(bars, labels, padding=4, fontsize=SMALLEST, color=INK)
    (ax.set_yticks if chart.horizontal else ax.set_xticks)(x, chart.categories)
    if chart.horizontal:
        ax.invert_yaxis()  # largest on top
    _legend(ax, chart)
    _style_axes(ax, chart)


def _lines(ax, chart: Chart, hidden: str) -> None:
    x = np.arange(len(chart.categories))
    for name, values in chart.series.items():
        ax.step(x, _numbers(values), where="post", label=name, lw=3, color=chart.colors.get(name))
    step = max(1, len(x) // 8)
    ax.set_xticks(x[::step], chart.categories[::step])
    ax.grid(axis="y", alpha=0.3)
    _legend(ax, chart)
    _style_axes(ax, chart)


def _heatmap(ax, chart: Chart, hidden: str) -> None:
    topics = list(chart.series)
    grid = np.array([_numbers(chart.series[t]) for t in topics])
    top = np.nanmax(grid) if grid.size else 1
    ax.imshow(grid, cmap="Blues", aspect="auto", vmin=0, vmax=max(top, 1))
    for (row, col), value in np.ndenumerate(grid):
        mark = RAISED_MARK if chart.marked.get(topics[row], [])[col] else ""
        text = f"{mark} {int(value) if value else ''}".strip()
        color = "white" if value > top * 0.55 else INK
        ax.text(col, row, text, ha="center", va="center", size=SMALLEST, color=color)
    ax.set_xticks(range(len(chart.categories)), chart.categories)
    ax.set_yticks(range(len(topics)), topics)
    ax.tick_params(labelsize=SMALLEST + 1, length=0)
    ax.spines[:].set_visible(False)
    ax.set_title(HEATMAP_KEY, loc="left", size=SMALLEST + 1, color=MUTED)


def _figures(ax, chart: Chart, hidden: str) -> None:
    ax.axis("off")
    columns = 4
    for i, (label, text) in enumerate(zip(chart.categories, chart.labels)):
        x, y = (i % columns + 0.5) / columns, 0.75 - (i // columns) * 0.5
        ax.text(x, y, text, ha="center", va="center", size=64, weight="bold", color=ACCENT)
        ax.text(x, y - 0.17, label, ha="center", va="center", size=22, color=INK)


# Each: (axes, chart, the text of a hidden count) -> draws the chart on the axes.
DRAW = {
    "stacked": _stacked,
    "bars": _bars,
    "lines": _lines,
    "heatmap": _heatmap,
    "figures": _figures,
}


def chart_figure(briefing: Briefing, slide: Slide) -> Figure:
    """A slide: its view's name, its finding as the title, the chart, the footer."""
    fig = _figure()
    fig.text(0.03, 0.955, slide.heading.upper(), size=18, color=ACCENT, weight="bold", va="top")
    fig.text(0.03, 0.915, _wrap(slide.title, 76), size=TITLE, color=INK, va="top")
    left = 0.22 if slide.chart.kind == "heatmap" or slide.chart.horizontal else 0.07
    ax = fig.add_axes([left, 0.2, 0.95 - left, 0.5])
    if slide.chart.categories:
        DRAW[slide.chart.kind](ax, slide.chart, f"<{briefing.threshold}")
    else:
        ax.axis("off")
    _footer(fig, briefing.footer(slide))
    return fig


def title_figure(briefing: Briefing) -> Figure:
    """The title slide: series, filters in force, data date, sample and suppression notes."""
    fig = _figure()
    fig.text(0.06, 0.7, _wrap(briefing.title, 50), size=48, weight="bold", color=ACCENT)
    lines = [f"Filters: {briefing.filter_text}", f"Data as of {briefing.data_date}"]
    if briefing.illustrative:
        lines.append(f"{SAMPLE_LABEL} ({', '.join(briefing.illustrative)})")
    lines.append(briefing.suppression_note)
    fig.text(0.06, 0.58, "\n\n".join(_wrap(t, 110) for t in lines), size=22, va="top", color=INK)
    return fig


def sources_figure(briefing: Briefing) -> Figure:
    fig = _figure()
    fig.text(0.03, 0.93, "Sources", size=TITLE + 4, weight="bold", color=ACCENT, va="top")
    text = "\n".join(_wrap(f"• {s}", 150) for s in briefing.sources)
    fig.text(0.03, 0.84, text, size=16, color=INK, va="top", linespacing=1.6)
    _footer(fig, briefing.footer())
    return fig


def all_figures(briefing: Briefing) -> list[tuple[str, Figure]]:
    """Every page of the briefing, named: title, one per slide, sources."""
    return [
        ("title", title_figure(briefing)),
        *((s.key, chart_figure(briefing, s)) for s in briefing.slides),
        ("sources", sources_figure(briefing)),
    ]
