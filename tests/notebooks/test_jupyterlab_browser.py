"""In a real browser, JupyterLab runs notebook 01 and shows the dashboard's widgets inline.

What the README promises a new user: after the one-command start, the notebooks open in
JupyterLab and Panel's widgets and charts render in the output cells, bound to the kernel.
Chromium is found as the other browser tests find it (DIALOGUES_CHROMIUM,
/usr/bin/chromium, or Playwright's own). Playwright runs in a thread of its own, so it
never meets another test's event loop.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
from notebook_servers import LAB_TOKEN

pytestmark = [pytest.mark.notebook, pytest.mark.browser]

NOTEBOOK = "01_attendance_and_sectors.ipynb"
WAIT_MS = 90_000


def _chromium() -> str | None:
    for candidate in (
        os.environ.get("DIALOGUES_CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None  # Playwright's own download


def _run_notebook_in_lab(base: str, screenshot: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={LAB_TOKEN}")
            page.wait_for_function(
                "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                " && window.jupyterapp.shell.currentWidget.sessionContext"
                " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel",
                timeout=WAIT_MS,
            )
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            # The filter panel's widgets and the attendance chart, rendered by Panel inline.
            sessions = page.locator(".filter-sessions").first
            sessions.wait_for(state="visible", timeout=WAIT_MS)
            chart = page.locator(".view-attendance-by-sector canvas").first
            chart.wait_for(state="attached", timeout=WAIT_MS)
            page.wait_for_function(
                "() => { const p = window.jupyterapp.shell.currentWidget;"
                " return p.sessionContext.session.kernel.status === 'idle'"
                " && p.content.widgets.every(c => c.model.type !== 'code'"
                " || c.model.executionCount !== null); }",
                timeout=WAIT_MS,
            )
            result = {
                "errors": errors,
                "stderr": page.locator(
                    ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                ).all_inner_texts(),
                "tracebacks": page.locator(
                    ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
                ).count(),
                "sessions_widget": sessions.is_visible(),
            }
            page.screenshot(path=screenshot)  # kept in the test's tmp folder for a look
            return result
        finally:
            browser.close()


def test_notebook_01_shows_the_dashboards_widgets_inline_in_jupyterlab(lab, tmp_path):
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(_run_notebook_in_lab, lab, str(tmp_path / "lab.png")).result()
    assert result["tracebacks"] == 0, result
    assert not [t for t in result["stderr"] if "Traceback" in t], result["stderr"]
    assert result["sessions_widget"]
