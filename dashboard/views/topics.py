"""Topics per session: a session x topic matrix.

Cell colour: how many submissions were tagged with the topic; a dot marks a topic raised
at the session itself (from the published session topics). Pure, like every view.
"""

from __future__ import annotations

from collections.abc import Iterable

import holoviews as hv
import pandas as pd

from . import style
from .plotting import apply_opts, base_opts, name_plot, plain

RAISED_MARK = "●"


def _cell_text(raised: bool, submissions: int) -> str:
    count = str(submissions) if submissions else ""
    return f"{RAISED_MARK} {count}".strip() if raised else count


def topics_per_session(df: pd.DataFrame, selected: Iterable[str] = ()) -> hv.Overlay:
    """HeatMap of submissions per session and topic, with labels; selected topics stand out."""
    chosen = set(selected)
    top = int(df["submissions"].max()) if len(df) else 0
    data = plain(df).assign(
        session_label=style.session_labels(df).to_numpy(),
        text=[_cell_text(r, s) for r, s in zip(df["raised"], df["submissions"])],
        dark=[s > top * 0.55 for s in df["submissions"]],
        alpha=[1.0 if not chosen or t in chosen else style.DIMMED_ALPHA for t in df["topic_id"]],
    )
    sessions = hv.Dimension("session_label", label="Session", values=style.session_order(df))
    # Bokeh draws the first factor at the bottom: reverse for A-Z from the top.
    topics = hv.Dimension(
        "topic", label="Topic", values=sorted(set(df["topic"]), key=str.lower, reverse=True)
    )
    vdims = [hv.Dimension("submissions", label="Submissions"), "raised", "topic_id", "alpha"]
    heat = apply_opts(
        hv.HeatMap(data, [sessions, topics], vdims),
        **base_opts(style.TALL_HEIGHT),
        cmap=style.HEATMAP_CMAP,
        colorbar=False,
        clim=(0, max(top, 1)),
        alpha=hv.dim("alpha"),
        line_color="white",
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
        hooks=[name_plot("topics_per_session")],
    )
    labels = apply_opts(
        hv.Labels(data, [sessions, topics], ["text", "dark"]),
        text_font_size=style.CELL_FONT_SIZE,
        text_color=hv.dim("dark").categorize({True: "white", False: "#222222"}),
    )
    return heat * labels
