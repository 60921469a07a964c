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
from .plotting import (
    Drawing,
    apply_opts,
    bar_opts,
    bind_columns,
    draws,
    legend_opts,
    name_plot,
    plain,
    stacked,
)
from .words import people


def headroom(totals: pd.Series) -> float:
    """The top of a bar chart's y axis: 10% above the tallest bar (and the legend)."""
    return float(totals.max()) * 1.1 if len(totals) and totals.max() > 0 else 1.0


def _alpha(values: pd.Series, selected: Iterable) -> list[float]:
    chosen = set(selected)
    if not chosen:
        return [1.0] * len(values)
    return [1.0 if v in chosen else style.DIMMED_ALPHA for v in values]


def attendance_by_sector_drawing(
    df: pd.DataFrame, shares: bool = False, selected: Iterable[str] = (), count: str = "attended"
) -> Drawing:
    """The stacked bars of ``attendance_by_sector`` as data (see ``Drawing``)."""
    who = people(count).capitalize()
    sectors = style.ordered_sectors(df["sector"])
    data = plain(df).assign(
        session_label=style.session_labels(df).to_numpy(),
        value=(df["share"] * 100).round(1) if shares else df["participants"],
        share_pct=(df["share"] * 100).round(1),
        alpha=_alpha(df["sector"], selected),
    )
    top = 105 if shares else headroom(df.groupby("session_id")["participants"].sum())
    return Drawing(
        (stacked(data, "session_label", "sector", sectors, "value"),),
        tuple(style.session_order(df)),
        (0, top),
        colors=style.sector_colors(sectors),
        ylabel=f"Share of {who.lower()} (%)" if shares else who,
        height=style.session_axis_height(df),
        xrotation=style.x_rotation(df),
    )


@draws(attendance_by_sector_drawing)
def attendance_by_sector(
    df: pd.DataFrame, shares: bool = False, selected: Iterable[str] = (), count: str = "attended"
) -> hv.Bars:
    """Stacked bars: participants (or each sector's share) per session, by sector;
    registrants when ``count`` is "registered"."""
    drawing = attendance_by_sector_drawing(df, shares, selected, count)
    who = people(count).capitalize()
    value = hv.Dimension("value", label=drawing.ylabel)
    kdims = [
        hv.Dimension("session_label", label="Session", values=list(drawing.x)),
        hv.Dimension("sector", label="Sector", values=list(drawing.colors)),
    ]
    vdims = [
        value,
        hv.Dimension("participants", label=who),
        hv.Dimension("share_pct", label="Share (%)"),
        "session_id",
        "alpha",
    ]
    bars = hv.Bars(drawing.layers[0], kdims, vdims)
    return apply_opts(
        bars,
        **bar_opts(stacked=not df.empty, height=drawing.height),
        xrotation=drawing.xrotation,
        cmap=drawing.colors,
        alpha=hv.dim("alpha"),
        ylim=drawing.y,
        hover_tooltips=[
            ("Session", "@session_label"),
            ("Sector", "@sector"),
            (who, "@participants"),
            ("Share", "@share_pct{0.0}%"),
        ],
        ylabel=value.label,
        **legend_opts(),
        hooks=[name_plot("attendance_by_sector"), bind_columns],
    )


def _session_frame(df: pd.DataFrame, selected: Iterable[str]) -> pd.DataFrame:
    return plain(df).assign(
        session_label=style.session_labels(df).to_numpy(), alpha=_alpha(df["session_id"], selected)
    )


def _session_stacks(
    frame: pd.DataFrame,
    columns: dict[str, str],
    name: str,
    extra: list[str],
    top: float,
    colors: dict[str, str],
) -> Drawing:
    """Stacked bars per session of ``columns`` (frame column -> stack label) as data."""
    long = frame.melt(
        id_vars=["session_id", "session_label", "alpha", *extra],
        value_vars=list(columns),
        var_name=name,
        value_name="people",
    ).assign(**{name: lambda f: f[name].map(columns)})
    return Drawing(
        (stacked(long, "session_label", name, list(columns.values()), "people"),),
        tuple(style.session_order(frame)),
        (0, top),
        colors=colors,
        height=style.session_axis_height(frame),
        xrotation=style.x_rotation(frame),
    )


def funnel_drawing(df: pd.DataFrame, selected: Iterable[str] = ()) -> Drawing:
    """The stacked bars of ``funnel`` as data (see ``Drawing``)."""
    frame = _session_frame(df, selected).assign(
        both=df["registered_and_attended"].to_numpy(),
        registered_total=df["registered"].to_numpy(),
        attended_total=df["attended"].to_numpy(),
    )
    columns = dict(zip(("both", "no_shows", "walk_ins"), style.STAGES))
    return _session_stacks(
        frame,
        columns,
        "stage",
        ["registered_total", "attended_total"],
        headroom(df["registered"] + df["walk_ins"]),
        style.STAGE_COLORS,
    )


