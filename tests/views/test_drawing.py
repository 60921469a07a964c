"""A chart's ``Drawing`` is what HoloViews draws from its view: the live page is updated
with the drawing, so it must equal a fresh render, rows, axes and colours alike, in
every state (filters that drop sessions, sectors, kinds; selections; shares; empty)."""

from __future__ import annotations

import holoviews as hv
import pandas as pd
import pytest
from bokeh.models import FactorRange, GlyphRenderer

from dashboard import registry
from dashboard.components.charts import ChartComponent, fits
from dashboard.queries import Filters

hv.extension("bokeh")

# The charts on the page (from the registry), and the states each is drawn in here: every
# chart needs at least one case (``test_every_chart_on_the_page_has_a_case``), with the
# view options that matter to it (a selection, shares, a level).
CHARTS = [q.name for q in registry.on_page() if issubclass(q.component_class, ChartComponent)]
CASES = [
    ("attendance_by_sector", {}),
    ("attendance_by_sector", {"shares": True, "selected": ["Academia"]}),
    ("funnel", {"selected": ["CD-2022-FA"]}),
    ("returning_participants", {}),
    ("participants_by_area", {"level": "country", "selected": ["FRA"]}),
    ("topics_per_session", {"selected": ["corruption"]}),
    ("contributions_over_time", {}),
    ("contributions_over_time", {"by": "sector"}),
]
STATES = {
    "all": Filters(),
    "oceania": Filters(regions=("Oceania",)),
    "academia": Filters(sectors=("Academia",)),
    "one session": Filters(sessions=("CD-2022-TIP",)),
    "nothing": Filters(sessions=("no-such-session",)),
}


def rows(frame: pd.DataFrame) -> list[tuple]:
    """Rows as sorted tuples, numbers rounded (stacking sums floats in another order)."""
    rounded = frame.apply(
        lambda c: c.astype(float).round(6) if pd.api.types.is_float_dtype(c) else c.astype(str)
    )
    return sorted(map(tuple, rounded.astype(str).to_numpy()))


def extent(axis_range) -> tuple:
    if isinstance(axis_range, FactorRange):
        return tuple(map(str, axis_range.factors))
    return tuple(
        pd.Timestamp(v) if not isinstance(v, float | int) else float(v)
        for v in (
            axis_range.start,
            axis_range.end,
        )
    )


def as_drawn(values: tuple) -> tuple:
    return tuple(
        str(v)
        if isinstance(v, str)
        else pd.Timestamp(v)
        if isinstance(v, pd.Timestamp)
        else float(v)
        for v in values
    )


@pytest.mark.parametrize("state", sorted(STATES))
@pytest.mark.parametrize(("question", "options"), CASES, ids=lambda c: str(c))
def test_drawing_is_what_holoviews_draws(source, question, options, state):
    asked = {"level": options["level"]} if "level" in options else {}
    frame = source.ask(question, STATES[state], **asked)
    view = registry.get(question).view_function
    figure = hv.render(view(frame, **options))
    drawing = view.drawing(frame, **options)
    layers = [r for r in figure.renderers if isinstance(r, GlyphRenderer)]
    assert len(layers) == len(drawing.layers)
    if frame.empty and not fits(figure, drawing):  # drawn anew by HoloViews, not in place
        assert all(layer.empty for layer in drawing.layers)
        return
    assert fits(figure, drawing)
    for renderer, layer in zip(layers, drawing.layers):
        drawn = pd.DataFrame(dict(renderer.data_source.data))
        assert rows(layer[list(drawn.columns)]) == rows(drawn)
    for axis_range, drawn_axis in ((figure.x_range, drawing.x), (figure.y_range, drawing.y)):
        if frame.empty and not isinstance(axis_range, FactorRange) and not drawn_axis:
            continue  # HoloViews gives an empty chart a numeric axis; the drawing no factors
        assert extent(axis_range) == as_drawn(drawn_axis)


def test_every_chart_on_the_page_has_a_case():
    missing = [name for name in CHARTS if name not in {question for question, _ in CASES}]
    assert not missing, (
        f"no drawing case for the chart(s) {missing}: add (name, view options) to CASES "
        "in tests/views/test_drawing.py"
    )


def test_every_chart_view_has_a_drawing():
    charts = [q for q in registry.on_page() if q.view and "charts" in str(q.component)]
    assert [q.name for q in charts] == CHARTS and len(CHARTS) >= 6  # six before any added
    for question in charts:
        drawing = getattr(question.view_function, "drawing", None)
        assert callable(drawing), (
            f"the view of {question.name} has no drawing: decorate it with "
            "@draws(<name>_drawing) (dashboard/views/plotting.py)"
        )


def test_stacks_follow_the_stacking_order():
    from dashboard.views.plotting import stacked

    frame = pd.DataFrame({"x": ["a", "a", "b"], "s": ["top", "low", "low"], "v": [2, 3, 4]})
    out = stacked(frame, "x", "s", ["low", "top"], "v").set_index(["x", "s"])
    assert out.loc[("a", "low"), ["bottom", "top"]].tolist() == [0, 3]
    assert out.loc[("a", "top"), ["bottom", "top"]].tolist() == [3, 5]
    assert out.loc[("b", "low"), ["bottom", "top"]].tolist() == [0, 4]


def test_steps_double_each_corner():
    from dashboard.views.plotting import steps

    line = pd.DataFrame({"x": [1, 2, 3], "y": [0, 5, 7]})
    out = steps(line, "x", "y")
    assert out["x"].tolist() == [1, 2, 2, 3, 3]
    assert out["y"].tolist() == [0, 0, 5, 5, 7]


@pytest.mark.parametrize("question", CHARTS)
def test_every_chart_draws_on_a_plain_canvas(source, question):
    """Not WebGL (HoloViews' default): for a few hundred bars WebGL's copy to the page
    on every paint cost more than it saved (a filter change: 524 against 490 ms)."""
    figure = hv.render(registry.get(question).view_function(source.ask(question, Filters())))
    assert figure.output_backend == "canvas"
