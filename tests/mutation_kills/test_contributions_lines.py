"""The cumulative step lines of contributions_over_time, point for point.

Each kind's line starts at zero the day before the first submission, rises on each day
with submissions and runs on flat to the last day; a steps-post line doubles each corner.
"""

from __future__ import annotations

import importlib

import pandas as pd

from dashboard.views import style

contributions = importlib.import_module("dashboard.views.contributions")


def points(layer: pd.DataFrame) -> list[tuple[str, int, str]]:
    return [
        (f"{d:%Y-%m-%d}", int(n), k)
        for d, n, k in zip(layer["date"], layer["cumulative"], layer["kind"])
    ]


def test_each_kind_climbs_on_its_days_and_runs_flat_to_the_last_day():
    oral, written, recommendation, practice = (
        "oral statement",
        "written submission",
        "recommendation",
        "good practice",
    )
    assert set(style.KINDS) == {oral, written, recommendation, practice}
    frame = pd.DataFrame(
        {
            "date": ["2022-05-08", "2022-05-06", "2022-05-06"],
            "kind": [oral, oral, written],
            "submissions": [2, 1, 2],
        }
    )
    drawing = contributions.contributions_over_time_drawing(frame)
    flat = [("2022-05-05", 0), ("2022-05-08", 0), ("2022-05-08", 0)]
    assert [points(layer) for layer in drawing.layers] == [
        [(d, n, practice) for d, n in flat],
        [
            ("2022-05-05", 0, oral),
            ("2022-05-06", 0, oral),
            ("2022-05-06", 1, oral),
            ("2022-05-08", 1, oral),
            ("2022-05-08", 3, oral),
        ],
        [(d, n, recommendation) for d, n in flat],
        [
            ("2022-05-05", 0, written),
            ("2022-05-06", 0, written),
            ("2022-05-06", 2, written),
            ("2022-05-08", 2, written),
            ("2022-05-08", 2, written),
        ],
    ]
    # Three days, widened about their middle to a week: an axis of days, not hours.
    assert drawing.x == (pd.Timestamp("2022-05-03"), pd.Timestamp("2022-05-10"))
    assert drawing.y[0] == 0 and abs(drawing.y[1] - 3.3) < 1e-9  # 10% above the top, 3


def test_no_submissions_draw_flat_zero_lines_on_a_week_long_axis():
    frame = pd.DataFrame(
        {"date": pd.Series([], dtype=object), "kind": [], "submissions": pd.Series([], dtype=int)}
    )
    drawing = contributions.contributions_over_time_drawing(frame)
    assert [points(layer) for layer in drawing.layers] == [
        [("2022-01-01", 0, kind)] for kind in sorted(style.KINDS)
    ]
    assert drawing.x == (pd.Timestamp("2021-12-28 12:00"), pd.Timestamp("2022-01-04 12:00"))
    assert drawing.y == (0, 1.0)


def test_a_long_series_keeps_its_own_span():
    frame = pd.DataFrame(
        {
            "date": ["2022-04-12", "2022-07-19"],
            "kind": ["oral statement"] * 2,
            "submissions": [1, 1],
        }
    )
    drawing = contributions.contributions_over_time_drawing(frame)
    assert drawing.x == (pd.Timestamp("2022-04-11"), pd.Timestamp("2022-07-19"))


def test_one_submission_is_drawn_in_the_middle_of_a_week():
    frame = pd.DataFrame({"date": ["2022-07-01"], "kind": ["recommendation"], "submissions": [1]})
    drawing = contributions.contributions_over_time_drawing(frame)
    assert drawing.x == (pd.Timestamp("2022-06-27"), pd.Timestamp("2022-07-04"))
    assert drawing.x[1] - drawing.x[0] == contributions.SHORTEST_SPAN
