"""Small-cell suppression as a reader of the published table sees it: the CSV it writes."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.privacy import suppress_small_cells


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
