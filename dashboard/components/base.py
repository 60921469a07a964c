"""``ViewComponent``: the one way a view is bound to the state and the data.

A component asks its question once when built, then, on every change of the state
parameters it ``watches``, asks again and hands the new frame to the *same* widgets
(``_update``): a chart's ``Pipe`` stream, a table's ``value``, a card's HTML. Nothing
is rebuilt per change (``_build`` runs once).

Updates are batched: every component a state change concerns switches its loading
spinner on, and one callback on the next tick of the server's event loop refreshes them
all while holding the document's events, so the browser gets the new data of every view
in one message and lays the page out once (measured: one message per view cost a
relayout each). Outside a server (notebooks, tests) updates run at once. A component
whose new frame and options equal the last ones sends nothing but its drawn key.

Served, a chart card below the first screen lays out a placeholder as tall as its chart
until the browser has drawn the page (``defer_body``, ``show_body``; see ``first_paint``).

Each card says which state it has drawn: its summary carries ``data-state``, a key of
the values of the state parameters it watches (``drawn_key``), set in the same message
as the new data. Browser tests wait on it instead of guessing when an update landed.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import ClassVar
from weakref import WeakKeyDictionary

import pandas as pd
import panel as pn
import param

from .. import registry
from ..data import DataSource
from ..errors import DialoguesError
from ..markup import escape
from ..queries import Filters
from ..state import DashboardState
from ..views import summary
from ..views.words import heading
from .look import CARD_STYLES, HIDDEN, SHOWN, alert, html, spinner

log = logging.getLogger(__name__)

# What a card shows instead of its view until the view is laid out (``defer_body``).
PLACEHOLDER = '<p class="view-drawing" role="status">Drawing…</p>'

# Components waiting for the next tick, per document (browser session).
_BATCHES: WeakKeyDictionary = WeakKeyDictionary()


def drawn_key(state: DashboardState, names: tuple[str, ...]) -> str:
    """A short stable key of the values of ``names`` in ``state`` (list order ignored)."""
    values = {
        name: sorted(map(str, value)) if isinstance(value, list) else value
        for name in names
        for value in [getattr(state, name)]
    }
    text = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _start_batch(doc) -> None:
    """Show every waiting view's spinner, then refresh them all on the following tick."""
    with pn.io.hold(doc):
        for component in _BATCHES.get(doc, []):
            component._spinner.styles = dict(SHOWN)
    pn.state.execute(lambda: _refresh_batch(doc), schedule=True)


def _refresh_batch(doc) -> None:
    """Refresh every waiting component of ``doc``: the top of the page (``early``) first,
    as one message, then each of the rest on a tick of its own, as a message of its own.
    The browser draws what is in view, then each card below, while the server works out
    the next (the rest show their spinners). Sent card by card, the whole page showed a
    change 6-8% sooner at 100x and 1000x than with the rest in one message (1-3% at 1x)."""
    batch = _BATCHES.pop(doc, [])
    early = [component for component in batch if component.early]
    later = [component for component in batch if not component.early]
    if early and later:
        _refresh_together(doc, early)
        for component in later:
            pn.state.execute(lambda c=component: _refresh_together(doc, [c]), schedule=True)
    else:
        _refresh_together(doc, batch)


def _refresh_together(doc, components: list[ViewComponent]) -> None:
    """Refresh ``components``; their changes leave as one message."""
    with pn.io.hold(doc):
        for component in components:
            refresh_safely(component)


def refresh_safely(component: ViewComponent) -> None:
    """Refresh one component; an unexpected error is logged and shown in its card."""
    try:
        component.refresh()
    except Exception:  # a bug in one view must not stop the others updating
        log.exception("%s failed to update", component.question)
        component.show_error("an unexpected error (the server log has the details)")


def schedule_refresh(component: ViewComponent) -> None:
    """Refresh on the server's next ticks (with the others), or now outside a server."""
    doc = pn.state.curdoc
    if doc is None or doc.session_context is None:
        refresh_safely(component)
        return
    batch = _BATCHES.setdefault(doc, [])
    batch.append(component)
    if len(batch) == 1:
        pn.state.execute(lambda: _start_batch(doc), schedule=True)


