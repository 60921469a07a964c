"""Spreadsheet-formula safety: values are stored verbatim, neutralized on the way out.

A cell such as ``=HYPERLINK("http://evil", "click")`` in a registration form is data, not
a formula. The ingest pipeline stores it as the text it is; every export that writes a
spreadsheet or CSV passes each text cell through ``neutralize_formula`` so that Excel,
LibreOffice or Google Sheets show it as text instead of evaluating it (the OWASP "CSV
injection" advice: prefix a single quote).
"""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """True for text a spreadsheet would read as a formula (or a DDE payload)."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def neutralize_formula(value: object) -> object:
    """``'=1+2'`` -> ``"'=1+2"``; anything else (numbers, None, plain text) unchanged."""
    return "'" + value if looks_like_formula(value) else value
