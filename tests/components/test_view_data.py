"""The data the views draw: checks on the query results the components rely on."""

from __future__ import annotations

from dashboard.queries import Filters


def test_funnel_follows_a_sector_filter_alone(source):
    """A sector filter alone narrows the funnel (DuckDB 2.0.1 once answered a lone
    ``sector IN (...)`` on participation_facts with nearly every row)."""
    raw = source.sql(
        "SELECT session_id, count(*) FILTER (WHERE registered) AS registered, "
        "count(*) FILTER (WHERE attended) AS attended FROM participation_facts "
        "WHERE sector = ? GROUP BY session_id ORDER BY session_id",
        ["Academia"],
    )
    funnel = source.funnel(Filters(sectors=("Academia",))).sort_values("session_id")
    assert funnel["registered"].tolist() == raw["registered"].tolist()
    assert funnel["attended"].tolist() == raw["attended"].tolist()
    everyone = source.funnel(Filters())
    assert funnel["registered"].sum() < everyone["registered"].sum()
