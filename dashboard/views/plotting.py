"""Plot options shared by the charts (sizes, tools), the hooks they draw with, and
``Drawing``: a chart's data as its live Bokeh figure takes it.

The name hook lets a browser test find a chart's Bokeh model (``get_model_by_name``) and
click a bar at the coordinates of its data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import holoviews as hv
import pandas as pd
from bokeh.core.properties import field

from . import style


def name_plot(name: str) -> Callable:
    """A HoloViews hook that names the Bokeh figure ``name``."""

    def hook(plot, element) -> None:
        plot.state.name = name

    return hook


def base_opts(height: int = style.HEIGHT) -> dict:
    """Responsive width, fixed height, hover only: no pan/zoom on categorical charts."""
    return dict(
        responsive=True,
        height=height,
        min_width=style.MIN_WIDTH,
        default_tools=["save"],
        tools=["hover"],
        toolbar=None,
        title="",
        framewise=True,
        shared_axes=False,
        fontsize=style.FONT_SIZES,
        backend_opts={"plot.output_backend": "canvas"},
    )


def bar_opts(stacked: bool = False, height: int = style.HEIGHT) -> dict:
    return dict(
        base_opts(height),
        stacked=stacked,
        line_width=0,
        xlabel="",
        show_grid=False,
        bar_width=0.75,
        padding=(0, (0, 0.12)),
    )


def legend_opts(columns: int = 3) -> dict:
    """A legend above the plot in a few columns: the chart keeps the card's width."""
    return dict(
        legend_position="top",
        legend_opts={
            "title": None,
            "orientation": "horizontal",
            "ncols": columns,
            "label_text_font_size": style.FONT_SIZES["legend"],
            "glyph_width": 14,
            "glyph_height": 14,
            "padding": 4,
            "spacing": 2,
            "margin": 4,
        },
    )


def plain(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with text columns as Python objects.

    pandas 3 reads DuckDB text as Arrow-backed strings, which some HoloViews operations
    cannot reshape (HeatMap gridding); plain object columns work everywhere.
    """
    text = [c for c in df.columns if pd.api.types.is_string_dtype(df[c]) and df[c].dtype != object]
    return df.astype({c: object for c in text}) if text else df.copy()


def apply_opts(element, **opts):
    """``element.opts(**opts)``, without per-row style mappings when there are no rows.

    HoloViews cannot evaluate a ``dim`` style mapping (``alpha=dim("alpha")``) on empty
    grouped bars; with no rows there is nothing to style.
    """
    if len(element) == 0:
        opts = {k: v for k, v in opts.items() if not isinstance(v, hv.dim)}
    return element.opts(**opts)


@dataclass(frozen=True)
class Drawing:
    """What a chart shows, as plain data: what a live chart is updated with in place.

    ``layers`` holds the rows of each glyph layer in drawing order, with the columns
    HoloViews gives the Bokeh figure it draws from the view (stacked bars' ``bottom`` and
    ``top``, a step line's corner points); ``x`` and ``y`` the axes, as categorical
    factors in axis order or ``(start, end)``; ``colors`` a categorical colour mapping
    (factor -> colour), ``color_range`` a linear one's ``(low, high)``; ``ylabel`` the
    value axis's title where it depends on the options (``xlabel`` where the axes are
    inverted and the values run across); ``height`` the figure's, where it grows with the
    rows; ``xrotation`` the degrees the x labels turn (upright session labels). Every
    view that draws a chart sets its axes explicitly, so a chart updated in place and the
    same view drawn fresh show the same ranges.
    """

    layers: tuple[pd.DataFrame, ...]
    x: tuple
    y: tuple
    colors: dict[str, str] | None = None
    color_range: tuple[float, float] | None = None
    ylabel: str | None = None
    xlabel: str | None = None
    height: int | None = None
    xrotation: int | None = None


def draws(drawing: Callable) -> Callable:
    """Decorator: the view's ``drawing`` attribute is ``drawing`` (same arguments)."""

    def attach(view: Callable) -> Callable:
        view.drawing = drawing
        return view

    return attach


def stacked(frame: pd.DataFrame, x: str, stack: str, order: list, value: str) -> pd.DataFrame:
    """The rows of stacked bars, in stacking order, with each segment's bottom and top
    (as HoloViews stacks them: in the order of ``order``, within each ``x``)."""
    rank = frame[stack].map({s: i for i, s in enumerate(order)})
    rows = frame.assign(_rank=rank).sort_values("_rank", kind="stable").drop(columns="_rank")
    top = rows.groupby(x, sort=False)[value].cumsum().astype(float)
    return rows.assign(top=top, bottom=top - rows[value].astype(float)).reset_index(drop=True)


def steps(frame: pd.DataFrame, x: str, y: str) -> pd.DataFrame:
    """A line's points as a "steps-post" line draws them: each new value starts at the
    next point's ``x`` (corners doubled)."""
    if len(frame) < 2:
        return frame.reset_index(drop=True)
    index = [0] + [i for k in range(1, len(frame)) for i in (k, k)]
    shifted = [0] + [i for k in range(1, len(frame)) for i in (k - 1, k)]
    out = frame.iloc[index].reset_index(drop=True)
    return out.assign(**{y: frame[y].to_numpy()[shifted]})


# Glyph properties HoloViews sets from a column only when the column's values differ
# (a constant becomes a fixed value): bound to the column so data sent later counts.
COLUMN_STYLES = {"alpha": ("fill_alpha", "line_alpha", "hatch_alpha")}


def bind_columns(plot, element) -> None:
    """HoloViews hook: style properties follow their columns (``COLUMN_STYLES``)."""
    renderer = plot.handles.get("glyph_renderer")
    if renderer is None:
        return
    columns = renderer.data_source.data
    for column, properties in COLUMN_STYLES.items():
        if column in columns:
            for name in properties:
                if hasattr(renderer.glyph, name):
                    setattr(renderer.glyph, name, field(column))
