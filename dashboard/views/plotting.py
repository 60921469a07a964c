"""Plot options shared by the charts (sizes, tools) and the hook that names a plot.

The name lets a browser test find a chart's Bokeh model (``get_model_by_name``) and click
a bar at the coordinates of its data.
"""

from __future__ import annotations

from collections.abc import Callable

import holoviews as hv
import pandas as pd

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
