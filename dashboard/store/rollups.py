"""Derived tables the dashboard's fast queries read, rebuilt from the store by ``refresh``.

At a million participation rows the analysis views cost seconds per question: each
query joins five tables, ranks every participation to find first-timers and counts
distinct strings. ``refresh(con)`` materializes what they compute once per store
version, so a filter change scans narrow, sorted tables instead:

- ``rollup_sessions``: each session numbered in date order, its series, year, and
  whether it still shows illustrative rows;
- ``rollup_participation``: ``participation_facts`` as a table sorted by session, with
  integer keys for people and organizations and each person's first session flagged
  (on attendance and on registration);
- ``rollup_counts``: ``rollup_participation`` counted per session and the columns a
  filter can set that are not a person's place (sector, mode, role, registered,
  attended), with the first sessions among them: a sixth of its rows at scale, and
  enough for the per-session counts when no place filter is set;
- ``rollup_people``: one row per person who took part, with the person's place and
  sector and ``combos``, a bit for each (count basis, mode, role) the person has a row
  with: a person matches mode, role and count filters exactly when ``combos`` meets
  the filters' mask (``combos_mask``);
- ``rollup_submissions``: ``submission_facts`` as a table, with each submission's
  topics joined; ``rollup_submission_topics``: one row per submission and topic, with
  the columns the filters read;
- ``rollup_info``: the layout version and a fingerprint of the tables they were built
  from. ``ready(con)`` compares it with the store, so a store written by anything that
  did not refresh (an older version of this code, a writable connection of one's own)
  is answered by the plain queries, never from stale rollups.

Every writer calls ``refresh`` before it publishes a version (build, generate, ingest,
migrate). The tables are derived data, so they need no migration: a store without
them is answered by the plain queries until the next write refreshes it.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from ..domain import MODES, ROLES

LAYOUT_VERSION = 3  # bump whenever the tables below change: older rollups are then stale
TABLES = (
    "rollup_sessions",
    "rollup_participation",
    "rollup_counts",
    "rollup_people",
    "rollup_submissions",
    "rollup_submission_topics",
    "rollup_info",
)
BASES = ("attended", "registered")
_MODE_SLOTS = (*MODES, None)  # a participation's mode may be unknown (NULL)

# The tables each rollup is derived from, with the columns that feed it: a change to any
# of them changes the fingerprint.
_SOURCES = {
    "participation": "session_id, participant_id, registered, attended, mode, role, illustrative",
    "participants": "participant_id, organization_id, country_iso3, gender",
    "organizations": "organization_id, name, sector, country_iso3",
    "sessions": "session_id, series_id, date, short_title",
    "series": "series_id, year",
    "sectors": "sector, governmental, sort_order",
    "countries": "iso3, name, region, sub_region, un_regional_group",
    "submissions": "submission_id, session_id, organization_id, kind, title, date, illustrative",
    "submission_topics": "submission_id, topic_id",
    "topics": "topic_id, name",
}


def combo_bit(basis: str, mode: str | None, role: str) -> int:
    """The bit of ``rollup_people.combos`` for a row counted on ``basis`` with this
    mode and role."""
    slot = BASES.index(basis) * len(_MODE_SLOTS) + _MODE_SLOTS.index(mode)
    return 1 << (slot * len(ROLES) + ROLES.index(role))


def combos_mask(basis: str, modes: Iterable[str], roles: Iterable[str]) -> int:
    """The bits of every (basis, mode, role) a filter admits; no modes or roles: all."""
    modes, roles = tuple(modes) or _MODE_SLOTS, tuple(roles) or ROLES
    return sum(combo_bit(basis, m, r) for m in modes for r in roles)


_SESSIONS = """
CREATE OR REPLACE TABLE rollup_sessions AS
SELECT CAST(row_number() OVER (ORDER BY s.date, s.session_id) AS INTEGER) AS session_no,
       s.session_id, s.short_title, s.date, s.series_id, se.year,
       s.session_id IN (SELECT session_id FROM participation WHERE illustrative
                        UNION ALL
                        SELECT session_id FROM submissions WHERE illustrative) AS illustrative
FROM sessions s JOIN series se USING (series_id)
ORDER BY session_no"""

_PARTICIPATION = """
CREATE OR REPLACE TABLE rollup_participation AS
WITH people AS (
    SELECT participant_id,
           CAST(row_number() OVER (ORDER BY participant_id) AS INTEGER) AS participant_no
    FROM (SELECT DISTINCT participant_id FROM participation_facts)
), organizations AS (
    SELECT organization_id,
           CAST(row_number() OVER (ORDER BY organization_id) AS INTEGER) AS organization_no
    FROM (SELECT DISTINCT organization_id FROM participation_facts
          WHERE organization_id IS NOT NULL)
)
SELECT f.*, s.session_no, p.participant_no, o.organization_no,
       f.attended AND row_number() OVER (PARTITION BY f.participant_id, f.attended
                                         ORDER BY f.date, f.session_id) = 1 AS first_attended,
       f.registered AND row_number() OVER (PARTITION BY f.participant_id, f.registered
                                           ORDER BY f.date, f.session_id) = 1 AS first_registered
