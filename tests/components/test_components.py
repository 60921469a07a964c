"""Components follow the state and update in place: same widgets, new data in them.

Outside a server ``pn.state.execute`` runs an update at once, so each test can change
the state and look at the component straight after. ``ServedSession`` stands for a
served page, where updates wait for the server's next ticks: a test runs the ticks one
by one and sees each step of a batched update (spinners on, then every view refreshed).
"""

from __future__ import annotations

from types import SimpleNamespace

import holoviews as hv
import openpyxl
import pandas as pd
import pytest
from bokeh.document import Document
from panel.io.state import set_curdoc

from dashboard import components, registry, views
from dashboard.components import (
    AttendanceBySector,
    ContributionsOverTime,
    ContributionsTable,
    FilterPanel,
    Funnel,
    HeadlineFigures,
    IllustrativeBanner,
    ParticipantsByArea,
    PublishedVsRecorded,
    SelectionBar,
    TopicsPerSession,
)
from dashboard.components.download import csv_bytes, neutralized, xlsx_bytes
from dashboard.queries import Filters
from dashboard.state import DashboardState

FIREARMS = views.session_label("Firearms", pd.Timestamp("2022-05-06"))


class ServedSession(Document):
    """A document with a session, as when served; next-tick callbacks wait in ``ticks``."""

    # The page's request, as Panel reads it while a session builds the page (none given).
    request = SimpleNamespace(arguments={}, cookies={}, headers={})

    def __init__(self):
        super().__init__()
        self.ticks: list = []
        self._session_context = lambda: self  # any session: updates are scheduled

    def add_next_tick_callback(self, callback):
        self.ticks.append(callback)
        return callback

    def tick(self) -> None:
        """Run what waits for the next tick (which may schedule more)."""
        ticks, self.ticks = self.ticks, []
        for callback in ticks:
            callback()

    def change(self, state, **values) -> None:
        """Set state values as a browser change does: inside this session."""
        with set_curdoc(self):
            state.param.update(**values)


@pytest.fixture
def served() -> ServedSession:
    return ServedSession()


def rendered(component) -> None:
    """Build the Bokeh models, as displaying does: the DynamicMap draws its first frame."""
    component.__panel__().get_root()


@pytest.mark.parametrize("question", [q.name for q in registry.QUESTIONS.values() if q.component])
def test_every_component_builds_with_title_and_summary(question, state, source):
    component = components.component(question)(state=state, source=source)
    rendered(component)
    assert component.frame is not None
    text = component._summary.object
    assert f'data-view="{question}"' in text and "aria-live" in text


def test_unknown_component_names_the_known_ones():
    with pytest.raises(KeyError, match="funnel"):
        components.component("nope")


def test_chart_updates_in_place_through_its_pipe(state, source):
    chart = AttendanceBySector(state=state, source=source)
    rendered(chart)
    pane, pipe, before = chart.pane, chart._pipe, chart.frame
    state.modes = ["online"]
    assert chart.pane is pane and chart._pipe is pipe and chart.__panel__()[-1] is pane
    assert pipe.data is chart.frame and not chart.frame.equals(before)
    assert chart.frame["participants"].sum() < before["participants"].sum()


def test_a_served_change_turns_spinners_on_then_refreshes_every_view_at_once(state, source, served):
    chart, headline = (
        AttendanceBySector(state=state, source=source),
        HeadlineFigures(state=state, source=source),
    )
    table = PublishedVsRecorded(state=state, source=source)  # does not watch modes
    before, card = chart.frame, headline.cards["participants"].object
    served.change(state, modes=["online"])
    assert not chart.loading and chart.frame is before  # nothing before the next tick
    served.tick()
    assert chart.loading and headline.loading and not table.loading
    assert chart.frame is before and headline.cards["participants"].object == card
    served.tick()
    assert not chart.loading and not headline.loading and served.ticks == []
    assert not chart.frame.equals(before) and headline.cards["participants"].object != card


