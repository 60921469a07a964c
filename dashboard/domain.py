"""The closed vocabularies of the data, each defined once and read from where it is kept.

Roles, modes and kinds of contribution are the values the store's CHECK constraints
allow (``store/schema.sql``): the schema is their one definition, and the filters, the
ingest validation and the charts' legends take them from here. The sector taxonomy, in
its sort order, is the reference table the store's ``sectors`` table is built from
(``data/reference/sectors.csv``).
"""

from __future__ import annotations

import csv
import re
from functools import cache

from .config import PACKAGE_DIR, get_settings

SCHEMA = (PACKAGE_DIR / "store" / "schema.sql").read_text(encoding="utf-8")


def allowed_values(column: str, schema: str = SCHEMA) -> tuple[str, ...]:
    """The values a CHECK constraint of the schema allows for ``column``, in its order."""
    match = re.search(rf"CHECK \((?:[^()]*\bOR )?{column} IN \(([^)]*)\)\)", schema)
    if match is None:
        raise LookupError(f"schema.sql has no CHECK ({column} IN (...))")
    return tuple(re.findall(r"'([^']*)'", match.group(1)))


ROLES = allowed_values("role")
MODES = allowed_values("mode")
KINDS = allowed_values("kind")


@cache
def sectors() -> tuple[str, ...]:
    """The sector taxonomy in its sort order, from the reference table of the data folder."""
    path = get_settings().data_dir / "reference" / "sectors.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: int(row["sort_order"]))
    return tuple(row["sector"] for row in rows)
