"""The served pages list no BokehJS bundle they do not use, and nothing on them typesets
TeX. (Served over HTTP and in Chromium: tests/browser/test_security.py.)"""

from __future__ import annotations

import panel as pn
import pytest
from bokeh.models import Div
from bokeh.resources import Resources
from panel.io import server

import dashboard
from dashboard.app import create_app
from dashboard.briefing import slides
from dashboard.export import build_briefing
from dashboard.serve.assets import UNUSED_BUNDLES, serve_lean, without_unused

TEX_LINK = r"$$\href{javascript:alert(1)}{click}$$"


@pytest.fixture
def lean(monkeypatch):
    """``serve_lean`` applied, and undone after the test."""
    monkeypatch.setattr(server, "bundle_resources", server.bundle_resources)
    serve_lean()
    return server.bundle_resources


def test_only_the_unused_bundles_are_left_out():
    files = [
        "static/js/bokeh.min.js?v=1",
        "static/js/bokeh-gl.min.js?v=1",
        "static/js/bokeh-widgets.min.js?v=1",
        "static/js/bokeh-mathjax.js",
        "static/extensions/panel/panel.min.js",
        "static/js/my-bokeh-mathjax-notes.js",
    ]
    assert without_unused(files) == [
        "static/js/bokeh.min.js?v=1",
        "static/js/bokeh-widgets.min.js?v=1",
        "static/extensions/panel/panel.min.js",
        "static/js/my-bokeh-mathjax-notes.js",
    ]


def test_a_page_with_html_panes_gets_bokeh_without_mathjax_or_webgl(lean):
    # Panel asks for MathJax when a root of the page is an HTML pane (as a template's
    # parts are); the page still gets Bokeh, its widgets and Panel.
    roots = [pn.pane.HTML(TEX_LINK).get_root(), pn.widgets.Button().get_root()]
    before = [str(f) for f in lean.__wrapped__(roots, Resources(mode="server")).js_files]
    after = [str(f) for f in lean(roots, Resources(mode="server")).js_files]
    assert any("/bokeh-mathjax." in f for f in before)
    assert any("/bokeh-gl." in f for f in before)
    for name in UNUSED_BUNDLES:
        assert not any(f"/{name}." in f for f in after)
    assert after == without_unused(before)
    assert any("/bokeh.min.js" in f for f in after) and any("panel.min.js" in f for f in after)


def test_serve_lean_wraps_once(lean):
    serve_lean()
    assert server.bundle_resources is lean
    assert not getattr(lean.__wrapped__, "lean", False)


def test_the_dashboard_typesets_no_tex(store_path):
    """Every text pane of the page keeps TeX as text (Panel's HTML default); no Markdown."""
    page = create_app(source=dashboard.open(store_path).source).template()
    parts = [*page.main, *page.sidebar, *page.header]
    panes = [pane for part in parts for pane in part.select(pn.pane.PaneBase)]
    html = [p for p in panes if isinstance(p, pn.pane.HTML)]
    assert len(html) > 20
    assert all(p.disable_math for p in html)
    assert not [p for p in panes if isinstance(p, pn.pane.Markdown)]


def test_the_presenter_view_typesets_no_tex(store_path):
    d = dashboard.open(store_path)
    deck = slides(build_briefing(d), notices=[f"Ignored {TEX_LINK}"])
    divs = [div for slide in deck for div in slide.select({"type": Div})]
    assert len(divs) > len(deck)
    assert all(div.disable_math for div in divs)
    assert any(TEX_LINK in div.text for div in divs)
