"""Small-cell suppression for tables that leave the room; pure pandas, no IO, no Panel.

A count below ``settings.min_cell_size`` (default 5) can point at a handful of people
("the one academic from country X"), so every table that is published, exported or
handed out shows such counts as ``<5`` instead. Zero is shown as it is: it names nobody.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .config import get_settings


def suppress_small_cells(
    df: pd.DataFrame,
    columns: Iterable[str],
    threshold: int | None = None,
    *,
    linked: Iterable[str] = (),
    marker: str | None = None,
) -> pd.DataFrame:
    """A copy of ``df`` with counts in ``columns`` from 1 to ``threshold - 1`` replaced.

    ``threshold`` defaults to the ``min_cell_size`` setting; ``marker`` to ``"<threshold"``.
    ``linked`` columns (shares, percentages derived from the counts) are blanked in every
    row where a count was suppressed, since they would give the count back. The input is
    never changed. Suppressed columns hold text afterwards: suppress last, after any sums.
    """
    threshold = get_settings().min_cell_size if threshold is None else int(threshold)
    marker = f"<{threshold}" if marker is None else marker
    columns, linked = list(columns), list(linked)
    missing = [c for c in columns + linked if c not in df.columns]
    if missing:
        raise KeyError(f"no such columns to suppress: {missing}; the table has {list(df.columns)}")
    small = df[columns].apply(lambda col: col.gt(0) & col.lt(threshold)).fillna(False)
    out = df.copy()
    for column in columns:
        out[column] = out[column].astype(object).where(~small[column], marker)
    row_hit = small.any(axis=1)
    for column in linked:
        out[column] = out[column].astype(object).where(~row_hit, None)
    return out
