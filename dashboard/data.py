"""Runs the query layer's questions on the store and returns DataFrames; no Panel.

One read-only connection per process (``store.shared_connection``), a fresh cursor per
query, and a TTL and LRU cache (cachetools) keyed by the store's generation and the
query (its SQL and values): the same query asked twice (by two views, two browser
sessions, or two filter states that differ only where the question does not look) is
answered once, and a write to the store is seen at once. Results come through Arrow.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable, Hashable
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
from cachetools import TTLCache

from . import queries, registry
from .config import get_settings
from .errors import QueryError
from .queries import Filters, Query
from .store import connection as store_connection
from .store import rollups

# DuckDB warns that Arrow output from an executed statement copies the result; for the
# dashboard's results that copy is cheaper than the relation API it suggests (measured:
# 50 ms against 57 for the ten questions on the built-in store, the same at scale).
warnings.filterwarnings(
    "ignore", message="Arrow output on a DB-API result", category=UserWarning, module=__name__
)


def frame_from_arrow(table: pa.Table) -> pd.DataFrame:
    """A query's Arrow result as the frame DuckDB's ``.df()`` gives, only faster.

    Text columns stay Arrow-backed strings instead of passing through one Python
    object per value (at 4,000 sessions the questions' answers took 270 ms with
    ``.df()``, 185 ms this way); dates and decimals get the types ``.df()`` gives.
    """
    # One thread: pyarrow's pool costs more than it saves on answers of this size
    # (0.13 ms against 0.27 for one row; 1.5 ms against 1.7 for 44,000 rows).
    schema = pa.schema([_as_df_gives(f) for f in table.schema])
    return table.cast(schema).to_pandas(use_threads=False)


def _as_df_gives(field: pa.Field) -> pa.Field:
    """The Arrow type whose pandas column is the one ``.df()`` gives for ``field``."""
    if pa.types.is_date(field.type):
        return field.with_type(pa.timestamp("us"))
    if pa.types.is_decimal(field.type):  # sums of integers (HUGEINT) and DECIMAL: floats
        return field.with_type(pa.float64())
    return field


class _FrameCache:
    """Query results per key, least recently used dropped first, each kept ``ttl`` seconds.

    A ``cachetools.TTLCache`` behind a lock (it is not thread-safe). Callers get a copy
    of the cached frame, so editing an answer never changes the next one.
    """

    def __init__(self, size: int, ttl: float, timer: Callable[[], float] | None = None):
        self.enabled = size > 0 and ttl > 0
        extra = {"timer": timer} if timer is not None else {}
        self._items: TTLCache = TTLCache(size, ttl, **extra)
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        if not self.enabled:
            return compute()
        with self._lock:
            frame = self._items.get(key)
        if frame is None:  # computed outside the lock: other keys are not held up
            frame = compute()
            with self._lock:
                self._items[key] = frame
        return frame.copy()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


@registry.add_methods
class DataSource:
    """The dashboard's questions as methods: ``source.attendance_by_sector(filters)``.

    One method per question of ``dashboard.registry``; each returns a frame of its own.
    ``timer`` is the cache's clock (``time.monotonic``; tests pass a fake one).
    """

    def __init__(self, db_path: str | Path | None = None, timer: Callable[[], float] | None = None):
        settings = get_settings()
        self.db_path = store_connection.resolve_store(db_path)
        self._cache = _FrameCache(settings.cache_size, settings.cache_ttl_seconds, timer)
        self._rollups: tuple[Hashable, bool] | None = None  # (generation, current?)

    @classmethod
    def open(cls, db_path: str | Path | None = None) -> DataSource:
        return cls(db_path)

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The process's read-only connection (reopened after a writer closed it)."""
        return store_connection.shared_connection(self.db_path)

    def run(self, query: Query) -> pd.DataFrame:
        """Run one query on its own cursor."""
        cursor = self.connection.cursor()
        try:
            return frame_from_arrow(cursor.execute(query.sql, query.params).to_arrow_table())
        except duckdb.Error as exc:
            raise QueryError(f"query failed on {self.db_path}: {exc}") from exc
        finally:
            cursor.close()

    def sql(self, text: str, params: list | None = None) -> pd.DataFrame:
        """Free SQL for analysts, read-only, with ``?`` parameters."""
        return self.run(Query(text, list(params or [])))

    def rollups_current(self) -> bool:
        """Whether the store's rollups match it (checked once per store version)."""
        generation = store_connection.generation(self.db_path)
        held = self._rollups
        if held is None or held[0] != generation:
            cursor = self.connection.cursor()
            try:
                held = (generation, rollups.ready(cursor))
            finally:
                cursor.close()
            self._rollups = held
        return held[1]

    def query(self, question: str, filters: Filters | None = None, **options: str) -> Query:
        """The query that answers a named question: over the rollups when they are current."""
        try:
            declared = registry.get(question)
        except LookupError as exc:
            raise QueryError(str(exc)) from None
        use_fast = declared.fast is not None and self.rollups_current()
        build = declared.fast if use_fast else declared.build
        return build(filters or Filters(), **options)

    def ask(self, question: str, filters: Filters | None = None, **options: str) -> pd.DataFrame:
        """Answer a named question (see ``dashboard.registry``), cached by its query."""
        return self._cached(self.query(question, filters, **options))

    def options(self) -> dict[str, list[tuple[str, str]]]:
        """(value, label) choices for every filter, from what the store holds."""
        return {
            name: list(self._cached(query).itertuples(index=False, name=None))
            for name, query in queries.OPTION_QUERIES.items()
        }

    def _cached(self, query: Query) -> pd.DataFrame:
        """``run(query)``, once per store version: keyed by the SQL and its values, not
        by the filters, so a filter a question does not read (a sector, for the
        published figures) reuses its answer."""
        key = (store_connection.generation(self.db_path), query.sql, tuple(query.params))
        return self._cache.get_or_compute(key, lambda: self.run(query))

    def clear_cache(self) -> None:
        self._cache.clear()
