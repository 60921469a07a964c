"""What is on screen, said plainly: the sample-data banner and the active selections bar."""

from __future__ import annotations

import pandas as pd
import panel as pn
import param

from ..markup import escape
from ..state import LIST_FILTERS, SCALARS, DashboardState
from .base import ViewComponent
from .look import alert, html


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
        sessions = ", ".join(escape(s) for s in frame["session"])
        return (
            "<p><b>Illustrative sample data on screen.</b> The participant and contribution "
            f"records of these sessions are a generated sample, not real registrations: "
            f"{sessions}. They agree with every published figure; real exports loaded "
            "with <code>dialogues ingest</code> replace them.</p>"
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
