"""One reader per export format.

Each module has ``FORMAT`` (the name kept in ``imports.format``), ``KIND`` (what the file
records), ``sniff(source) -> float`` (0: not this format, 1: certainly this format, from
the content alone) and ``read(source, context) -> ParsedFile`` (records with their row
numbers). ``detect.py`` asks every reader and picks the most confident.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import indico, msforms, teams, teams_list, template, zoom

READERS = (teams, teams_list, zoom, msforms, indico, template.participation, template.submissions)


@dataclass(frozen=True)
class ReadContext:
    """What a reader may need to know beyond the file: the session's date (to tell
    day-first from month-first dates)."""

    session_date: date | None = None


__all__ = ["READERS", "ReadContext"]
