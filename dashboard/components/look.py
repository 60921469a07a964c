"""The dashboard's own CSS, applied inside each pane's shadow root (Panel 1.x renders
every component in a shadow DOM, so page-wide CSS does not reach it).

Colours come from the theme (``currentColor``, translucent greys), so the same rules
read well on the light and the dark theme.
"""
from __future__ import annotations

import panel as pn

CSS = """
.view-title { font-size: 1.15rem; font-weight: 600; margin: 4px 0 2px 0; }
.view-hint { font-size: 0.85rem; opacity: 0.75; margin: 0 0 2px 0; }
.view-summary-text { font-size: 0.9rem; margin: 0 0 4px 0; }
.headline-label { font-size: 0.9rem; opacity: 0.85; }
.headline-value { font-size: 2rem; font-weight: 600; line-height: 1.2; }
.headline-note { font-size: 0.78rem; opacity: 0.75; }
.filter-group { font-size: 0.8rem; font-weight: 600; margin: 8px 0 0 0;
                text-transform: uppercase; letter-spacing: 0.06em; opacity: 0.75; }
.filter-label { font-size: 0.875rem; }
.filter-help { font-size: 0.85rem; opacity: 0.8; margin: 4px 0; }
.selection-text { font-size: 0.95rem; }
"""
CARD_STYLES = {"border": "1px solid rgba(128, 128, 128, 0.35)", "border-radius": "8px",
               "padding": "4px 4px 8px 4px"}


def html(text: str = "", **options) -> pn.pane.HTML:
    """An HTML pane that knows the dashboard's CSS classes."""
    return pn.pane.HTML(text, stylesheets=[CSS], **options)
