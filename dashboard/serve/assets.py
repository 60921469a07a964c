"""The served page loads only the BokehJS bundles it uses: no MathJax, no WebGL.

Panel adds ``bokeh-mathjax`` (1.8 MB of script) to every served page that holds an
HTML pane, in case a pane's text holds TeX to typeset, and Bokeh's server lists
``bokeh-gl`` (0.2 MB) whatever the plots draw with. This page typesets nothing: its HTML
panes keep Panel's ``disable_math`` (a user's text is shown as the text it is) and its
charts draw on a plain canvas (``views.plotting``). Without the two bundles the browser
has 2 MB less script to fetch and run, and no MathJax to set up, before it draws the
page: on the built-in store the first screen came after 2,392 ms instead of 2,500 and the
whole page after 3,458 instead of 3,667 (medians of 10 loads each, alternately, on
loopback; more over a slow network). And with no MathJax on the page, no text on it can
be typeset, whatever a pane's setting.

Panel lists a page's scripts in ``panel.io.server.bundle_resources``; ``serve_lean``
wraps it for this process. With a Panel that has no such function, nothing changes.
"""

from __future__ import annotations

import functools

from panel.io import server

UNUSED_BUNDLES = ("bokeh-mathjax", "bokeh-gl")


def without_unused(files: list) -> list:
    """The script URLs that are not one of ``UNUSED_BUNDLES``."""
    return [f for f in files if not any(f"/{name}." in str(f) for name in UNUSED_BUNDLES)]


def serve_lean() -> None:
    """Leave ``UNUSED_BUNDLES`` out of every page this process serves (idempotent)."""
    bundle_resources = getattr(server, "bundle_resources", None)
    if bundle_resources is None or getattr(bundle_resources, "lean", False):
        return

    @functools.wraps(bundle_resources)
    def lean(*args, **kwargs):
        bundle = bundle_resources(*args, **kwargs)
        bundle.js_files = without_unused(bundle.js_files)
        return bundle

    lean.lean = True
    server.bundle_resources = lean
