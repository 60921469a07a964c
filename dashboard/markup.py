"""The one way a value from outside (a link, a file, a widget, the store) reaches markup.

Every text the dashboard shows inside HTML goes through ``escape``: ``<``, ``>``, ``&``
and both quotes become entities, so the browser shows the value as typed and never reads
it as a tag, an attribute or a script. The page renders such text in HTML panes only,
never in Markdown ones (``[x](javascript:...)`` would become a link there);
``tests/test_markup.py`` holds the code to that.
"""

from __future__ import annotations

from html import escape as _escape_html


def escape(value: object) -> str:
    """Any value as HTML text, safe in element content and in quoted attribute values."""
    return _escape_html(str(value), quote=True)
