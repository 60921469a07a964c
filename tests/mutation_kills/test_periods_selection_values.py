"""Folded periods keep a date column of no day; a period id without a period opens
nothing; a tap on an empty topics chart finds no topic."""

from __future__ import annotations

import pandas as pd

from dashboard.views import periods, selection


def sessions(count: int, years: int) -> pd.DataFrame:
    """``count`` sessions spread over ``years`` years, one row each."""
    return pd.DataFrame(
        {
            "session_id": [f"S{i}" for i in range(count)],
            "date": [pd.Timestamp(2020 + i % years, 1 + i % 12, 1) for i in range(count)],
            "participants": [1] * count,
        }
    )


def test_folded_periods_have_a_date_column_of_no_day():
    folded = periods.by_period(sessions(90, 3), (), ["participants"])
    assert list(folded.columns) == ["participants", "session_id", "session", "date"]
    assert pd.api.types.is_datetime64_any_dtype(folded["date"])
    assert folded["date"].isna().all()


def test_a_period_id_without_its_period_opens_nothing():
    frame = sessions(36, 1)
    assert periods.drill_down(frame, "month:") is None
    assert periods.drill_down(frame, "year:") is None


def test_a_tap_on_an_empty_topics_chart_finds_no_topic():
    empty = pd.DataFrame({"topic": pd.Series([], dtype=object), "topic_id": []})
    assert selection.topic_at(empty, "Victims") is None
    assert selection.topic_at(empty, ("Victims", "x")) is None
    assert selection.topic_at(pd.DataFrame(), None) is None
