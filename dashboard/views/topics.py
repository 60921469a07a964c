"""Topics per session: a session x topic matrix.

Cell colour: how many submissions were tagged with the topic; a dot marks a topic raised
at the session itself (from the published session topics). Each cell's fill is computed
here, for the page's theme, with the dimming of unselected topics blended in, and its
label is black or white, whichever contrasts more with that fill: every label stays
readable (WCAG AA), selected or dimmed, light theme or dark. Pure, like every view.
"""

from __future__ import annotations

from collections.abc import Iterable

import holoviews as hv
import pandas as pd
from bokeh.core.properties import field

from . import style
from .plotting import Drawing, apply_opts, base_opts, draws, name_plot, plain

RAISED_MARK = "●"
MAX_LABELLED = 10  # columns of cells with their numbers written in; more would collide


def _cell_text(raised: bool, submissions: int) -> str:
    count = str(submissions) if submissions else ""
    return f"{RAISED_MARK} {count}".strip() if raised else count


def cell_fill(submissions: int, top: int, dimmed: bool, theme: str = "default") -> str:
    """A cell's colour: its step of the theme's ramp, faded towards the page if dimmed."""
    look = style.HEATMAP.get(theme, style.HEATMAP["default"])
    ramp = look["ramp"]
    step = round(submissions / top * (len(ramp) - 1)) if top else 0
    colour = ramp[max(0, min(step, len(ramp) - 1))]
    return style.blend(colour, look["background"], style.DIMMED_ALPHA) if dimmed else colour


def topics_per_session_drawing(
    df: pd.DataFrame, selected: Iterable[str] = (), theme: str = "default"
) -> Drawing:
    """The matrix as data: the cells (each with its ``fill``), then the labels of each
    ink of ``style.INKS`` (one layer per ink: see ``topics_per_session``)."""
    chosen = set(selected)
    top = int(df["submissions"].max()) if len(df) else 0
    labelled = df["session_id"].nunique() <= MAX_LABELLED if len(df) else True
    dimmed = [bool(chosen) and t not in chosen for t in df["topic_id"]]
    fills = [cell_fill(s, top, d, theme) for s, d in zip(df["submissions"], dimmed)]
    data = plain(df).assign(
        session_label=style.session_labels(df).to_numpy(),
        topic_label=pd.Series(
            [style.topic_label(t) for t in df["topic"]], index=df.index, dtype=object
        ),
        text=[
            _cell_text(r, s) if labelled else "" for r, s in zip(df["raised"], df["submissions"])
        ],
        # Object columns: HoloViews grids a heat map's columns with reshape, which
        # pandas' Arrow-backed strings refuse.
        fill=pd.Series(fills, index=df.index, dtype=object),
        ink=pd.Series([style.ink_on(f) for f in fills], index=df.index, dtype=object),
        zvalues=df["submissions"].to_numpy(),
    )
    # Bokeh draws the first factor at the bottom: reverse for A-Z from the top.
    names = sorted(set(df["topic"]), key=str.lower, reverse=True)
    inks = tuple(data.loc[data["ink"] == ink].reset_index(drop=True) for ink in style.INKS)
    return Drawing(
        (data, *inks),
        tuple(style.session_order(df)),
        tuple(style.topic_label(n) for n in names),
        color_range=(0, max(top, 1)),
        height=style.session_axis_height(df, style.heat_map_height(len(names))),
        xrotation=style.x_rotation(df),
    )


@draws(topics_per_session_drawing)
def topics_per_session(
    df: pd.DataFrame, selected: Iterable[str] = (), theme: str = "default"
) -> hv.Overlay:
    """HeatMap of submissions per session and topic, with labels; selected topics stand out."""
    drawing = topics_per_session_drawing(df, selected, theme)
    data, *inks = drawing.layers
    sessions = hv.Dimension("session_label", label="Session", values=list(drawing.x))
    topics = hv.Dimension("topic_label", label="Topic", values=list(drawing.y))
    vdims = [
        hv.Dimension("submissions", label="Submissions"),
        "topic",
        "raised",
        "topic_id",
        "fill",
    ]
    look = style.HEATMAP.get(theme, style.HEATMAP["default"])
    heat = apply_opts(
        hv.HeatMap(data, [sessions, topics], vdims),
        **base_opts(drawing.height),
        xrotation=drawing.xrotation,
        cmap=list(look["ramp"]),
        colorbar=False,
        clim=drawing.color_range,
        line_color=look["background"],
        line_width=1,
        xlabel="",
        ylabel="",
        show_grid=False,
        hover_tooltips=[
            ("Session", "@session_label"),
            ("Topic", "@topic"),
            ("Submissions", "@submissions"),
            ("Raised at the session", "@raised"),
        ],
        hooks=[name_plot("topics_per_session"), fill_from_column],
    )
    # One layer of labels per ink, each of one colour: a colour mapped per label would be
    # dropped by HoloViews whenever all labels share one ink, and Bokeh then warns, on
    # the next update, about the missing column.
    labels = [
        apply_opts(
            hv.Labels(rows, [sessions, topics], ["text"]),
            text_font_size=style.CELL_FONT_SIZE,
            text_color=ink,
        )
        for ink, rows in zip(style.INKS, inks)
    ]
    return hv.Overlay([heat, *labels])


def fill_from_column(plot, element) -> None:
    """Fill each cell with its ``fill`` column (computed above) instead of a colour map.

    A hook, run after every draw: HoloViews itself maps a heat map's values through a
    colour map, which could not fade dimmed cells towards the page's background.
    """
    renderer = plot.handles["glyph_renderer"]
    for kind in ("glyph", "hover_glyph", "selection_glyph", "nonselection_glyph"):
        glyph = getattr(renderer, kind, None)
        if glyph is not None and glyph != "auto":
            glyph.fill_color = field("fill")