def test_each_card_says_which_state_it_has_drawn(state, source, served):
    chart, table = (
        AttendanceBySector(state=state, source=source),
        PublishedVsRecorded(state=state, source=source),
    )
    before = AttendanceBySector.state_key(state)
    assert f'data-state="{before}"' in chart._summary.object
    served.change(state, modes=["online"])
    after = AttendanceBySector.state_key(state)
    assert after != before and PublishedVsRecorded.state_key(state) in table._summary.object
    served.tick()
    assert f'data-state="{before}"' in chart._summary.object  # not drawn yet
    served.tick()
    assert f'data-state="{after}"' in chart._summary.object
    served.change(state, sectors=["Academia"])  # its own selection: same frame, new key
    served.tick()
    served.tick()
    assert f'data-state="{AttendanceBySector.state_key(state)}"' in chart._summary.object
    assert AttendanceBySector.state_key(state) != after
    over_time = ContributionsOverTime(state=state, source=source)
    drawn = over_time.frame
    served.change(state, years=state.choices("years"))  # every year: the same rows
    served.tick()
    served.tick()
    assert over_time.frame is drawn  # nothing new to draw, but the key of the new state
    assert f'data-state="{ContributionsOverTime.state_key(state)}"' in over_time._summary.object
    reordered = DashboardState(source.options(), sectors=["NGO / civil society", "Academia"])
    assert AttendanceBySector.state_key(reordered) == AttendanceBySector.state_key(
        DashboardState(source.options(), sectors=["Academia", "NGO / civil society"])
    )


def test_a_view_ignores_its_own_selection_but_highlights_it(state, source):
    chart = AttendanceBySector(state=state, source=source)
    rendered(chart)
    before = chart.frame
    state.sectors = ["Academia"]
    assert chart.frame.equals(before)  # not filtered by its own selection
    assert chart.filters().sectors == ()
    element = chart._dmap[()]
    assert set(element.data.loc[element.data["sector"] != "Academia", "alpha"]) == {0.3}


def test_unchanged_data_and_options_send_nothing(state, source):
    table = PublishedVsRecorded(state=state, source=source)
    value = table.table.value
    state.modes = ["online"]  # not one of the figures' watched filters
    state.sessions = list(state.sessions)  # no change at all
    assert table.table.value is value


def test_session_views_follow_the_topic_filter(state, source):
    """A topic selects the sessions about it: the figures and the banner of those only."""
    table, banner = (
        PublishedVsRecorded(state=state, source=source),
        IllustrativeBanner(state=state, source=source),
    )
    everything = table.frame
    state.topics = ["data-availability"]
    chosen = Filters(topics=("data-availability",))
    assert table.frame.equals(source.published_vs_recorded(chosen))
    assert len(table.frame) < len(everything)
    assert banner.frame.equals(source.illustrative_sessions(chosen))


def test_clicking_a_bar_sets_the_sector_and_others_follow(state, source):
    chart = AttendanceBySector(state=state, source=source)
    headline = HeadlineFigures(state=state, source=source)
    rendered(chart)
    card = headline.cards["participants"]
    before = card.object
    chart._tap.event(x=FIREARMS, y=1)  # the bottom segment: Government
    assert state.sectors == ["Government"]
    assert headline.cards["participants"] is card and card.object != before
    chart._tap.event(x=FIREARMS, y=1)  # clicking it again clears it
    assert state.sectors == []


def test_clicking_a_topic_and_a_session(state, source):
    topics = TopicsPerSession(state=state, source=source)
    funnel = Funnel(state=state, source=source)
    rendered(topics), rendered(funnel)
    topics._tap.event(x=FIREARMS, y="Data availability")
    assert state.topics == ["data-availability"]
    funnel._tap.event(x=FIREARMS, y=10)
    assert state.sessions == ["CD-2022-FA"]
    assert list(topics.frame["session_id"].unique()) == ["CD-2022-FA"]


def test_places_follow_the_level_and_select_by_click(state, source):
    places = ParticipantsByArea(state=state, source=source)
    rendered(places)
    state.area_level = "country"
    assert places.frame["iso3"].notna().all()
    top = places.frame["area"].iloc[0]
    places._tap.event(x=5, y=top)
    assert state.countries == [places.frame["iso3"].iloc[0]]
    assert places.frame["area"].iloc[0] == top  # its own selection does not filter it


def test_headline_cards_are_updated_not_replaced(state, source):
    headline = HeadlineFigures(state=state, source=source)
    cards = dict(headline.cards)
    state.count = "registered"
    assert headline.cards == cards
    registered = int(source.headline(state.filters()).loc[0, "participants"])
    assert f">{registered:,}<" in cards["participants"].object
    assert "registered" in cards["participants"].object


def test_contributions_table_searches_and_downloads_what_it_shows(state, source):
    table = ContributionsTable(state=state, source=source)
    widget = table.table
    state.param.update(sectors=["Academia"], search="victim")
    assert table.table is widget
    want = views.contributions(source.contributions(state.filters()), search="victim").frame
    assert list(widget.value["ID"]) == list(want["ID"]) and len(want) > 0
    shown = pd.read_csv(table._csv(), encoding="utf-8-sig")
    assert list(shown["ID"]) == list(table.rows()["ID"])
    book = openpyxl.load_workbook(table._xlsx())
    ids = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert ids == list(table.rows()["ID"])


