"""What a click selects: from the point clicked on a chart to the filter value it sets."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import views

FIREARMS = views.session_label("Firearms", pd.Timestamp("2022-05-06"))


@pytest.fixture
def attendance() -> pd.DataFrame:
    """Two sessions; Firearms: Government 30, Academia 10 (25%), shuffled order."""
    return pd.DataFrame(
        {
            "session_id": ["CD-2022-FA", "CD-2022-FA", "CD-2022-TIP"],
            "session": ["Firearms", "Firearms", "Trafficking in Persons"],
            "date": pd.to_datetime(["2022-05-06", "2022-05-06", "2022-07-01"]),
            "sector": ["Academia", "Government", "Academia"],
            "participants": [10, 30, 5],
            "share": [0.25, 0.75, 1.0],
        }
    )


@pytest.mark.parametrize(
    ("y", "sector"),
    [(0, "Government"), (29.9, "Government"), (30, "Academia"), (39.9, "Academia")],
)
def test_a_click_on_a_stacked_count_picks_its_segment(attendance, y, sector):
    assert views.sector_at(attendance, FIREARMS, y) == ("CD-2022-FA", sector)


@pytest.mark.parametrize(("y", "sector"), [(74.9, "Government"), (75, "Academia")])
def test_a_click_on_a_stacked_share_picks_its_segment(attendance, y, sector):
    assert views.sector_at(attendance, FIREARMS, y, shares=True) == ("CD-2022-FA", sector)


def test_a_click_above_the_bars_or_off_the_axis_selects_nothing(attendance):
    assert views.sector_at(attendance, FIREARMS, 40) is None
    assert views.sector_at(attendance, FIREARMS, None) is None
    assert views.sector_at(attendance, "Nowhere", 1) is None
    assert views.sector_at(attendance.iloc[:0], FIREARMS, 1) is None


def test_a_nested_factor_is_read_by_its_first_level(attendance):
    assert views.session_at(attendance, (FIREARMS, "Academia")) == "CD-2022-FA"
    assert views.session_at(attendance, [FIREARMS]) == "CD-2022-FA"
    assert views.session_at(attendance, ()) is None
    assert views.session_at(attendance, None) is None


def test_a_click_on_a_session_of_one_row_each():
    funnel = pd.DataFrame(
        {
            "session_id": ["CD-2022-FA", "CD-2022-TIP"],
            "session": ["Firearms", "Trafficking in Persons"],
            "date": pd.to_datetime(["2022-05-06", "2022-07-01"]),
        }
    )
    assert views.session_at(funnel, FIREARMS) == "CD-2022-FA"
    assert views.session_at(funnel.iloc[:0], FIREARMS) is None


def test_a_click_on_a_topic_row():
    topics = pd.DataFrame({"topic": ["Corruption", "Victims"], "topic_id": ["c", "v"]})
    assert views.topic_at(topics, "Victims") == "v"
    assert views.topic_at(topics, ["Corruption", "x"]) == "c"
    assert views.topic_at(topics, "Nothing") is None
    long = pd.DataFrame({"topic": ["Criminalization and legal frameworks"], "topic_id": ["cl"]})
    assert views.topic_at(long, "Criminalization and\nlegal frameworks") == "cl"  # as on the axis
    assert views.topic_at(topics, None) is None


def test_a_click_on_a_place():
    countries = pd.DataFrame({"area": ["Mexico", "Unknown", "Kosovo"], "iso3": ["MEX", None, ""]})
    assert views.area_at(countries, "Mexico") == "MEX"
    assert views.area_at(countries, "Kosovo") == "Kosovo"  # no code: its name
    assert views.area_at(countries, "Unknown") is None  # not a place to filter by
    assert views.area_at(countries, "Peru") is None
    assert views.area_at(countries, None) is None
    regions = pd.DataFrame({"area": ["Europe"], "iso3": [None]})
    assert views.area_at(regions, "Europe") == "Europe"
    assert views.area_at(regions.drop(columns="iso3"), "Europe") == "Europe"


def test_clicking_again_clears_and_another_replaces():
    assert views.toggle(["A"], "A") == []
    assert views.toggle(["A"], "B") == ["B"]
    assert views.toggle([], "A") == ["A"]
    assert views.toggle(("A",), "A") == []
