"""Nothing from outside becomes markup: the one escape helper, and the code held to it."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from dashboard.markup import escape

PACKAGE = Path(__file__).resolve().parents[1] / "dashboard"


def sources() -> dict[str, str]:
    return {
        str(path.relative_to(PACKAGE)): path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*.py")
    }


@pytest.mark.parametrize(
    "value",
    [
        "<img src=x onerror=alert(1)>",
        '"><svg onload=alert(1)>',
        "' onmouseover='alert(1)",
        "[x](javascript:alert(1))",
        "&lt;script&gt;",
        42,
    ],
)
def test_escape_keeps_the_text_and_leaves_no_markup(value):
    escaped = escape(value)
    assert not set("<>\"'") & set(escaped)
    assert unescape(escaped) == str(value)


def test_no_markdown_pane_shows_anything():
    """Markdown turns ``[x](url)`` into links and passes HTML through: HTML panes only."""
    offenders = {
        name
        for name, text in sources().items()
        if re.search(r"pn\.pane\.(Markdown|Alert)\b|pane\.markup import|\bMarkdown\(", text)
    }
    assert offenders == set()


def test_markup_escapes_only_through_the_one_helper():
    offenders = {
        name
        for name, text in sources().items()
        if re.search(r"^(from html import|import html\b)", text, re.M) and name != "markup.py"
    }
    assert offenders == set()


def test_tables_and_tooltips_render_values_as_text():
    """Only a table spec's ``html_columns`` (escaped, built in views) are HTML cells; no
    hover tooltip opts out of Bokeh's escaping with ``{safe}`` or a custom template."""
    text = "\n".join(sources().values())
    assert re.findall(r'"type": "html"', text) == ['"type": "html"']
    assert "HTMLTemplateFormatter" not in text
    assert "{safe}" not in text
    tooltips = re.findall(r"hover_tooltips=\[(.*?)\]", text, re.S)
    assert tooltips and all("<" not in t for t in tooltips)
