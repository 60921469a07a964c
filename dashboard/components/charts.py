"""The chart components: a view drawn once by HoloViews, then updated in Bokeh.

HoloViews draws each chart's Bokeh figure when the page is built (a ``DynamicMap`` over a
``Pipe``). On a change, ``_update`` does not ask HoloViews to redraw it (its
``update_frame`` took about 25 ms of server time per chart and re-sent every property):
it computes the view's ``Drawing`` (the same rows, axes and colours HoloViews would
draw, from the same function) and sets each glyph's ``ColumnDataSource.data`` and the
axis ranges of the live figure: one data message per layer, and axes that always fit
the new data. The pipe keeps the latest frame without triggering, so a chart drawn later
(a tab opened, another root) starts from it. Clickable charts attach a ``Tap`` stream;
a click becomes a state change (``views.selection`` says what was hit), which every
other view follows.
"""

from __future__ import annotations

import math
from typing import ClassVar

import holoviews as hv
import pandas as pd
import panel as pn
from bokeh.models import CategoricalColorMapper, FactorRange, GlyphRenderer, LinearColorMapper

from .. import registry
from ..views import periods, selection, style
from ..views.plotting import Drawing
from .base import ViewComponent


def glyph_layers(figure) -> list[GlyphRenderer]:
    return [r for r in figure.renderers if isinstance(r, GlyphRenderer)]


def fits(figure, drawing: Drawing) -> bool:
    """Whether ``drawing`` has a layer, with every column, for each glyph of ``figure``,
    and axes of the figure's kinds (not so when the figure was drawn with no rows:
    HoloViews draws empty stacked bars unstacked, with other columns, and an empty
    categorical axis as a numeric one)."""
    layers = glyph_layers(figure)
    return (
        len(layers) == len(drawing.layers)
        and all(
            set(r.data_source.data) <= set(rows.columns) for r, rows in zip(layers, drawing.layers)
        )
        and axis_fits(figure.x_range, drawing.x)
        and axis_fits(figure.y_range, drawing.y)
    )


def axis_fits(axis_range, values: tuple) -> bool:
    """Whether ``set_range`` can put ``values`` into ``axis_range``: any factors into a
    categorical axis; into a numeric one only a ``(start, end)`` pair, not factors."""
    if isinstance(axis_range, FactorRange):
        return True
    return len(values) == 2 and not any(isinstance(v, str) for v in values)


def redraw(figure, drawing: Drawing) -> None:
    """Put ``drawing`` into a live Bokeh figure: each glyph layer's rows (the columns
    its source has), the axes, the colour mappers."""
    for renderer, rows in zip(glyph_layers(figure), drawing.layers):
        source = renderer.data_source
        source.data = {name: rows[name].to_numpy() for name in source.data}
        recolor(renderer.glyph, drawing)
    if drawing.height is not None and figure.height != drawing.height:
        figure.height = drawing.height  # more or fewer rows than when first drawn
    set_range(figure.x_range, drawing.x)
    set_range(figure.y_range, drawing.y)
    if drawing.xrotation is not None:  # more or fewer sessions: labels flat or upright
        for axis in figure.xaxis:
            # No turn is Bokeh's default, "horizontal", as HoloViews leaves it.
            turn = math.radians(drawing.xrotation) if drawing.xrotation else "horizontal"
            axis.major_label_orientation = turn
    for axes, label in ((figure.xaxis, drawing.xlabel), (figure.yaxis, drawing.ylabel)):
        if label is not None:
            for axis in axes:
                axis.axis_label = label


def set_range(axis_range, values: tuple) -> None:
    if isinstance(axis_range, FactorRange):
        axis_range.factors = [str(v) for v in values]
    else:
        axis_range.update(start=values[0], end=values[1])


def recolor(glyph, drawing: Drawing) -> None:
    """Colour mappers follow the drawing's categories (or value range)."""
    mapper = getattr(getattr(glyph, "fill_color", None), "transform", None)
    if isinstance(mapper, CategoricalColorMapper) and drawing.colors:
        mapper.update(factors=list(drawing.colors), palette=list(drawing.colors.values()))
    elif isinstance(mapper, LinearColorMapper) and drawing.color_range:
        mapper.update(low=drawing.color_range[0], high=drawing.color_range[1])


