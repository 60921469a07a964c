"""The embedded DuckDB store: schema, migrations, connections and the built-in dataset."""

from .connection import close_shared, connect, open_store, resolve_store, shared_connection
from .migrate import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "close_shared",
    "connect",
    "open_store",
    "resolve_store",
    "shared_connection",
]
