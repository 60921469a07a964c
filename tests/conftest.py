"""Shared fixtures: a store built once per test session from the committed data/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard.config import get_settings
from dashboard.store import close_shared
from dashboard.store.build import build_store


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from data/ once for the whole run; tests must not write to it.

    ``DIALOGUES_TEST_STORE`` names one built before: scripts/mutation runs thousands of
    short test sessions, and building the store for each would take most of their time.
    """
    prebuilt = os.environ.get("DIALOGUES_TEST_STORE")
    if prebuilt:
        return Path(prebuilt)
    path = tmp_path_factory.mktemp("store") / "dialogues.duckdb"
    build_store(path, get_settings().data_dir)
    return path


@pytest.fixture(scope="session")
def source(store_path: Path):
    from dashboard.data import DataSource

    return DataSource(store_path)


@pytest.fixture(autouse=True)
def _fresh_connections():
    """Each test starts and ends without open shared connections (a writer may follow)."""
    yield
    close_shared()


def pytest_collection_modifyitems(items) -> None:
    """Every test that drives Chromium carries the ``browser`` mark, even where its module
    forgot ``pytestmark``: ``-m browser`` (scripts/browser-stress) and ``-m "not browser"``
    then select exactly the browser tests."""
    for item in items:
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
