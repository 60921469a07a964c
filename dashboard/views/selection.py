"""What a click on a chart points at: from the click's data coordinates to a filter value.

A HoloViews ``Tap`` stream reports the category under the pointer on a categorical axis
(a session label, a topic name, a place) and the value on the numeric one; these pure
functions map that back to ids, using the frame the chart was drawn from.
"""

from __future__ import annotations

import pandas as pd

from . import style


def _label(value: object) -> str | None:
    """The category of a tap: a string, or the first level of a nested factor."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return None if value is None else str(value)


def session_at(df: pd.DataFrame, x: object) -> str | None:
    """The session id whose axis label is ``x`` (frames with session, date, session_id)."""
    hits = df.loc[style.session_labels(df) == _label(x), "session_id"]  # None matches none
    return str(hits.iloc[0]) if len(hits) else None


def sector_at(
    df: pd.DataFrame, x: object, y: float | None, shares: bool = False
) -> tuple[str, str] | None:
    """(session id, sector) of the stacked segment at ``(x, y)`` in attendance_by_sector."""
    session_id = session_at(df, x)
    if session_id is None or y is None:
        return None
    rows = df.loc[df["session_id"] == session_id].copy()
    rows["_order"] = rows["sector"].map(
        {s: i for i, s in enumerate(style.ordered_sectors(df["sector"]))}
    )
    rows = rows.sort_values("_order")
    heights = rows["share"] * 100 if shares else rows["participants"]
    top = heights.cumsum()
    inside = rows.loc[(top - heights <= y) & (y < top)]
    return (session_id, str(inside["sector"].iloc[0])) if len(inside) else None


def topic_at(df: pd.DataFrame, y: object) -> str | None:
    """The topic id whose axis label (its wrapped name) is ``y`` in topics_per_session."""
    name = _label(y)
    labels = df["topic"].map(style.topic_label) if len(df) else df.get("topic", [])
    hits = df.loc[labels == name, "topic_id"] if name is not None else []
    return str(hits.iloc[0]) if len(hits) else None


def area_at(df: pd.DataFrame, y: object) -> str | None:
    """The filter value of the place at ``y``: the ISO3 code for countries, else its name."""
    name = _label(y)
    hits = df.loc[df["area"] == name]  # None matches no row
    if not len(hits) or name == "Unknown":
        return None
    iso3 = hits["iso3"].iloc[0] if "iso3" in hits else None
    return str(iso3) if isinstance(iso3, str) and iso3 else str(name)


def toggle(current: list, value: object) -> list:
    """Clicking a selected item clears it; clicking another one selects only it."""
    return [] if list(current) == [value] else [value]
