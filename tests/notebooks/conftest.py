"""Fixtures for the notebook tests: a headless JupyterLab over notebooks/."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from notebook_servers import LAB_TOKEN as TOKEN
from notebook_servers import free_port, running

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory, store_path: Path) -> str:
    """The README's `jupyter lab --no-browser notebooks/` on a free port; yields its base URL.

    Own runtime and workspace folders, the session's store, and the app object exposed to
    the page (``window.jupyterapp``) so a browser test can run commands.
    """
    tmp_path = tmp_path_factory.mktemp("lab")
    port = free_port()
    env = {
        **os.environ,
        "DIALOGUES_DB": str(store_path),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    command = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        f"--IdentityProvider.token={TOKEN}",
        "--LabApp.expose_app_in_browser=True",
        "notebooks/",
    ]
    if os.geteuid() == 0:  # CI runs as root; Jupyter refuses root without being told
        command.append("--allow-root")
    base = f"http://127.0.0.1:{port}"
    with running(command, f"{base}/api/status?token={TOKEN}", tmp_path / "lab.log", env, ROOT):
        yield base
