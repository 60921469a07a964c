"""The dashboard's questions over the store's rollups (``store/rollups.py``): same answers.

Each builder here gives, row for row and type for type, what the question's plain
builder in ``questions.py`` gives, reading the rollup tables instead of the analysis
views. The plain builders stay the definition (and what a store without rollups is
asked); ``tests/queries/test_fast.py`` compares the two on generated stores. What
makes these fast:

- no joins per query: ``rollup_participation`` carries every column the filters and
  groups need, sorted by session;
- a person takes part in a session at most once, so people per session are rows,
  counted without DISTINCT;
- first sessions are flagged once, at refresh, not ranked per query;
- with no place filter, per-session counts add up ``rollup_counts`` (a sixth of the
  rows at scale) instead of counting the rows;
- distinct people and organizations are counted per person (integer keys), from
  ``rollup_people`` when no filter narrows the sessions.
"""

from __future__ import annotations

from collections.abc import Callable

from ..store.rollups import combos_mask
from .filters import Filters
from .questions import (
    contributions_over_time_from,
    published_vs_recorded_from,
)
from .sql import (
    AREA_COLUMNS,
    COUNT_COLUMNS,
    Query,
    identifier,
    in_list,
    participation_where,
    submission_where,
    where,
)

FACTS = "rollup_participation"
COUNTS = "rollup_counts"
# The filters rollup_counts has columns for: all but a person's place.
COUNTS_FILTERS = {"series", "years", "sessions", "sectors", "modes", "roles", "topics", "count"}
# Filters on a person's own attributes (columns of rollup_people). With no other filter
# than these and mode, role and count (its ``combos``), rollup_people answers alone.
PEOPLE_COLUMNS = {
    "sectors": "sector",
    "regions": "region",
    "sub_regions": "sub_region",
    "regional_groups": "un_regional_group",
    "countries": "country_iso3",
}
ROLLUP_SESSION_COLUMNS = {"series": "s.series_id", "years": "s.year", "sessions": "s.session_id"}
_PERSON = (
    "organization_no, sector, governmental, gender, country_iso3, country, region, "
    "sub_region, un_regional_group"
)


def people(filters: Filters, params: list) -> str:
    """One row per person with a participation the filters count, with the person's
    attributes (``_PERSON``) and ``participant_no``."""
    if set(filters.to_dict()) - {*PEOPLE_COLUMNS, "modes", "roles", "count"}:
        first = ", ".join(f"any_value({c}) AS {c}" for c in _PERSON.split(", "))
        return (
            f"SELECT participant_no, {first} FROM {FACTS} "
            f"{participation_where(filters, params)} GROUP BY participant_no"
        )
    narrowed = where(filters, PEOPLE_COLUMNS, params, count=False)
    params.append(combos_mask(filters.count, filters.modes, filters.roles))
    joiner = "AND" if narrowed else "WHERE"
    return (
        f"SELECT participant_no, {_PERSON} FROM rollup_people {narrowed} {joiner} combos & ? <> 0"
    )


def counted(filters: Filters) -> bool:
    """Whether per-session counts under ``filters`` can add up ``rollup_counts``."""
    return set(filters.to_dict()) <= COUNTS_FILTERS


def _counting(filters: Filters) -> tuple[bool, str]:
    """Whether per-session counts add up ``rollup_counts`` (``counted``), and the table
    they are read from."""
    counts = counted(filters)
    return counts, COUNTS if counts else FACTS


def _tally(counts: bool, condition: str | None = None) -> str:
    """The participations (meeting ``condition``): rows of the facts, or the sum of
    ``n`` over rollup_counts (as the BIGINT ``count`` gives, 0 for none)."""
    if not counts:
        return f"count(*) FILTER (WHERE {condition})" if condition else "count(*)"
    total = f"sum(n) FILTER (WHERE {condition})" if condition else "sum(n)"
    return f"coalesce(CAST({total} AS BIGINT), 0)"


