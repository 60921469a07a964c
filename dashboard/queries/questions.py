"""One pure builder per question the dashboard asks: ``Filters -> Query(sql, params)``.

They read the analysis views ``participation_facts`` and ``submission_facts`` (see
``store/schema.sql``). Nothing here touches a connection; ``dashboard.data`` runs them,
and ``dashboard.registry`` declares each as a question of the dashboard.
"""

from __future__ import annotations

from .filters import Filters
from .sql import (
    AREA_COLUMNS,
    COUNT_COLUMNS,
    SESSION_COLUMNS,
    Query,
    identifier,
    in_list,
    participation_where,
    submission_where,
    where,
)


def headline(filters: Filters) -> Query:
    """One row: participants, organizations, countries, sessions and three shares.

    ``first_time_share`` is the share of participations that were the person's first
    session in the store (ordered by date, then session id); ``women_share`` is over
    participants whose gender is recorded.
    """
    params: list = []
    basis = COUNT_COLUMNS[filters.count]
    sql = f"""
WITH firsts AS (
    SELECT participant_id, arg_min(session_id, (date, session_id)) AS first_session
    FROM participation_facts WHERE {basis} GROUP BY participant_id
), f AS (
    SELECT * FROM participation_facts {participation_where(filters, params)}
)
SELECT count(DISTINCT f.participant_id) AS participants,
       count(DISTINCT f.organization_id) AS organizations,
       count(DISTINCT f.country_iso3) AS countries,
       count(DISTINCT f.session_id) AS sessions,
       count(DISTINCT f.participant_id) FILTER (WHERE NOT f.governmental)
           / nullif(count(DISTINCT f.participant_id), 0) AS non_governmental_share,
       avg(CAST(f.session_id = firsts.first_session AS INTEGER)) AS first_time_share,
       count(DISTINCT f.participant_id) FILTER (WHERE f.gender = 'female')
           / nullif(count(DISTINCT f.participant_id) FILTER (WHERE f.gender IS NOT NULL), 0)
           AS women_share,
       count(DISTINCT f.participant_id) FILTER (WHERE f.gender IS NOT NULL) AS gender_recorded
FROM f LEFT JOIN firsts USING (participant_id)"""
    return Query(sql, params)


def attendance_by_sector(filters: Filters) -> Query:
    """Participants per session and sector, with each sector's share of the session."""
    params: list = []
    sql = f"""
SELECT session_id, any_value(short_title) AS session, any_value(date) AS date, sector,
       any_value(sector_order) AS sector_order,
       count(DISTINCT participant_id) AS participants,
       participants / sum(participants) OVER (PARTITION BY session_id) AS share
FROM participation_facts {participation_where(filters, params)}
GROUP BY session_id, sector
ORDER BY date, session_id, sector_order"""
    return Query(sql, params)


def topics_per_session(filters: Filters) -> Query:
    """Session x topic: raised at the session, and how many submissions were tagged with it."""
    session_params: list = []
    sessions = where(filters, SESSION_COLUMNS, session_params, subject="session", count=False)
    sub_params: list = []
    subs = submission_where(filters, sub_params)
    topic_params: list = []
    topic_filter = (
        f"WHERE {in_list('t.topic_id', filters.topics, topic_params)}" if filters.topics else ""
    )
    sql = f"""
WITH s AS (
    SELECT s.session_id, s.short_title, s.date
    FROM sessions s JOIN series se USING (series_id) {sessions}
), tagged AS (
    SELECT session_id, st.topic_id, count(*) AS submissions
    FROM submission_facts JOIN submission_topics st USING (submission_id) {subs}
    GROUP BY session_id, st.topic_id
)
SELECT s.session_id, s.short_title AS session, s.date, t.topic_id, t.name AS topic,
       st.topic_id IS NOT NULL AS raised, coalesce(tagged.submissions, 0) AS submissions
FROM s CROSS JOIN topics t
LEFT JOIN session_topics st ON st.session_id = s.session_id AND st.topic_id = t.topic_id
LEFT JOIN tagged ON tagged.session_id = s.session_id AND tagged.topic_id = t.topic_id
{topic_filter}
QUALIFY bool_or(raised OR submissions > 0) OVER (PARTITION BY t.topic_id)
ORDER BY s.date, s.session_id, t.name"""
    return Query(sql, session_params + sub_params + topic_params)


