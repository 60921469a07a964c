"""Who took part: attendance by sector, the registration funnel, returning participants,
participants by place. Each function: the question's DataFrame -> a HoloViews element.

Pure: no IO, no state, the input frame is never modified (each works on its own copy).
``selected`` names what the dashboard has selected in this view; it is highlighted, the
rest dimmed (the view is not filtered by its own selection).
"""

from __future__ import annotations

from collections.abc import Iterable

import holoviews as hv
import pandas as pd

from . import style
from .plotting import apply_opts, bar_opts, legend_opts, name_plot, plain
from .words import people


def headroom(totals: pd.Series) -> float:
    """The top of a bar chart's y axis: 10% above the tallest bar (and the legend)."""
    return float(totals.max()) * 1.1 if len(totals) and totals.max() > 0 else 1.0


def _alpha(values: pd.Series, selected: Iterable) -> list[float]:
    chosen = set(selected)
    if not chosen:
        return [1.0] * len(values)
    return [1.0 if v in chosen else style.DIMMED_ALPHA for v in values]


def attendance_by_sector(
    df: pd.DataFrame, shares: bool = False, selected: Iterable[str] = (), count: str = "attended"
) -> hv.Bars:
    """Stacked bars: participants (or each sector's share) per session, by sector;
    registrants when ``count`` is "registered"."""
    who = people(count).capitalize()
    value = hv.Dimension("value", label=f"Share of {who.lower()} (%)" if shares else who)
    data = plain(df).assign(
        session_label=style.session_labels(df).to_numpy(),
        value=(df["share"] * 100).round(1) if shares else df["participants"],
        share_pct=(df["share"] * 100).round(1),
        alpha=_alpha(df["sector"], selected),
    )
    kdims = [
        hv.Dimension("session_label", label="Session", values=style.session_order(df)),
        hv.Dimension("sector", label="Sector", values=style.ordered_sectors(df["sector"])),
    ]
    vdims = [
        value,
        hv.Dimension("participants", label=who),
        hv.Dimension("share_pct", label="Share (%)"),
        "session_id",
        "alpha",
    ]
    bars = hv.Bars(data, kdims, vdims)
    return apply_opts(
        bars,
        **bar_opts(stacked=not data.empty),
        cmap=style.sector_colors(style.ordered_sectors(df["sector"])),
        alpha=hv.dim("alpha"),
        ylim=(0, 105) if shares else (0, headroom(df.groupby("session_id")["participants"].sum())),
        hover_tooltips=[
            ("Session", "@session_label"),
            ("Sector", "@sector"),
            (who, "@participants"),
            ("Share", "@share_pct{0.0}%"),
        ],
        ylabel=value.label,
        **legend_opts(),
        hooks=[name_plot("attendance_by_sector")],
    )


def _session_frame(df: pd.DataFrame, selected: Iterable[str]) -> pd.DataFrame:
    return plain(df).assign(
        session_label=style.session_labels(df).to_numpy(), alpha=_alpha(df["session_id"], selected)
    )


def funnel(df: pd.DataFrame, selected: Iterable[str] = ()) -> hv.Bars:
    """Stacked bars per session: everyone recorded, split by registration and attendance.

    Registered and attended, registered but absent (no-shows), attended without
    registering (walk-ins): registrations are the first two, attendance the first and
    last. (Stacked, not grouped: HoloViews' dodged bars break when sessions drop out.)
    """
    frame = _session_frame(df, selected).assign(
        both=df["registered_and_attended"].to_numpy(),
        registered_total=df["registered"].to_numpy(),
        attended_total=df["attended"].to_numpy(),
    )
    columns = dict(zip(("both", "no_shows", "walk_ins"), style.STAGES))
    long = frame.melt(
        id_vars=["session_id", "session_label", "alpha", "registered_total", "attended_total"],
        value_vars=list(columns),
        var_name="stage",
        value_name="people",
    ).assign(stage=lambda f: f["stage"].map(columns))
    kdims = [
        hv.Dimension("session_label", label="Session", values=style.session_order(df)),
        hv.Dimension("stage", label="Stage", values=list(style.STAGES)),
    ]
    vdims = [
        hv.Dimension("people", label="People"),
        "session_id",
        "alpha",
        "registered_total",
        "attended_total",
    ]
    bars = hv.Bars(long, kdims, vdims)
    return apply_opts(
        bars,
        **bar_opts(stacked=not long.empty),
        cmap=style.STAGE_COLORS,
        ylim=(0, headroom(df["registered"] + df["walk_ins"])),
        alpha=hv.dim("session_label").categorize(
            dict(zip(frame["session_label"], frame["alpha"])), default=1.0
        ),
        hover_tooltips=[
            ("Session", "@session_label"),
            ("", "@stage: @people"),
            ("Registered", "@registered_total"),
            ("Attended", "@attended_total"),
        ],
        ylabel="People",
        **legend_opts(3),
        hooks=[name_plot("funnel")],
    )


