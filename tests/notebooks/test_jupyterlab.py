"""The README's JupyterLab starts headless, serves /lab with Panel's renderer, and can run
the notebooks' kernel: what a new user sees after the one-command start."""

from __future__ import annotations

import json

import pytest
from notebook_servers import LAB_TOKEN as TOKEN
from notebook_servers import fetch

pytestmark = pytest.mark.notebook


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
