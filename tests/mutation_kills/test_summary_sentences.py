"""The sentence under each chart, word for word, on small frames with known counts.

Screen readers read these sentences instead of the chart, so a wrong count, a swapped
word or a lost plural is a wrong answer for that reader.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import registry, views

DATES = pd.to_datetime(["2022-05-06", "2022-07-01"])


def headline(**overrides) -> pd.DataFrame:
    row = {
        "participants": 1,
        "organizations": 2,
        "countries": 1,
        "sessions": 1,
        "non_governmental_share": 0.5,
        "first_time_share": 1.0,
        "women_share": 0.25,
        "gender_recorded": 4,
    }
    return pd.DataFrame([{**row, **overrides}])


def test_headline_sentence_with_gender():
    assert views.summary("headline", headline()) == (
        "1 participant from 2 organizations and 1 country in 1 session: 50% "
        "non-governmental, 100% taking part for the first time, 25% women (of 4 with "
        "gender recorded)."
    )


def test_headline_sentence_without_gender_and_with_plurals():
    frame = headline(participants=1200, organizations=1, countries=3, sessions=2)
    assert views.summary("headline", frame.assign(gender_recorded=0)) == (
        "1,200 participants from 1 organization and 3 countries in 2 sessions: 50% "
        "non-governmental, 100% taking part for the first time."
    )
    assert views.summary("headline", headline(), count="registered").startswith(
        "1 registrant from 2 organizations"
    )


def test_headline_with_nobody_says_so():
    assert views.summary("headline", headline(participants=0)) == views.summaries.EMPTY


def test_attendance_sentence_names_the_largest_sector_and_every_sector():
    frame = pd.DataFrame(
        {
            "session_id": ["A", "A", "B"],
            "sector": ["Government", "Academia", "Academia"],
            "participants": [1, 2, 1],
        }
    )
    assert views.summary("attendance_by_sector", frame) == (
        "2 sessions, 4 attendances in all (one per person and session). Largest sector: "
        "Academia with 3 (75%). Academia 3; Government 1."
    )
    one = frame.iloc[:1]
    assert views.summary("attendance_by_sector", one, count="registered").startswith(
        "1 session, 1 registration in all"
    )
    # A selection is named with its part of the bars (the bars are not filtered by it).
    assert views.summary("attendance_by_sector", frame, selected=["Government"]).endswith(
        "Academia 3; Government 1. Selected: Government, 1 attendance (25%)."
    )


def test_topics_sentence_names_the_busiest_and_the_most_raised_topic():
    frame = pd.DataFrame(
        {
            "session_id": ["A", "B", "A", "B"],
            "topic": ["Corruption", "Corruption", "Victims", "Victims"],
            "submissions": [0, 1, 3, 4],
            "raised": [True, True, False, True],
        }
    )
    assert views.summary("topics_per_session", frame) == (
        "2 topics across 2 sessions. Most submissions: Victims (7). "
        "Raised at the most sessions: Corruption (2)."
    )
    ids = frame.assign(topic_id=frame["topic"].str.lower())
    assert views.summary("topics_per_session", ids, selected=["victims"]).endswith(
        "(2). Selected: Victims, 7 submissions."
    )


def test_contributions_over_time_sentence_counts_each_kind():
    frame = pd.DataFrame(
        {
            "date": ["2022-05-06", "2022-07-01", "2022-04-01"],
            "kind": ["oral statement", "written submission", "written submission"],
            "submissions": [1, 2, 1],
        }
    )
    assert views.summary("contributions_over_time", frame) == (
        "4 submissions from 1 Apr 2022 to 1 Jul 2022: 3 written submissions, 1 oral statement."
    )


def test_contributions_over_time_sentence_says_on_for_a_single_day():
    frame = pd.DataFrame(
        {
            "date": ["2022-05-06", "2022-05-06"],
            "kind": ["oral statement"] * 2,
            "submissions": [1, 1],
        }
    )
    assert views.summary("contributions_over_time", frame) == (
        "2 submissions on 6 May 2022: 2 oral statements."
    )


def test_places_sentence_names_the_place_with_most_participants():
    frame = pd.DataFrame(
        {"area": ["Asia", "Europe"], "participants": [3, 1200], "organizations": [1, 1]}
    )
    assert views.summary("participants_by_area", frame) == (
        "2 M49 regions, all shown. Most participants: Europe with 1,200 from 1 organization."
    )
    assert views.summary(
        "participants_by_area", frame, level="country", count="registered", top=1
    ) == (
        "2 countries, the 1 with the most registrants shown. Most registrants: Europe "
        "with 1,200 from 1 organization."
    )


def test_funnel_sentence_counts_every_stage():
    frame = pd.DataFrame(
        {
            "registered": [1000, 10],
            "attended": [900, 11],
            "no_shows": [150, 1],
            "walk_ins": [50, 2],
        }
    )
    assert views.summary("funnel", frame) == (
        "1,010 registrations and 911 attendances across 2 sessions; 151 registered but "
        "did not attend, 52 attended without registering (attended per registered: 90%)."
    )


def test_funnel_sentence_without_registrations_gives_no_rate():
    frame = pd.DataFrame({"registered": [0], "attended": [3], "no_shows": [0], "walk_ins": [3]})
    assert views.summary("funnel", frame) == (
        "0 registrations and 3 attendances across 1 session; 0 registered but did not "
        "attend, 3 attended without registering."
    )


def test_returning_sentence_gives_the_returning_share():
    frame = pd.DataFrame({"first_time": [1000, 500], "returning": [0, 500]})
    assert views.summary("returning_participants", frame) == (
        "Across 2 sessions: 1,500 first-time and 500 returning attendances (25% returning)."
    )
    sessions = frame.assign(session_id=["A", "B"], session=["Firearms", "Smuggling"])
    assert views.summary(
        "returning_participants", sessions, count="registered", selected=["B"]
    ) == (
        "Across 2 sessions: 1,500 first-time and 500 returning registrations "
        "(25% returning). Selected: Smuggling."
    )
    nobody = pd.DataFrame({"first_time": [0], "returning": [0]})
    assert views.summary("returning_participants", nobody).endswith("(n/a returning).")


def test_published_sentence_names_the_figures_that_disagree():
    frame = pd.DataFrame({"figure_id": ["F01", "F02", "F03"], "agrees": [True, False, False]})
    assert views.summary("published_vs_recorded", frame) == (
        "3 published figures; 1 agree with the recorded data; check F02, F03."
    )
    assert views.summary("published_vs_recorded", frame.iloc[:1]) == (
        "1 published figure; 1 agree with the recorded data."
    )


def test_contributions_sentence_counts_organizations_once():
    frame = pd.DataFrame({"organization": ["UNODC", "UNODC", "Ubuntu"]})
    assert views.summary("contributions", frame) == ("3 contributions from 2 organizations.")


def test_sessions_per_participant_sentence():
    frame = pd.DataFrame({"sessions": [1, 2], "participants": [1437, 1]})
    assert views.summary("sessions_per_participant", frame) == (
        "1,437 in 1 session; 1 in 2 sessions."
    )


def test_illustrative_sessions_sentence():
    frame = pd.DataFrame({"session": ["Firearms", "Smuggling of Migrants"]})
    assert views.summary("illustrative_sessions", frame) == (
        "Illustrative sample data for: Firearms, Smuggling of Migrants."
    )


@pytest.mark.parametrize("question", sorted(registry.QUESTIONS))
def test_an_empty_frame_says_nothing_matches(question):
    assert views.summary(question, pd.DataFrame()) == "No records match the current filters."


def test_an_unknown_question_names_the_known_ones():
    with pytest.raises(ValueError, match=r"no summary for 'nope'; known: \['attendance_by_sector'"):
        views.summary("nope", pd.DataFrame({"x": [1]}))


def test_ties_keep_the_frames_order_or_the_alphabet():
    # Sectors and kinds come in taxonomy order from their questions: a tie keeps it.
    sectors = pd.DataFrame(
        {"session_id": ["A", "A"], "sector": ["Government", "Academia"], "participants": [2, 2]}
    )
    assert views.summary("attendance_by_sector", sectors) == (
        "1 session, 4 attendances in all (one per person and session). "
        "Largest sector: Government with 2 (50%). "
        "Government 2; Academia 2."
    )
    kinds = pd.DataFrame(
        {
            "date": ["2022-05-06", "2022-05-06"],
            "kind": ["written submission", "oral statement"],
            "submissions": [2, 2],
        }
    )
    assert views.summary("contributions_over_time", kinds).endswith(
        ": 2 written submissions, 2 oral statements."
    )
    # Topics are counted A-Z: a tie goes to the first name.
    topics = pd.DataFrame(
        {
            "session_id": ["A", "A"],
            "topic": ["Victims", "Corruption"],
            "submissions": [1, 1],
            "raised": [True, True],
        }
    )
    assert views.summary("topics_per_session", topics) == (
        "2 topics across 1 session. Most submissions: Corruption (1). "
        "Raised at the most sessions: Corruption (1)."
    )


def test_returning_share_when_as_many_return_as_come_first():
    half = pd.DataFrame({"first_time": [3], "returning": [3]})
    assert views.summary("returning_participants", half).endswith("(50% returning).")
