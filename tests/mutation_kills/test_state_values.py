"""The dashboard's state and its link: what a copied link says, and what opening it sets."""

from __future__ import annotations

import pytest

from dashboard.queries import Filters
from dashboard.state import MAX_SEARCH, DashboardState

OPTIONS = {
    "sessions": [("CD-2022-FA", "6 May 2022 · Firearms"), ("CD-2022-TIP", "1 Jul 2022 · TIP")],
    "years": [(2022, "2022"), (2023, "2023")],
    "sectors": [("Academia", "Academia"), ("NGO / civil society", "NGO / civil society")],
    "regional_groups": [("WEOG", "WEOG")],
    "not_a_filter": [("x", "x")],
}


@pytest.fixture
def state() -> DashboardState:
    return DashboardState(OPTIONS)


def test_widgets_show_labels_and_the_state_holds_values(state):
    assert state.param.sessions.objects == {
        "6 May 2022 · Firearms": "CD-2022-FA",
        "1 Jul 2022 · TIP": "CD-2022-TIP",
    }
    assert state.choices("years") == [2022, 2023]
    assert state.choices("modes") == ["in person", "online"]
    assert "not_a_filter" not in state.param


def test_initial_values_are_set():
    state = DashboardState(OPTIONS, sessions=["CD-2022-TIP"], count="registered")
    assert state.filters() == Filters(sessions=["CD-2022-TIP"], count="registered")


def test_filters_follow_every_list_and_the_count(state):
    state.param.update(
        sessions=["CD-2022-FA"], years=[2022], sectors=["Academia"], modes=["online"]
    )
    state.count = "registered"
    assert state.filters() == Filters(
        sessions=["CD-2022-FA"],
        years=[2022],
        sectors=["Academia"],
        modes=["online"],
        count="registered",
    )


def test_a_link_names_only_what_differs_from_the_defaults(state):
    assert state.to_query_string() == ""
    state.param.update(
        sessions=["CD-2022-TIP", "CD-2022-FA"],
        sectors=["NGO / civil society"],
        regional_groups=["WEOG"],
        count="registered",
        area_level="country",
        shares=True,
        search="Victims & Co/2",
    )
    assert state.to_query_string() == (
        "sessions=CD-2022-TIP,CD-2022-FA&sectors=NGO%20%2F%20civil%20society"
        "&regional_groups=WEOG&count=registered&area_level=country&shares=true"
        "&search=Victims%20%26%20Co%2F2"
    )


def test_a_link_opens_the_same_view(state):
    state.param.update(
        sessions=["CD-2022-TIP", "CD-2022-FA"],
        years=[2022],
        sectors=["NGO / civil society"],
        roles=["chair", "speaker"],
        count="registered",
        area_level="un_regional_group",
        shares=True,
        search="a, b",
    )
    opened, notices = DashboardState.from_url(
        "http://127.0.0.1:5006/app?" + state.to_query_string(), OPTIONS
    )
    assert notices == []
    values = {k: v for k, v in state.param.values().items() if k != "name"}
    assert {k: getattr(opened, k) for k in values} == values
    assert opened.years == [2022]  # the number, not the text '2022'


def test_opening_a_link_replaces_the_lists(state):
    state.sectors = ["Academia"]
    assert state.apply_query_string("?sessions=CD-2022-FA,CD-2022-FA,") == []
    assert (state.sessions, state.sectors) == (["CD-2022-FA"], [])


def test_unknown_values_and_settings_are_ignored_with_notices(state):
    notices = state.apply_query_string(
        "sessions=CD-2022-FA,NOPE,<b>x</b>&regional_groups=GRULAC&colour=red"
        "&count=everyone&area_level=planet&shares=maybe&theme=dark"
    )
    assert notices == [
        "Ignored unknown sessions in the link: NOPE, <b>x</b>.",
        "Ignored unknown un regional groups in the link: GRULAC.",
        "Ignored unknown setting 'colour' in the link.",
        "Ignored 'everyone' for count in the link.",
        "Ignored 'planet' for places by in the link.",
        "Ignored 'maybe' for show shares in the link.",
    ]
    assert state.sessions == ["CD-2022-FA"]
    assert (state.count, state.area_level, state.shares) == ("attended", "region", False)


@pytest.mark.parametrize(("text", "value"), [("TRUE", True), ("false", False)])
def test_shares_read_from_a_link(state, text, value):
    state.shares = not value
    assert state.apply_query_string(f"shares={text}") == []
    assert state.shares is value


def test_a_search_of_the_longest_allowed_length_is_kept(state):
    longest = "a" * MAX_SEARCH
    assert state.apply_query_string("search=" + longest) == []
    assert state.search == longest
    notices = state.apply_query_string("search=" + longest + "b")
    assert notices == [f"Ignored a search longer than {MAX_SEARCH} characters in the link."]


@pytest.mark.parametrize(
    "link",
    ["/app?sessions=CD-2022-FA", "?sessions=CD-2022-FA", "sessions=CD-2022-FA"],
)
def test_a_link_is_read_with_or_without_its_address(state, link):
    assert state.apply_query_string(link) == []
    assert state.sessions == ["CD-2022-FA"]


def test_a_link_without_settings_opens_everything(state):
    state.sessions = ["CD-2022-FA"]
    assert state.apply_query_string("http://127.0.0.1:5006/app") == []
    assert state.sessions == []


def test_an_empty_search_in_a_link_clears_the_search(state):
    state.search = "victims"
    assert state.apply_query_string("search=&sessions=") == []
    assert (state.search, state.sessions) == ("", [])


def test_a_link_with_a_question_mark_in_a_value_is_still_read(state):
    assert state.apply_query_string("search=why%3F") == []
    assert state.search == "why?"


def test_clear_goes_back_to_everything(state):
    state.param.update(
        sessions=["CD-2022-FA"],
        modes=["online"],
        count="registered",
        area_level="country",
        shares=True,
        search="x",
    )
    state.clear()
    assert state.to_query_string() == ""
    assert state.filters() == Filters()


def test_labels_of_the_settings():
    state = DashboardState()
    assert state.label("regional_groups") == "UN regional groups"
    assert state.label("sub_regions") == "Sub-regions"
    assert state.label("sessions") == "Sessions"
    assert state.label("area_level") == "Places by"


def test_every_setting_has_a_label_in_words(state):
    labels = {name: state.label(name) for name in state.param if name != "name"}
    assert labels["sessions"] == "Sessions"
    assert labels["sub_regions"] == "Sub-regions"
    assert all(label[0].isupper() and "_" not in label for label in labels.values()), labels


def test_an_empty_setting_in_a_link_is_named_and_ignored(state):
    state.param.update(count="registered", search="victims")
    assert state.apply_query_string("count=&search=") == ["Ignored '' for count in the link."]
    assert (state.count, state.search) == ("attended", "")
