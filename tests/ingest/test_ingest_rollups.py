"""A load refreshes the store's rollups: the new version is answered fast, and alike."""

from __future__ import annotations

import pandas as pd
from conftest import load

from dashboard.data import DataSource
from dashboard.queries import Filters
from dashboard.registry import QUESTIONS


def test_a_load_leaves_rollups_that_answer_as_the_plain_queries(store):
    before = DataSource(store).funnel(Filters(sessions=["CD-2022-FA"]))
    summary = load(store, "template_participation.csv", "CD-2022-FA")
    assert summary.status == "loaded"
    source = DataSource(store)
    assert source.rollups_current()
    for name in ("funnel", "headline", "attendance_by_sector", "returning_participants"):
        filters = Filters(sessions=["CD-2022-FA"])
        fast = source.run(QUESTIONS[name].fast(filters))
        pd.testing.assert_frame_equal(fast, source.run(QUESTIONS[name].build(filters)))
    after = source.funnel(Filters(sessions=["CD-2022-FA"]))
    assert after.loc[0, "registered"] == 6 != before.loc[0, "registered"]
