"""The staff upload panel: load exports from the browser, as `dialogues ingest` does.

It calls ``dashboard.ingest.ingest_bytes`` (format detected from the content, one
transaction per file, rejects kept with reasons) and then ``on_loaded``, with which the
app refreshes every view. It lives inside the dashboard, so whatever access control
fronts the dashboard fronts it too; ``DIALOGUES_UPLOADS=false`` hides it.
"""

from __future__ import annotations

from html import escape

import panel as pn
import param

from ..data import DataSource
from ..ingest import ImportSummary, ingest_bytes
from ..ingest.records import KINDS
from .look import html

ACCEPT = ".csv,.tsv,.txt,.xlsx"
DETECT = "detect from content"


class UploadPanel(pn.viewable.Viewer):
    """File input, session, kind, a Load button and what happened to each file."""

    source = param.ClassSelector(class_=DataSource, allow_refs=False)
    on_loaded = param.Callable(default=None, doc="Called after a load that changed the store.")

    def __init__(self, **params):
        super().__init__(**params)
        sessions = {label: value for value, label in self.source.options()["sessions"]}
        self.files = pn.widgets.FileInput(
            multiple=True, accept=ACCEPT, label="Export files", sizing_mode="stretch_width"
        )
        self.session = pn.widgets.Select(
            label="Session", options=sessions, sizing_mode="stretch_width"
        )
        self.kind = pn.widgets.Select(
            label="Kind", options=[DETECT, *KINDS], sizing_mode="stretch_width"
        )
        self.load_button = pn.widgets.Button(
            label="Load", color="primary", css_classes=["upload-load"], disabled=True
        )
        self.result = html("", css_classes=["upload-result"], sizing_mode="stretch_width")
        self.files.param.watch(self._enable, "value")
        self.load_button.on_click(self.load)

    def _enable(self, event: param.parameterized.Event) -> None:
        self.load_button.disabled = not event.new

    def load(self, event: object = None) -> list[ImportSummary]:
        """Load every chosen file for the chosen session; show and return the summaries."""
        contents, names = _as_list(self.files.value), _as_list(self.files.filename)
        kind = None if self.kind.value == DETECT else self.kind.value
        self.load_button.loading = True
        try:
            summaries = [
                ingest_bytes(data, name, self.session.value, kind, db_path=self.source.db_path)
                for data, name in zip(contents, names)
            ]
        finally:
            self.load_button.loading = False
        self.result.object = "".join(_describe(s) for s in summaries)
        if any(s.status == "loaded" for s in summaries) and self.on_loaded:
            self.on_loaded()
        return summaries

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Card(
            html(
                '<p class="filter-help">Registration, attendance or submission exports '
                "(Teams, Zoom, Microsoft Forms, Indico, or the templates in "
                "<code>data/templates/</code>). Each file is loaded whole or not at "
                "all.</p>"
            ),
            self.files,
            self.session,
            self.kind,
            self.load_button,
            self.result,
            title="Load exports",
            collapsed=True,
            sizing_mode="stretch_width",
            css_classes=["upload-panel"],
        )


def _as_list(value: object) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _describe(summary: ImportSummary) -> str:
    tone = {"loaded": "success", "already loaded": "info"}.get(summary.status, "danger")
    lines = escape(summary.describe()).replace("\n", "<br>")
    return (
        f'<div class="alert alert-{tone} upload-{summary.status.replace(" ", "-")}">{lines}</div>'
    )
