"""XLSX: the table behind every slide, one sheet each, and a sheet about the briefing.

Header rows frozen, columns sized to their text, numbers written as numbers, text that a
spreadsheet would run as a formula neutralized (``ingest.safety.neutralize_formula``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..ingest.safety import neutralize_formula
from .model import SAMPLE_LABEL, Briefing

MAX_WIDTH = 60  # characters: long titles wrap in the cell instead
ABOUT = "About"


def _cell(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars as plain Python numbers
        value = value.item()
    return neutralize_formula(value)


def _sheet(workbook: Workbook, title: str, frame: pd.DataFrame) -> None:
    sheet = workbook.create_sheet(title[:31])
    sheet.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for i, column in enumerate(frame.columns, start=1):
        longest = max([len(str(column)), *(len(str(v)) for v in frame[column].dropna())])
        sheet.column_dimensions[get_column_letter(i)].width = min(longest + 2, MAX_WIDTH)


def about(briefing: Briefing) -> pd.DataFrame:
    """What the workbook shows: filters, data date, link, suppression, sample, sources."""
    rows = [
        ("Briefing", briefing.title),
        ("Filters", briefing.filter_text),
        ("Data as of", briefing.data_date),
        ("Dashboard link (query)", f"?{briefing.link}" if briefing.link else "(whole series)"),
        ("Small counts", briefing.suppression_note),
    ]
    if briefing.illustrative:
        rows.append(("Sample", f"{SAMPLE_LABEL}: {', '.join(briefing.illustrative)}"))
    rows += [("Source", source) for source in briefing.sources]
    return pd.DataFrame(rows, columns=["Item", "Value"])


def write_xlsx(briefing: Briefing, path: Path) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, ABOUT, about(briefing))
    for slide in briefing.slides:
        _sheet(workbook, slide.heading, slide.table)
    workbook.save(path)
    return path
