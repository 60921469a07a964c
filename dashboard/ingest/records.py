"""What readers produce: one record per source row, with its spreadsheet row number.

Readers only pick values out of rows and label them; they do not decide who a person is
or whether a value is valid (``prepare.py`` does, for every format the same way). A
reader that finds a row it cannot use whole sets ``problem`` (column, reason): a
submission row then ends in ``import_rejects``, a person's row is still loaded when it
says who the person is, with the problem as a warning. A single value a reader cannot
read goes to ``warnings`` (field, value as read, reason) and is left unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..text import fold, normalized_name
from .source import Row

KINDS = ("registration", "attendance", "submissions")


@dataclass
class Record:
    """One row of a participation export (registration, attendance or the template)."""

    row: int
    raw: dict[str, object]
    columns: dict[str, str] = field(default_factory=dict)  # field -> header as in the file
    name: object = None
    first_name: object = None
    last_name: object = None
    email: object = None
    alt_email: object = None  # a second place an address may be (Teams UPN)
    organization: object = None
    sector: object = None
    country: object = None
    session_id: object = None
    role: object = None
    mode: object = None
    registered: object = None
    registration_state: str | None = None
    attended: object = None
    seconds: object = None  # time present as the source states it
    seconds_unit: str = "duration"  # 'duration' ('1h 2m') or 'minutes' ('58')
    joined: object = None  # when the source gives join/leave times instead
    left: object = None
    waiting_room: object = None  # Zoom: the row is time spent in the waiting room
    problem: tuple[str | None, str] | None = None
    warnings: list[tuple[str, object, str]] = field(default_factory=list)

    def warn(self, name: str, value: object, reason: str) -> None:
        """A value of field ``name`` that could not be read: it stays unknown."""
        self.warnings.append((name, value, reason))

    def column(self, name: str) -> str:
        return self.columns.get(name, name)


@dataclass
class SubmissionRecord:
    """One row of the submissions template."""

    row: int
    raw: dict[str, object]
    columns: dict[str, str] = field(default_factory=dict)
    session_id: object = None
    organization: object = None
    kind: object = None
    title: object = None
    date: object = None
    topics: object = None
    problem: tuple[str | None, str] | None = None

    def column(self, name: str) -> str:
        return self.columns.get(name, name)


@dataclass
class ParsedFile:
    """A file read by its reader: what it is and the records in it."""

    name: str
    sha256: str
    format: str  # 'teams-attendance', 'zoom-participants', ...
    kind: str  # 'registration', 'attendance' or 'submissions'
    records: list = field(default_factory=list)
    online: bool = False  # an online platform's report: mode is 'online'
    notes: list[str] = field(default_factory=list)


def header_key(text: object) -> str:
    """A header folded for matching: 'In-Meeting Duration' -> 'in meeting duration'."""
    return normalized_name(str(text)) if text is not None else ""


class Columns:
    """Finds the columns of a header row by their known names (any case, any language)."""

    def __init__(self, header: Row):
        self.header = header
        self._index = {}
        for i, cell in enumerate(header.cells):
            self._index.setdefault(header_key(cell), i)

    def find(self, *names: str) -> int | None:
        for name in names:
            index = self._index.get(header_key(name))
            if index is not None:
                return index
        return None

    def find_containing(self, *fragments: str, exclude: Iterable[int] = ()) -> int | None:
        """The first column whose folded header contains any fragment (for form questions)."""
        excluded = set(exclude)
        for i, cell in enumerate(self.header.cells):
            key = header_key(cell)
            if i not in excluded and any(f" {header_key(f)} " in f" {key} " for f in fragments):
                return i
        return None

    def label(self, index: int | None) -> str | None:
        return None if index is None else str(self.header.cells[index]).strip()

    def raw(self, row: Row) -> dict[str, object]:
        """The row as a dict by header, for a reject's raw_record."""
        out: dict[str, object] = {}
        for i, cell in enumerate(row.cells):
            key = (
                str(self.header.cells[i]).strip()
                if i < len(self.header.cells) and self.header.cells[i] is not None
                else f"column {i + 1}"
            )
            out[key] = cell
        return out

    def width_problem(self, row: Row) -> tuple[str | None, str] | None:
        if len(row.cells) < len([c for c in self.header.cells if c not in (None, "")]):
            return None, (
                f"only {len(row.cells)} of the {len(self.header.cells)} columns are there"
            )
        return None


def data_rows(rows: list[Row], start: int) -> Iterator[Row]:
    """Rows after a header up to the first blank row (the end of a table)."""
    for row in rows[start:]:
        if row.blank:
            return
        yield row


def folded_cells(row: Row) -> list[str]:
    return [fold(str(c)).strip() if c is not None else "" for c in row.cells]
