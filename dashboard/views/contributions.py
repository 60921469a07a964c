"""What stakeholders contributed: submissions over the series, and the table of them.

``contributions_over_time`` draws one cumulative step line per kind (or per sector). Its
overlay always holds every kind (every sector of the taxonomy), so a live chart keeps
the same lines from one filter state to the next; a kind with no submissions stays at 0.
"""

from __future__ import annotations

import holoviews as hv
import pandas as pd

from . import style
from .participation import headroom
from .plotting import Drawing, base_opts, draws, legend_opts, name_plot, plain, steps
from .specs import TableSpec

BY = {
    "kind": (style.KINDS, style.KIND_COLORS, "Kind"),
    "sector": (style.SECTORS, style.SECTOR_COLORS, "Sector"),
}


def _cumulative(df: pd.DataFrame, by: str, key: str, start, end) -> pd.DataFrame:
    """Running total of submissions for one kind/sector, from ``start`` to ``end``."""
    daily = df.loc[df[by] == key].groupby("date", sort=True)["submissions"].sum()
    points = pd.concat([pd.Series([0], index=[start]), daily.cumsum()])
    points = points.groupby(level=0).max()
    if end is not None and points.index[-1] < end:
        points.loc[end] = points.iloc[-1]
    return pd.DataFrame({"date": pd.to_datetime(points.index), "cumulative": points.to_numpy()})


# The date axis spans at least this long: over a day or two, Bokeh labels it in hours.
SHORTEST_SPAN = pd.Timedelta(days=7)


def _lines(df: pd.DataFrame, by: str) -> tuple[dict[str, pd.DataFrame], tuple, float]:
    """Each line's points (every kind or sector, in legend order), and the axes' extent:
    the day before the first submission to the last (widened about its middle to
    ``SHORTEST_SPAN`` if shorter); zero to above the highest total."""
    keys, _, _ = BY[by]
    keys = sorted(set(keys) | set(df[by].dropna()))  # the legend's order
    dates = pd.to_datetime(df["date"]) if len(df) else pd.Series([], dtype="datetime64[ns]")
    start = dates.min() - pd.Timedelta(days=1) if len(df) else pd.Timestamp("2022-01-01")
    end = dates.max() if len(df) else None
    frame = plain(df).assign(date=dates)
    lines = {key: _cumulative(frame, by, key, start, end) for key in keys}
    highest = max((float(line["cumulative"].max()) for line in lines.values()), default=0)
    return lines, widened(start, end if end is not None else start), highest


def widened(start: pd.Timestamp, end: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """``(start, end)``, widened about its middle to ``SHORTEST_SPAN`` if shorter."""
    short = SHORTEST_SPAN - (end - start)
    if short <= pd.Timedelta(0):
        return start, end
    return start - short / 2, end + short / 2


def contributions_over_time_drawing(df: pd.DataFrame, by: str = "kind") -> Drawing:
    """The step lines of ``contributions_over_time`` as data (see ``Drawing``)."""
    lines, x, highest = _lines(df, by)
    layers = tuple(steps(line, "date", "cumulative").assign(**{by: k}) for k, line in lines.items())
    return Drawing(layers, x, (0, headroom(pd.Series([highest]))))


@draws(contributions_over_time_drawing)
def contributions_over_time(df: pd.DataFrame, by: str = "kind") -> hv.NdOverlay:
    """Cumulative submissions over time, one step line per kind (``by="kind"``) or sector."""
    _, colors, label = BY[by]
    lines, x, highest = _lines(df, by)
    curves = {
        key: hv.Curve(
            line,
            hv.Dimension("date", label="Date"),
            hv.Dimension("cumulative", label="Submissions (cumulative)"),
            label=key,
        ).opts(
            color=colors.get(key, style.UNKNOWN_COLOR), interpolation="steps-post", line_width=2.5
        )
        for key, line in lines.items()
    }
    overlay = hv.NdOverlay(curves, kdims=hv.Dimension(by, label=label))
    return overlay.opts(
        **base_opts(),
        **legend_opts(),
        xlabel="",
        show_grid=True,
        ylabel="Submissions",
        xlim=x,
        ylim=(0, headroom(pd.Series([highest]))),
        hooks=[name_plot(f"contributions_over_time_{by}")],
    )


TABLE_COLUMNS = {
    "submission_id": "ID",
    "date": "Date",
    "session": "Session",
    "kind": "Kind",
    "title": "Title",
    "organization": "Organization",
    "sector": "Sector",
    "country": "Country",
    "topics": "Topics",
    "illustrative": "Sample",
}
SEARCHED = (
    "submission_id",
    "session",
    "kind",
    "title",
    "organization",
    "sector",
    "country",
    "topics",
)


def matches(df: pd.DataFrame, search: str) -> pd.Series:
    """Rows where every word of ``search`` occurs (any case) in one of the text columns."""
    words = search.casefold().split()
    if not words:
        return pd.Series(True, index=df.index)
    text = df[list(SEARCHED)].astype("string").fillna("").agg(" ".join, axis=1).str.casefold()
    found = pd.Series(True, index=df.index)
    for word in words:
        found &= text.str.contains(word, regex=False)
    return found.astype(bool)


def contributions(df: pd.DataFrame, search: str = "") -> TableSpec:
    """The contributions table: the rows that match ``search``, with readable columns."""
    rows = df.loc[matches(df, search)] if len(df) else df
    frame = (
        rows[list(TABLE_COLUMNS)]
        .rename(columns=TABLE_COLUMNS)
        .assign(
            Date=lambda f: pd.to_datetime(f["Date"]).dt.date,
            Sample=lambda f: f["Sample"].map({True: "sample", False: ""}),
        )
    )
    # ID, Kind and Sample stay in the rows and downloads; on screen the banner says what
    # is sample data, each title starts with its kind ("Recommendation: ..."), and the
    # other columns need the room: at 1366x768 eight columns broke words ("Recommenda/tion").
    return TableSpec(
        frame.reset_index(drop=True),
        hidden_columns=("ID", "Kind", "Sample"),
        widths={"Date": 105, "Session": 115, "Sector": 115, "Country": 120},
    )
