"""The rows of a table as CSV or XLSX bytes, safe to open in a spreadsheet.

Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``...) is
prefixed with a single quote on the way out (``neutralize_formula``); the stored data
is never changed.
"""

from __future__ import annotations

import io

import pandas as pd

from ..ingest.safety import neutralize_formula

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralized(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells cannot be read as formulas."""
    out = df.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutralize_formula).astype(object)
    return out


def csv_bytes(df: pd.DataFrame) -> io.BytesIO:
    """UTF-8 with a byte-order mark, so Excel shows accents right."""
    buffer = io.BytesIO(neutralized(df).to_csv(index=False).encode("utf-8-sig"))
    buffer.seek(0)
    return buffer


def xlsx_bytes(df: pd.DataFrame, sheet: str = "contributions") -> io.BytesIO:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralized(df).to_excel(writer, sheet_name=sheet[:31], index=False)
    buffer.seek(0)
    return buffer