class ChartComponent(ViewComponent):
    """A view drawn by its question's view; clicks handled by ``_on_tap`` if defined."""

    clickable: ClassVar[bool] = False
    # How rows fold into periods when too many sessions are in scope (``by_period``'s
    # keys, sums, any_of); None: the chart has no session axis.
    folds: ClassVar[dict | None] = None

    @classmethod
    def charts(cls) -> tuple[str, ...]:
        """The Bokeh figures drawn when it is shown (named by the views' ``name_plot``)."""
        return (cls.question,)

    def _view_options(self) -> dict:
        """The view's arguments besides the frame (selections, shares, level)."""
        return {}

    def _shown(self, frame: pd.DataFrame) -> pd.DataFrame:
        """What is drawn of ``frame``: its sessions, or periods when there are many."""
        return periods.by_period(frame, **self.folds) if self.folds else frame

    def _element(self, frame: pd.DataFrame, **extra) -> hv.Element:
        return self.view(self._shown(frame), **self._view_options(), **extra)

    def _drawing(self, frame: pd.DataFrame, **extra) -> Drawing:
        drawing = registry.get(self.question).view_function.drawing
        return drawing(self._shown(frame), **self._view_options(), **extra)

    def body_height(self) -> int:
        extra = self._panes[0][1] if self._panes else {}
        return self._drawing(self._frame, **extra).height or style.HEIGHT

    def _dynamic(self, draw) -> hv.DynamicMap:
        """A DynamicMap of ``draw`` over the pipe, never memoized: what it draws also
        depends on the state (selections, shares), which the pipe does not carry."""
        return hv.DynamicMap(hv.Callable(draw, memoize=False), streams=[self._pipe])

    def _pane(self, dmap: hv.DynamicMap, **extra) -> pn.pane.HoloViews:
        """A pane drawing ``dmap``, updated in place with the view called with ``extra``."""
        pane = pn.pane.HoloViews(dmap, sizing_mode="stretch_width", linked_axes=False)
        self._panes.append((pane, extra))
        return pane

    def _build(self, frame: pd.DataFrame) -> pn.viewable.Viewable:
        self._pipe, self._panes = hv.streams.Pipe(data=frame), []
        self._dmap = self._dynamic(self._draw)
        if self.clickable:
            self._tap = hv.streams.Tap(source=self._dmap, transient=True)
            self._tap.add_subscriber(self._tapped)
        return self._pane(self._dmap)

    def _draw(self, data: pd.DataFrame) -> hv.Element:
        return self._element(data)

    def figures(self, pane: pn.pane.HoloViews) -> list:
        """The live Bokeh figures of ``pane``: one per document it is shown in."""
        return [plot.state for plot, _ in pane._plots.values()]  # Panel keeps them per root

    def _update(self, frame: pd.DataFrame) -> None:
        self._pipe.update(data=frame)  # no redraw: a chart drawn later starts from it
        for pane, extra in self._panes:
            figures = self.figures(pane)
            drawing = self._drawing(frame, **extra) if figures else None
            if not all(fits(figure, drawing) for figure in figures):
                # First drawn empty: HoloViews cannot turn that figure's glyphs or axes
                # into the new ones (a numeric axis into a categorical one).
                self._draw_anew(frame)
                return
            for figure in figures:
                redraw(figure, drawing)

    def _tapped(self, x=None, y=None, **_) -> None:
        if x is not None and y is not None:
            self._on_tap(x, y)

    def _on_tap(self, x, y) -> None:
        raise NotImplementedError

    @property
    def pane(self) -> pn.pane.HoloViews:
        return self._body


class AttendanceBySector(ChartComponent):
    question = "attendance_by_sector"
    title = "Attendance by sector"  # the words of the state: views.words
    own = ("sectors",)
    clickable = True
    folds: ClassVar = {"keys": ["sector"], "sums": ["participants"]}

    def _render_key(self) -> tuple:
        return (self.state.shares, tuple(self.state.sectors), self.state.count)

    def _shown(self, frame: pd.DataFrame) -> pd.DataFrame:
        shown = super()._shown(frame)
        if shown is frame:
            return frame
        total = shown.groupby("session_id")["participants"].transform("sum")
        return shown.assign(share=shown["participants"] / total)  # of the period

    def _view_options(self) -> dict:
        return {
            "shares": self.state.shares,
            "selected": self.state.sectors,
            "count": self.state.count,
        }

    def _controls(self) -> list:
        switch = pn.widgets.Switch.from_param(
            self.state.param.shares, name="", margin=(8, 4, 0, 10), width=40
        )
        label = pn.pane.HTML(
            "<span>Show each sector's share of the session</span>", margin=(4, 0, 0, 4)
        )
        return [pn.Row(switch, label, css_classes=["shares-control"])]

    def _on_tap(self, x, y) -> None:
        hit = selection.sector_at(self._shown(self._frame), x, y, shares=self.state.shares)
        if hit:
            self.state.sectors = selection.toggle(self.state.sectors, hit[1])