@draws(funnel_drawing)
def funnel(df: pd.DataFrame, selected: Iterable[str] = ()) -> hv.Bars:
    """Stacked bars per session: everyone recorded, split by registration and attendance.

    Registered and attended, registered but absent (no-shows), attended without
    registering (walk-ins): registrations are the first two, attendance the first and
    last. (Stacked, not grouped: HoloViews' dodged bars break when sessions drop out.)
    """
    drawing = funnel_drawing(df, selected)
    long = drawing.layers[0]
    kdims = [
        hv.Dimension("session_label", label="Session", values=list(drawing.x)),
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
        **bar_opts(stacked=not long.empty, height=drawing.height),
        xrotation=drawing.xrotation,
        cmap=style.STAGE_COLORS,
        ylim=drawing.y,
        alpha=hv.dim("alpha"),
        hover_tooltips=[
            ("Session", "@session_label"),
            ("", "@stage: @people"),
            ("Registered", "@registered_total"),
            ("Attended", "@attended_total"),
        ],
        ylabel="People",
        **legend_opts(2),  # long stage names: three to a row overflow at 1366x768
        hooks=[name_plot("funnel"), bind_columns],
    )


def returning_participants_drawing(df: pd.DataFrame, selected: Iterable[str] = ()) -> Drawing:
    """The stacked bars of ``returning_participants`` as data (see ``Drawing``)."""
    columns = dict(zip(("first_time", "returning"), style.RETURNING))
    top = headroom(df["first_time"] + df["returning"])
    frame = _session_frame(df, selected)
    return _session_stacks(frame, columns, "group", [], top, style.RETURNING_COLORS)


@draws(returning_participants_drawing)
def returning_participants(df: pd.DataFrame, selected: Iterable[str] = ()) -> hv.Bars:
    """Stacked bars per session: first-time and returning participants."""
    drawing = returning_participants_drawing(df, selected)
    long = drawing.layers[0]
    kdims = [
        hv.Dimension("session_label", label="Session", values=list(drawing.x)),
        hv.Dimension("group", label="Participants", values=list(style.RETURNING)),
    ]
    bars = hv.Bars(long, kdims, [hv.Dimension("people", label="People"), "session_id", "alpha"])
    return apply_opts(
        bars,
        **bar_opts(stacked=not long.empty, height=drawing.height),
        xrotation=drawing.xrotation,
        cmap=style.RETURNING_COLORS,
        ylim=drawing.y,
        alpha=hv.dim("alpha"),
        hover_tooltips=[("Session", "@session_label"), ("", "@group: @people")],
        ylabel="People",
        **legend_opts(2),
        hooks=[name_plot("returning_participants"), bind_columns],
    )


AREA_LABELS = {
    "region": "M49 region",
    "sub_region": "M49 sub-region",
    "un_regional_group": "UN regional group",
    "country": "Country",
}


def participants_by_area_drawing(
    df: pd.DataFrame,
    top: int = style.TOP_PLACES,
    level: str = "region",
    selected: Iterable[str] = (),
    count: str = "attended",
) -> Drawing:
    """The bars of ``participants_by_area`` as data: places bottom to top on ``y``, the
    value axis (``xlabel``: participants or registrants) across."""
    shown = df.sort_values(["participants", "area"], ascending=[False, True], kind="stable")
    shown = shown.head(top)
    chosen = set(selected)
    iso3 = shown["iso3"] if "iso3" in shown else [None] * len(shown)
    data = plain(shown).assign(
        alpha=[
            1.0 if not chosen or a in chosen or i in chosen else style.DIMMED_ALPHA
            for a, i in zip(shown["area"], iso3)
        ]
    )
    places = tuple(reversed(list(shown["area"])))
    return Drawing(
        (data.reset_index(drop=True),),
        (0, headroom(shown["participants"])),
        places,
        xlabel=people(count).capitalize(),
    )


@draws(participants_by_area_drawing)
def participants_by_area(
    df: pd.DataFrame,
    top: int = style.TOP_PLACES,
    level: str = "region",
    selected: Iterable[str] = (),
    count: str = "attended",
) -> hv.Bars:
    """Horizontal bars: participants (registrants) per place, the ``top`` largest on top."""
    drawing = participants_by_area_drawing(df, top, level, selected, count)
    who = drawing.xlabel
    area = hv.Dimension("area", label=AREA_LABELS.get(level, "Place"), values=list(drawing.y))
    bars = hv.Bars(
        drawing.layers[0],
        area,
        [
            hv.Dimension("participants", label=who),
            hv.Dimension("organizations", label="Organizations"),
            "alpha",
        ],
    )
    return apply_opts(
        bars,
        **bar_opts(height=style.TALL_HEIGHT),
        ylabel=who,  # the value axis (across, the axes being inverted)
        color=style.SECTOR_COLORS["Government"],
        alpha=hv.dim("alpha"),
        invert_axes=True,
        ylim=drawing.x,
        hover_tooltips=[
            ("", "@area"),
            (who, "@participants"),
            ("Organizations", "@organizations"),
        ],
        hooks=[name_plot("participants_by_area"), bind_columns],
    )
