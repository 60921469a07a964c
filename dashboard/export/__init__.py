"""The briefing pack: the dashboard's current state as files for a briefing room.

    from dashboard.export import export
    export(d, "pptx", "briefing.pptx")   # d: a dashboard.Dialogues (its state, its store)

One code path for the command (``dialogues export``), notebooks (``d.export``) and the
dashboard's "Download briefing" button: ``build_briefing`` asks the questions and
suppresses small counts (``content``), then one writer per format draws it. No Panel.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import DialoguesError
from .model import Briefing, Chart, Slide

# format -> (module, writer, file suffix, what it holds); writers load on first use.
FORMATS = {
    "pptx": ("powerpoint", "write_pptx", ".pptx", "slides with native charts and notes"),
    "html": ("webpage", "write_html", ".html", "one offline page, interactive charts"),
    "pdf": ("images", "write_pdf", ".pdf", "the slides, one landscape page each"),
    "png": ("images", "write_png", ".zip", "each chart at 1920 px (a folder, or a .zip)"),
    "xlsx": ("xlsx", "write_xlsx", ".xlsx", "the table behind every chart, a sheet each"),
}


class ExportError(DialoguesError):
    """A briefing could not be written (unknown format, unwritable path)."""


def writer(format: str):
    """The function that writes ``format``: ``(briefing, path) -> path``."""
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}; formats: {', '.join(FORMATS)}")
    module, name, _, _ = FORMATS[format]
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def write(briefing: Briefing, format: str, path: str | Path) -> Path:
    """Write a built briefing as ``format`` to ``path``; its folder must exist."""
    write_format = writer(format)
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist")
    try:
        return write_format(briefing, path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the {format} briefing ({exc})") from exc


def build_briefing(d) -> Briefing:
    """The briefing of ``d``'s view: every slide's finding, chart and public table."""
    from .content import build_briefing as build  # the views bring HoloViews: load on use

    return build(d)


def export(d, format: str, path: str | Path) -> Path:
    """The briefing of ``d`` (a ``dashboard.Dialogues``) written as ``format`` to ``path``."""
    writer(format)  # an unknown format fails before any question is asked
    return write(build_briefing(d), format, path)


__all__ = ["FORMATS", "Briefing", "Chart", "ExportError", "Slide", "build_briefing", "export"]
