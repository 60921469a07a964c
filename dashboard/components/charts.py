"""The chart components: a view function drawn through a ``DynamicMap`` over a ``Pipe``.

``_update`` sends the new frame down the pipe: HoloViews redraws the existing Bokeh
figure with new data (no new figure, no new pane). Clickable charts attach a ``Tap``
stream; a click becomes a state change (``views.selection`` says what was hit), which
every other view follows.
"""

from __future__ import annotations

from typing import ClassVar

import holoviews as hv
import pandas as pd
import panel as pn

from ..views import selection
from .base import ViewComponent


class ChartComponent(ViewComponent):
    """A view drawn by its question's view; clicks handled by ``_on_tap`` if defined."""

    clickable: ClassVar[bool] = False

    @classmethod
    def charts(cls) -> tuple[str, ...]:
        """The Bokeh figures drawn when it is shown (named by the views' ``name_plot``)."""
        return (cls.question,)

    def _element(self, frame: pd.DataFrame) -> hv.Element:
        return self.view(frame)

    def _build(self, frame: pd.DataFrame) -> pn.viewable.Viewable:
        self._pipe = hv.streams.Pipe(data=frame)
        self._dmap = hv.DynamicMap(self._draw, streams=[self._pipe])
        if self.clickable:
            self._tap = hv.streams.Tap(source=self._dmap, transient=True)
            self._tap.add_subscriber(self._tapped)
        return pn.pane.HoloViews(self._dmap, sizing_mode="stretch_width", linked_axes=False)

    def _draw(self, data: pd.DataFrame) -> hv.Element:
        return self._element(data)

    def _update(self, frame: pd.DataFrame) -> None:
        self._pipe.send(frame)

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

    def _render_key(self) -> tuple:
        return (self.state.shares, tuple(self.state.sectors), self.state.count)

    def _element(self, frame: pd.DataFrame) -> hv.Element:
        return self.view(
            frame, shares=self.state.shares, selected=self.state.sectors, count=self.state.count
        )

    def _controls(self) -> list:
        switch = pn.widgets.Switch.from_param(
            self.state.param.shares, name="", margin=(8, 4, 0, 10), width=40
        )
        label = pn.pane.HTML(
            "<span>Show each sector's share of the session</span>", margin=(4, 0, 0, 4)
        )
        return [pn.Row(switch, label, css_classes=["shares-control"])]

    def _on_tap(self, x, y) -> None:
        hit = selection.sector_at(self._frame, x, y, shares=self.state.shares)
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

    def _render_key(self) -> tuple:
        return (tuple(self.state.topics),)

    def _element(self, frame: pd.DataFrame) -> hv.Element:
        return self.view(frame, selected=self.state.topics, theme=self.theme)

    def _layer(self, index: int) -> hv.DynamicMap:
        return hv.DynamicMap(lambda data: self._element(data).get(index), streams=[self._pipe])

    def _build(self, frame: pd.DataFrame) -> pn.viewable.Viewable:
        # A Tap stream must sit on the heat map itself, not on the overlay with its
        # labels (HoloViews links no tap callback to an overlay's DynamicMap): one
        # DynamicMap per layer (cells, then labels of each ink), all fed by one pipe.
        self._pipe = hv.streams.Pipe(data=frame)
        heat, *labels = (self._layer(i) for i in range(len(self.view(frame))))
        self._dmap = heat
        for layer in labels:
            self._dmap = self._dmap * layer
        self._tap = hv.streams.Tap(source=heat, transient=True)
        self._tap.add_subscriber(self._tapped)
        return pn.pane.HoloViews(self._dmap, sizing_mode="stretch_width", linked_axes=False)

    def _on_tap(self, x, y) -> None:
        topic = selection.topic_at(self._frame, y)
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
        self._pipe = hv.streams.Pipe(data=frame)
        by_kind = hv.DynamicMap(lambda data: self.view(data, by="kind"), streams=[self._pipe])
        by_sector = hv.DynamicMap(lambda data: self.view(data, by="sector"), streams=[self._pipe])
        return pn.Tabs(
            ("By kind", pn.pane.HoloViews(by_kind, sizing_mode="stretch_width")),
            ("By sector", pn.pane.HoloViews(by_sector, sizing_mode="stretch_width")),
            sizing_mode="stretch_width",
            dynamic=True,
        )


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

    def _element(self, frame: pd.DataFrame) -> hv.Element:
        return self.view(
            frame,
            level=self.state.area_level,
            selected=getattr(self.state, self.own[0]),
            count=self.state.count,
        )

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

    def _element(self, frame: pd.DataFrame) -> hv.Element:
        return self.view(frame, selected=self.state.sessions)

    def _on_tap(self, x, y) -> None:
        session = selection.session_at(self._frame, x)
        if session:
            self.state.sessions = selection.toggle(self.state.sessions, session)


class Funnel(_SessionChart):
    question = "funnel"
    title = "From registration to attendance"
    hint = (
        "Per session: who registered, who attended, who did not come and who came "
        "without registering. Click a session to select it."
    )


class ReturningParticipants(_SessionChart):
    question = "returning_participants"
    title = "Returning participants"  # the words of the state: views.words
