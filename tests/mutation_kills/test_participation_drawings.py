"""What the participation charts draw: the colours of each stack, the value axis's title
and top, full-strength bars when nothing is selected, and the bars' rows as given."""

from __future__ import annotations

import importlib

import pandas as pd

from dashboard.views import style

participation = importlib.import_module("dashboard.views.participation")


def test_the_value_axis_leaves_room_above_a_tallest_bar_of_one():
    assert participation.headroom(pd.Series([1, 0])) == 1.1
    assert participation.headroom(pd.Series([0, 0])) == 1.0


def sectors_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "session_id": ["A", "A"],
            "session": ["Firearms", "Firearms"],
            "date": pd.to_datetime(["2022-05-06", "2022-05-06"]),
            "sector": ["Government", "Academia"],
            "participants": [1, 2],
            "share": [1 / 3, 2 / 3],
        }
    )


def test_sector_bars_in_registrants_with_shares_to_one_decimal_at_full_strength():
    drawing = participation.attendance_by_sector_drawing(sectors_frame(), count="registered")
    assert drawing.ylabel == "Registrants"
    layer = drawing.layers[0].sort_values("sector")
    assert layer["alpha"].tolist() == [1.0, 1.0]
    shares = participation.attendance_by_sector_drawing(
        sectors_frame(), shares=True, count="registered"
    )
    assert shares.ylabel == "Share of registrants (%)"
    assert sorted(shares.layers[0]["value"].tolist()) == [33.3, 66.7]


def sessions_frame(**columns) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "session_id": ["A"],
            "session": ["Firearms"],
            "date": pd.to_datetime(["2022-05-06"]),
            **{k: [v] for k, v in columns.items()},
        }
    )


def test_funnel_and_returning_stacks_carry_their_colours():
    funnel = participation.funnel_drawing(
        sessions_frame(registered=3, attended=2, registered_and_attended=2, no_shows=1, walk_ins=0)
    )
    assert funnel.colors == style.STAGE_COLORS
    assert set(funnel.colors) == set(style.STAGES)
    returning = participation.returning_participants_drawing(
        sessions_frame(first_time=2, returning=1)
    )
    assert returning.colors == style.RETURNING_COLORS
    assert set(returning.colors) == set(style.RETURNING)


def test_place_bars_keep_only_their_columns_and_name_registrants():
    frame = pd.DataFrame(
        {"area": ["Asia", "Europe"], "participants": [3, 5], "organizations": [1, 2]},
        index=[7, 9],
    )
    drawing = participation.participants_by_area_drawing(frame, count="registered")
    assert drawing.xlabel == "Registrants"
    assert drawing.y == ("Asia", "Europe")
    layer = drawing.layers[0]
    assert list(layer.columns) == ["area", "participants", "organizations", "alpha"]
    assert list(layer.index) == [0, 1]
    assert layer["area"].tolist() == ["Europe", "Asia"]
