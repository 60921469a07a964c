"""Fixtures for the Panel components: a fresh state per test, Panel state reset after."""

from __future__ import annotations

import panel as pn
import pytest

from dashboard.state import DashboardState


@pytest.fixture
def state(source) -> DashboardState:
    return DashboardState(source.options())


@pytest.fixture(autouse=True)
def _reset_panel_state():
    """Components register watchers and caches on Panel's global state: start clean."""
    yield
    pn.state.kill_all_servers()
    pn.state.reset()
