"""The state's ``search`` (the contributions table's search box), added for the app:
in the URL like every other setting, cleared by ``clear()``, bounded when read from a link."""

from __future__ import annotations

from dashboard.state import MAX_SEARCH, DashboardState


def test_search_round_trips_through_the_url(state):
    state.param.update(search="Victim protection & co", shares=True)
    query = state.to_query_string()
    assert "search=Victim%20protection%20%26%20co" in query and "shares=true" in query
    copy = DashboardState(
        dict((n, list(zip(state.choices(n), map(str, state.choices(n))))) for n in ("sessions",))
    )
    assert copy.apply_query_string(query) == []
    assert copy.search == "Victim protection & co" and copy.shares is True


def test_clear_empties_the_search(state):
    state.search = "x"
    state.clear()
    assert state.search == ""


def test_an_overlong_search_in_a_link_is_ignored_with_a_notice(state):
    notices = state.apply_query_string("search=" + "a" * (MAX_SEARCH + 1))
    assert state.search == "" and "longer than" in notices[0]


def test_a_dark_theme_link_opens_without_a_notice(state):
    notices = state.apply_query_string("http://host:5006/app?sessions=CD-2022-FA&theme=dark")
    assert notices == [] and state.sessions == ["CD-2022-FA"]
