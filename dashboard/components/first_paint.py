"""``after_first_paint``: on a served page, the charts below the first screen are drawn
once the browser has drawn the rest.

A served page is built whole before the server answers, and the browser builds every
view before it draws any: the charts below the first screen delayed the first one by
about a second. Their cards (title, summary, controls) are sent at once, each with a
placeholder as tall as its chart; the charts themselves follow on Panel's ``onload``
(the browser reports its document ready), in one message. Each keeps following the
state meanwhile, so it is drawn current. Only a card's body changes place, as when a
chart is drawn anew: the page's layout is the same once drawn. Which views wait is
their class's ``waits_for_first_paint`` (tables do not). Outside a server (notebooks,
tests) everything is there at once.
"""

from __future__ import annotations

from collections.abc import Iterable

import panel as pn

from .base import ViewComponent


def after_first_paint(components: Iterable[ViewComponent]) -> None:
    """Served: ``components`` show placeholders until the browser has drawn the page.
    Elsewhere: nothing changes."""
    doc = pn.state.curdoc
    if doc is None or doc.session_context is None:
        return
    waiting = list(components)
    for component in waiting:
        component.defer_body()

    def show() -> None:
        # One message, so that the browser lays the page out once; the document's index of
        # models rebuilt once, not after each view (as in ``dashboard.app.publish``).
        with pn.io.hold(doc), doc.models.freeze():
            for component in waiting:
                component.show_body()

    pn.state.onload(show)