def returning_participants(df: pd.DataFrame, selected: Iterable[str] = ()) -> hv.Bars:
    """Stacked bars per session: first-time and returning participants."""
    columns = dict(zip(("first_time", "returning"), style.RETURNING))
    long = (
        _session_frame(df, selected)
        .melt(
            id_vars=["session_id", "session_label", "alpha"],
            value_vars=list(columns),
            var_name="group",
            value_name="people",
        )
        .assign(group=lambda f: f["group"].map(columns))
    )
    kdims = [
        hv.Dimension("session_label", label="Session", values=style.session_order(df)),
        hv.Dimension("group", label="Participants", values=list(style.RETURNING)),
    ]
    bars = hv.Bars(long, kdims, [hv.Dimension("people", label="People"), "session_id", "alpha"])
    return apply_opts(
        bars,
        **bar_opts(stacked=not long.empty),
        cmap=style.RETURNING_COLORS,
        ylim=(0, headroom(df["first_time"] + df["returning"])),
        alpha=hv.dim("alpha"),
        hover_tooltips=[("Session", "@session_label"), ("", "@group: @people")],
        ylabel="People",
        **legend_opts(2),
        hooks=[name_plot("returning_participants")],
    )


AREA_LABELS = {
    "region": "M49 region",
    "sub_region": "M49 sub-region",
    "un_regional_group": "UN regional group",
    "country": "Country",
}


def participants_by_area(
    df: pd.DataFrame,
    top: int = style.TOP_PLACES,
    level: str = "region",
    selected: Iterable[str] = (),
    count: str = "attended",
) -> hv.Bars:
    """Horizontal bars: participants (registrants) per place, the ``top`` largest on top."""
    who = people(count).capitalize()
    shown = df.sort_values(["participants", "area"], ascending=[False, True], kind="stable").head(
        top
    )
    chosen = set(selected)
    iso3 = shown["iso3"] if "iso3" in shown else pd.Series([None] * len(shown), index=shown.index)
    data = plain(shown).assign(
        alpha=[
            1.0 if not chosen or a in chosen or i in chosen else style.DIMMED_ALPHA
            for a, i in zip(shown["area"], iso3)
        ],
        counted=who,
    )
    area = hv.Dimension(
        "area", label=AREA_LABELS.get(level, "Place"), values=list(reversed(list(shown["area"])))
    )
    # Drawn as a stack of one: HoloViews' plain bars, sent fewer rows through the pipe
    # (Country back to Region), made BokehJS select the new columns with the old rows'
    # indices ("Size mismatch" page error); stacked bars are redrawn whole.
    bars = hv.Bars(
        data,
        [area, hv.Dimension("counted", label="Counted")],
        [
            hv.Dimension("participants", label=who),
            hv.Dimension("organizations", label="Organizations"),
            "alpha",
        ],
    )
    opts = dict(bar_opts(stacked=not data.empty, height=style.TALL_HEIGHT), ylabel=who)
    return apply_opts(
        bars,
        **opts,
        cmap={who: style.SECTOR_COLORS["Government"]},
        show_legend=False,
        alpha=hv.dim("alpha"),
        invert_axes=True,
        hover_tooltips=[
            ("", "@area"),
            (who, "@participants"),
            ("Organizations", "@organizations"),
        ],
        hooks=[name_plot("participants_by_area")],
    )
