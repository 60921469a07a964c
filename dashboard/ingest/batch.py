"""What one file's records become before anything is written: the store's reference
data read once, the ``Batch`` of rows ``load.py`` writes, and its rejects and warnings.

A reject is a record that is not loaded (it names nobody, or a submission that cannot be
read); a warning is a value of a loaded record that was stored as unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb

from ..text import fold
from . import normalize as nz
from .attendance import Person, participation_row
from .organizations import OrganizationIndex
from .pseudonym import Pseudonymizer
from .records import ParsedFile, Record
from .rejects import EMAIL_FIELDS, MASK
from .sectors import SectorMap


@dataclass
class Reference:
    """What the store already knows, read once per file before anything is written."""

    session_id: str
    session_date: date | None
    countries: set[str]
    sectors: SectorMap
    organizations: OrganizationIndex
    topics: dict[str, str]  # folded name or id -> topic_id
    pseudonymizer: Pseudonymizer
    min_minutes: int
    store_raw_email: bool
    registrants: dict[str, set[tuple[str, str | None]]]  # name_hash -> (participant, org)

    @classmethod
    def read(
        cls,
        con: duckdb.DuckDBPyConnection,
        session_id: str,
        session_date: date | None,
        sector_map: SectorMap,
        pseudonymizer: Pseudonymizer,
        settings,
    ) -> Reference:
        countries = {r[0] for r in con.execute("SELECT iso3 FROM countries").fetchall()}
        topics: dict[str, str] = {}
        for topic_id, name in con.execute("SELECT topic_id, name FROM topics").fetchall():
            topics[topic_id] = topic_id
            topics[fold(name).strip()] = topic_id
        return cls(
            session_id,
            session_date,
            countries,
            sector_map,
            OrganizationIndex.read(con, settings.fuzzy_match_threshold),
            topics,
            pseudonymizer,
            settings.min_minutes_attended,
            settings.store_raw_email,
            _registrants(con, session_id),
        )


def _registrants(con: duckdb.DuckDBPyConnection, session_id: str) -> dict[str, set]:
    """The session's real participants known by name hash, for records without e-mail."""
    found: dict[str, set] = {}
    for name_hash, participant_id, org_id in con.execute(
        "SELECT p.name_hash, p.participant_id, p.organization_id FROM participants p "
        "JOIN participation pa USING (participant_id) WHERE pa.session_id = ? "
        "AND NOT pa.illustrative AND p.name_hash IS NOT NULL",
        [session_id],
    ).fetchall():
        found.setdefault(name_hash, set()).add((participant_id, org_id))
    return found


@dataclass
class Reject:
    row: int
    column: str | None
    reason: str
    raw_record: str

    def message(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


@dataclass
class FieldWarning:
    """A value of a loaded record that could not be read, and what was stored instead."""

    row: int
    column: str | None
    field: str
    value: str | None  # as read; MASK for e-mail fields, which may name someone
    reason: str

    def message(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        shown = f" '{self.value}'" if self.value not in (None, MASK) else ""
        return f"{where}:{shown} {self.reason}"

    def to_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
            "message": self.message(),
        }


@dataclass
class Batch:
    """Rows ready to write, and the rejects, for one file."""

    parsed: ParsedFile
    session_id: str
    people: dict[str, Person] = field(default_factory=dict)
    submissions: dict[str, dict] = field(default_factory=dict)
    submission_topics: set[tuple[str, str]] = field(default_factory=set)
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[FieldWarning] = field(default_factory=list)
    loaded: int = 0
    unmapped_sectors: set[str] = field(default_factory=set)
    new_organizations: list[dict] = field(default_factory=list)
    updated_organizations: list[dict] = field(default_factory=list)
    fuzzy_matches: list[dict] = field(default_factory=list)
    linked_by_name: set[str] = field(default_factory=set)

    def participant_rows(self) -> list[dict]:
        return [
            {
                "participant_id": p.participant_id,
                "organization_id": p.organization_id,
                "country_iso3": p.country,
                "email": p.email,
                "country_label": p.country_label,
                "name_hash": p.name_hash,
            }
            for p in self.people.values()
        ]

    def participation_rows(self, min_minutes: int) -> list[dict]:
        return [
            participation_row(self.session_id, p, min_minutes, self.parsed.online)
            for p in self.people.values()
        ]


class RowError(Exception):
    def __init__(self, column: str | None, reason: str):
        super().__init__(reason)
        self.column, self.reason = column, reason


def parse_field(record, name: str, parse, value: object = None):
    """Parse one field; a ValueError becomes a reject naming the field's column."""
    try:
        return parse(getattr(record, name) if value is None else value)
    except ValueError as exc:
        raise RowError(record.column(name), str(exc)) from None


WHOLE_ROW = "row"  # a warning about the row, not one of its columns


def warn(batch: Batch, record: Record, name: str, value: object, reason: str) -> None:
    """Report a value stored as unknown. The reason loses the value it may quote (the
    warning shows it once); an e-mail field's value is never shown nor kept."""
    text = nz.clean(value)
    reason = reason.replace(f"'{text}' ", "", 1) if text else reason
    shown = MASK if name in EMAIL_FIELDS and text else text
    column = None if name == WHOLE_ROW else record.column(name)
    batch.warnings.append(FieldWarning(record.row, column, name, shown, reason))


def soft(batch: Batch, record: Record, name: str, parse, stored_as: str):
    """Parse one field of a person's record; a value that cannot be read is a warning
    (saying what was stored instead) and None, never a reject."""
    value = getattr(record, name)
    try:
        return parse(value)
    except ValueError as exc:
        warn(batch, record, name, value, f"{exc}; {stored_as}")
        return None


def check_session(record, ref: Reference) -> None:
    session = nz.clean(record.session_id)
    if session is not None and session != ref.session_id:
        raise RowError(
            record.column("session_id"),
            f"session '{session}' is not the session being loaded "
            f"({ref.session_id}); the row is kept here: copy that session's rows into a "
            f"file of their own and load it with --session {session}",
        )
