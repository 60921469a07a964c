"""The browser tests' per-chart expectations cover every chart on the page.

No Chromium: these run with the fast suite (``-m "not browser"``; they live outside
tests/browser, where every test is a browser test), so a question added to the page
without its expected rows fails here, naming the file to edit, rather than with a
KeyError in the middle of a browser run.
"""

from __future__ import annotations

from browser import expected  # tests/browser: a package, imported as pytest does
from browser.dashboard_page import CHART_COLUMNS, CHARTS


def test_every_chart_on_the_page_has_expected_rows():
    missing = [name for name in CHARTS if name not in expected.CHARTS]
    assert not missing, (
        f"no expected rows for the chart(s) {missing}: add a function giving them to CHARTS "
        "in tests/browser/expected.py"
    )


def test_every_chart_on_the_page_is_read_by_its_columns():
    lines = [name for name in CHARTS if name.startswith("contributions_over_time_")]
    missing = [name for name in CHARTS if name not in CHART_COLUMNS and name not in lines]
    assert not missing, (
        f"no columns to read the chart(s) {missing} by: add them to CHART_COLUMNS in "
        "tests/browser/dashboard_page.py, in the order of the rows expected.CHARTS gives"
    )
