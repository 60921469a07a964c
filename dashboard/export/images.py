"""PNG and PDF from the drawn slides (``drawing``).

PNG: each slide at 1920x1080, in a folder or, for a path ending ``.zip``, in one zip
file. PDF: every page landscape, one slide per page, text as TrueType (extractable).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_pdf import PdfPages

from .drawing import DPI, all_figures, chart_figure
from .model import Briefing, Slide

# Type 42 embeds TrueType fonts: the PDF's text stays text (searchable, extractable).
PDF_RC = {"pdf.fonttype": 42}


def png_bytes(briefing: Briefing, slide: Slide) -> bytes:
    buffer = io.BytesIO()
    chart_figure(briefing, slide).savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def png_names(briefing: Briefing) -> list[str]:
    return [f"{i:02d}-{s.key}.png" for i, s in enumerate(briefing.slides, start=1)]


def write_png(briefing: Briefing, path: Path) -> Path:
    """One PNG per chart: into the folder ``path``, or the zip file ``path``."""
    images = zip(png_names(briefing), (png_bytes(briefing, s) for s in briefing.slides))
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in images:
                archive.writestr(name, data)
    else:
        path.mkdir(parents=True, exist_ok=True)
        for name, data in images:
            (path / name).write_bytes(data)
    return path


def write_pdf(briefing: Briefing, path: Path) -> Path:
    with matplotlib.rc_context(PDF_RC), PdfPages(path) as pdf:
        info = pdf.infodict()
        info["Title"] = briefing.title
        for _, figure in all_figures(briefing):
            pdf.savefig(figure)
    return path
