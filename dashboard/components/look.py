"""The dashboard's own CSS, applied inside each pane's shadow root (Panel 1.x renders
every component in a shadow DOM, so page-wide CSS does not reach it).

Colours come from the theme (``currentColor``, translucent greys), so the same rules
read well on the light and the dark theme.
"""

from __future__ import annotations

import panel as pn
from panel.io.resources import CDN_DIST

from ..markup import escape

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
.view-drawing { font-size: 0.9rem; opacity: 0.75; margin: 8px 0; }
.view-spinner { width: 14px; height: 14px; border-radius: 50%;
                border: 2px solid rgba(128, 128, 128, 0.3); border-top-color: currentColor;
                animation: view-spin 0.8s linear infinite;
                animation-play-state: var(--view-spin, running); }
@keyframes view-spin { to { transform: rotate(360deg); } }
"""
# Panel's alert colours and Bootstrap's link blue fall below 4.5:1 on some backgrounds
# (the warning's text on its yellow: 3.9:1; links on grey table rows: 4.1:1). Each is
# mixed with the theme's emphasis colour (black on the light theme, white on the dark),
# which darkens it on light backgrounds and lightens it on dark ones. (Important: the
# page's design sheet, added after a pane's own, sets the alert colours too.)
ALERT_CSS = """
:host(.alert-warning) {
  color: color-mix(in srgb, var(--warning-text-color) 45%, var(--bs-emphasis-color, #000))
    !important;
}
:host(.alert-info) {
  color: color-mix(in srgb, var(--info-text-color) 45%, var(--bs-emphasis-color, #000))
    !important;
}
:host(.alert-danger) {
  color: color-mix(in srgb, var(--danger-text-color) 45%, var(--bs-emphasis-color, #000))
    !important;
}
:host(.alert-success) {
  color: color-mix(in srgb, var(--success-text-color) 45%, var(--bs-emphasis-color, #000))
    !important;
}
:host(.alert) code { font-size: 1em; color: inherit; }
"""
LINKS_CSS = """
a {
  color: color-mix(in srgb, var(--bs-link-color, #0d6efd) 65%, var(--bs-emphasis-color, #000))
    !important;
}
"""
CARD_STYLES = {
    "border": "1px solid rgba(128, 128, 128, 0.35)",
    "border-radius": "8px",
    "padding": "4px 4px 8px 4px",
}


def html(text: str = "", **options) -> pn.pane.HTML:
    """An HTML pane that knows the dashboard's CSS classes.

    ``text`` is markup: any value from a link, a file or the store in it must have gone
    through ``dashboard.markup.escape``.
    """
    return pn.pane.HTML(text, stylesheets=[CSS], **options)


def message_box(tone: str, css: str, text: str) -> str:
    """A message box's markup (one of several in an HTML pane); ``text`` is escaped here
    and its lines kept."""
    lines = escape(text).replace("\n", "<br>")
    return f'<div class="alert alert-{tone} {css}">{lines}</div>'


def alert(text: str = "", kind: str = "info", css_classes: tuple = (), **options) -> pn.pane.HTML:
    """A coloured message box (``kind``: info, warning, danger, success) as an HTML pane.

    It looks like Panel's ``Alert`` but is not Markdown: ``text`` is escaped markup, so a
    value in it is never read as a Markdown link or image.
    """
    return pn.pane.HTML(
        text,
        stylesheets=[CSS, f"{CDN_DIST}css/alerts.css", ALERT_CSS],
        css_classes=["alert", f"alert-{kind}", *css_classes],
        sizing_mode="stretch_width",
        **options,
    )


# Shown and hidden through its inline style: in the browser a ``styles`` change costs a
# few milliseconds, a ``css_classes`` or ``visible`` change a relayout of the page
# (measured: about 60 ms per view, 0.5 s for all of them).
# (Opacity, not visibility: Bokeh sets the visibility of its elements itself.) Hidden, the
# circle also stops turning, through a custom property that reaches into the pane's
# shadow root (without it, it turns): ten circles turning unseen kept the browser
# redrawing every frame, about 5% of a core on an idle page.
SHOWN = {"opacity": "1", "--view-spin": "running"}
HIDDEN = {"opacity": "0", "--view-spin": "paused"}


def spinner() -> pn.pane.HTML:
    """A small turning circle beside a view's title while the view updates."""
    return html(
        '<div class="view-spinner" role="status" aria-label="Updating"></div>',
        width=18,
        height=18,
        margin=(14, 12, 0, 0),
        styles=dict(HIDDEN),
        css_classes=["view-loading"],
    )
