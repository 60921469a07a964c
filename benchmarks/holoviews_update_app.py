"""The dashboard as it was before charts were updated in Bokeh: HoloViews redraws them.

For ``benchmarks/browser_update.py`` and ``benchmarks/load_sessions.py`` only: the same
page, except that a chart, on a change, sends its new frame down its ``Pipe`` and
HoloViews updates the Bokeh figure (``update_frame``), instead of the chart setting its
sources and ranges itself. Serve it with ``panel serve benchmarks/holoviews_update_app.py``.
"""

from __future__ import annotations

import pandas as pd
import panel as pn

from dashboard.app import publish, serve_page
from dashboard.components.charts import ChartComponent


def send(self, frame: pd.DataFrame) -> None:
    self._pipe.send(frame)


ChartComponent._update = send

if pn.state.served or __name__.startswith("bokeh"):
    publish(serve_page(), "Constructive Dialogues (HoloViews redraws the charts)")
