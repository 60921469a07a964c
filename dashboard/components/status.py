"""What is on screen, said plainly: the sample-data banner and the active selections bar."""

from __future__ import annotations

import pandas as pd
import panel as pn
import param

from ..markup import escape
from ..state import LIST_FILTERS, SCALARS, DashboardState
from .base import ViewComponent
from .look import alert, html

INLINE_SESSIONS = 5  # named in the banner's sentence; more go into a list opened on demand


class IllustrativeBanner(ViewComponent):
    """A warning naming the sessions whose record-level rows are the illustrative sample."""

    question = "illustrative_sessions"

    def _build(self, frame: pd.DataFrame) -> pn.viewable.Viewable:
        self._alert = alert(
            self._text(frame),
            "warning",
            css_classes=("illustrative-banner",),
            visible=bool(len(frame)),
            margin=(5, 8),
        )
        return self._alert

    @staticmethod
    def _text(frame: pd.DataFrame) -> str:
        """How many sessions on screen are sample data; their names inline when few,
        else in a list the reader opens (hundreds of names would fill the screen)."""
        count = len(frame)
        which = "this session" if count == 1 else f"these {count:,} sessions"
        lead = (
            "<b>Illustrative sample data on screen.</b> The participant and contribution "
            f"records of {which} are a generated sample, not real registrations"
        )
        tail = (
            "They agree with every published figure; real exports loaded with "
            "<code>dialogues ingest</code> replace them."
        )
        if count <= INLINE_SESSIONS:
            sessions = ", ".join(escape(s) for s in frame["session"])
            return f"<p>{lead}: {sessions}. {tail}</p>"
        items = "".join(
            f"<li>{escape(s)} <small>({escape(i)})</small></li>"
            for i, s in zip(frame["session_id"], frame["session"])
        )
        return (
            f"<p>{lead}. {tail}</p><details class='illustrative-list'>"
            f"<summary>Show the {count:,} sessions</summary>"
            f"<ul style='columns: 3; max-height: 240px; overflow-y: auto'>{items}</ul></details>"
        )

    def _update(self, frame: pd.DataFrame) -> None:
        self._alert.param.update(object=self._text(frame), visible=bool(len(frame)))

    def __init__(self, **params):
        super().__init__(**params)
        self._layout = self._body  # a banner, not a card: no title or summary

    @property
    def visible(self) -> bool:
        return self._alert.visible

    @property
    def text(self) -> str:
        return self._alert.object


class SelectionBar(pn.viewable.Viewer):
    """The active filters and selections in words, with the one button that clears them."""

    state = param.ClassSelector(class_=DashboardState, allow_refs=False)

    def __init__(self, **params):
        super().__init__(**params)
        self._text = html(
            self._describe(),
            sizing_mode="stretch_width",
            css_classes=["active-selections"],
            margin=(10, 10),
        )
        self.clear_button = pn.widgets.Button(
            label="Clear all selections",
            color="primary",
            width=190,
            margin=(8, 10),
            css_classes=["clear-selections"],
        )
        self.clear_button.on_click(lambda event: self.state.clear())
        self.state.param.watch(self._refresh, [*LIST_FILTERS, *SCALARS])
        self._layout = pn.Row(
            self._text,
            self.clear_button,
            sizing_mode="stretch_width",
            css_classes=["selection-bar"],
        )

    def _labels(self, name: str) -> list[str]:
        """The labels the widgets show ('Victim protection'), not the ids in the state."""
        names = {v: k for k, v in (getattr(self.state.param[name], "names", None) or {}).items()}
        return [str(names.get(v, v)) for v in getattr(self.state, name)]

    def _describe(self) -> str:
        parts = [
            f"<b>{escape(self.state.label(n))}:</b> {escape(', '.join(self._labels(n)))}"
            for n in LIST_FILTERS
            if getattr(self.state, n)
        ]
        if self.state.count != "attended":
            parts.append("<b>Counting:</b> registrations")
        if self.state.search:
            parts.append(f"<b>Search:</b> “{escape(self.state.search)}”")
        body = " · ".join(parts) if parts else "Everything: no filter or selection."
        return f'<span class="selection-text">Showing — {body}</span>'

    def _refresh(self, *events) -> None:
        self._text.object = self._describe()

    def __panel__(self) -> pn.viewable.Viewable:
        return self._layout
