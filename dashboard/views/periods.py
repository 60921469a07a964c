"""Hundreds of sessions on one axis cannot be read: session charts show periods instead.

When a frame holds more than ``MAX_SESSIONS`` sessions, ``by_period`` folds its rows into
one row per year (or, within one year, per month), labelled like a session
(``session_id`` ``"year:2019"`` or ``"month:2019-03"``, ``session`` "2019 · 200
sessions", no date), so every session chart draws it unchanged. Counts add up over the period's
sessions (a person at three sessions counts three times: participations, not people).
A click on a period drills down: ``drill_down`` says which filter to set. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

MAX_SESSIONS = 24
LEVELS = {"year": "%Y", "month": "%Y-%m"}


def level(df: pd.DataFrame) -> str | None:
    """``"year"``, ``"month"`` or None (few enough sessions to show each)."""
    if df.empty or df["session_id"].nunique() <= MAX_SESSIONS:
        return None
    return "year" if pd.to_datetime(df["date"]).dt.year.nunique() > 1 else "month"


def _periods(df: pd.DataFrame, by: str) -> pd.Series:
    return pd.to_datetime(df["date"]).dt.strftime(LEVELS[by])


def by_period(
    df: pd.DataFrame, keys: Sequence[str] = (), sums: Sequence[str] = (), any_of: Sequence = ()
) -> pd.DataFrame:
    """``df`` with one row per period (and ``keys``) when it holds too many sessions:
    ``sums`` added up, ``any_of`` true where any session's is; else ``df`` itself."""
    by = level(df)
    if by is None:
        return df
    period = _periods(df, by)
    counts = df.groupby(period)["session_id"].nunique()
    how = {**{c: "sum" for c in sums}, **{c: "any" for c in any_of}}
    rows = df.assign(_period=period).groupby(["_period", *keys], as_index=False).agg(how)
    names = rows["_period"].map(lambda p: _name(p, by))
    sessions = rows["_period"].map(counts)
    return rows.assign(
        session_id=by + ":" + rows["_period"],
        session=names + " · " + sessions.astype(str) + " sessions",
        date=pd.NaT,  # a period's label has no day; periods sort by their ids
    ).drop(columns="_period")


def _name(period: str, by: str) -> str:
    return period if by == "year" else f"{pd.Timestamp(period + '-01'):%b %Y}"


def drill_down(df: pd.DataFrame, period_id: str) -> tuple[str, list] | None:
    """The filter and values that open a period of ``df`` (the frame before folding):
    a year selects that year, a month the sessions in it; None for a session id."""
    by, _, period = period_id.partition(":")
    if by not in LEVELS or not period:
        return None
    if by == "year":
        return "years", [int(period)]
    inside = df.loc[_periods(df, by) == period, "session_id"]
    return "sessions", sorted(set(inside))
