"""The pieces every builder shares: the Query value, allow-listed identifiers, WHERE clauses.

Values reach DuckDB only as ``?`` parameters. Identifiers (column names) are taken
only from the allow-lists here; anything else raises QueryError before any SQL exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ..errors import QueryError
from .filters import Filters


class Query(NamedTuple):
    sql: str
    params: list

    def __str__(self) -> str:
        return self.sql


# Filter dimension -> column of participation_facts / submission_facts.
PARTICIPATION_COLUMNS = {
    "series": "series_id",
    "years": "year",
    "sessions": "session_id",
    "sectors": "sector",
    "regions": "region",
    "sub_regions": "sub_region",
    "regional_groups": "un_regional_group",
    "countries": "country_iso3",
    "modes": "mode",
    "roles": "role",
}
SUBMISSION_COLUMNS = {k: v for k, v in PARTICIPATION_COLUMNS.items() if k not in {"modes", "roles"}}
SESSION_COLUMNS = {"series": "s.series_id", "years": "se.year", "sessions": "s.session_id"}
COUNT_COLUMNS = {"attended": "attended", "registered": "registered"}
# Levels for "participants by place".
AREA_COLUMNS = {
    "region": "region",
    "sub_region": "sub_region",
    "un_regional_group": "un_regional_group",
    "country": "country",
}


def identifier(allowed: dict[str, str], key: str) -> str:
    """The column for ``key`` from an allow-list, or QueryError naming the choices."""
    try:
        return allowed[key]
    except KeyError:
        raise QueryError(f"unknown choice {key!r}; allowed: {sorted(allowed)}") from None


def in_list(column: str, values: Sequence, params: list) -> str:
    """``column IN (?, ?)`` with the values appended to ``params``."""
    params.extend(values)
    return f"{column} IN ({', '.join('?' * len(values))})"


def _topic_clause(filters: Filters, params: list, subject: str) -> str | None:
    if not filters.topics:
        return None
    topics = in_list("topic_id", filters.topics, params)
    if subject == "submission":
        return f"submission_id IN (SELECT submission_id FROM submission_topics WHERE {topics})"
    # A session "is about" a topic when it was raised there or a submission to it was.
    tagged = in_list("st.topic_id", filters.topics, params)
    return (
        f"session_id IN (SELECT session_id FROM session_topics WHERE {topics} UNION "
        f"SELECT su.session_id FROM submissions su JOIN submission_topics st "
        f"USING (submission_id) WHERE {tagged})"
    )


def where(
    filters: Filters,
    columns: dict[str, str],
    params: list,
    *,
    subject: str = "participation",
    count: bool = True,
) -> str:
    """The WHERE clause (or '') for ``filters`` over the given column allow-list."""
    clauses = [
        in_list(column, getattr(filters, name), params)
        for name, column in columns.items()
        if getattr(filters, name)
    ]
    if count and subject == "participation":
        clauses.append(COUNT_COLUMNS[filters.count])
    topic = _topic_clause(filters, params, subject)
    if topic:
        clauses.append(topic)
    return f"WHERE {' AND '.join(clauses)}" if clauses else ""


def participation_where(filters: Filters, params: list, *, count: bool = True) -> str:
    return where(filters, PARTICIPATION_COLUMNS, params, count=count)


def submission_where(filters: Filters, params: list) -> str:
    return where(filters, SUBMISSION_COLUMNS, params, subject="submission")
