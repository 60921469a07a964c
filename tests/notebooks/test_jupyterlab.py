"""The README's JupyterLab starts headless, serves /lab with Panel's renderer, and can run
the notebooks' kernel: what a new user sees after the one-command start."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from notebook_servers import fetch, free_port, running

ROOT = Path(__file__).resolve().parents[2]
JUPYTER = Path(sys.executable).with_name("jupyter")
TOKEN = "dialogues-test-token"

pytestmark = pytest.mark.notebook


@pytest.fixture
def lab(tmp_path: Path, store_path: Path):
    """`jupyter lab --no-browser notebooks/` on a free port, with its own runtime folders."""
    port = free_port()
    env = {**os.environ, "DIALOGUES_DB": str(store_path),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces")}
    command = [str(JUPYTER), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--IdentityProvider.token={TOKEN}", "notebooks/"]
    if os.geteuid() == 0:  # CI runs as root; Jupyter refuses root without being told
        command.append("--allow-root")
    base = f"http://127.0.0.1:{port}"
    with running(command, f"{base}/api/status?token={TOKEN}", tmp_path / "lab.log", env, ROOT):
        yield base


def test_jupyterlab_serves_lab_with_panels_extension(lab):
    status, page = fetch(f"{lab}/lab?token={TOKEN}")
    assert status == 200 and "JupyterLab" in page
    # Panel renders inline through the pyviz labextension (shipped with pyviz_comms);
    # jupyter_bokeh adds the ipywidgets route (pn.extension(comms="ipywidgets")).
    assert "@pyviz/jupyterlab_pyviz" in page
    assert "@bokeh/jupyter_bokeh" in page


def test_jupyterlab_opens_in_notebooks_and_has_the_python3_kernel(lab):
    status, listing = fetch(f"{lab}/api/contents?token={TOKEN}")
    assert status == 200
    names = {item["name"] for item in json.loads(listing)["content"]}
    assert {"01_attendance_and_sectors.ipynb", "dashboard.ipynb"} <= names
    status, specs = fetch(f"{lab}/api/kernelspecs?token={TOKEN}")
    assert status == 200 and "python3" in json.loads(specs)["kernelspecs"]
