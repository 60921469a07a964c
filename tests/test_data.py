"""DataSource: each question on the built-in store, checked against an independent pandas
computation over the raw tables, and filters that narrow results correctly."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.errors import QueryError
from dashboard.queries import Filters


@pytest.fixture(scope="module")
def raw(source) -> pd.DataFrame:
    """Participation joined by hand in pandas: the reference the SQL is checked against."""
    part = source.sql("SELECT * FROM participation")
    people = source.sql(
        "SELECT participant_id, organization_id, country_iso3 AS p_country, "
        "gender FROM participants"
    )
    orgs = source.sql(
        "SELECT organization_id, sector, country_iso3 AS o_country FROM organizations"
    )
    countries = source.sql("SELECT iso3, region, un_regional_group FROM countries")
    frame = part.merge(people, on="participant_id").merge(orgs, on="organization_id", how="left")
    frame["sector"] = frame["sector"].fillna("Other / unknown")
    frame["iso3"] = frame["p_country"].fillna(frame["o_country"])
    return frame.merge(countries, on="iso3", how="left")


def test_attendance_by_sector_matches_pandas(source, raw):
    got = source.attendance_by_sector().set_index(["session_id", "sector"])["participants"]
    want = raw[raw["attended"]].groupby(["session_id", "sector"])["participant_id"].nunique()
    pd.testing.assert_series_equal(got.sort_index(), want.sort_index(), check_names=False)


@pytest.mark.parametrize(
    "filters, mask",
    [
        (Filters(sectors=["Academia"]), lambda r: r["sector"] == "Academia"),
        (Filters(sessions=["CD-2022-TIP"]), lambda r: r["session_id"] == "CD-2022-TIP"),
        (Filters(modes=["online"]), lambda r: r["mode"] == "online"),
        (
            Filters(roles=["speaker", "panellist"]),
            lambda r: r["role"].isin(["speaker", "panellist"]),
        ),
        (Filters(regions=["Africa"]), lambda r: r["region"] == "Africa"),
        (
            Filters(regional_groups=["Western European and other States"]),
            lambda r: r["un_regional_group"] == "Western European and other States",
        ),
        (Filters(countries=["MEX", "PAK"]), lambda r: r["iso3"].isin(["MEX", "PAK"])),
        (
            Filters(sectors=["NGO / civil society"], modes=["in person"]),
            lambda r: (r["sector"] == "NGO / civil society") & (r["mode"] == "in person"),
        ),
    ],
)
def test_filters_narrow_the_headline_exactly(source, raw, filters, mask):
    headline = source.headline(filters).iloc[0]
    rows = raw[raw["attended"] & mask(raw)]
    assert 0 < headline["participants"] == rows["participant_id"].nunique()
    assert headline["organizations"] == rows["organization_id"].nunique()
    assert headline["participants"] < source.headline().iloc[0]["participants"]


def test_registered_counts_registrations(source, raw):
    headline = source.headline(Filters(count="registered")).iloc[0]
    assert headline["participants"] == raw[raw["registered"]]["participant_id"].nunique()


def test_headline_shares(source, raw):
    h = source.headline().iloc[0]
    attended = raw[raw["attended"]]
    people = attended.drop_duplicates("participant_id")
    recorded = people["gender"].notna()
    assert h["women_share"] == pytest.approx((people["gender"] == "female").sum() / recorded.sum())
    governmental = attended["sector"].isin(["Government", "IGO / UN entity"])
    assert h["non_governmental_share"] == pytest.approx(
        attended.loc[~governmental, "participant_id"].nunique() / len(people)
    )
    firsts = (
        attended.merge(source.sql("SELECT session_id, date FROM sessions"))
        .sort_values(["date", "session_id"])
        .drop_duplicates("participant_id")
    )
    assert h["first_time_share"] == pytest.approx(len(firsts) / len(attended))


def test_topic_filter_narrows_contributions_and_sessions(source):
    everything = source.contributions()
    victims = source.contributions(Filters(topics=["victim-protection"]))
    assert 0 < len(victims) < len(everything)
    assert victims["topics"].str.contains("Victim protection").all()
    topic = "firearms-protocol-implementation"
    sessions = set(source.attendance_by_sector(Filters(topics=[topic]))["session_id"])
    about = set(
        source.sql(
            "SELECT session_id FROM session_topics WHERE topic_id = ? UNION SELECT session_id "
            "FROM submissions JOIN submission_topics USING (submission_id) WHERE topic_id = ?",
            [topic, topic],
        )["session_id"]
    )
    assert "CD-2022-FA" in sessions and sessions == about


def test_topics_matrix_marks_raised_topics(source):
    matrix = source.topics_per_session()
    raised = matrix[matrix["raised"]]
    assert len(raised) == 20  # the twenty session topics of the published sources
    assert set(matrix["session_id"]) == {"CD-2022-FA", "CD-2022-ICTA", "CD-2022-TIP", "CD-2022-SOM"}
    assert (
        matrix["submissions"].sum()
        == source.sql("SELECT count(*) FROM submission_topics").iloc[0, 0]
    )


def test_contributions_over_time_runs_to_the_total_of_each_kind(source):
    over_time = source.contributions_over_time()
    last = over_time.groupby("kind")["cumulative"].max()
    totals = source.sql("SELECT kind, count(*) AS n FROM submissions GROUP BY kind").set_index(
        "kind"
    )["n"]
    pd.testing.assert_series_equal(last.sort_index(), totals.sort_index(), check_names=False)


def test_funnel_and_returning(source, raw):
    funnel = source.funnel().set_index("session_id")
    tip = raw[raw["session_id"] == "CD-2022-TIP"]
    assert funnel.loc["CD-2022-TIP", "registered"] == tip["registered"].sum()
    assert funnel.loc["CD-2022-TIP", "no_shows"] == (tip["registered"] & ~tip["attended"]).sum()
    returning = source.returning_participants().set_index("session_id")
    assert returning.loc["CD-2022-FA", "returning"] == 0  # the first ever Constructive Dialogue
    assert (returning["first_time"] + returning["returning"]).sum() == raw["attended"].sum()


def test_participants_by_area_levels(source):
    regions = source.participants_by_area(level="region")
    assert set(regions["area"]) <= {"Africa", "Americas", "Asia", "Europe", "Oceania", "Unknown"}
    countries = source.participants_by_area(level="country")
    assert countries["iso3"].notna().all()
    assert countries["participants"].sum() >= regions["participants"].sum()


def test_unknown_question_is_refused(source):
    with pytest.raises(QueryError, match="unknown question"):
        source.ask("everything")


def test_free_sql_takes_parameters(source):
    frame = source.sql("SELECT title FROM sessions WHERE session_id = ?", ["CD-2022-FA"])
    assert frame["title"].tolist() == ["Constructive Dialogue on Firearms"]


def test_free_sql_answers_with_the_column_types_of_duckdb_df(source):
    """Answers come through Arrow, typed as DuckDB's own ``.df()`` types them: dates as
    timestamps, sums and decimals as floats, text as strings, empty or not."""
    text = (
        "SELECT DATE '2022-05-06' AS day, NULL::DATE AS none_day, sum(2) AS total, "
        "1.5::DECIMAL(4, 2) AS share, 'Firearms' AS name, [1, 2] AS values"
    )
    got = source.sql(text)
    want = source.connection.cursor().execute(text).df()
    pd.testing.assert_frame_equal(got, want)
    assert got.at[0, "day"] == pd.Timestamp("2022-05-06") and got.at[0, "total"] == 2.0
    empty = source.sql("SELECT session_id, date FROM sessions WHERE false")
    assert empty.empty and str(empty["date"].dtype) == "datetime64[us]"


@pytest.mark.parametrize(
    "name, values, column",
    [
        ("sectors", ["Academia"], "sector"),
        ("sectors", ["Academia", "Government"], "sector"),
        ("sectors", ["Other / unknown"], "sector"),
        ("regions", ["Europe"], "region"),
        ("countries", ["MEX", "AUT"], "iso3"),
        ("modes", ["online"], "mode"),
        ("roles", ["speaker"], "role"),
        ("sessions", ["CD-2022-ICTA"], "session_id"),
    ],
)
def test_every_filter_alone_matches_pandas(source, raw, name, values, column):
    """Each WHERE clause on its own, with no other condition beside it (DuckDB 2.0.1 once
    answered `sector IN (...)` alone wrongly on a coalesced column)."""
    from dashboard.queries.sql import participation_where

    params: list = []
    clause = participation_where(Filters(**{name: values}), params, count=False)
    got = source.sql(f"SELECT count(*) FROM participation_facts {clause}", params).iloc[0, 0]
    assert got == raw[column].isin(values).sum()
