"""Small-cell suppression as a reader of the published table sees it: the CSV it writes."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.privacy import cells_to_suppress, mask_cells, suppress_small_cells


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "country": ["Mexico", "Chile", "Peru"],
            "participants": [12, 1, 4],
            "organizations": [6, 1, 3],
        }
    )


def test_a_given_threshold_wins_over_the_setting(table, monkeypatch):
    monkeypatch.setenv("DIALOGUES_MIN_CELL", "5")
    out = suppress_small_cells(table, ["participants"], threshold=3)
    assert out["participants"].tolist() == [12, "<3", 4]


def test_a_single_person_is_suppressed(table):
    out = suppress_small_cells(table, ["participants"], threshold=5)
    assert out["participants"].tolist() == [12, "<5", "<5"]


def test_the_published_csv_keeps_whole_numbers_and_blanks_linked_counts(table):
    out = suppress_small_cells(table, ["participants"], threshold=3, linked=["organizations"])
    assert out.to_csv(index=False).splitlines() == [
        "country,participants,organizations",
        "Mexico,12,6",
        "Chile,<3,",
        "Peru,4,3",
    ]


def test_an_unknown_linked_column_is_named_before_anything_is_suppressed(table):
    with pytest.raises(KeyError, match="no such columns to suppress: \\['share'\\]"):
        suppress_small_cells(table, ["participants"], linked=["share"])


# Secondary suppression and masking, as the briefing pack's slides use them ------------
def test_the_default_threshold_is_the_setting(monkeypatch):
    monkeypatch.setenv("DIALOGUES_MIN_CELL", "3")
    values = pd.DataFrame({"a": [4], "b": [2]}, index=["x"])
    hidden = cells_to_suppress(values, groups=[])
    assert hidden.values.tolist() == [[False, True]]
    assert cells_to_suppress(values, threshold=5, groups=[]).values.tolist() == [[True, True]]
    assert mask_cells(values, hidden).values.tolist() == [[4, "<3"]]


def test_groups_given_replace_the_rows_and_columns():
    values = pd.DataFrame({"a": [2, 40], "b": [30, 50]}, index=["x", "y"])
    # No sum is public: only the small count itself is hidden.
    assert cells_to_suppress(values, threshold=5, groups=[]).values.tolist() == [
        [True, False],
        [False, False],
    ]
    # Only row x's sum is public: its other cell is hidden, column a's 40 is not.
    row_x = [[("x", "a"), ("x", "b")]]
    assert cells_to_suppress(values, threshold=5, groups=row_x).values.tolist() == [
        [True, True],
        [False, False],
    ]


def test_a_missing_count_is_neither_hidden_nor_a_complement():
    values = pd.DataFrame({"a": [3.0, float("nan")], "b": [20.0, 1.0]}, index=["x", "y"])
    hidden = cells_to_suppress(values, threshold=5)
    # Column a: the 3 is alone and its partner is missing; row x hides the 20 instead,
    # and column b then hides the 1 it already holds.
    assert hidden.values.tolist() == [[True, True], [False, True]]


def test_masked_counts_stay_whole_numbers_in_the_csv():
    values = pd.DataFrame({"a": [12, 3], "b": [7, 0]}, index=["x", "y"])
    hidden = pd.DataFrame({"a": [False, True], "b": [False, False]}, index=["x", "y"])
    assert mask_cells(values, hidden, threshold=4).to_csv().splitlines() == [
        ",a,b",
        "x,12,7",
        "y,<4,0",
    ]


def test_complements_are_sought_again_until_no_sum_gives_a_count_back():
    values = pd.DataFrame(
        [[6, 15, 9], [12, 8, 15], [0, 9, 3]], index=list("xyz"), columns=list("abc")
    )
    # z's 3 takes column c's 9 (row x), which then leaves row x one hidden cell: a second
    # pass hides x's 6, and so on down column a.
    assert cells_to_suppress(values, threshold=5).values.tolist() == [
        [True, False, True],
        [True, True, False],
        [False, True, True],
    ]


def test_the_complement_is_the_smallest_count_not_the_first_cell():
    values = pd.DataFrame({"a": [2], "b": [50], "c": [9]}, index=["x"])
    row = [[("x", "a"), ("x", "b"), ("x", "c")]]
    assert cells_to_suppress(values, threshold=5, groups=row).values.tolist() == [
        [True, False, True]
    ]
