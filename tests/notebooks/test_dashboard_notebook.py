"""`panel serve notebooks/dashboard.ipynb` serves the same app as `panel serve dashboard/app.py`.

Both are started as subprocesses on free local ports over the session's store; the pages
must answer 200 with the app's title and carry the same number of Bokeh roots (the same
template and views). What the page does in a browser is the app's browser tests' job.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from notebook_servers import fetch, free_port, running, wait_until_listening

from dashboard.app import TITLE

ROOT = Path(__file__).resolve().parents[2]
PANEL = str(Path(sys.executable).with_name("panel"))

pytestmark = pytest.mark.notebook


def _serve(target: str, store_path: Path, log: Path):
    """(url, context manager starting the server without waiting for it)."""
    port = free_port()
    command = [
        PANEL,
        "serve",
        target,
        f"--port={port}",
        "--address=127.0.0.1",
        f"--allow-websocket-origin=127.0.0.1:{port}",
    ]
    env = {**os.environ, "DIALOGUES_DB": str(store_path)}
    url = f"http://127.0.0.1:{port}/{Path(target).stem}"
    return url, running(command, url, log, env, ROOT, wait=False)


# Seconds a server may take to start, and a page to be built: on a loaded 2-core machine
# the notebook's server took 25 s to listen (Panel converts the notebook with nbconvert
# first) and 15-30 s per page.
START, PAGE = 90, 120


def _page(url: str) -> str:
    status, page = fetch(url, timeout=PAGE)
    assert status == 200, page[:2000]
    return page


def _roots(page: str) -> list[str]:
    found = re.search(r'"root_ids":\s*\[([^\]]*)\]', page)
    assert found, page[:2000]
    return found.group(1).split(",")


def test_the_dashboard_notebook_serves_the_apps_page(store_path, tmp_path):
    notebook_url, notebook = _serve("notebooks/dashboard.ipynb", store_path, tmp_path / "nb.log")
    app_url, app = _serve("dashboard/app.py", store_path, tmp_path / "app.log")
    with notebook as nb_process, app as app_process:  # both start at once
        wait_until_listening(nb_process, notebook_url, tmp_path / "nb.log", timeout=START)
        wait_until_listening(app_process, app_url, tmp_path / "app.log", timeout=START)
        served = _page(notebook_url)
        linked = _page(notebook_url + "?sessions=CD-2022-FA&count=registered")
        original = _page(app_url)
    assert f"<title>{TITLE}</title>" in served
    assert "Traceback" not in served and "Traceback" not in linked
    assert len(_roots(served)) == len(_roots(linked)) == len(_roots(original)) > 1
    log = (tmp_path / "nb.log").read_text()
    assert "Traceback" not in log and "ERROR" not in log, log
