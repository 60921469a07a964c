"""``DataSource.rollups_current``: whether the rollups match the store is checked once per
store version, and again when a new version is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dashboard.data import DataSource
from dashboard.store import rollups, versions


@pytest.fixture
def store(store_path, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("DIALOGUES_STORE_CHECK_SECONDS", "0")  # see each new version at once
    path = tmp_path / "store.duckdb"
    shutil.copy(store_path, path)
    return path


def test_the_rollups_are_checked_once_per_store_version(store, monkeypatch):
    checks = []
    real = rollups.ready

    def ready(con):
        checks.append(con)
        return real(con)

    monkeypatch.setattr(rollups, "ready", ready)
    source = DataSource(store)
    assert [source.rollups_current() for _ in range(3)] == [True, True, True]
    assert len(checks) == 1


def test_a_new_store_version_is_checked_again(store):
    source = DataSource(store)
    assert source.rollups_current()
    assert "rollup_counts" in source.query("funnel").sql
    # A writer that left the rollups out of step: the next answers need the plain queries.
    with versions.new_version(store) as version, duckdb.connect(str(version.path)) as con:
        con.execute("DELETE FROM rollup_info")
        con.execute("CHECKPOINT")
    assert not source.rollups_current()
    assert "participation_facts" in source.query("funnel").sql