class TopicsPerSession(ChartComponent):
    question = "topics_per_session"
    title = "Topics per session"
    hint = (
        "Colour: submissions tagged with the topic; ● raised at the session. "
        "Click a cell to select its topic."
    )
    own = ("topics",)
    clickable = True
    folds: ClassVar = {"keys": ["topic_id", "topic"], "sums": ["submissions"], "any_of": ["raised"]}

    def _render_key(self) -> tuple:
        return (tuple(self.state.topics),)

    def _view_options(self) -> dict:
        return {"selected": self.state.topics, "theme": self.theme}

    def _build(self, frame: pd.DataFrame) -> pn.viewable.Viewable:
        # A Tap stream must sit on the heat map itself, not on the overlay with its
        # labels (HoloViews links no tap callback to an overlay's DynamicMap): one
        # DynamicMap per layer (cells, then the labels of each ink), all fed by one pipe.
        self._pipe, self._panes = hv.streams.Pipe(data=frame), []
        heat, *labels = (
            self._dynamic(lambda data, i=i: self._element(data).get(i))
            for i in range(1 + len(style.INKS))
        )
        self._dmap = heat
        for layer in labels:
            self._dmap = self._dmap * layer
        self._tap = hv.streams.Tap(source=heat, transient=True)
        self._tap.add_subscriber(self._tapped)
        return self._pane(self._dmap)

    def _on_tap(self, x, y) -> None:
        topic = selection.topic_at(self._shown(self._frame), y)
        if topic:
            self.state.topics = selection.toggle(self.state.topics, topic)


class ContributionsOverTime(ChartComponent):
    """Two charts on one question: the running totals by kind and by sector."""

    question = "contributions_over_time"
    title = "Contributions over the series"
    hint = "Running total of submissions: by kind, and by the sector of the organization."

    @classmethod
    def charts(cls) -> tuple[str, ...]:
        return ("contributions_over_time_kind",)  # "..._sector" is drawn when its tab opens

    def _build(self, frame: pd.DataFrame) -> pn.viewable.Viewable:
        self._pipe, self._panes = hv.streams.Pipe(data=frame), []
        tabs = []
        for label, by in (("By kind", "kind"), ("By sector", "sector")):
            dmap = hv.DynamicMap(
                lambda data, by=by: self._element(data, by=by), streams=[self._pipe]
            )
            tabs.append((label, self._pane(dmap, by=by)))
        return pn.Tabs(*tabs, sizing_mode="stretch_width", dynamic=True)


AREA_FILTERS = {
    "region": "regions",
    "sub_region": "sub_regions",
    "un_regional_group": "regional_groups",
    "country": "countries",
}
AREA_CHOICES = {
    "Region": "region",
    "Sub-region": "sub_region",
    "UN regional group": "un_regional_group",
    "Country": "country",
}


class ParticipantsByArea(ChartComponent):
    question = "participants_by_area"
    title = "Participants by place"  # the words of the state: views.words
    clickable = True

    @property
    def own(self) -> tuple[str, ...]:  # type: ignore[override]
        return (AREA_FILTERS[self.state.area_level],)

    def _options(self) -> dict[str, str]:
        return {"level": self.state.area_level}

    def _render_key(self) -> tuple:
        return (self.state.area_level, tuple(getattr(self.state, self.own[0])), self.state.count)

    def _view_options(self) -> dict:
        return {
            "level": self.state.area_level,
            "selected": getattr(self.state, self.own[0]),
            "count": self.state.count,
        }

    def _controls(self) -> list:
        return [
            pn.widgets.RadioButtonGroup.from_param(
                self.state.param.area_level,
                options=AREA_CHOICES,
                name="",
                margin=(0, 10),
                color="default",
                css_classes=["area-level"],
            )
        ]

    def _on_tap(self, x, y) -> None:
        place = selection.area_at(self._frame, y)
        name = self.own[0]
        if place and place in self.state.choices(name):
            setattr(self.state, name, selection.toggle(getattr(self.state, name), place))


class _SessionChart(ChartComponent):
    own = ("sessions",)
    clickable = True

    def _render_key(self) -> tuple:
        return (tuple(self.state.sessions),)

    def _view_options(self) -> dict:
        return {"selected": self.state.sessions}

    def _on_tap(self, x, y) -> None:
        session = selection.session_at(self._shown(self._frame), x)
        opened = periods.drill_down(self._frame, session) if session else None
        if opened:  # a period: show its sessions
            name, values = opened
            setattr(self.state, name, values)
        elif session:
            self.state.sessions = selection.toggle(self.state.sessions, session)


class Funnel(_SessionChart):
    question = "funnel"
    folds: ClassVar = {
        "sums": ["registered", "attended", "registered_and_attended", "no_shows", "walk_ins"]
    }
    title = "From registration to attendance"
    hint = (
        "Per session: who registered, who attended, who did not come and who came "
        "without registering. Click a session to select it."
    )


class ReturningParticipants(_SessionChart):
    question = "returning_participants"
    folds: ClassVar = {"sums": ["first_time", "returning"]}
    title = "Returning participants"  # the words of the state: views.words
