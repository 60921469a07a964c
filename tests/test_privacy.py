"""Small-cell suppression: counts below the threshold never leave the room."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.privacy import suppress_small_cells


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sector": ["Academia", "NGO", "Private", "Other"],
            "participants": [12, 3, 0, 5],
            "organizations": [4, 2, 0, 5],
            "share": [0.6, 0.15, 0.0, 0.25],
        }
    )


def test_counts_below_the_threshold_become_the_marker_zero_stays(table):
    out = suppress_small_cells(table, ["participants"], threshold=5)
    assert out["participants"].tolist() == [12, "<5", 0, 5]
    assert out["organizations"].tolist() == [4, 2, 0, 5]  # only the columns named


def test_linked_columns_are_blanked_where_a_count_was_suppressed(table):
    out = suppress_small_cells(
        table, ["participants", "organizations"], threshold=5, linked=["share"]
    )
    assert out["organizations"].tolist() == ["<5", "<5", 0, 5]
    assert out["share"].isna().tolist() == [True, True, False, False]


def test_the_input_is_not_changed(table):
    before = table.copy()
    suppress_small_cells(table, ["participants"], threshold=5, linked=["share"])
    pd.testing.assert_frame_equal(table, before)


def test_threshold_defaults_to_the_min_cell_size_setting(table, monkeypatch):
    monkeypatch.setenv("DIALOGUES_MIN_CELL", "13")
    out = suppress_small_cells(table, ["participants"])
    assert out["participants"].tolist() == ["<13", "<13", 0, "<13"]


def test_missing_values_pass_through(table):
    table["participants"] = pd.array([12, None, 0, 2], dtype="Int64")
    out = suppress_small_cells(table, ["participants"], threshold=5, marker="suppressed")
    assert out["participants"].tolist()[::2] == [12, 0]
    assert pd.isna(out["participants"][1]) and out["participants"][3] == "suppressed"


def test_unknown_columns_are_named(table):
    with pytest.raises(KeyError, match="attendees"):
        suppress_small_cells(table, ["attendees"])
