"""Every notebook in notebooks/ runs top to bottom on the built-in data, and is committed clean.

Each notebook runs in a fresh headless ``python3`` kernel (this interpreter's, via
ipykernel) with ``DIALOGUES_DB`` pointing at the session's store and the working folder in
a temporary directory, so nothing is written into the tree. Any error in a cell, or a
traceback printed by a callback, fails the test.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
REQUIRED = {
    "01_attendance_and_sectors.ipynb",
    "02_returning_and_regional_reach.ipynb",
    "03_briefing_from_shared_link.ipynb",
    "dashboard.ipynb",
}
CELL_TIMEOUT = 60  # seconds; a whole notebook takes a few seconds on the built-in store
STRIP = "jupyter nbconvert --clear-output --inplace notebooks/*.ipynb"

pytestmark = pytest.mark.notebook


def _ids(path: Path) -> str:
    return path.stem


def _code_cells(path: Path) -> list:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_the_issues_notebooks_are_there():
    assert {p.name for p in NOTEBOOKS} >= REQUIRED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids)
def test_notebook_runs_clean(path: Path, store_path: Path, tmp_path: Path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(tmp_path)}},
        extra_arguments=["--InteractiveShell.colors=nocolor"],
    )
    client.execute(env={**os.environ, "DIALOGUES_DB": str(store_path)})  # raises on any error
    for number, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            text = output.get("text", "") if output.get("name") == "stderr" else ""
            assert "Traceback" not in text and "ERROR" not in text, (
                f"{path.name} cell {number} printed an error:\n{text}"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids)
def test_notebook_is_committed_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} keep outputs; strip them with `{STRIP}`"
    assert "widgets" not in nb.metadata, f"{path.name} keeps widget state; `{STRIP}`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids)
def test_notebook_keeps_no_logic_the_package_should_own(path: Path):
    """Functions, classes and own connections belong in the package, not in a notebook."""
    for cell in _code_cells(path):
        assert not re.search(r"^\s*(def|class|async def) ", cell.source, re.M), cell.source
        assert "duckdb.connect" not in cell.source, "use d.sql or d.connection"