class ViewComponent(pn.viewable.Viewer):
    """A titled card: title, text summary, the view itself; updated in place."""

    state = param.ClassSelector(
        class_=DashboardState,
        allow_refs=False,
        doc="""
        The dashboard state the view follows (and, for clickable views, sets).""",
    )
    source = param.ClassSelector(
        class_=DataSource,
        allow_refs=False,
        doc="""
        Where the view's question is answered.""",
    )

    theme = param.Selector(
        default="default",
        objects=["default", "dark"],
        doc="""
        The page's theme, for views whose colours are designed per theme.""",
    )

    question: ClassVar[str] = ""
    title: ClassVar[str] = ""
    hint: ClassVar[str] = ""  # how to read or use the view, under the title
    own: ClassVar[tuple[str, ...]] = ()  # filters this view sets by clicks: it ignores them
    early = False  # at the top of the page: refreshed first, as a message of its own
    # Below the first screen, laid out after the browser's first paint (``first_paint``).
    waits_for_first_paint: ClassVar[bool] = True

    def __init__(self, **params):
        super().__init__(**params)
        if self.state is None:
            raise ValueError(f"{type(self).__name__} needs a state (DashboardState)")
        if self.source is None:
            self.source = DataSource()
        self._pending = False
        self._summary = html(
            "", css_classes=["view-summary"], margin=(0, 10), sizing_mode="stretch_width"
        )
        self._error = alert("", "danger", visible=False)
        self._spinner = spinner()
        self._title = html("", margin=(5, 10, 0, 10), sizing_mode="stretch_width")
        frame, self._key = self._data(), self._render_key()
        self._frame, self._drawn = frame, self.state_key(self.state)
        self._body = self._build(frame)
        self._placeholder: pn.viewable.Viewable | None = None  # laid out instead of _body
        self._show_summary(frame)
        self._layout = pn.Column(
            pn.Row(
                self._title,
                self._spinner,
                sizing_mode="stretch_width",
            ),
            self._summary,
            *self._controls(),
            self._error,
            self._body,
            css_classes=["view-card", f"view-{self.question.replace('_', '-')}"],
            sizing_mode="stretch_width",
            margin=(8, 8),
            styles=CARD_STYLES,
        )
        self.state.param.watch(self._schedule, list(self.watches))

    def view(self, frame: pd.DataFrame, **options):
        """The question's view (``registry.Question.view``) of ``frame``."""
        return registry.get(self.question).view_function(frame, **options)

    @property
    def watches(self) -> tuple[str, ...]:
        """The state parameters that change the view: derived from its question's builder
        and view (``registry.Question.watches``), never listed by hand."""
        return registry.get(self.question).watches

    def __panel__(self) -> pn.viewable.Viewable:
        return self._layout

    @classmethod
    def state_key(cls, state: DashboardState) -> str:
        """The key a card shows once it has drawn ``state`` (see the module docstring)."""
        return drawn_key(state, registry.get(cls.question).watches)

    @property
    def loading(self) -> bool:
        """Whether the view is waiting for new data (its spinner turns)."""
        return self._spinner.styles == SHOWN

    # What to ask -------------------------------------------------------------------------
    def filters(self) -> Filters:
        """The state's filters without this view's own selections."""
        return self.state.filters().without(*self.own)

    def _data(self) -> pd.DataFrame:
        return self.source.ask(self.question, self.filters(), **self._options())

    def _options(self) -> dict[str, str]:
        """Extra arguments of the question (``level`` for places)."""
        return {}

    def _render_key(self) -> tuple:
        """The state, besides the frame, that changes what is drawn (selections, shares)."""
        return ()

    # How to show it (subclasses) --------------------------------------------------------
    def _build(self, frame: pd.DataFrame) -> pn.viewable.Viewable:
        raise NotImplementedError

    def _update(self, frame: pd.DataFrame) -> None:
        raise NotImplementedError

    def _draw_anew(self, frame: pd.DataFrame) -> None:
        """Replace the view with one built from ``frame``, as on a new page (for an update
        the view cannot take in place)."""
        body = self._build(frame)
        if self._placeholder is None:  # else it is laid out by ``show_body``
            self._layout[self._layout.objects.index(self._body)] = body
        self._body = body

    # Laid out after the first paint ------------------------------------------------------
    def body_height(self) -> int:
        """About how tall the view is drawn (its placeholder's height until then)."""
        return 300

    def defer_body(self) -> None:
        """Lay out a placeholder as tall as the view instead of the view, until
        ``show_body``. The view keeps following the state meanwhile (its data, its title
        and summary), so it is drawn current."""
        if self._placeholder is not None:
            return
        self._placeholder = html(
            PLACEHOLDER,
            height=self.body_height(),
            sizing_mode="stretch_width",
            margin=(0, 10),
        )
        self._layout[self._layout.objects.index(self._body)] = self._placeholder

    def show_body(self) -> None:
        """Lay out the view in place of its placeholder (``defer_body``)."""
        if self._placeholder is None:
            return
        self._layout[self._layout.objects.index(self._placeholder)] = self._body
        self._placeholder = None

    def _controls(self) -> list[pn.viewable.Viewable]:
        return []

    def text_options(self) -> dict:
        """The state the card's words are written for: what is counted, the level of
        places, shares, and what is selected in this view (its own filter)."""
        own = self.own
        return {
            "count": self.state.count,
            "shares": self.state.shares,
            "level": self.state.area_level,
            "selected": tuple(getattr(self.state, own[0])) if own else (),
        }

    def _summary_text(self, frame: pd.DataFrame) -> str:
        return summary(self.question, frame, **self.text_options())

    # Keeping up with the state ---------------------------------------------------------
    def heading(self, frame: pd.DataFrame) -> tuple[str, str]:
        """The card's (title, hint) for the state: the view's words, else the class's."""
        return heading(self.question, frame, **self.text_options()) or (self.title, self.hint)

    def _show_summary(self, frame: pd.DataFrame) -> None:
        """The title, hint and summary of ``frame`` with the drawn key (one message)."""
        title, hint = (escape(t) for t in self.heading(frame))
        hint_html = f'<p class="view-hint">{hint}</p>' if hint else ""
        heading_html = f'<h2 class="view-title" data-view="{self.question}">{title}</h2>{hint_html}'
        if self._title.object != heading_html:
            self._title.object = heading_html
        text = escape(self._summary_text(frame))
        self._summary.object = (
            f'<p class="view-summary-text" aria-live="polite" '
            f'data-view="{self.question}" data-state="{self._drawn}">{text}</p>'
        )

    def _schedule(self, *events: param.parameterized.Event) -> None:
        if self._pending:
            return
        self._pending = True
        schedule_refresh(self)

    def refresh(self) -> None:
        """Ask again and update the view in place (skipped when nothing changed)."""
        self._pending = False
        try:
            frame, key, drawn = self._data(), self._render_key(), self.state_key(self.state)
            changed = key != self._key or not frame.equals(self._frame)
            if changed:
                self._frame, self._key = frame, key
                self._update(frame)
            if changed or drawn != self._drawn:  # the key goes out with the data
                self._drawn = drawn
                self._show_summary(self._frame)
            self._error.visible = False
        except DialoguesError as exc:
            log.exception("%s could not be updated", self.question)
            self.show_error(str(exc))
        finally:
            self._spinner.styles = dict(HIDDEN)

    def show_error(self, reason: str) -> None:
        """Say in the card that the view shows stale data, and why."""
        self._error.object = f"<p>This view could not be updated: {escape(reason)}</p>"
        self._error.visible = True

    @property
    def frame(self) -> pd.DataFrame:
        """The frame on screen."""
        return self._frame