def test_downloads_neutralize_formulas():
    frame = pd.DataFrame(
        {"Title": ['=HYPERLINK("http://x")', "+1", "-2", "@cmd", "plain"], "n": [1, 2, 3, 4, 5]}
    )
    safe = neutralized(frame)
    assert list(safe["Title"]) == ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@cmd", "plain"]
    assert list(safe["n"]) == [1, 2, 3, 4, 5] and frame.loc[0, "Title"].startswith("=")
    text = csv_bytes(frame).getvalue().decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    sheet = openpyxl.load_workbook(xlsx_bytes(frame)).active
    assert sheet["A2"].value.startswith("'=") and sheet["A2"].data_type == "s"


def test_filter_widgets_are_generated_from_the_state_both_ways(state, source):
    panel = FilterPanel(state=state)
    sectors = panel.widgets["sectors"]
    sectors.value = ["Academia"]
    assert state.sectors == ["Academia"]
    state.sessions = ["CD-2022-FA"]
    assert panel.widgets["sessions"].value == ["CD-2022-FA"]
    assert "6 May 2022 · Firearms" in panel.widgets["sessions"].options
    state.count = "registered"
    assert panel.widgets["count"].value == "registered"


def test_selection_bar_describes_and_clears(state, source):
    bar = SelectionBar(state=state)
    state.param.update(sectors=["Academia"], topics=["victim-protection"])
    text = bar._text.object
    assert "Academia" in text and "Victim protection" in text
    bar.clear_button.clicks += 1
    assert state.sectors == [] and state.topics == []
    assert "Everything" in bar._text.object


def test_banner_names_illustrative_sessions(state, source):
    banner = IllustrativeBanner(state=state, source=source)
    assert banner.visible and "Firearms" in banner.text and "sample" in banner.text


def test_a_failing_query_shows_an_error_not_a_traceback(state, source, monkeypatch, served):
    from dashboard.errors import QueryError

    chart = Funnel(state=state, source=source)

    def broken(*args, **kwargs):
        raise QueryError("the store went away")

    monkeypatch.setattr(source, "ask", broken)
    drawn = chart._summary.object
    served.change(state, modes=["online"])
    served.tick()
    assert chart.loading
    served.tick()
    assert chart._error.visible and "the store went away" in chart._error.object
    assert not chart.loading and chart._summary.object == drawn  # still the old state's key


def test_views_used_by_components_are_holoviews(state, source):
    chart = TopicsPerSession(state=state, source=source)
    assert isinstance(chart._dmap[()], hv.Overlay)


def test_a_bug_in_one_view_does_not_stop_the_others(state, source, monkeypatch, served):
    broken, fine = Funnel(state=state, source=source), HeadlineFigures(state=state, source=source)
    before = fine.cards["participants"].object

    def bug(frame):
        raise RuntimeError("a bug")

    monkeypatch.setattr(broken, "_update", bug)
    served.change(state, modes=["online"])
    served.tick()
    assert broken.loading and fine.loading
    served.tick()
    assert broken._error.visible and "unexpected error" in broken._error.object
    assert fine.cards["participants"].object != before
    assert not broken.loading and not fine.loading


def test_a_cards_title_hint_and_summary_follow_the_state_it_draws(state, source):
    """Count, level and selection change the words in the same update as the chart."""
    sectors, places = (
        AttendanceBySector(state=state, source=source),
        components.component("participants_by_area")(state=state, source=source),
    )
    rendered(sectors)
    assert '<h2 class="view-title" data-view="attendance_by_sector">Attendance by sector' in (
        sectors._title.object
    )
    state.param.update(count="registered", sectors=["Academia"])
    frame = source.attendance_by_sector(state.filters().without("sectors"))
    total = int(frame["participants"].sum())
    academia = int(frame.loc[frame["sector"] == "Academia", "participants"].sum())
    assert ">Registrations by sector</h2>" in sectors._title.object
    assert "People registered for each session" in sectors._title.object
    text = sectors._summary.object
    assert f"{total:,} registrations in all" in text
    assert f"Selected: Academia, {academia:,} registrations" in text
    figure = hv.render(sectors._element(sectors.frame))
    assert figure.yaxis[0].axis_label == "Registrants"
    state.area_level = "region"
    regions = len(places.frame)
    assert f"All {regions} M49 regions" in places._title.object
    state.area_level = "country"
    countries = len(places.frame)
    assert countries > 15 and "The 15 countries with the most registrants" in (places._title.object)
    assert f"{countries} countries, the 15 with the most registrants shown" in (
        places._summary.object
    )
