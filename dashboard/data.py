"""Runs the query layer's questions on the store and returns DataFrames; no Panel.

One read-only connection per process (``store.shared_connection``), a fresh cursor per
query, and a TTL and LRU cache (cachetools) keyed by the store's generation and the
immutable ``Filters``: the same filter state asked twice (by two views, or two browser
sessions) is answered once, and a write to the store is seen at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from pathlib import Path

import duckdb
import pandas as pd
from cachetools import TTLCache

from . import queries, registry
from .config import get_settings
from .errors import QueryError
from .queries import Filters, Query
from .store import connection as store_connection
from .store import rollups


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
            return cursor.execute(query.sql, query.params).df()
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
        """Answer a named question (see ``dashboard.registry``), cached by its inputs."""
        filters = filters or Filters()
        key = (
            store_connection.generation(self.db_path),
            question,
            filters,
            tuple(sorted(options.items())),
        )
        return self._cache.get_or_compute(
            key, lambda: self.run(self.query(question, filters, **options))
        )

    def options(self) -> dict[str, list[tuple[str, str]]]:
        """(value, label) choices for every filter, from what the store holds."""
        return {
            name: list(
                self._cache.get_or_compute(  # a 2-tuple key: never a question's 4-tuple
                    (store_connection.generation(self.db_path), name),
                    lambda q=query: self.run(q),
                ).itertuples(index=False, name=None)
            )
            for name, query in queries.OPTION_QUERIES.items()
        }

    def clear_cache(self) -> None:
        self._cache.clear()
