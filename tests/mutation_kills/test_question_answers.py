"""The dashboard's questions answered on the built-in store, as the views receive them.

Each check compares two ways of reaching the same number, or a number the published
2022 figures fix (Trafficking in Persons: 129 attended, 16 of them back from earlier).
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import DataSource
from dashboard.errors import QueryError
from dashboard.queries import Filters

TIP = ["CD-2022-TIP"]


def test_returning_people_count_sessions_before_the_filtered_ones(source):
    everything = source.returning_participants().set_index("session_id")
    only_tip = source.returning_participants(Filters(sessions=TIP))
    assert only_tip[["first_time", "returning"]].values.tolist() == [[113, 16]]
    assert everything.loc["CD-2022-TIP", "returning"] == 16


def test_returning_on_registrations(source):
    registered = source.returning_participants(Filters(count="registered"))
    attended = source.returning_participants()
    assert (
        registered["first_time"].sum()
        == source.headline(Filters(count="registered")).loc[0, "participants"]
    )
    assert (registered["first_time"] >= attended["first_time"]).all()
    assert (registered["first_time"] > attended["first_time"]).any()


def test_first_time_share_is_over_the_filtered_participations(source):
    h = source.headline(Filters(sessions=TIP)).iloc[0]
    assert h["participants"] == 129 and h["sessions"] == 1
    assert h["first_time_share"] == pytest.approx(113 / 129)
    everyone = source.headline(Filters(count="registered")).iloc[0]
    registered = source.returning_participants(Filters(count="registered"))
    firsts = registered["first_time"].sum() / registered[["first_time", "returning"]].sum().sum()
    assert everyone["first_time_share"] == pytest.approx(firsts)


def test_the_funnel_compares_both_bases_whatever_the_count(source):
    pd.testing.assert_frame_equal(
        source.funnel(Filters(count="registered", sessions=TIP)),
        source.funnel(Filters(sessions=TIP)),
    )
    assert source.funnel(Filters(sessions=TIP)).loc[0, "attended"] == 129


def test_sessions_per_participant_add_up_to_the_people(source):
    filters = Filters(sessions=["CD-2022-SOM", "CD-2022-TIP"])
    spread = source.sessions_per_participant(filters)
    assert spread["sessions"].tolist() == [1, 2]
    assert spread["participants"].sum() == source.headline(filters).loc[0, "participants"]


def test_places_carry_a_code_only_for_countries(source):
    regions = source.participants_by_area(level="region")
    assert regions["iso3"].isna().all()
    countries = source.participants_by_area(level="country")
    assert countries.set_index("area").loc["Mexico", "iso3"] == "MEX"
    assert countries["participants"].sum() >= regions["participants"].sum()
    narrowed = source.participants_by_area(Filters(sessions=TIP), level="region")
    assert narrowed["participants"].sum() <= 129 < regions["participants"].sum()


def test_topics_per_session_with_every_kind_of_filter(source):
    filters = Filters(topics=["victim-protection"], sessions=TIP, sectors=["Government"])
    cells = source.topics_per_session(filters)
    assert cells[["session_id", "topic_id", "raised"]].values.tolist() == [
        ["CD-2022-TIP", "victim-protection", True]
    ]
    tagged = source.contributions(filters)
    assert cells.loc[0, "submissions"] == len(tagged) > 0
    assert (tagged["sector"] == "Government").all()


def test_contributions_follow_the_filters(source):
    academia = Filters(sectors=["Academia"])
    rows = source.contributions(academia)
    assert len(rows) and (rows["sector"] == "Academia").all()
    assert source.contributions_over_time(academia)["submissions"].sum() == len(rows)
    assert len(rows) < len(source.contributions())


def test_published_figures_of_the_chosen_sessions(source):
    smuggling = source.published_vs_recorded(Filters(sessions=["CD-2022-SOM"]))
    assert smuggling["sessions"].str.contains("CD-2022-SOM").all()
    assert "CD-2022-SOM, CD-2022-TIP" in set(smuggling["sessions"])  # shared figures too
    assert len(smuggling) < len(source.published_vs_recorded())
    assert source.published_vs_recorded(Filters(years=[1999])).empty


def test_illustrative_sessions_of_the_chosen_sessions(source):
    assert source.illustrative_sessions()["session_id"].tolist() == [
        "CD-2022-FA",
        "CD-2022-ICTA",
        "CD-2022-SOM",
        "CD-2022-TIP",
    ]
    chosen = source.illustrative_sessions(Filters(sessions=["CD-2022-SOM"]))
    assert chosen["session"].tolist() == ["Smuggling of Migrants"]


def test_options_are_value_label_pairs_in_display_order(source):
    options = source.options()
    assert options["sessions"][0] == ("CD-2022-FA", "6 May 2022 · Firearms")
    assert [v for v, _ in options["sessions"]] == [
        "CD-2022-FA",
        "CD-2022-ICTA",
        "CD-2022-SOM",
        "CD-2022-TIP",
    ]
    assert options["years"] == [(2022, "2022")]
    assert options["sectors"][0] == ("Government", "Government")


def test_free_sql_takes_parameters(source):
    frame = source.sql("SELECT count(*) AS n FROM sessions WHERE session_id = ?", TIP)
    assert frame["n"].tolist() == [1]
    assert source.sql("SELECT 1 AS one")["one"].tolist() == [1]


def test_a_failing_query_names_the_store(source, store_path):
    with pytest.raises(QueryError, match=f"^query failed on {store_path}: .*no_such_table"):
        source.sql("SELECT * FROM no_such_table")


def test_an_unknown_question_names_the_known_ones(source):
    with pytest.raises(QueryError, match=r"^unknown question 'nope'; known: \['attendance_by"):
        source.ask("nope")


def test_no_cache_when_the_time_to_live_is_zero(store_path, monkeypatch):
    monkeypatch.setenv("DIALOGUES_CACHE_TTL", "0")
    source = DataSource(store_path)
    assert source.headline() is not source.headline()


def test_open_reads_the_store_it_is_given(store_path):
    assert DataSource.open(store_path).db_path == store_path
