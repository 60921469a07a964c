"""The staff upload panel: load exports from the browser, as `dialogues ingest` does.

The load runs `dialogues ingest --json` in a child process at a lower CPU priority,
started from a worker thread: the server's event loop stays free and keeps the CPU it
needs, so other users' pages keep loading during a long upload, and a file that exhausts
memory can only take the child down. The child
writes a new store version like any other writer; its summaries (or its refusal) are
shown with the very words the command prints, and then ``on_loaded`` lets the app
refresh every view. The browser refuses a file over ``max_upload_mb`` before sending it
(FilePond's size check), and sends the rest in 1 MB chunks, far below the server's
websocket message limit. Below, the loaded imports, each of which can be removed
(``imports.ImportsList``). Whatever access control fronts the dashboard fronts this
panel; ``DIALOGUES_UPLOADS=false`` hides it.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from pathlib import Path

import panel as pn
import param

from ..config import get_settings
from ..data import DataSource
from ..ingest import ImportSummary
from ..ingest.records import KINDS
from ..store.connection import notice_new_version
from .commands import run_command
from .imports import ImportsList
from .look import html, message_box

ACCEPT = [".csv", ".tsv", ".txt", ".xlsx"]
DETECT = "detect from content"
CHUNK_BYTES = 1_000_000


class UploadPanel(pn.viewable.Viewer):
    """File dropper, session, kind, a Load button and what happened to each file."""

    source = param.ClassSelector(class_=DataSource, allow_refs=False)
    on_loaded = param.Callable(default=None, doc="Called after a load that changed the store.")

    def __init__(self, **params):
        super().__init__(**params)
        limit = f"{get_settings().max_upload_mb}MB"
        sessions = {label: value for value, label in self.source.options()["sessions"]}
        self.files = pn.widgets.FileDropper(
            multiple=True,
            accepted_filetypes=ACCEPT,
            max_file_size=limit,
            max_total_file_size=limit,
            chunk_size=CHUNK_BYTES,
            sizing_mode="stretch_width",
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
        self.imports = ImportsList(source=self.source, on_removed=self._refresh_views)
        self.files.param.watch(self._enable, "value")
        self.load_button.on_click(self._clicked)
        self._closed = False
        if pn.state.curdoc is not None and pn.state.curdoc.session_context is not None:
            pn.state.on_session_destroyed(self._session_closed)

    def _session_closed(self, session_context: object) -> None:
        """The page was closed: a load still running has nobody to show its result to."""
        self._closed = True

    def _enable(self, event: param.parameterized.Event) -> None:
        self.load_button.disabled = not event.new

    def _request(self) -> tuple[dict[str, bytes], str, str | None]:
        files = {name: _as_bytes(data) for name, data in (self.files.value or {}).items()}
        kind = None if self.kind.value == DETECT else self.kind.value
        return files, self.session.value, kind

    def load(self, event: object = None) -> list[ImportSummary] | str:
        """Load the chosen files in the calling thread (notebooks, tests); show the result."""
        return self._show(run_ingest(*self._request(), db_path=self.source.db_path))

    async def _clicked(self, event: object) -> None:
        """The button: the load runs in a worker thread; the result is shown back here,
        on the document's event loop, once it is done."""
        request = self._request()
        self.load_button.param.update(loading=True, disabled=True)
        try:
            outcome = await asyncio.to_thread(run_ingest, *request, db_path=self.source.db_path)
            listing = await asyncio.to_thread(self.imports.read)  # off the loop, too
        finally:
            self.load_button.param.update(loading=False, disabled=not self.files.value)
        if self._closed:
            # The load is in the store; the page, and the served script's globals the app's
            # refresh needs (Bokeh clears them with the session), are gone.
            if not isinstance(outcome, str) and any(s.status == "loaded" for s in outcome):
                notice_new_version(self.source.db_path)
            return
        self._show(outcome, listing)

    def _show(self, outcome: list[ImportSummary] | str, listing=None) -> list[ImportSummary] | str:
        if isinstance(outcome, str):  # the whole load was refused (key, store, lock)
            self.result.object = message_box("danger", "upload-refused", outcome)
            return outcome
        self.result.object = "".join(_describe(s) for s in outcome)
        if any(s.status == "loaded" for s in outcome):
            notice_new_version(self.source.db_path)
            self.imports.refresh(listing)
            self._refresh_views()
        return outcome

    def _refresh_views(self) -> None:
        """The store has a new version (a load, a removal): every view follows it."""
        if self.on_loaded:
            self.on_loaded()

    def contents(self) -> list:
        """What the card holds: the help line, the widgets, the result, the imports."""
        return [
            html(
                '<p class="filter-help">Registration, attendance or submission exports '
                "(Teams, Zoom, Microsoft Forms, Indico, or the templates in "
                "<code>data/templates/</code>), up to "
                f"{get_settings().max_upload_mb} MB. Each file is loaded whole or not at "
                "all.</p>"
            ),
            self.files,
            self.session,
            self.kind,
            self.load_button,
            self.result,
            self.imports,
        ]

    def __panel__(self) -> pn.viewable.Viewable:
        # Filled when first opened: the file dropper (FilePond) runs an animation-frame
        # loop from the moment it is on the page, closed card or not, which kept about 8%
        # of a core busy on an idle page.
        card = pn.Card(
            title="Load exports",
            collapsed=True,
            sizing_mode="stretch_width",
            css_classes=["upload-panel"],
        )

        def fill(event: param.parameterized.Event) -> None:
            if not event.new and not card.objects:
                card.objects = self.contents()

        card.param.watch(fill, "collapsed")
        return card


def run_ingest(
    files: dict[str, bytes], session_id: str, kind: str | None, *, db_path: Path
) -> list[ImportSummary] | str:
    """`dialogues ingest --json` on the files in a child process: the summaries, or the
    message the command gave when it refused the whole load."""
    with tempfile.TemporaryDirectory(prefix="dialogues-upload-") as folder:  # owner-only
        paths = []
        for i, (name, data) in enumerate(files.items()):
            path = Path(folder) / str(i) / _safe_name(name)
            path.parent.mkdir()
            path.write_bytes(data)
            paths.append(str(path))
        command = ["ingest", *paths, "--json", "--session", session_id, "--db", str(db_path)]
        command += ["--kind", kind] if kind else []
        status, stdout, stderr = run_command(command)
    if status is None:
        return stderr
    if stdout.strip():  # one summary per file, in order, named as uploaded
        summaries = [ImportSummary(**summary) for summary in json.loads(stdout)]
        for summary, name in zip(summaries, files):
            summary.file = name
        return summaries
    lines = stderr.strip().splitlines()
    return lines[-1] if lines else f"the load stopped (exit status {status})"


def _safe_name(name: str) -> str:
    """The upload's own file name, without any folder a browser may have sent."""
    return Path(name.replace("\\", "/")).name.strip(". ") or "upload"


def _as_bytes(data: bytes | str) -> bytes:
    # FileDropper hands text files that decode as UTF-8 over as str: encoding them again
    # gives back the very bytes sent (content hash included).
    return data.encode("utf-8") if isinstance(data, str) else data


def _describe(summary: ImportSummary) -> str:
    tone = {"loaded": "success", "already loaded": "info"}.get(summary.status, "danger")
    return message_box(tone, f"upload-{summary.status.replace(' ', '-')}", summary.describe())