def headline(filters: Filters) -> Query:
    """``questions.headline`` over the rollups."""
    params: list = []
    first = f"first_{COUNT_COLUMNS[filters.count]}"
    counts, table = _counting(filters)
    rows = participation_where(filters, params)
    person = people(filters, params)
    share = f"CAST(sum({first}) AS DOUBLE) / sum(n)" if counts else f"avg(CAST({first} AS INTEGER))"
    sql = f"""
WITH r AS (
    SELECT count(DISTINCT session_no) AS sessions, {share} AS first_time_share
    FROM {table} {rows}
), p AS ({person}), a AS (
    SELECT count(*) AS participants,
           count(DISTINCT organization_no) AS organizations,
           count(DISTINCT country_iso3) AS countries,
           count(*) FILTER (WHERE NOT governmental) / nullif(count(*), 0)
               AS non_governmental_share,
           count(*) FILTER (WHERE gender = 'female')
               / nullif(count(*) FILTER (WHERE gender IS NOT NULL), 0) AS women_share,
           count(*) FILTER (WHERE gender IS NOT NULL) AS gender_recorded
    FROM p
)
SELECT a.participants, a.organizations, a.countries, r.sessions, a.non_governmental_share,
       r.first_time_share, a.women_share, a.gender_recorded
FROM a, r"""
    return Query(sql, params)


def _per_session(filters: Filters, measures: Callable[[bool], str], *, count: bool = True) -> Query:
    """Per session, in date order: its id, title and date, then ``measures(counts)``
    (aggregates over its rows of rollup_counts if ``counts``, else of the facts)."""
    params: list = []
    counts, table = _counting(filters)
    sql = f"""
WITH c AS (
    SELECT session_no, {measures(counts)}
    FROM {table} {participation_where(filters, params, count=count)}
    GROUP BY session_no
)
SELECT s.session_id, s.short_title AS session, s.date, c.* EXCLUDE (session_no)
FROM c JOIN rollup_sessions s USING (session_no)
ORDER BY s.session_no"""
    return Query(sql, params)


def attendance_by_sector(filters: Filters) -> Query:
    """``questions.attendance_by_sector`` over the rollups."""
    params: list = []
    counts, table = _counting(filters)
    sql = f"""
WITH c AS (
    SELECT session_no, sector, {_tally(counts)} AS participants
    FROM {table} {participation_where(filters, params)}
    GROUP BY session_no, sector
)
SELECT s.session_id, s.short_title AS session, s.date, c.sector,
       sc.sort_order AS sector_order, c.participants,
       c.participants / sum(c.participants) OVER (PARTITION BY c.session_no) AS share
FROM c JOIN rollup_sessions s USING (session_no) JOIN sectors sc USING (sector)
ORDER BY s.session_no, sector_order"""
    return Query(sql, params)


def funnel(filters: Filters) -> Query:
    """``questions.funnel`` over the rollups."""
    columns = {
        "registered": "registered",
        "attended": "attended",
        "registered_and_attended": "registered AND attended",
        "no_shows": "registered AND NOT attended",
        "walk_ins": "attended AND NOT registered",
    }

    def measures(counts: bool) -> str:
        return ", ".join(f"{_tally(counts, c)} AS {name}" for name, c in columns.items())

    return _per_session(filters, measures, count=False)


def returning_participants(filters: Filters) -> Query:
    """``questions.returning_participants`` over the rollups."""
    first = f"first_{COUNT_COLUMNS[filters.count]}"

    def measures(counts: bool) -> str:
        if counts:  # first_* of rollup_counts are how many of the n were first sessions
            return (
                f"CAST(sum({first}) AS BIGINT) AS first_time, "
                f"CAST(sum(n - {first}) AS BIGINT) AS returning"
            )
        return (
            f"count(*) FILTER (WHERE {first}) AS first_time, "
            f"count(*) FILTER (WHERE NOT {first}) AS returning"
        )

    return _per_session(filters, measures)


