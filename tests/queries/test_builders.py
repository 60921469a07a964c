"""Query builders tested as text: values only as parameters, identifiers from allow-lists."""

from __future__ import annotations

import pytest

from dashboard.errors import QueryError
from dashboard.queries import Filters
from dashboard.queries.questions import attendance_by_sector, participants_by_area
from dashboard.queries.sql import in_list
from dashboard.registry import QUESTIONS

HOSTILE = "x'); DROP TABLE participation; --"


def test_in_list_uses_one_placeholder_per_value():
    params: list = ["earlier"]
    assert in_list("sector", ("A", "B"), params) == "sector IN (?, ?)"
    assert params == ["earlier", "A", "B"]


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_values_never_reach_the_sql_text(name):
    filters = Filters(
        sessions=[HOSTILE],
        sectors=[HOSTILE],
        countries=[HOSTILE],
        topics=[HOSTILE],
        regions=[HOSTILE],
        years=[2022],
    )
    query = QUESTIONS[name].build(filters)
    assert HOSTILE not in query.sql
    assert query.sql.count("?") == len(query.params)
    assert all(p in (HOSTILE, 2022) for p in query.params)


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_no_filter_means_no_parameters(name):
    assert QUESTIONS[name].build(Filters()).params == []


def test_filters_become_in_clauses_in_a_stable_order():
    query = attendance_by_sector(
        Filters(sectors=["Academia"], sessions=["CD-2022-FA", "X"], modes=["online"])
    )
    assert "session_id IN (?, ?)" in query.sql
    assert "sector IN (?)" in query.sql
    assert "mode IN (?)" in query.sql
    assert query.params == ["CD-2022-FA", "X", "Academia", "online"]
    assert "WHERE" in query.sql and "attended" in query.sql


def test_the_count_basis_picks_the_column():
    assert " registered" in attendance_by_sector(Filters(count="registered")).sql
    with pytest.raises(ValueError, match="count must be one of"):
        Filters(count="everyone")


def test_area_levels_come_from_an_allow_list():
    assert "un_regional_group" in participants_by_area(Filters(), "un_regional_group").sql
    with pytest.raises(QueryError, match="unknown choice"):
        participants_by_area(Filters(), "region; DROP TABLE x")


def test_filters_are_hashable_values():
    a = Filters(sectors=["Academia", "Academia"], years=["2022"])
    b = Filters(sectors=("Academia",), years=(2022,))
    assert a == b and hash(a) == hash(b)
    assert a.without("sectors") == Filters(years=[2022])
    assert a.to_dict() == {"years": [2022], "sectors": ["Academia"]}
    with pytest.raises(ValueError, match="unknown roles"):
        Filters(roles=["king"])
