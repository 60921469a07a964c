"""Charts updated in place show what the same state shows drawn fresh: the live Bokeh
figure's rows and axis ranges after a change equal those of a new card opened on that
state (the bug this guards: a chart kept its 0-50 axis after a filter left 0-3), axis
titles, heights and the turn of the x labels included."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from bokeh.models import FactorRange

from dashboard import registry
from dashboard.components.charts import ChartComponent, glyph_layers
from dashboard.state import DashboardState

CHARTS = [q.name for q in registry.on_page() if issubclass(q.component_class, ChartComponent)]
CHANGES = {
    "oceania": {"regions": ["Oceania"]},
    "academia": {"sectors": ["Academia"]},
    "shares and a session": {"shares": True, "sessions": ["CD-2022-TIP"]},
    "countries": {"area_level": "country", "topics": ["corruption"]},
    "registrations": {"count": "registered"},
}


def shown(component) -> list:
    """Render every pane of the component once, as a page does; its live figures."""
    for pane, _ in component._panes:
        pane.get_root()
    return live(component)


def live(component) -> list:
    return [figure for pane, _ in component._panes for figure in component.figures(pane)]


def cell(value) -> str:
    """A value as text, numbers as numbers (HoloViews keeps a heat map's as text)."""
    if isinstance(value, bool):
        return str(value)
    try:
        return str(round(float(value), 6))
    except (TypeError, ValueError):
        return str(value)


def picture(figure) -> tuple:
    """What a figure shows: each layer's rows (sorted), both axes with their titles, and
    its height (the heat map grows with its topics)."""

    def axis(r):
        return tuple(r.factors) if isinstance(r, FactorRange) else (r.start, r.end)

    layers = [
        sorted(
            str([cell(v) for v in row])
            for row in pd.DataFrame(dict(r.data_source.data)).to_numpy().tolist()
        )
        for r in glyph_layers(figure)
    ]
    titles = [a.axis_label for a in (*figure.xaxis, *figure.yaxis)]
    turns = [  # Bokeh's default, "horizontal", is no turn
        0.0 if a.major_label_orientation == "horizontal" else round(a.major_label_orientation, 6)
        for a in figure.xaxis
    ]
    return layers, axis(figure.x_range), axis(figure.y_range), titles, figure.height, turns


@pytest.mark.parametrize("change", sorted(CHANGES))
@pytest.mark.parametrize("question", CHARTS)
def test_chart_changed_in_place_equals_chart_opened_fresh(source, question, change):
    state = DashboardState(source.options())
    chart = registry.get(question).component_class(state=state, source=source)
    figures = shown(chart)
    state.param.update(**CHANGES[change])
    assert live(chart) == figures  # the same figures, updated
    fresh_state = DashboardState(source.options(), **CHANGES[change])
    fresh = registry.get(question).component_class(state=fresh_state, source=source)
    assert [picture(f) for f in figures] == [picture(f) for f in shown(fresh)]


def test_contributions_axis_shrinks_to_the_few_from_oceania(source):
    state = DashboardState(source.options())
    chart = registry.get("contributions_over_time").component_class(state=state, source=source)
    by_kind = shown(chart)[0]
    tallest = by_kind.y_range.end
    state.regions = ["Oceania"]
    highest = chart.frame.groupby("kind")["submissions"].sum().max()
    assert highest < tallest / 5
    assert highest <= by_kind.y_range.end < tallest / 5


def test_many_sessions_show_periods_and_a_click_opens_one(source, monkeypatch):
    """With a low limit the 2022 store's four sessions fold into May and July; clicking
    May selects its two sessions, and the funnel then draws them one by one."""
    from dashboard.views import periods, style

    monkeypatch.setattr(periods, "MAX_SESSIONS", 2)
    state = DashboardState(source.options())
    funnel = registry.get("funnel").component_class(state=state, source=source)
    (figure,) = shown(funnel)
    months = [f.replace("\n", " ") for f in figure.x_range.factors]
    assert months == ["May 2022 · 2 sessions", "Jul 2022 · 2 sessions"]
    funnel._on_tap(figure.x_range.factors[0], 1)
    assert state.sessions == ["CD-2022-FA", "CD-2022-ICTA"]
    attendance = registry.get("attendance_by_sector").component_class(state=state, source=source)
    (bars,) = shown(attendance)
    assert list(bars.x_range.factors) == style.session_order(attendance.frame)
    assert len(bars.x_range.factors) == 2


SESSION_CHARTS = ["attendance_by_sector", "topics_per_session", "funnel", "returning_participants"]


@pytest.mark.parametrize("question", SESSION_CHARTS)
def test_labels_stand_up_for_many_sessions_and_lie_flat_again_in_place(
    source, question, monkeypatch
):
    """With room for two flat labels, the four sessions stand upright on a taller chart;
    given room for more and changed in place, the labels lie flat and the chart shrinks,
    as a card opened on that state shows; and back."""
    from dashboard.views import style

    monkeypatch.setattr(style, "FLAT_LABELS", 2)
    state = DashboardState(source.options())
    chart = registry.get(question).component_class(state=state, source=source)
    (figure,) = shown(chart)
    upright = picture(figure)
    assert upright[-1] == [round(math.pi / 2, 6)]
    assert all("\n" not in f for f in figure.x_range.factors)
    monkeypatch.setattr(style, "FLAT_LABELS", 6)
    state.regions = ["Oceania"]  # new rows for every session chart: it redraws
    fresh = registry.get(question).component_class(
        state=DashboardState(source.options(), regions=["Oceania"]), source=source
    )
    assert picture(figure) == picture(shown(fresh)[0])
    assert picture(figure)[-1] == [0.0]
    assert figure.height == upright[-2] - style.UPRIGHT_AXIS
    monkeypatch.setattr(style, "FLAT_LABELS", 2)
    state.regions = []
    assert picture(figure) == upright


@pytest.mark.parametrize("question", CHARTS)
def test_a_chart_first_drawn_empty_shows_the_rows_that_come(source, question):
    """A link with nothing to show draws some charts with a numeric axis where their
    categories go (HoloViews' empty chart); a filter that brings rows draws them anew."""
    component = registry.get(question).component_class
    nothing = {"sessions": ["CD-2022-FA"], "sectors": ["Other / unknown"]}
    state = DashboardState(source.options(), **nothing)
    chart = component(state=state, source=source)
    shown(chart)
    some = {**nothing, "sectors": ["IGO / UN entity", "Other / unknown"]}
    state.sectors = some["sectors"]
    assert not chart._error.visible
    after = live(chart) or shown(chart)  # updated in place, or drawn anew (not yet shown)
    fresh = component(state=DashboardState(source.options(), **some), source=source)
    assert [picture(f) for f in after] == [picture(f) for f in shown(fresh)]
