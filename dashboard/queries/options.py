"""The choices each filter offers, as queries (what the store holds, in display order)."""

from __future__ import annotations

from .sql import Query

OPTION_QUERIES: dict[str, Query] = {
    "series": Query("SELECT series_id AS value, title AS label FROM series ORDER BY year", []),
    "years": Query(
        "SELECT DISTINCT year AS value, CAST(year AS VARCHAR) AS label FROM series ORDER BY year",
        [],
    ),
    "sessions": Query(
        "SELECT session_id AS value, strftime(date, '%-d %b %Y') || ' · ' || "
        "short_title AS label FROM sessions ORDER BY date, session_id",
        [],
    ),
    "sectors": Query(
        "SELECT sector AS value, sector AS label FROM sectors ORDER BY sort_order", []
    ),
    "regions": Query(
        "SELECT DISTINCT region AS value, region AS label FROM participation_facts "
        "WHERE region IS NOT NULL ORDER BY region",
        [],
    ),
    "sub_regions": Query(
        "SELECT DISTINCT sub_region AS value, sub_region AS label "
        "FROM participation_facts WHERE sub_region IS NOT NULL "
        "ORDER BY sub_region",
        [],
    ),
    "regional_groups": Query(
        "SELECT DISTINCT un_regional_group AS value, un_regional_group "
        "AS label FROM participation_facts WHERE un_regional_group IS "
        "NOT NULL ORDER BY un_regional_group",
        [],
    ),
    "countries": Query(
        "SELECT DISTINCT country_iso3 AS value, country AS label "
        "FROM participation_facts WHERE country_iso3 IS NOT NULL "
        "ORDER BY country",
        [],
    ),
    "topics": Query("SELECT topic_id AS value, name AS label FROM topics ORDER BY name", []),
}
