"""Small values for the views that are not charts: headline figures and tables.

They carry only display data (formatted frames, texts); the components put them into
Panel widgets, notebooks can read them directly (``spec.frame``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Figure:
    """One headline number: a count, or a share in 0..1 (``None`` when undefined)."""

    key: str
    label: str
    value: float | None
    kind: str = "count"  # 'count' or 'share'
    note: str = ""

    @property
    def text(self) -> str:
        if self.value is None or pd.isna(self.value):
            return "–"
        return f"{self.value:.0%}" if self.kind == "share" else f"{self.value:,.0f}"


@dataclass(frozen=True)
class Headline:
    figures: tuple[Figure, ...]

    def __getitem__(self, key: str) -> Figure:
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(key)

    def keys(self) -> list[str]:
        return [f.key for f in self.figures]


@dataclass(frozen=True)
class TableSpec:
    """A table to show: the rows as displayed, and how to show some columns.

    ``html_columns`` hold escaped HTML (links); ``widths`` per column (pixels or "10%",
    the others share the rest); ``hidden_columns`` are kept in the rows (and downloads)
    but not shown.
    """

    frame: pd.DataFrame
    html_columns: tuple[str, ...] = ()
    widths: dict[str, int | str] = field(default_factory=dict)
    hidden_columns: tuple[str, ...] = ()
