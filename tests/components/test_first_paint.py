"""Served, the charts below the first screen are laid out once the browser has drawn the
page (``components.first_paint``): placeholders as tall as the charts until then, the
charts themselves after, drawn from the state as it is then; the tables at once. Outside
a server, everything at once."""

from __future__ import annotations

import pytest
from panel.io.state import set_curdoc
from test_components import ServedSession  # a document with a session
from test_in_place import live, picture, shown  # the figures as a page draws them

from dashboard import registry
from dashboard.app import create_app, top_of_page
from dashboard.components import first_paint
from dashboard.components.charts import ChartComponent
from dashboard.state import DashboardState


@pytest.fixture
def first_paints(monkeypatch) -> list:
    """The callbacks the page leaves for the browser's first paint (Panel's ``onload``)."""
    callbacks: list = []
    monkeypatch.setattr(first_paint.pn.state, "onload", callbacks.append)
    return callbacks


def served(state, source):
    """The dashboard as a served session builds it (a document with a session)."""
    with set_curdoc(ServedSession()):
        return create_app(state, source)


def cards(app) -> dict:
    """The page's cards (the banners above them are the first screen's, never held back)."""
    banners = {q.name for q in registry.on_page("banner")}
    return {name: view for name, view in app.views.items() if name not in banners}


def laid_out(view) -> list:
    """What the card lays out: title row, summary, controls, error, then the view or its
    placeholder."""
    return view.__panel__().objects


def test_served_the_first_screen_has_its_views_and_the_rest_placeholders_until_painted(
    state, source, first_paints
):
    app = served(state, source)
    top = set(top_of_page())
    waiting = {
        name for name, view in cards(app).items() if name not in top and view.waits_for_first_paint
    }
    # The charts below the first screen wait; the tables are laid out with the page.
    assert waiting == {
        name
        for name in set(cards(app)) - top
        if issubclass(registry.get(name).component_class, ChartComponent)
    }
    assert waiting and not waiting & top
    for name, view in cards(app).items():
        assert (view._body in laid_out(view)) == (name not in waiting), name
        if name in waiting:
            placeholder = laid_out(view)[-1]
            assert "Drawing" in placeholder.object and placeholder.height == view.body_height()
    assert len(first_paints) == 1  # one callback: every view in one message
    first_paints.pop()()
    for name, view in cards(app).items():
        assert laid_out(view)[-1] is view._body, name


def test_outside_a_server_every_view_is_laid_out_at_once(state, source, first_paints):
    app = create_app(state, source)
    assert all(laid_out(view)[-1] is view._body for view in cards(app).values())
    assert first_paints == []


def test_a_chart_placeholder_is_as_tall_as_the_chart_it_stands_for(state, source, first_paints):
    app = served(state, source)
    heat_map = app.views["topics_per_session"]  # first screen: drawn now, its height known
    topics = registry.get("topics_per_session").component_class(state=state, source=source)
    topics.defer_body()
    assert laid_out(topics)[-1].height == shown(heat_map)[0].height > 300


def test_a_change_before_the_first_paint_is_drawn_when_the_views_come(state, source, first_paints):
    """The state changes while the browser is still drawing the first screen: the views
    that come after show the new state, as the same state opened fresh does."""
    app = served(state, source)
    change = {"sectors": ["Academia"], "regions": ["Africa"]}
    state.param.update(**change)
    first_paints.pop()()
    fresh = create_app(DashboardState(source.options(), **change), source)
    for name, view in app.views.items():
        if not isinstance(view, ChartComponent) or name in top_of_page():
            continue
        assert view.frame.equals(fresh.views[name].frame), name
        assert [picture(f) for f in shown(view)] == [picture(f) for f in shown(fresh.views[name])]
    table = app.views["contributions"].table
    assert table.value.equals(fresh.views["contributions"].table.value)


def test_a_chart_drawn_anew_while_waiting_is_the_one_laid_out(state, source, first_paints):
    app = served(state, source)
    funnel = app.views["funnel"]
    funnel._draw_anew(funnel.frame)
    new_body = funnel._body
    assert new_body not in laid_out(funnel)
    first_paints.pop()()
    assert laid_out(funnel)[-1] is new_body and live(funnel) == []  # drawn when shown
