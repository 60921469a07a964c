"""The ``browser`` mark selects exactly the tests that drive Chromium: the stability
check (scripts/browser-stress) runs ``-m browser``, so a browser test without the mark
would never be stress-tested."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def collected(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_every_test_under_tests_browser_is_marked_browser():
    assert collected("tests/browser")  # the folder has tests
    assert collected("-m", "not browser", "tests/browser") == []
