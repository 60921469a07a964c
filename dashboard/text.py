"""Small text normalizers shared by the store build and the ingest pipeline."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case, accents removed: 'Société Civile' -> 'societe civile'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def normalized_name(name: str) -> str:
    """An organization name folded for matching: accents, case, punctuation and spaces."""
    return re.sub(r"[^0-9a-z]+", " ", fold(name)).strip()


def slug(text: str) -> str:
    """'Victim protection' -> 'victim-protection' (ASCII, lower case)."""
    return normalized_name(text).replace(" ", "-")