def contributions_over_time(filters: Filters) -> Query:
    """Submissions per date, kind and sector, with the running total of each kind."""
    return contributions_over_time_from(filters, "submission_facts")


def contributions_over_time_from(filters: Filters, submissions: str) -> Query:
    """``contributions_over_time`` over ``submissions`` (the view or a table of it)."""
    params: list = []
    sql = f"""
SELECT date, kind, sector, any_value(sector_order) AS sector_order,
       count(*) AS submissions,
       CAST(sum(count(*)) OVER (PARTITION BY kind ORDER BY date, sector
                                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            AS BIGINT) AS cumulative
FROM {submissions} {submission_where(filters, params)}
GROUP BY date, kind, sector
ORDER BY date, kind, sector_order"""
    return Query(sql, params)


def participants_by_area(filters: Filters, level: str = "region") -> Query:
    """Participants and organizations per region, sub-region, UN regional group or country."""
    column = identifier(AREA_COLUMNS, level)
    params: list = []
    iso3 = "any_value(country_iso3)" if level == "country" else "NULL"
    sql = f"""
SELECT coalesce({column}, 'Unknown') AS area, {iso3} AS iso3,
       count(DISTINCT participant_id) AS participants,
       count(DISTINCT organization_id) AS organizations,
       count(DISTINCT session_id) AS sessions
FROM participation_facts {participation_where(filters, params)}
GROUP BY area
ORDER BY participants DESC, area"""
    return Query(sql, params)


def funnel(filters: Filters) -> Query:
    """Per session: registered, attended, both, no-shows and walk-ins.

    Ignores ``filters.count``: the funnel is the comparison of the two.
    """
    params: list = []
    sql = f"""
SELECT session_id, any_value(short_title) AS session, any_value(date) AS date,
       count(*) FILTER (WHERE registered) AS registered,
       count(*) FILTER (WHERE attended) AS attended,
       count(*) FILTER (WHERE registered AND attended) AS registered_and_attended,
       count(*) FILTER (WHERE registered AND NOT attended) AS no_shows,
       count(*) FILTER (WHERE attended AND NOT registered) AS walk_ins
FROM participation_facts {participation_where(filters, params, count=False)}
GROUP BY session_id
ORDER BY date, session_id"""
    return Query(sql, params)


def returning_participants(filters: Filters) -> Query:
    """Per session: participants there for the first time and those who came before."""
    params: list = []
    basis = COUNT_COLUMNS[filters.count]
    sql = f"""
WITH ranked AS (
    SELECT *, row_number() OVER (PARTITION BY participant_id ORDER BY date, session_id) AS nth
    FROM participation_facts WHERE {basis}
)
SELECT session_id, any_value(short_title) AS session, any_value(date) AS date,
       count(*) FILTER (WHERE nth = 1) AS first_time,
       count(*) FILTER (WHERE nth > 1) AS returning
FROM ranked {participation_where(filters, params)}
GROUP BY session_id
ORDER BY date, session_id"""
    return Query(sql, params)


def sessions_per_participant(filters: Filters) -> Query:
    """How many participants took part in 1, 2, 3 ... of the selected sessions."""
    params: list = []
    sql = f"""
SELECT sessions, count(*) AS participants
FROM (SELECT participant_id, count(DISTINCT session_id) AS sessions
      FROM participation_facts {participation_where(filters, params)}
      GROUP BY participant_id)
GROUP BY sessions ORDER BY sessions"""
    return Query(sql, params)