def participants_by_area(filters: Filters, level: str = "region") -> Query:
    """``questions.participants_by_area`` over the rollups."""
    column = identifier(AREA_COLUMNS, level)
    params: list = []
    rows = participation_where(filters, params)
    person = people(filters, params)
    iso3 = "any_value(country_iso3)" if level == "country" else "NULL"
    sql = f"""
WITH s AS (
    SELECT coalesce({column}, 'Unknown') AS area, count(DISTINCT session_no) AS sessions
    FROM {FACTS} {rows} GROUP BY area
), p AS (
    SELECT coalesce({column}, 'Unknown') AS area, {iso3} AS iso3,
           count(*) AS participants, count(DISTINCT organization_no) AS organizations
    FROM ({person}) GROUP BY area
)
SELECT p.area, p.iso3, p.participants, p.organizations, s.sessions
FROM p JOIN s USING (area)
ORDER BY participants DESC, area"""
    return Query(sql, params)


def illustrative_sessions(filters: Filters) -> Query:
    """``questions.illustrative_sessions`` over the rollups."""
    params: list = []
    sessions = where(filters, ROLLUP_SESSION_COLUMNS, params, subject="session", count=False)
    sql = f"""
SELECT s.session_id, s.short_title AS session
FROM rollup_sessions s {sessions} {"AND" if sessions else "WHERE"} s.illustrative
ORDER BY s.session_no"""
    return Query(sql, params)


def contributions(filters: Filters) -> Query:
    """``questions.contributions`` over the rollups (topics joined at refresh)."""
    params: list = []
    sql = f"""
SELECT submission_id, date, session_id, short_title AS session, kind, title, organization,
       sector, country, topics, illustrative
FROM rollup_submissions {submission_where(filters, params)}
ORDER BY date DESC, submission_id"""
    return Query(sql, params)


def topics_per_session(filters: Filters) -> Query:
    """``questions.topics_per_session`` over the rollups: the topics kept are found
    before the session x topic grid is made, rather than by a window over it."""
    params: list = []
    sessions = where(filters, ROLLUP_SESSION_COLUMNS, params, subject="session", count=False)
    chosen = f"WHERE {in_list('topic_id', filters.topics, params)}" if filters.topics else ""
    tagged = submission_where(filters, params)
    sql = f"""
WITH s AS (
    SELECT s.session_no, s.session_id, s.short_title, s.date FROM rollup_sessions s {sessions}
), t AS (
    SELECT topic_id, name, row_number() OVER (ORDER BY name) AS topic_no FROM topics {chosen}
), raised AS (
    SELECT s.session_no, st.topic_id FROM session_topics st JOIN s USING (session_id)
), tagged AS (
    SELECT session_no, topic_id, count(*) AS submissions
    FROM rollup_submission_topics {tagged}
    GROUP BY session_no, topic_id
), kept AS (
    SELECT topic_id FROM raised
    UNION SELECT topic_id FROM tagged WHERE session_no IN (SELECT session_no FROM s)
)
SELECT s.session_id, s.short_title AS session, s.date, t.topic_id, t.name AS topic,
       r.topic_id IS NOT NULL AS raised, coalesce(g.submissions, 0) AS submissions
FROM s CROSS JOIN (SELECT * FROM t WHERE topic_id IN (SELECT topic_id FROM kept)) t
LEFT JOIN raised r ON r.session_no = s.session_no AND r.topic_id = t.topic_id
LEFT JOIN tagged g ON g.session_no = s.session_no AND g.topic_id = t.topic_id
ORDER BY s.session_no, t.topic_no"""
    return Query(sql, params)


def contributions_over_time(filters: Filters) -> Query:
    """``questions.contributions_over_time`` over the rollups."""
    return contributions_over_time_from(filters, "rollup_submissions")


def published_vs_recorded(filters: Filters) -> Query:
    """``questions.published_vs_recorded`` over the rollups: only the rows of sessions
    some figure covers are read (the table is sorted by session)."""
    covered = (
        f"(SELECT * FROM {FACTS} WHERE session_no IN (SELECT session_no FROM rollup_sessions "
        "JOIN published_figure_sessions USING (session_id)))"
    )
    return published_vs_recorded_from(filters, covered)
