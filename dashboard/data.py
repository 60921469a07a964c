"""Runs the query layer's questions on the store and returns DataFrames; no Panel.

One read-only connection per process (``store.shared_connection``), a fresh cursor per
query, and a small TTL cache keyed by the immutable ``Filters``: the same filter state
asked twice (by two views, or two browser sessions) is answered once.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path

import duckdb
import pandas as pd

from . import queries
from .config import get_settings
from .errors import QueryError
from .queries import Filters, Query
from .store import connection as store_connection


class _TTLCache:
    """A thread-safe LRU with a time-to-live: results per (question, filters)."""

    def __init__(self, size: int, ttl: float):
        self.size, self.ttl = size, ttl
        self._items: OrderedDict[Hashable, tuple[float, pd.DataFrame]] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        if self.ttl <= 0:
            return compute()
        now = time.monotonic()
        with self._lock:
            hit = self._items.get(key)
            if hit and now - hit[0] < self.ttl:
                self._items.move_to_end(key)
                return hit[1]
        frame = compute()
        with self._lock:
            self._items[key] = (now, frame)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return frame

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class DataSource:
    """The dashboard's questions as methods: ``source.attendance_by_sector(filters)``.

    Returned frames are shared with the cache: treat them as read-only (copy to edit).
    """

    def __init__(self, db_path: str | Path | None = None):
        settings = get_settings()
        self.db_path = store_connection.resolve_store(db_path)
        self._cache = _TTLCache(settings.cache_size, settings.cache_ttl_seconds)

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

    def ask(self, question: str, filters: Filters | None = None, **options: str) -> pd.DataFrame:
        """Answer a named question (see ``queries.QUESTIONS``), cached by its inputs."""
        builder = queries.QUESTIONS.get(question)
        if builder is None:
            raise QueryError(f"unknown question {question!r}; known: {sorted(queries.QUESTIONS)}")
        filters = filters or Filters()
        key = (
            store_connection.generation(self.db_path),
            question,
            filters,
            tuple(sorted(options.items())),
        )
        return self._cache.get_or_compute(key, lambda: self.run(builder(filters, **options)))

    def options(self) -> dict[str, list[tuple[str, str]]]:
        """(value, label) choices for every filter, from what the store holds."""
        return {
            name: list(
                self._cache.get_or_compute(
                    (store_connection.generation(self.db_path), "options", name),
                    lambda q=query: self.run(q),
                ).itertuples(index=False, name=None)
            )
            for name, query in queries.OPTION_QUERIES.items()
        }

    def clear_cache(self) -> None:
        self._cache.clear()

    # One method per question, for notebooks and readable call sites.
    def headline(self, filters: Filters | None = None) -> pd.DataFrame:
        return self.ask("headline", filters)

    def attendance_by_sector(self, filters: Filters | None = None) -> pd.DataFrame:
        return self.ask("attendance_by_sector", filters)

    def topics_per_session(self, filters: Filters | None = None) -> pd.DataFrame:
        return self.ask("topics_per_session", filters)

    def contributions_over_time(self, filters: Filters | None = None) -> pd.DataFrame:
        return self.ask("contributions_over_time", filters)

    def participants_by_area(
        self, filters: Filters | None = None, level: str = "region"
    ) -> pd.DataFrame:
        return self.ask("participants_by_area", filters, level=level)

    def funnel(self, filters: Filters | None = None) -> pd.DataFrame:
        return self.ask("funnel", filters)

    def returning_participants(self, filters: Filters | None = None) -> pd.DataFrame:
        return self.ask("returning_participants", filters)

    def sessions_per_participant(self, filters: Filters | None = None) -> pd.DataFrame:
        return self.ask("sessions_per_participant", filters)

    def published_vs_recorded(self, filters: Filters | None = None) -> pd.DataFrame:
        return self.ask("published_vs_recorded", filters)

    def contributions(self, filters: Filters | None = None) -> pd.DataFrame:
        return self.ask("contributions", filters)

    def illustrative_sessions(self, filters: Filters | None = None) -> pd.DataFrame:
        return self.ask("illustrative_sessions", filters)
