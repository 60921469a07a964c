"""Session charts fold hundreds of sessions into years (or months): sums per period,
labels that say how many sessions each holds, and the filter a click on one sets."""

from __future__ import annotations

import pandas as pd

from dashboard.views import periods


def sessions(count: int, years: int) -> pd.DataFrame:
    """``count`` sessions spread over ``years`` years, two sectors each."""
    rows = []
    for i in range(count):
        date = pd.Timestamp(2020 + i % years, 1 + i % 12, 1)
        for sector, people in (("Government", i), ("Academia", 1)):
            rows.append((f"S{i}", f"Session {i}", date, sector, people))
    return pd.DataFrame(rows, columns=["session_id", "session", "date", "sector", "participants"])


def test_few_sessions_are_drawn_as_they_are():
    frame = sessions(periods.MAX_SESSIONS, 3)
    assert periods.by_period(frame, ["sector"], ["participants"]) is frame


def test_many_sessions_fold_into_years_with_their_sums():
    frame = sessions(90, 3)
    folded = periods.by_period(frame, ["sector"], ["participants"])
    assert sorted(set(folded["session_id"])) == ["year:2020", "year:2021", "year:2022"]
    government = folded.loc[folded["sector"] == "Government"].set_index("session_id")
    in_2021 = frame.loc[(frame["date"].dt.year == 2021) & (frame["sector"] == "Government")]
    assert government.loc["year:2021", "participants"] == in_2021["participants"].sum()
    assert government.loc["year:2021", "session"] == "2021 · 30 sessions"
    assert folded["participants"].sum() == frame["participants"].sum()


def test_many_sessions_in_one_year_fold_into_months():
    frame = sessions(36, 1)
    folded = periods.by_period(frame, ["sector"], ["participants"])
    assert len(set(folded["session_id"])) == 12
    assert "Mar 2020 · 3 sessions" in set(folded["session"])


def test_a_click_on_a_period_opens_it():
    assert periods.drill_down(sessions(90, 3), "year:2021") == ("years", [2021])
    frame = sessions(36, 1)
    assert periods.drill_down(frame, "month:2020-03") == ("sessions", ["S14", "S2", "S26"])
    assert periods.drill_down(frame, "S2") is None


def test_any_of_marks_a_period_where_any_session_has_it():
    frame = sessions(30, 2).assign(raised=lambda f: f["session_id"] == "S3")
    folded = periods.by_period(frame, ["sector"], ["participants"], ["raised"])
    assert folded.loc[folded["raised"], "session_id"].unique().tolist() == ["year:2021"]
