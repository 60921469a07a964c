"""The headless layers (store, queries, registry, data, state) never import Panel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEADLESS = [
    "dashboard.store",
    "dashboard.queries",
    "dashboard.registry",
    "dashboard.data",
    "dashboard.state",
]


def test_headless_layers_do_not_import_panel():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in HEADLESS)
        + "print('panel' in sys.modules, 'bokeh' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False"]


def test_import_linter_contracts_hold():
    exe = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(exe)], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1]
    )
    assert result.returncode == 0, result.stdout + result.stderr
