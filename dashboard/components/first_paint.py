"""``after_first_paint``: the part of a served page below the first screen, sent once the
browser has drawn the rest.

A served page is built whole before the server answers, and the browser builds every
view before it draws any: the views below the first screen delayed the first one by
about 1.5 s. Sent after the first paint (Panel's ``onload``: the browser reports its
document ready), they are built while the first screen is already readable. They are
built from the state as it is then, so they are never stale. Outside a server
(notebooks, tests) everything is there at once.
"""

from __future__ import annotations

import panel as pn

from .look import html

LOADING = '<p class="below-loading" role="status">Loading the other views…</p>'


def after_first_paint(objects: list, **options) -> pn.Column:
    """A column holding ``objects``: at once outside a server, else once the browser has
    drawn the page (a line says they are on their way until then). ``options`` are the
    column's (CSS classes, stylesheets)."""
    options = {"sizing_mode": "stretch_width", **options}
    doc = pn.state.curdoc
    if doc is None or doc.session_context is None:
        return pn.Column(*objects, **options)
    column = pn.Column(html(LOADING, margin=(8, 18)), **options)

    def fill() -> None:
        column.objects = list(objects)

    pn.state.onload(fill)
    return column
