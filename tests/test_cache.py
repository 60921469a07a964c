"""The DataSource cache: one query per question and filter value (and one for filter
values a question does not read), results that expire, least recently used results
dropped first, a store write seen at once, and answers that callers may edit without
changing the next one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import DataSource
from dashboard.ingest import ingest_files
from dashboard.queries import Filters

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "exports"
ACADEMIA, GOVERNMENT, NGOS = (
    Filters(sectors=(sector,)) for sector in ("Academia", "Government", "NGO / civil society")
)


class Clock:
    """A timer the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Counting(DataSource):
    """A DataSource that counts the queries it sends to DuckDB."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.queries = 0

    def run(self, query):
        self.queries += 1
        return super().run(query)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def counting(store_path, clock, monkeypatch) -> Counting:
    monkeypatch.setenv("DIALOGUES_CACHE_TTL", "300")
    monkeypatch.setenv("DIALOGUES_CACHE_SIZE", "2")
    return Counting(store_path, timer=clock)


def test_the_same_filter_value_is_asked_once(counting):
    first = counting.funnel(Filters(sectors=["Academia"]))
    again = counting.funnel(ACADEMIA)  # a list and a tuple: the same Filters value
    assert counting.queries == 1
    pd.testing.assert_frame_equal(first, again)
    counting.funnel(GOVERNMENT)
    assert counting.queries == 2


def test_a_filter_the_question_does_not_read_reuses_its_answer(counting):
    """The published figures depend on which sessions are chosen, not on sectors: a
    sector change asks the store nothing new for them; a session change does."""
    counting.published_vs_recorded(ACADEMIA)
    counting.published_vs_recorded(GOVERNMENT)
    assert counting.queries == 1
    counting.published_vs_recorded(Filters(sectors=("Academia",), sessions=("CD-2022-FA",)))
    assert counting.queries == 2


def test_results_expire_after_the_ttl(counting, clock):
    counting.funnel(ACADEMIA)
    clock.now += 299
    counting.funnel(ACADEMIA)
    assert counting.queries == 1
    clock.now += 2  # 301 s after it was asked
    counting.funnel(ACADEMIA)
    assert counting.queries == 2


def test_the_least_recently_used_result_is_dropped_first(counting):
    counting.funnel(ACADEMIA)
    counting.funnel(GOVERNMENT)
    counting.funnel(ACADEMIA)  # Academia is now the more recently used of the two
    counting.funnel(NGOS)  # a third result: the cache holds two
    assert counting.queries == 3
    counting.funnel(ACADEMIA)
    assert counting.queries == 3  # kept
    counting.funnel(GOVERNMENT)
    assert counting.queries == 4  # dropped, asked again


@pytest.mark.parametrize("setting", ["DIALOGUES_CACHE_TTL", "DIALOGUES_CACHE_SIZE"])
def test_a_ttl_or_size_of_zero_turns_the_cache_off(store_path, monkeypatch, setting):
    monkeypatch.setenv(setting, "0")
    source = Counting(store_path)
    source.funnel(), source.funnel()
    assert source.queries == 2


def test_a_cache_of_one_result_kept_one_second_still_caches(store_path, clock, monkeypatch):
    """The smallest settings that turn the cache on: size 1 and a TTL of 1 second."""
    monkeypatch.setenv("DIALOGUES_CACHE_TTL", "1")
    monkeypatch.setenv("DIALOGUES_CACHE_SIZE", "1")
    source = Counting(store_path, timer=clock)
    source.funnel(ACADEMIA), source.funnel(ACADEMIA)
    assert source.queries == 1
    clock.now += 1
    source.funnel(ACADEMIA)
    assert source.queries == 2


def test_a_write_to_the_store_changes_the_next_answer(store_path, tmp_path, monkeypatch):
    monkeypatch.setenv("DIALOGUES_CACHE_TTL", "300")
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY", "a test key, never a real one")
    copy = tmp_path / "dialogues.duckdb"
    shutil.copy(store_path, copy)
    source = DataSource(copy)
    firearms = Filters(sessions=("CD-2022-FA",))
    before = source.funnel(firearms)
    (summary,) = ingest_files([FIXTURES / "template_participation.csv"], "CD-2022-FA", db_path=copy)
    assert summary.loaded > 0
    after = source.funnel(firearms)
    want = source.sql(
        "SELECT count(*) FILTER (WHERE registered) AS registered FROM participation "
        "WHERE session_id = ?",
        ["CD-2022-FA"],
    )
    assert after.at[0, "registered"] == want.at[0, "registered"] != before.at[0, "registered"]


def test_editing_an_answer_leaves_the_cached_one_alone(source):
    f = source.funnel()
    f["registered"] = 0
    assert (source.funnel()["registered"] > 0).all()
    options = source.options()
    options["sectors"].clear()
    assert source.options()["sectors"]
