"""Each card's title and hint follow the state it is drawn for (``views.words``)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.views import words


def places(n: int) -> pd.DataFrame:
    return pd.DataFrame({"area": [f"P{i}" for i in range(n)], "participants": range(n)})


def test_what_is_counted_has_its_own_words():
    assert words.counted("attended", 1) == "1 attendance"
    assert words.counted("registered", 1200) == "1,200 registrations"
    assert (words.people("attended", 1), words.people("registered")) == (
        "participant",
        "registrants",
    )


def test_the_sector_card_says_what_it_counts_and_whether_shares():
    assert words.heading("attendance_by_sector", places(1)) == (
        "Attendance by sector",
        "People attending each session, stacked by sector. "
        "Click a bar segment to select its sector.",
    )
    title, hint = words.heading("attendance_by_sector", places(1), count="registered", shares=True)
    assert title == "Registrations by sector"
    assert hint.startswith("Each sector's share of the people registered for each session.")


@pytest.mark.parametrize(
    ("n", "level", "count", "title", "hint"),
    [
        (5, "region", "attended", "Participants by M49 region", "All 5 M49 regions"),
        (1, "country", "attended", "Participants by country", "All 1 country"),
        (15, "country", "registered", "Registrants by country", "All 15 countries"),
        (16, "un_regional_group", "attended", "Participants by UN regional group", "The 15 "),
    ],
)
def test_the_places_card_counts_the_places_it_shows(n, level, count, title, hint):
    got_title, got_hint = words.heading("participants_by_area", places(n), count=count, level=level)
    assert got_title == title and got_hint.startswith(hint)
    if n > 15:
        assert "the most participants" in got_hint


def test_returning_card_names_the_people_it_counts():
    assert words.heading("returning_participants", places(1), count="registered")[0] == (
        "Returning registrants"
    )


def test_cards_with_fixed_words_get_none_and_unknown_options_are_dropped():
    assert words.heading("funnel", places(1), count="registered") is None
    assert words.accepted(words.people, {"count": "x", "n": 1, "level": "y"}) == {"n": 1}
