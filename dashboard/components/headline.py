"""Headline figures: seven small HTML cards whose content is replaced on each change.

Each card is one ``HTML`` pane created once; an update sets its ``object`` (label,
number, note), which Bokeh sends as one property change. The number carries
``data-key`` so tests and assistive tools can find it.
"""

from __future__ import annotations

import pandas as pd
import panel as pn

from .. import views
from ..markup import escape
from ..views.specs import Figure
from .base import ViewComponent
from .look import html


def figure_html(figure: Figure) -> str:
    return (
        f'<div class="headline-label">{escape(figure.label)}</div>'
        f'<div class="headline-value" data-key="{figure.key}">{escape(figure.text)}</div>'
        f'<div class="headline-note">{escape(figure.note)}</div>'
    )


class HeadlineFigures(ViewComponent):
    question = "headline"
    title = "At a glance"

    def _render_key(self) -> tuple:
        return (self.state.count,)

    def _build(self, frame: pd.DataFrame) -> pn.viewable.Viewable:
        spec = views.headline(frame, count=self.state.count)
        self._cards = {
            figure.key: html(
                figure_html(figure),
                width=140,
                margin=(0, 6),
                css_classes=["headline-figure", f"headline-{figure.key}"],
            )
            for figure in spec.figures
        }
        return pn.FlexBox(*self._cards.values(), sizing_mode="stretch_width")

    def _update(self, frame: pd.DataFrame) -> None:
        for figure in views.headline(frame, count=self.state.count).figures:
            self._cards[figure.key].object = figure_html(figure)

    @property
    def cards(self) -> dict[str, pn.pane.HTML]:
        return self._cards
