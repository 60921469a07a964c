"""Card words and summary sentences where the defaults and fallbacks decide the text.

An unknown count reads as attendance, an unknown place level as "place(s)", and a
selection is named in the order and spelling the reader sees: each checked word for word
on small frames written by hand.
"""

from __future__ import annotations

import pandas as pd

from dashboard import views
from dashboard.views import words


def places(n: int) -> pd.DataFrame:
    return pd.DataFrame({"area": [f"P{i}" for i in range(n)], "participants": range(n)})


# --- views.words ---------------------------------------------------------------------


def test_an_unknown_count_is_spoken_of_as_attendance():
    assert words.count_noun("bogus") == "attendances"
    assert words.count_noun("bogus", 1) == "attendance"
    assert words.people("bogus", 1) == "participant"
    assert words.counted("bogus", 2) == "2 attendances"
    assert words.count_noun("registered") == "registrations"


def test_the_places_card_defaults_to_regions():
    assert words.participants_by_area(places(2)) == (
        "Participants by M49 region",
        "All 2 M49 regions, most participants on top. Click a bar to select the place.",
    )


def test_the_places_card_calls_an_unknown_level_places():
    assert words.participants_by_area(places(1), level="bogus") == (
        "Participants by place",
        "All 1 place, most participants on top. Click a bar to select the place.",
    )
    assert words.participants_by_area(places(3), level="bogus", count="registered") == (
        "Registrants by place",
        "All 3 places, most registrants on top. Click a bar to select the place.",
    )
    assert words.participants_by_area(places(3), level="bogus", top=2) == (
        "Participants by place",
        "The 2 places with the most participants. Click a bar to select the place.",
    )


def test_the_returning_card_hint_word_for_word():
    assert words.heading("returning_participants", places(1)) == (
        "Returning participants",
        "Per session: participants at their first dialogue and participants who came "
        "before. Click a session to select it.",
    )


# --- views.summaries -------------------------------------------------------------------


def test_headline_counts_several_registrants():
    frame = pd.DataFrame(
        [
            {
                "participants": 2,
                "organizations": 1,
                "countries": 1,
                "sessions": 1,
                "non_governmental_share": 1.0,
                "first_time_share": 0.5,
                "women_share": None,
                "gender_recorded": 0,
            }
        ]
    )
    assert views.summary("headline", frame, count="registered") == (
        "2 registrants from 1 organization and 1 country in 1 session: 100% "
        "non-governmental, 50% taking part for the first time."
    )


def test_sector_sentence_when_every_bar_is_empty_gives_no_share():
    frame = pd.DataFrame({"session_id": ["A"], "sector": ["Government"], "participants": [0]})
    assert views.summary("attendance_by_sector", frame) == (
        "1 session, 0 attendances in all (one per person and session). Largest sector: "
        "Government with 0 (n/a). Government 0."
    )


def test_sector_sentence_names_several_selected_sectors_in_registrations():
    frame = pd.DataFrame(
        {
            "session_id": ["A", "A", "A"],
            "sector": ["Government", "Academia", "Private sector"],
            "participants": [1, 6, 3],
        }
    )
    assert views.summary(
        "attendance_by_sector",
        frame,
        count="registered",
        selected=["Government", "Academia", "Nobody"],
    ) == (
        "1 session, 10 registrations in all (one per person and session). Largest sector: "
        "Academia with 6 (60%). Academia 6; Private sector 3; Government 1. "
        "Selected: Academia, Government, 7 registrations (70%)."
    )


def test_topics_sentence_lists_selected_topics_alphabetically_whatever_their_case():
    frame = pd.DataFrame(
        {
            "session_id": ["A", "A", "A"],
            "topic": ["Victims", "corruption", "Firearms"],
            "topic_id": ["t1", "t2", "t3"],
            "submissions": [2, 1, 5],
            "raised": [True, True, True],
        }
    )
    assert views.summary("topics_per_session", frame, selected=["t1", "t2"]).endswith(
        " Selected: corruption, Victims, 3 submissions."
    )


def test_places_sentence_for_an_unknown_level_and_a_tie():
    one = pd.DataFrame({"area": ["Lima"], "participants": [4], "organizations": [1]})
    assert views.summary("participants_by_area", one, level="bogus") == (
        "1 place, all shown. Most participants: Lima with 4 from 1 organization."
    )
    # A tie on people goes to the first name A-Z; as many places as bars: all shown.
    tie = pd.DataFrame(
        {"area": ["Quito", "Bogota"], "participants": [7, 7], "organizations": [2, 3]}
    )
    assert views.summary("participants_by_area", tie, level="bogus", top=2) == (
        "2 places, all shown. Most participants: Bogota with 7 from 3 organizations."
    )


FUNNEL = {"registered": [4, 2], "attended": [2, 2], "no_shows": [2, 0], "walk_ins": [0, 0]}
FUNNEL_TEXT = (
    "6 registrations and 4 attendances across 2 sessions; 2 registered but did not "
    "attend, 0 attended without registering (attended per registered: 67%)."
)


def test_funnel_names_the_selected_sessions_by_name_in_the_frames_order():
    frame = pd.DataFrame(
        {**FUNNEL, "session_id": ["s9", "s1"], "session": ["Smuggling", "Firearms"]}
    )
    assert views.summary("funnel", frame, selected=["s1", "s9"]) == (
        FUNNEL_TEXT + " Selected: Smuggling, Firearms."
    )
    assert views.summary("funnel", frame) == FUNNEL_TEXT
    assert views.summary("funnel", frame, selected=["s5"]) == FUNNEL_TEXT


def test_funnel_names_selected_sessions_by_id_without_a_name_column():
    frame = pd.DataFrame({**FUNNEL, "session_id": ["s9", "s1"]})
    assert views.summary("funnel", frame, selected=["s1"]) == FUNNEL_TEXT + " Selected: s1."


def test_funnel_without_session_ids_names_no_selection():
    frame = pd.DataFrame({**FUNNEL, "session": ["Smuggling", "Firearms"]})
    assert views.summary("funnel", frame, selected=["s1", "Firearms"]) == FUNNEL_TEXT
