"""The question registry: one declaration gives a question its DataSource and notebook
methods, its place on the page and the state its component watches."""

from __future__ import annotations

import pandas as pd
import pytest

import dashboard
from dashboard import registry
from dashboard.app import create_app
from dashboard.components.tables import TableComponent
from dashboard.data import DataSource
from dashboard.queries import Filters, Query
from dashboard.queries.sql import participation_where
from dashboard.registry import Question, filters_read
from dashboard.views.specs import TableSpec


# A small extra question, declared here as an analyst would in a module of their own.
def sessions_by_mode(filters: Filters) -> Query:
    """Participants per session and mode (in person, online)."""
    params: list = []
    sql = f"""
SELECT session_id, coalesce(mode, 'unknown') AS mode,
       count(DISTINCT participant_id) AS participants
FROM participation_facts {participation_where(filters, params)}
GROUP BY ALL ORDER BY ALL"""
    return Query(sql, params)


def by_mode_summary(df: pd.DataFrame) -> str:
    return f"{int(df['participants'].sum()):,} participations by mode."


def by_mode_table(df: pd.DataFrame, search: str = "") -> TableSpec:
    return TableSpec(df[df["session_id"].str.contains(search, regex=False)])


class SessionsByMode(TableComponent):
    question = "sessions_by_mode"
    title = "Sessions by mode"


@pytest.fixture
def by_mode():
    question = registry.register(
        Question(
            "sessions_by_mode",
            sessions_by_mode,
            by_mode_summary,
            by_mode_table,
            SessionsByMode,
            "full",
        )
    )
    yield question
    registry.unregister("sessions_by_mode")


def test_a_registered_question_is_asked_by_the_source_and_the_notebook(by_mode, source):
    firearms = Filters(sessions=("CD-2022-FA",), count="registered")
    want = source.sql(
        "SELECT coalesce(mode, 'unknown') AS mode, count(*) AS n FROM participation "
        "WHERE session_id = ? AND registered GROUP BY ALL ORDER BY ALL",
        ["CD-2022-FA"],
    )
    got = source.sessions_by_mode(firearms)
    assert got["mode"].tolist() == want["mode"].tolist()
    assert got["participants"].tolist() == want["n"].tolist()
    assert DataSource.sessions_by_mode.__doc__.startswith(sessions_by_mode.__doc__)

    d = dashboard.Dialogues(source)
    d.apply_url("sessions=CD-2022-FA&count=registered")
    pd.testing.assert_frame_equal(d.sessions_by_mode(), got)
    assert "sessions_by_mode" in dir(d.plot)
    d.state.search = "TIP"  # the view's option comes from the state
    assert len(d.plot.sessions_by_mode().frame) == 0
    assert d.summary("sessions_by_mode") == by_mode_summary(got)


def test_a_registered_question_is_on_the_page_and_watches_what_its_sql_reads(
    by_mode, state, source
):
    app = create_app(state=state, source=source)
    card = app.views["sessions_by_mode"]
    assert isinstance(card, SessionsByMode) and card in app.main()  # full width: alone
    assert registry.rows()[-1] == ("sessions_by_mode",)
    assert set(by_mode.watches) == {*by_mode.filters, "search"}
    assert {"modes", "roles", "count"} <= set(by_mode.filters)
    before = card.table.value
    state.modes = ["online"]
    assert set(card.table.value["mode"]) == {"online"} != set(before["mode"])


def test_unregistering_removes_the_methods(source):
    registry.register(Question("sessions_by_mode", sessions_by_mode, by_mode_summary))
    assert callable(source.sessions_by_mode)
    registry.unregister("sessions_by_mode")
    assert not hasattr(source, "sessions_by_mode")
    assert not hasattr(dashboard.Dialogues, "sessions_by_mode")
    with pytest.raises(LookupError, match="known"):
        registry.unregister("sessions_by_mode")


def test_a_question_may_not_shadow_a_method_or_be_declared_twice():
    with pytest.raises(ValueError, match="shadow"):
        registry.register(Question("options", sessions_by_mode, by_mode_summary))
    assert "options" not in registry.QUESTIONS and not hasattr(dashboard.Dialogues, "options")
    with pytest.raises(ValueError, match="already"):
        registry.register(Question("funnel", sessions_by_mode, by_mode_summary))
    with pytest.raises(ValueError, match="component"):
        Question("x", sessions_by_mode, by_mode_summary, place="half")


def test_the_filters_a_builder_reads_are_found_by_building_it():
    participation = {
        "series",
        "years",
        "sessions",
        "sectors",
        "regions",
        "sub_regions",
        "regional_groups",
        "countries",
        "modes",
        "roles",
        "topics",
    }
    q = registry.QUESTIONS
    assert set(q["headline"].filters) == participation | {"count"}
    assert set(q["funnel"].filters) == participation  # both counts: count does not apply
    assert set(q["contributions"].filters) == participation - {"modes", "roles"}
    assert set(q["published_vs_recorded"].filters) == {"series", "years", "sessions", "topics"}

    def only_together(filters: Filters) -> Query:  # reads sectors only beside a session
        return Query("SELECT 1", [filters.sectors] if filters.sessions else [])

    assert filters_read(only_together) == ("sessions", "sectors")


def test_the_state_a_component_watches_adds_the_options_of_its_builder_and_view():
    q = registry.QUESTIONS
    assert "area_level" in q["participants_by_area"].watches
    assert "shares" in q["attendance_by_sector"].watches
    assert "search" in q["contributions"].watches
    assert "count" not in q["funnel"].watches and "shares" not in q["funnel"].watches