FROM participation_facts f
JOIN rollup_sessions s USING (session_id)
JOIN people p USING (participant_id)
LEFT JOIN organizations o USING (organization_id)
ORDER BY s.session_no, p.participant_no"""

_COUNTS = """
CREATE OR REPLACE TABLE rollup_counts AS
SELECT session_no, any_value(session_id) AS session_id, any_value(series_id) AS series_id,
       any_value("year") AS "year", sector, mode, role, registered, attended,
       CAST(count(*) AS INTEGER) AS n,
       CAST(count(*) FILTER (WHERE first_attended) AS INTEGER) AS first_attended,
       CAST(count(*) FILTER (WHERE first_registered) AS INTEGER) AS first_registered
FROM rollup_participation
GROUP BY session_no, sector, mode, role, registered, attended
ORDER BY session_no, sector"""

_PEOPLE = """
CREATE OR REPLACE TABLE rollup_people AS
SELECT participant_no, any_value(organization_no) AS organization_no,
       any_value(sector) AS sector, any_value(governmental) AS governmental,
       any_value(gender) AS gender, any_value(country_iso3) AS country_iso3,
       any_value(country) AS country, any_value(region) AS region,
       any_value(sub_region) AS sub_region, any_value(un_regional_group) AS un_regional_group,
       bit_or(combo) AS combos
FROM (
    SELECT *, ((CASE WHEN attended THEN CAST(1 AS BIGINT) ELSE 0 END) << slot)
              | ((CASE WHEN registered THEN CAST(1 AS BIGINT) ELSE 0 END) << (slot + $per_basis))
              AS combo
    FROM (SELECT *, CAST((CASE WHEN mode IS NULL THEN $unknown_mode
                               ELSE list_position($modes, mode) END - 1) * $roles_n
                         + list_position($roles, role) - 1 AS BIGINT) AS slot
          FROM rollup_participation)
)
GROUP BY participant_no
ORDER BY participant_no"""

_SUBMISSIONS = """
CREATE OR REPLACE TABLE rollup_submissions AS
SELECT f.*, s.session_no,
       (SELECT string_agg(t.name, '; ' ORDER BY t.name) FROM submission_topics st
        JOIN topics t USING (topic_id) WHERE st.submission_id = f.submission_id) AS topics
FROM submission_facts f JOIN rollup_sessions s USING (session_id)
ORDER BY s.session_no, f.submission_id"""

_SUBMISSION_TOPICS = """
CREATE OR REPLACE TABLE rollup_submission_topics AS
SELECT st.topic_id, f.submission_id, f.session_no, f.session_id, f.series_id, f.year, f.sector,
       f.region, f.sub_region, f.un_regional_group, f.country_iso3
FROM rollup_submissions f JOIN submission_topics st USING (submission_id)
ORDER BY f.session_no, st.topic_id"""


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every rollup from the store on a writable connection (one transaction)."""
    # At a million rows these take seconds: DuckDB would draw its progress bar on the
    # command's stdout (build, generate, ingest print their own summaries there).
    con.execute("SET enable_progress_bar = false")
    con.begin()
    try:
        con.execute(_SESSIONS)
        con.execute(_PARTICIPATION)
        con.execute(_COUNTS)
        con.execute(
            _PEOPLE,
            {
                "modes": list(MODES),
                "unknown_mode": len(_MODE_SLOTS),
                "roles": list(ROLES),
                "roles_n": len(ROLES),
                "per_basis": len(_MODE_SLOTS) * len(ROLES),
            },
        )
        con.execute(_SUBMISSIONS)
        con.execute(_SUBMISSION_TOPICS)
        con.execute(
            "CREATE OR REPLACE TABLE rollup_info AS SELECT ? AS layout_version, ? AS fingerprint",
            [LAYOUT_VERSION, fingerprint(con)],
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise


def fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """Row counts and content hashes of every table the rollups are derived from."""
    parts = (
        f"SELECT '{table}', count(*), coalesce(sum(hash({columns})), 0) FROM {table}"
        for table, columns in _SOURCES.items()  # names from the constant above only
    )
    rows = con.execute(" UNION ALL ".join(parts) + " ORDER BY 1").fetchall()
    return ";".join(f"{table}:{count}:{total}" for table, count, total in rows)


def ready(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store's rollups exist, have this code's layout and match the store."""
    try:
        row = con.execute("SELECT layout_version, fingerprint FROM rollup_info").fetchone()
    except duckdb.CatalogException:
        return False
    return row is not None and row[0] == LAYOUT_VERSION and row[1] == fingerprint(con)
