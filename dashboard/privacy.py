"""Small-cell suppression for tables that leave the room; pure pandas, no IO, no Panel.

A count below ``settings.min_cell_size`` (default 5) can point at a handful of people
("the one academic from country X"), so every table that is published, exported or
handed out shows such counts as ``<5`` instead. Zero is shown as it is: it names nobody.
Where sums of a table are public too (row and column totals, "registered = attended +
absent"), ``cells_to_suppress`` also hides complementary cells so that no hidden count
can be worked out by subtraction.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

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


Cell = tuple[Hashable, Hashable]


def rows_and_columns(values: pd.DataFrame) -> list[list[Cell]]:
    """Each row and each column of a table: the sums a reader can take or is shown."""
    rows = [[(r, c) for c in values.columns] for r in values.index]
    columns = [[(r, c) for r in values.index] for c in values.columns]
    return rows + columns


def cells_to_suppress(
    values: pd.DataFrame,
    threshold: int | None = None,
    groups: Iterable[Iterable[Cell]] | None = None,
) -> pd.DataFrame:
    """Which cells of a table of counts to hide: small ones, and their complements.

    Primary: counts from 1 to ``threshold - 1``. Secondary: each group is a set of cells
    tied by one sum a reader knows (a row and its total, a column, "registered = attended
    + absent"); a group with exactly one hidden cell would give it back, so the smallest
    non-zero visible cell of that group is hidden too, until no group has one alone.
    ``groups`` default to every row and every column (their sums are public).
    """
    threshold = get_settings().min_cell_size if threshold is None else int(threshold)
    # A missing count (NaN) compares false: it is never hidden, nor taken as a complement.
    hidden = values.gt(0) & values.lt(threshold)
    groups = [list(g) for g in (rows_and_columns(values) if groups is None else groups)]
    changed = True
    while changed:
        changed = False
        for group in groups:
            if sum(bool(hidden.at[cell]) for cell in group) != 1:
                continue
            visible = [cell for cell in group if not hidden.at[cell] and values.at[cell] > 0]
            if visible:  # none: the group's sum is the hidden count, itself small
                hidden.at[min(visible, key=lambda cell: values.at[cell])] = True
                changed = True
    return hidden


def mask_cells(
    values: pd.DataFrame, hidden: pd.DataFrame, threshold: int | None = None
) -> pd.DataFrame:
    """``values`` as objects with every hidden cell replaced by the ``<threshold`` marker."""
    threshold = get_settings().min_cell_size if threshold is None else int(threshold)
    return values.astype(object).mask(hidden, f"<{threshold}")
