"""What each view must show for a state, worked out from the store through ``DataSource``.

Each function takes the source and a ``DashboardState`` and returns rows in the shape the
page's Bokeh data sources are read in (``dashboard_page.chart_rows`` and
``table_rows_data``), so a browser test compares what Chromium holds with what the
query answers for the same state. The rows come from the question's frame, not from the
view functions: a view that drew the wrong frame (say, filtered by its own selection)
fails the comparison.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard import components, registry, views
from dashboard.components.base import ViewComponent
from dashboard.components.charts import AREA_FILTERS
from dashboard.data import DataSource
from dashboard.state import DashboardState
from dashboard.views import style
from dashboard.views.words import heading

TOP_PLACES = 15  # the places chart shows the 15 with the most participants


def frame(source: DataSource, state: DashboardState, question: str, *own: str, **options):
    """The question's answer for the state, without the view's own selections."""
    return source.ask(question, state.filters().without(*own), **options)


def plain(value: object) -> object:
    """A value as it reads back from the page: dates as epoch milliseconds, NaN as None."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp) or hasattr(value, "isoformat"):
        return float(pd.Timestamp(value).value // 1_000_000)
    return value.item() if hasattr(value, "item") else value


def labels(df: pd.DataFrame) -> list[str]:
    return list(style.session_labels(df)) if len(df) else []


def attendance_by_sector(source, state) -> list[tuple]:
    df = frame(source, state, "attendance_by_sector", "sectors")
    value = (df["share"] * 100).round(1) if state.shares else df["participants"]
    return sorted(
        (s, sector, int(p), float(v))
        for s, sector, p, v in zip(df["session_id"], df["sector"], df["participants"], value)
    )


def _stages(df: pd.DataFrame, columns: dict[str, str]) -> list[tuple]:
    """Rows (session, stage, people) of a frame with one column per stage."""
    return sorted(
        (session, stage, int(people))
        for column, stage in columns.items()
        for session, people in zip(df["session_id"], df[column])
    )


def funnel(source, state) -> list[tuple]:
    df = frame(source, state, "funnel", "sessions")
    stages = zip(("registered_and_attended", "no_shows", "walk_ins"), style.STAGES)
    return _stages(df, dict(stages))


def returning_participants(source, state) -> list[tuple]:
    df = frame(source, state, "returning_participants", "sessions")
    return _stages(df, dict(zip(("first_time", "returning"), style.RETURNING)))


def participants_by_area(source, state) -> list[tuple]:
    level = state.area_level
    df = frame(source, state, "participants_by_area", AREA_FILTERS[level], level=level)
    top = df.sort_values(["participants", "area"], ascending=[False, True]).head(TOP_PLACES)
    return sorted(
        (a, int(p), int(o))
        for a, p, o in zip(top["area"], top["participants"], top["organizations"])
    )


def topics_per_session(source, state) -> list[tuple]:
    df = frame(source, state, "topics_per_session", "topics")
    return sorted(zip(labels(df), df["topic_id"], map(int, df["submissions"])))


def contributions_over_time(by: str) -> Callable:
    """Per line (kind or sector) with submissions: its running total on every date any
    submission came in (``dashboard_page.running_totals`` reads the page's lines alike)."""

    def expected(source, state) -> dict[str, dict[float, int]]:
        df = frame(source, state, "contributions_over_time")
        dates = sorted(set(pd.to_datetime(df["date"])))
        return {
            key: {
                plain(d): int(rows.loc[pd.to_datetime(rows["date"]) <= d, "submissions"].sum())
                for d in dates
            }
            for key, rows in df.groupby(by)
            if rows["submissions"].sum() > 0
        }

    return expected


# What each chart on the page must hold for a state, per chart: every chart on the page
# needs an entry (``tests/test_browser_expectations.py`` checks it without a browser).
CHARTS: dict[str, Callable] = {
    "attendance_by_sector": attendance_by_sector,
    "topics_per_session": topics_per_session,
    "contributions_over_time_kind": contributions_over_time("kind"),
    "contributions_over_time_sector": contributions_over_time("sector"),
    "participants_by_area": participants_by_area,
    "funnel": funnel,
    "returning_participants": returning_participants,
}


def chart(name: str) -> Callable:
    """``CHARTS[name]``, or a failure that says where the missing entry goes."""
    assert name in CHARTS, (
        f"no expected rows for the {name} chart: add a function giving them to CHARTS in "
        "tests/browser/expected.py"
    )
    return CHARTS[name]


def table(source, state, question: str) -> pd.DataFrame:
    """The table's rows, in order, as displayed (every column, hidden ones included)."""
    df = frame(source, state, question)
    spec = (
        views.contributions(df, search=state.search)
        if question == "contributions"
        else getattr(views, question)(df)
    )
    return spec.frame


def records(df: pd.DataFrame) -> list[dict]:
    return [{k: plain(v) for k, v in row.items()} for row in df.to_dict("records")]


def headline(source, state) -> dict[str, str]:
    """Each headline figure's text by key."""
    figures = views.headline(frame(source, state, "headline"), count=state.count).figures
    return {figure.key: figure.text for figure in figures}


def own_filters(question: str, state: DashboardState) -> tuple[str, ...]:
    """The filters a card sets by clicks (and so ignores): the places card's follow its level."""
    if question == "participants_by_area":
        return (AREA_FILTERS[state.area_level],)
    return components.component(question).own


def words(source, state, question: str) -> tuple[str, str, str]:
    """A card's title, hint and summary for the state, from the question's frame."""
    cls = components.component(question)
    own = own_filters(question, state)
    asked = {o: getattr(state, p) for o, p in registry.get(question).options.items()}
    df = frame(source, state, question, *own, **asked)
    options = {
        "count": state.count,
        "shares": state.shares,
        "level": state.area_level,
        "selected": tuple(getattr(state, own[0])) if own else (),
    }
    title, hint = heading(question, df, **options) or (cls.title, cls.hint)
    return title, hint, views.summary(question, df, **options)


# The cards whose summary is the question's sentence of its frame (the contributions
# table's is of the rows its search leaves).
WORDED = tuple(
    q.name
    for q in registry.on_page()
    if q.place != "banner" and q.component_class._summary_text is ViewComponent._summary_text
)
