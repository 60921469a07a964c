"""The reader protocol, and the registry ``detect.py`` asks for every file.

A reader is anything with these attributes (each format's module is one; the templates
are ``TemplateReader`` instances): ``FORMAT`` (the name kept in ``imports.format``),
``KIND`` (what the file records), ``KINDS`` (what ``--kind`` it may be loaded as),
``DESCRIPTION`` (what people call it), ``sniff(source) -> float`` (0: not this format, 1:
certainly this format, from the content alone) and ``read(source, context) ->
ParsedFile`` (records with their row numbers). ``register`` adds one; earlier
registrations win a tie.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from ..records import ParsedFile
from ..source import Source


@dataclass(frozen=True)
class ReadContext:
    """What a reader may need to know beyond the file: the session's date (to tell
    day-first from month-first dates)."""

    session_date: date | None = None


class Reader(Protocol):
    FORMAT: str
    KIND: str
    KINDS: tuple[str, ...]
    DESCRIPTION: str

    def sniff(self, source: Source) -> float: ...

    def read(self, source: Source, context: ReadContext) -> ParsedFile: ...


_REGISTERED: list[Reader] = []
_REQUIRED = ("FORMAT", "KIND", "KINDS", "DESCRIPTION", "sniff", "read")


def register(reader: Reader) -> Reader:
    """Add a reader; TypeError if it lacks part of the protocol, ValueError if its
    format is taken."""
    missing = [name for name in _REQUIRED if not hasattr(reader, name)]
    if missing:
        raise TypeError(f"{reader!r} is not a reader: no {', '.join(missing)}")
    if any(r.FORMAT == reader.FORMAT for r in _REGISTERED):
        raise ValueError(f"a reader of format {reader.FORMAT!r} is already registered")
    _REGISTERED.append(reader)
    return reader


def registered() -> tuple[Reader, ...]:
    """Every reader, in the order registered."""
    return tuple(_REGISTERED)
