"""The dashboard as it would be if it rebuilt its components on every change.

For ``benchmarks/browser_update.py`` only: the same page, state, queries and views as
``dashboard/app.py``, except that each view, on a change, builds a new chart pane (new
DynamicMap, new Bokeh figure), a new table or new headline cards and swaps it into its
card, instead of sending the new data to the existing ones. Serve it with
``panel serve benchmarks/rebuild_app.py``; the patch stays inside this process.
"""

from __future__ import annotations

import pandas as pd
import panel as pn

from dashboard import registry
from dashboard.app import publish, serve_page


def rebuild(self, frame: pd.DataFrame) -> None:
    """Build the view anew from ``frame`` and put it where the old one was."""
    body = self._build(frame)
    index = self._layout.objects.index(self._body)
    self._layout[index] = body
    self._body = body


for question in registry.on_page():
    if question.place != "banner":  # a banner, not a view: same in both apps
        question.component_class._update = rebuild

if pn.state.served or __name__.startswith("bokeh"):
    publish(serve_page(), "Constructive Dialogues (rebuilding components)")
