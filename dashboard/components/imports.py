"""The loaded imports, in the staff's upload panel: the list, and removing one.

The list is ``store.imports.list_imports``, the same as `dialogues imports`. Removing one
asks for confirmation first, then runs `dialogues imports remove ID` in a child process
(``commands.run_command``) from a worker thread, and shows the command's own words.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pandas as pd
import panel as pn
import param

from ..data import DataSource
from ..errors import DialoguesError
from ..markup import escape
from ..store.connection import notice_new_version
from ..store.imports import list_imports
from .commands import run_command
from .look import html, message_box

HEADERS = ("Id", "File", "Format", "Session", "Loaded at", "Rows loaded", "Rejected")


class ImportsList(pn.viewable.Viewer):
    """The table of loaded imports, a choice of one, and Remove with a confirmation."""

    source = param.ClassSelector(class_=DataSource, allow_refs=False)
    on_removed = param.Callable(default=None, doc="Called after an import was removed.")

    def __init__(self, **params):
        super().__init__(**params)
        self.table = html("", css_classes=["imports-list"], sizing_mode="stretch_width")
        self.choice = pn.widgets.Select(label="Import", sizing_mode="stretch_width")
        self.remove_button = pn.widgets.Button(label="Remove...", css_classes=["imports-remove"])
        self.confirm_button = pn.widgets.Button(
            label="Yes, remove it", color="danger", css_classes=["imports-confirm"]
        )
        self.cancel_button = pn.widgets.Button(label="Cancel", css_classes=["imports-cancel"])
        self.message = html("", css_classes=["imports-message"], sizing_mode="stretch_width")
        self.remove_button.on_click(self.ask)
        self.confirm_button.on_click(self._confirmed)
        self.cancel_button.on_click(self.cancel)
        self.refresh()

    def read(self) -> pd.DataFrame | str:
        """The list from the store, or why it cannot be read (for a worker thread: it
        opens the store)."""
        try:
            return list_imports(self.source.db_path)
        except DialoguesError as exc:
            return str(exc)

    def refresh(self, listing: pd.DataFrame | str | None = None) -> None:
        """Show the list (``read()`` now unless given) and drop any pending question."""
        self.cancel()
        frame = self.read() if listing is None else listing
        if isinstance(frame, str):
            self.message.object = message_box("danger", "imports-error", frame)
            frame = pd.DataFrame(columns=["import_id", "file_name", "session_id"])
        self.table.object = _table(frame)
        options = {
            f"{r.import_id}: {r.file_name} ({r.session_id})": int(r.import_id)
            for r in frame.itertuples()
        }
        kept = self.choice.value if self.choice.value in options.values() else None
        self.choice.param.update(options=options, value=kept or next(iter(options.values()), None))
        self.remove_button.disabled = frame.empty

    def ask(self, event: object = None) -> None:
        """The first click: say what removing the chosen import does, and ask."""
        label = next(k for k, v in self.choice.options.items() if v == self.choice.value)
        self.message.object = message_box(
            "warning",
            "imports-question",
            f"Remove import {label}? Its rows leave the store; the session shows its "
            "illustrative sample again if no other import is left for it.",
        )
        self._asking(True)

    def cancel(self, event: object = None) -> None:
        self._asking(False)
        self.message.object = ""

    def _asking(self, asking: bool) -> None:
        self.confirm_button.visible = self.cancel_button.visible = asking
        self.remove_button.visible = not asking
        self.choice.disabled = asking  # the question is about this import: it stays chosen

    def remove(self, event: object = None) -> tuple[bool, str]:
        """Remove the chosen import in the calling thread (notebooks, tests)."""
        return self._show(run_remove(self.choice.value, self.source.db_path))

    async def _confirmed(self, event: object) -> None:
        import_id = self.choice.value
        self.confirm_button.param.update(loading=True, disabled=True)
        try:
            outcome = await asyncio.to_thread(run_remove, import_id, self.source.db_path)
            listing = await asyncio.to_thread(self.read)  # the loop keeps serving pages
        finally:
            self.confirm_button.param.update(loading=False, disabled=False)
        self._show(outcome, listing)

    def _show(self, outcome: tuple[bool, str], listing=None) -> tuple[bool, str]:
        removed, text = outcome
        if removed:
            notice_new_version(self.source.db_path)
            self.refresh(listing)
            if self.on_removed:
                self.on_removed()
        else:
            self._asking(False)
        tone, css = ("success", "imports-removed") if removed else ("danger", "imports-refused")
        self.message.object = message_box(tone, css, text)
        return outcome

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            html("<h6>Loaded imports</h6>"),
            self.table,
            self.choice,
            pn.Row(self.remove_button, self.confirm_button, self.cancel_button),
            self.message,
            sizing_mode="stretch_width",
            css_classes=["imports-panel"],
        )


def run_remove(import_id: int, db_path: Path) -> tuple[bool, str]:
    """`dialogues imports remove ID` in a child process: (removed?, its words)."""
    status, stdout, stderr = run_command(
        ["imports", "remove", str(import_id), "--db", str(db_path)]
    )
    if status == 0:
        return True, stdout.strip()
    lines = stderr.strip().splitlines()
    return False, lines[-1] if lines else f"the removal stopped (exit status {status})"


def _table(frame: pd.DataFrame) -> str:
    """The imports as an HTML table; every value from the store escaped."""
    if frame.empty:
        return '<p class="filter-help">No exports loaded: every session shows its sample.</p>'
    rows = frame.assign(imported_at=frame["imported_at"].dt.strftime("%Y-%m-%d %H:%M"))[
        ["import_id", "file_name", "format", "session_id", "imported_at", "loaded", "rejected"]
    ]
    head = "".join(f"<th>{h}</th>" for h in HEADERS)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>"
        for row in rows.itertuples(index=False)
    )
    return f'<table class="imports-table"><tr>{head}</tr>{body}</table>'
