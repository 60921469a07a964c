"""The benchmark suite's bookkeeping (``benchmarks/suite.py``): no timing here."""

import importlib.util
from pathlib import Path

import pytest

SUITE = Path(__file__).resolve().parents[1] / "benchmarks" / "suite.py"


@pytest.fixture(scope="module")
def suite():
    spec = importlib.util.spec_from_file_location("benchmark_suite", SUITE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_browser_report_keeps_times_as_spreads_and_names_as_they_are(suite):
    report = {
        "ratios": {"rebuild": 6.5, "holoviews": 2.0},
        "results": {
            "in_place": {
                "first_render_ms": [900.0, 1100, 1000.0],
                "viewport_update_ms": [150, 250.5],
                "viewport_views": ["headline", "attendance_by_sector"],
                "update_median_ms": 180.0,
                "empty": [],
            }
        },
    }
    summary = suite.summarize_browser(report)
    assert summary["ratio"] == 6.5
    in_place = summary["in_place"]
    assert in_place["first_render_ms"] == {"median": 1000.0, "p95": 1100, "n": 3}
    assert in_place["viewport_update_ms"]["median"] == 200.2
    assert in_place["viewport_views"] == ["headline", "attendance_by_sector"]
    assert set(in_place) == {"first_render_ms", "viewport_update_ms", "viewport_views"}


def test_the_viewport_target_reads_the_summarized_median(suite):
    run = {
        "scales": {
            "1": {
                "browser": suite.summarize_browser(
                    {
                        "ratios": {"rebuild": 4.0},
                        "results": {
                            "in_place": {
                                "viewport_update_ms": [150, 190, 170],
                                "first_screen_ms": [1400, 1450, 1300],
                            }
                        },
                    }
                )
            }
        }
    }
    rows = {row["target"]: row for row in suite.verdicts(run)}
    viewport = rows["1x: filter change, views in the viewport: median"]
    assert (viewport["figure"], viewport["met"]) == (170, True)
    ratio = rows["1x: rebuild / in place, update (at least 5)"]
    assert (ratio["figure"], ratio["met"]) == (4.0, False)
    first_screen = rows["1x: first render, first screen"]
    assert (first_screen["figure"], first_screen["met"]) == (1400, True)
    assert rows["1x: first render, whole page"]["met"] is None  # not measured


def test_a_tick_sends_only_the_queries_it_changes(suite, source):
    """A sector changes every question but those that read only the chosen sessions
    (the published figures and the sessions still showing sample data)."""
    questions = [q.name for q in suite.on_page()]
    unfiltered = [source.query(name, suite.Filters()) for name in questions]
    for change, left_alone in (("a sector", 2), ("no filter", len(questions))):
        queries = [(name, source.query(name, suite.CHANGES[change])) for name in questions]
        _, asked = suite.time_asked(source, queries, unfiltered)
        assert asked == len(questions) - left_alone