def published_vs_recorded(filters: Filters) -> Query:
    """Every published figure for the selected sessions next to the recorded count.

    The recorded count follows the figure's rule (``published_figure_rules``: people or
    organizations, over which sectors and roles) across all the sessions the figure
    covers; only the series and session filters apply, since a figure defines its own
    population. ``agrees`` checks the qualifier: 'exactly' equal, 'over' greater.
    """
    return published_vs_recorded_from(filters, "participation_facts")


def published_vs_recorded_from(filters: Filters, participation: str) -> Query:
    """``published_vs_recorded`` over ``participation`` (the view or a table of it)."""
    session_params: list = []
    sessions = where(filters, SESSION_COLUMNS, session_params, subject="session", count=False)
    sql = f"""
WITH chosen AS (
    SELECT s.session_id FROM sessions s JOIN series se USING (series_id) {sessions}
), counted AS (
    SELECT f.figure_id,
           count(DISTINCT x.participant_id) AS people,
           count(DISTINCT x.organization_id) AS organizations
    FROM published_figures f
    JOIN published_figure_rules r USING (figure_id)
    JOIN published_figure_sessions fs USING (figure_id)
    LEFT JOIN {participation} x ON x.session_id = fs.session_id
         AND (CASE f.measure WHEN 'registered' THEN x.registered ELSE x.attended END)
         AND (r.sectors IS NULL OR list_contains(r.sectors, x.sector))
         AND (r.roles IS NULL OR list_contains(r.roles, x.role))
    GROUP BY f.figure_id
)
SELECT f.figure_id, string_agg(fs.session_id, ', ' ORDER BY fs.session_id) AS sessions,
       any_value(f.measure) AS measure, any_value(f.unit) AS unit,
       any_value(f.population) AS population, any_value(f.qualifier) AS qualifier,
       any_value(f.value) AS published,
       any_value(CASE r.counts WHEN 'people' THEN c.people ELSE c.organizations END) AS recorded,
       any_value(r.counts) AS recorded_as,
       CASE WHEN any_value(f.qualifier) = 'exactly' THEN recorded = published
            ELSE recorded > published END AS agrees,
       any_value(f.source_title) AS source_title,
       any_value(f.source_publisher) AS source_publisher,
       any_value(f.source_date) AS source_date, any_value(f.source_url) AS source_url
FROM published_figures f
JOIN published_figure_rules r USING (figure_id)
JOIN published_figure_sessions fs USING (figure_id)
JOIN counted c USING (figure_id)
WHERE f.figure_id IN (SELECT figure_id FROM published_figure_sessions
                      WHERE session_id IN (SELECT session_id FROM chosen))
GROUP BY f.figure_id
ORDER BY f.figure_id"""
    return Query(sql, session_params)


def contributions(filters: Filters) -> Query:
    """The submissions themselves, newest first, with their topics: the table's rows."""
    params: list = []
    sql = f"""
SELECT sf.submission_id, sf.date, sf.session_id, sf.short_title AS session, sf.kind,
       sf.title, sf.organization, sf.sector, sf.country,
       (SELECT string_agg(t.name, '; ' ORDER BY t.name) FROM submission_topics st
        JOIN topics t USING (topic_id) WHERE st.submission_id = sf.submission_id) AS topics,
       sf.illustrative
FROM submission_facts sf {submission_where(filters, params)}
ORDER BY sf.date DESC, sf.submission_id"""
    return Query(sql, params)


def illustrative_sessions(filters: Filters) -> Query:
    """Sessions whose participation or submissions still include illustrative sample rows."""
    params: list = []
    sessions = where(filters, SESSION_COLUMNS, params, subject="session", count=False)
    sql = f"""
SELECT s.session_id, s.short_title AS session
FROM sessions s JOIN series se USING (series_id) {sessions}
{"AND" if sessions else "WHERE"} (
    EXISTS (SELECT 1 FROM participation p WHERE p.session_id = s.session_id AND p.illustrative)
    OR EXISTS (SELECT 1 FROM submissions u WHERE u.session_id = s.session_id AND u.illustrative))
ORDER BY s.date, s.session_id"""
    return Query(sql, params)
