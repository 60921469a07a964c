"""Small-cell suppression: counts below the threshold never leave the room."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.privacy import cells_to_suppress, mask_cells, rows_and_columns, suppress_small_cells


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


# Secondary suppression: no hidden count comes back from a sum -------------------------
def _derivable(values: pd.DataFrame, hidden: pd.DataFrame, groups) -> list:
    """Hidden cells a reader can compute: alone hidden in a group whose sum is known."""
    return [
        cell
        for group in groups
        for cell in group
        if hidden.at[cell] and sum(bool(hidden.at[c]) for c in group) == 1
    ]


def test_a_lone_small_cell_in_a_row_takes_a_complement_from_that_row():
    values = pd.DataFrame(
        {"Gov": [40, 30], "NGO": [3, 20], "Academia": [12, 25]}, index=["FA", "TIP"]
    )
    hidden = cells_to_suppress(values, threshold=5)
    assert hidden.at["FA", "NGO"]  # primary
    assert hidden.at["FA", "Academia"]  # the row's smallest other non-zero count
    assert hidden.at["TIP", "NGO"]  # column NGO would give FA's 3 back otherwise
    assert not _derivable(values, hidden, rows_and_columns(values))
    assert not hidden.at["FA", "Gov"] and not hidden.at["TIP", "Gov"]


def test_zero_is_never_a_complement_and_a_group_of_one_count_stays_as_is():
    values = pd.DataFrame({"a": [2, 0], "b": [0, 9]}, index=["x", "y"])
    hidden = cells_to_suppress(values, threshold=5)
    # Row x and column a hold only the 2: their sums are the 2 itself, small, hidden
    # wherever they are shown; hiding a zero would protect nothing.
    assert hidden.values.tolist() == [[True, False], [False, False]]


def test_explicit_groups_cover_sums_across_columns():
    # registered = both + absent: with "absent" small, "both" alone would give it back.
    values = pd.DataFrame(
        {"both": [30, 50], "absent": [2, 10], "registered": [32, 60]}, index=["FA", "TIP"]
    )
    groups = [[(s, "both"), (s, "absent"), (s, "registered")] for s in values.index]
    groups += [[(s, c) for s in values.index] for c in values.columns]
    hidden = cells_to_suppress(values, threshold=5, groups=groups)
    assert hidden.at["FA", "absent"] and hidden.at["FA", "both"]
    assert not _derivable(values, hidden, groups)


def test_suppression_of_a_crafted_table_leaves_nothing_derivable():
    values = pd.DataFrame(
        [[1, 7, 0, 9], [6, 2, 8, 4], [0, 0, 3, 11], [15, 20, 30, 1]],
        index=list("pqrs"),
        columns=list("ABCD"),
    )
    hidden = cells_to_suppress(values, threshold=5)
    primary = values.gt(0) & values.lt(5)
    assert (hidden | ~primary).all().all()  # every small count hidden
    assert not _derivable(values, hidden, rows_and_columns(values))
    shown = mask_cells(values, hidden, threshold=5)
    assert set(shown.to_numpy()[hidden.to_numpy()]) == {"<5"}
    assert shown.at["s", "C"] == 30 and shown.at["r", "A"] == 0
