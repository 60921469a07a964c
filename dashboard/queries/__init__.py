"""Pure query builders: ``Filters`` in, ``Query(sql, params)`` out. No connection, no Panel."""

from .filters import COUNT_BASES, MODES, ROLES, Filters
from .options import OPTION_QUERIES
from .sql import AREA_COLUMNS, Query

__all__ = [
    "AREA_COLUMNS",
    "COUNT_BASES",
    "MODES",
    "OPTION_QUERIES",
    "ROLES",
    "Filters",
    "Query",
]
