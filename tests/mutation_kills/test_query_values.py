"""Query builders as text and parameters, and the answers they give on the built-in store.

The SQL text and its parameters are what DuckDB receives; the counts are what the
dashboard shows (the 2022 published figures: 517 attendances, 599 registrations).
"""

from __future__ import annotations

import pytest

from dashboard.errors import QueryError
from dashboard.queries import Filters
from dashboard.queries.sql import (
    PARTICIPATION_COLUMNS,
    identifier,
    participation_where,
    submission_where,
    where,
)


def test_no_filter_gives_no_where_clause_except_the_count_basis():
    params: list = []
    assert participation_where(Filters(), params) == "WHERE attended"
    assert participation_where(Filters(), params, count=False) == ""
    assert submission_where(Filters(), params) == ""
    assert params == []


def test_every_dimension_is_a_parameterized_in_clause():
    filters = Filters(
        series=["CD-2022"],
        years=[2022],
        sessions=["CD-2022-FA"],
        sectors=["Academia"],
        regions=["Europe"],
        sub_regions=["Western Europe"],
        regional_groups=["WEOG"],
        countries=["AUT"],
        modes=["online"],
        roles=["speaker"],
        count="registered",
    )
    params: list = []
    assert participation_where(filters, params) == (
        "WHERE series_id IN (?) AND year IN (?) AND session_id IN (?) AND sector IN (?) "
        "AND region IN (?) AND sub_region IN (?) AND un_regional_group IN (?) "
        "AND country_iso3 IN (?) AND mode IN (?) AND role IN (?) AND registered"
    )
    assert params == [
        "CD-2022",
        2022,
        "CD-2022-FA",
        "Academia",
        "Europe",
        "Western Europe",
        "WEOG",
        "AUT",
        "online",
        "speaker",
    ]


def test_submissions_ignore_mode_role_and_count():
    params: list = []
    filters = Filters(modes=["online"], roles=["chair"], sectors=["NGO"], count="registered")
    assert submission_where(filters, params) == "WHERE sector IN (?)"
    assert params == ["NGO"]


def test_a_topic_narrows_submissions_by_their_tags():
    params: list = []
    sql = submission_where(Filters(topics=["corruption", "victims"]), params)
    assert sql == (
        "WHERE submission_id IN (SELECT submission_id FROM submission_topics "
        "WHERE topic_id IN (?, ?))"
    )
    assert params == ["corruption", "victims"]


def test_a_topic_narrows_participation_to_sessions_about_it():
    params: list = []
    sql = participation_where(Filters(topics=["corruption"]), params, count=False)
    assert sql == (
        "WHERE session_id IN (SELECT session_id FROM session_topics WHERE topic_id IN (?) "
        "UNION SELECT su.session_id FROM submissions su JOIN submission_topics st "
        "USING (submission_id) WHERE st.topic_id IN (?))"
    )
    assert params == ["corruption", "corruption"]


def test_sessions_filter_through_their_own_columns():
    params: list = []
    sessions = {"series": "s.series_id", "years": "se.year", "sessions": "s.session_id"}
    sql = where(Filters(years=[2022], sectors=["x"]), sessions, params, subject="session")
    assert (sql, params) == ("WHERE se.year IN (?)", [2022])


def test_identifiers_come_from_the_allow_list_only():
    assert identifier(PARTICIPATION_COLUMNS, "regional_groups") == "un_regional_group"
    with pytest.raises(QueryError, match=r"^unknown choice 'x'; allowed: \['countries', "):
        identifier(PARTICIPATION_COLUMNS, "x")


def test_filters_keep_the_order_given_and_drop_repeats():
    filters = Filters(sessions=["B", "A", "B"], years=["2022", 2021], countries="AUT")
    assert filters.sessions == ("B", "A")
    assert filters.years == (2022, 2021)
    assert filters.countries == ("AUT",)
    assert Filters(years=2022).years == (2022,)
    assert Filters(sectors=None).sectors == ()


def test_filters_to_dict_names_only_what_restricts():
    assert Filters().to_dict() == {}
    assert Filters(count="registered", roles=["chair"]).to_dict() == {
        "roles": ["chair"],
        "count": "registered",
    }


def test_filters_refuse_unknown_modes_and_counts_by_name():
    with pytest.raises(ValueError, match=r"^unknown modes: \['hybrid'\]; allowed: \('in person', "):
        Filters(modes=["online", "hybrid"])
    with pytest.raises(ValueError, match=r"^count must be one of \('attended', 'registered'\)"):
        Filters(count="people")
    assert Filters(modes=["in person", "online"]).modes == ("in person", "online")


def test_without_clears_only_the_named_dimensions():
    filters = Filters(sectors=["A"], sessions=["S"], count="registered")
    assert filters.without("sectors", "topics") == Filters(sessions=["S"], count="registered")


@pytest.mark.parametrize(("count", "total"), [("attended", 517), ("registered", 599)])
def test_the_count_basis_changes_what_is_counted(source, count, total):
    frame = source.attendance_by_sector(Filters(count=count))
    assert frame["participants"].sum() == total


def test_a_topic_filter_keeps_the_sessions_about_it(source):
    topics = source.topics_per_session()
    topic = "victim-protection"
    about = topics.loc[
        (topics["topic_id"] == topic) & (topics["raised"] | (topics["submissions"] > 0)),
        "session_id",
    ]
    funnel = source.funnel(Filters(topics=[topic]))
    assert sorted(funnel["session_id"]) == sorted(set(about))
    tagged = source.contributions(Filters(topics=[topic]))
    assert len(tagged) and tagged["topics"].str.contains("Victim protection").all()
