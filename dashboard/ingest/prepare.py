"""From records to rows: who each person is, validated values, one attendance per person.

For every format the same rules: a participant is the keyed hash of the normalized
e-mail (or of name and organization when there is none); organizations are matched to
the store's real ones by normalized name, then by fuzzy similarity above the configured
threshold; sectors go through the mapping file; countries to ISO alpha-3. Several
join/leave rows of one person are folded into one attendance whose minutes are the
union of the time present (time in a waiting room does not count), and the person
attended when those minutes reach ``min_minutes_attended``.

Nobody is lost over one field: a record that says who a person is (an e-mail or a name)
is always loaded. A value that cannot be read (a sector label the mapping lacks, a
country not recognised, an odd e-mail, an unreadable time) is stored as unknown, its raw
text kept where a mapping may read it later (``dialogues remap``), and reported as a
warning with row, column and value. Only a record that identifies nobody (and a
submission that cannot be read) ends in ``rejects``. Nothing is written here:
``load.py`` writes a ``Batch`` in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import duckdb

from ..text import fold, slug
from . import normalize as nz
from .organizations import UNKNOWN_SECTOR, OrganizationIndex
from .pseudonym import Pseudonymizer
from .records import ParsedFile, Record, SubmissionRecord
from .sectors import SectorMap

SUBMISSION_KINDS = {
    "oral statement": "oral statement",
    "statement": "oral statement",
    "declaration orale": "oral statement",
    "intervention orale": "oral statement",
    "declaracion oral": "oral statement",
    "intervencion oral": "oral statement",
    "written submission": "written submission",
    "written contribution": "written submission",
    "contribution ecrite": "written submission",
    "soumission ecrite": "written submission",
    "contribucion escrita": "written submission",
    "presentacion escrita": "written submission",
    "recommendation": "recommendation",
    "recommandation": "recommendation",
    "recomendacion": "recommendation",
    "good practice": "good practice",
    "bonne pratique": "good practice",
    "buena practica": "good practice",
}


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
class _Person:
    """Everything the rows of one person in one file say, folded."""

    participant_id: str
    rows: int = 0
    email: str | None = None
    name_hash: str | None = None
    organization_id: str | None = None
    country: str | None = None
    country_label: str | None = None
    registered: bool | None = None
    registration_state: str | None = None
    attended: bool | None = None
    role: str | None = None
    mode: str | None = None
    seconds: float = 0.0
    timed: bool = False
    intervals: list[tuple[datetime, datetime]] = field(default_factory=list)
    present_outside_waiting_room: bool = False


@dataclass
class Batch:
    """Rows ready to write, and the rejects, for one file."""

    parsed: ParsedFile
    session_id: str
    people: dict[str, _Person] = field(default_factory=dict)
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
            _participation(self.session_id, p, min_minutes, self.parsed.online)
            for p in self.people.values()
        ]


# -- participation ----------------------------------------------------------------------------


class _RowError(Exception):
    def __init__(self, column: str | None, reason: str):
        super().__init__(reason)
        self.column, self.reason = column, reason


def _field(record, name: str, parse, value: object = None):
    """Parse one field; a ValueError becomes a reject naming the field's column."""
    try:
        return parse(getattr(record, name) if value is None else value)
    except ValueError as exc:
        raise _RowError(record.column(name), str(exc)) from None


_WHOLE_ROW = "row"  # a warning about the row, not one of its columns


def _warn(batch: Batch, record: Record, name: str, value: object, reason: str) -> None:
    """Report a value stored as unknown. The reason loses the value it may quote (the
    warning shows it once); an e-mail field's value is never shown nor kept."""
    text = nz.clean(value)
    reason = reason.replace(f"'{text}' ", "", 1) if text else reason
    shown = MASK if name in _EMAIL_FIELDS and text else text
    column = None if name == _WHOLE_ROW else record.column(name)
    batch.warnings.append(FieldWarning(record.row, column, name, shown, reason))


def _soft(batch: Batch, record: Record, name: str, parse, stored_as: str):
    """Parse one field of a person's record; a value that cannot be read is a warning
    (saying what was stored instead) and None, never a reject."""
    value = getattr(record, name)
    try:
        return parse(value)
    except ValueError as exc:
        _warn(batch, record, name, value, f"{exc}; {stored_as}")
        return None


def prepare(parsed: ParsedFile, ref: Reference, progress=None) -> Batch:
    batch = Batch(parsed, ref.session_id)
    step = progress.update if progress is not None else (lambda n: None)
    for record in parsed.records:
        mark = len(batch.warnings)
        try:
            if isinstance(record, SubmissionRecord):
                if record.problem:
                    raise _RowError(*record.problem)
                _add_submission(batch, record, ref)
            else:
                _add_person(batch, record, ref)
            batch.loaded += 1
        except _RowError as exc:
            del batch.warnings[mark:]  # a rejected record is reported once, as a reject
            batch.rejects.append(
                Reject(record.row, exc.column, exc.reason, _raw_json(record, ref.pseudonymizer))
            )
        step(1)
    batch.new_organizations = list(ref.organizations.new.values())
    batch.updated_organizations = list(ref.organizations.updated.values())
    batch.fuzzy_matches = list(ref.organizations.fuzzy)
    return batch


def _check_session(record, ref: Reference) -> None:
    session = nz.clean(record.session_id)
    if session is not None and session != ref.session_id:
        raise _RowError(
            record.column("session_id"),
            f"session '{session}' is not the session being loaded "
            f"({ref.session_id}); the row is kept here: copy that session's rows into a "
            f"file of their own and load it with --session {session}",
        )


def _email(batch: Batch, record: Record) -> str | None:
    """The normalized address; an odd one that still names a mailbox ('kim@example')
    identifies the person as written (it only derives the pseudonym), with a warning."""
    try:
        return nz.normalize_email(record.email)
    except ValueError:
        loose = nz.loose_email(record.email)
        what = "the person is identified by it as written" if loose else "ignored"
        _warn(batch, record, "email", record.email, f"not an e-mail address; {what}")
        return loose


def _identity(
    batch: Batch, record: Record, ref: Reference
) -> tuple[str, str | None, str | None, str | None]:
    """(participant_id, e-mail, organization name, name key) for a record; a reject if
    it names nobody."""
    email = _email(batch, record) or nz.email_or_none(record.alt_email)
    organization = nz.clean(record.organization)
    name = nz.display_name(record.name)
    if name is None and (record.first_name or record.last_name):
        name = nz.clean(f"{nz.clean(record.first_name) or ''} {nz.clean(record.last_name) or ''}")
    key = nz.person_key(name)
    if email:
        return ref.pseudonymizer.for_email(email), email, organization, key
    if not key:
        raise _RowError(
            record.column("email"), "no e-mail address and no name: cannot tell who this is"
        )
    by_name = ref.pseudonymizer.for_name(key, nz.organization_key(organization))
    return by_name, None, organization, key


def _registrant(ref: Reference, name_hash: str, org_id: str | None) -> str | None:
    """The one registrant of the session with this name (and organization, when the
    record names one); None when there is none or more than one."""
    found = {pid for pid, theirs in ref.registrants.get(name_hash, ()) if org_id in (None, theirs)}
    return found.pop() if len(found) == 1 else None


def _add_person(batch: Batch, record: Record, ref: Reference) -> None:
    _check_session(record, ref)
    pid, email, organization, name_key = _identity(batch, record, ref)
    if record.problem:
        _warn(batch, record, _WHOLE_ROW, None, f"{record.problem[1]}; the missing cells are empty")
    for name, value, reason in record.warnings:
        _warn(batch, record, name, value, reason)
    country, country_label = _country(batch, record, ref)
    sector, sector_label = _sector(batch, record, ref)
    role = _soft(batch, record, "role", nz.parse_role, "stored as participant")
    if batch.parsed.online and role == "participant":
        role = None  # 'Attendee' says nothing that would change a role set elsewhere
    mode = (
        "online"
        if batch.parsed.online
        else _soft(batch, record, "mode", nz.parse_mode, "mode stored as not known")
    )
    registered = _soft(batch, record, "registered", nz.parse_yes_no, "stored as not stated")
    attended = _soft(batch, record, "attended", nz.parse_yes_no, "stored as not stated")
    seconds, interval = _time_present(batch, record)
    org_id = (
        ref.organizations.resolve(organization, sector, sector_label, country, record.row)
        if organization
        else None
    )
    name_hash = ref.pseudonymizer.for_name_alone(name_key) if name_key else None
    if email is None and (linked := _registrant(ref, name_hash, org_id)):
        pid = linked
        batch.linked_by_name.add(pid)

    person = batch.people.setdefault(pid, _Person(pid))
    person.rows += 1
    person.email = person.email or (email if ref.store_raw_email else None)
    person.name_hash = person.name_hash or name_hash
    person.organization_id = person.organization_id or org_id
    if person.country is None and country is not None:
        person.country, person.country_label = country, country_label
    person.country_label = person.country_label or country_label
    if registered is not None:
        person.registered = bool(person.registered) or registered
    person.registration_state = record.registration_state or person.registration_state
    if attended is not None:
        person.attended = bool(person.attended) or attended
    if role and (person.role is None or nz.ROLE_PRECEDENCE[role] < nz.ROLE_PRECEDENCE[person.role]):
        person.role = role
    person.mode = person.mode or mode
    _add_time(person, record, seconds, interval)


_REMAP = "then run `dialogues remap`"


def _country(batch: Batch, record: Record, ref: Reference) -> tuple[str | None, str | None]:
    """(ISO alpha-3 or None, the cell as read): an unrecognised country is unknown."""
    label = nz.clean(record.country)
    stored = f"stored as unknown; add it to the country aliases, {_REMAP}"
    country = _soft(batch, record, "country", nz.country_iso3, stored)
    if country and country not in ref.countries:
        _warn(batch, record, "country", label, f"{country} is not in the countries table; {stored}")
        country = None
    return country, label


def _sector(batch: Batch, record: Record, ref: Reference) -> tuple[str | None, str | None]:
    """(sector or None, the label as read): a label the mapping lacks is unknown."""
    label = nz.clean(record.sector)
    if label is None:
        return None, None
    sector = ref.sectors.lookup(label)
    if sector is None:
        batch.unmapped_sectors.add(label)
        _warn(
            batch,
            record,
            "sector",
            label,
            f"not in data/reference/sector_labels.csv; stored as {UNKNOWN_SECTOR}: add a "
            f"line for it (label,language,sector), {_REMAP}",
        )
    return sector, label


def _time_present(
    batch: Batch, record: Record
) -> tuple[float | None, tuple[datetime, datetime] | None]:
    if isinstance(record.joined, datetime) and isinstance(record.left, datetime):
        return None, (record.joined, record.left)
    if record.seconds is None:
        return None, None
    if isinstance(record.seconds, (int, float)) and not isinstance(record.seconds, bool):
        return float(record.seconds), None  # worked out by the reader
    unknown = "the time present is not counted"
    if record.seconds_unit == "minutes":
        minutes = _soft(batch, record, "seconds", nz.parse_minutes, unknown)
        return (None if minutes is None else minutes * 60), None
    return _soft(batch, record, "seconds", nz.parse_duration, unknown), None


def _add_time(person: _Person, record: Record, seconds, interval) -> None:
    if seconds is None and interval is None:
        return
    person.timed = True
    if record.waiting_room:
        return
    person.present_outside_waiting_room = True
    if interval:
        person.intervals.append(interval)
    else:
        person.seconds += seconds


def union_seconds(intervals: list[tuple[datetime, datetime]]) -> float:
    """Seconds covered by a set of intervals, overlaps counted once (two devices)."""
    total, end = 0.0, None
    for start, stop in sorted(intervals):
        if end is None or start > end:
            total += (stop - start).total_seconds()
            end = stop
        elif stop > end:
            total += (stop - end).total_seconds()
            end = stop
    return total


def _participation(session_id: str, p: _Person, min_minutes: int, online: bool) -> dict:
    minutes = None
    attended = p.attended
    if p.timed:
        minutes = int((p.seconds + union_seconds(p.intervals)) // 60)
        if attended is None:
            attended = p.present_outside_waiting_room and minutes >= min_minutes
    return {
        "session_id": session_id,
        "participant_id": p.participant_id,
        "registered": p.registered,
        "registration_state": p.registration_state,
        "attended": attended,
        "mode": p.mode,
        "role": p.role,
        "minutes_present": minutes,
    }


# -- submissions -------------------------------------------------------------------------------


def _add_submission(batch: Batch, record: SubmissionRecord, ref: Reference) -> None:
    _check_session(record, ref)
    kind = _field(record, "kind", _submission_kind)
    title = nz.clean(record.title)
    if title is None:
        raise _RowError(record.column("title"), "the title is empty")
    when = _field(record, "date", nz.parse_date)
    if when is None:
        raise _RowError(record.column("date"), "the date is empty")
    topics = _field(record, "topics", lambda v: _topics(v, ref))
    organization = nz.clean(record.organization)
    org_id = ref.organizations.resolve(organization, None) if organization else None
    digest = hashlib.sha256(
        "\x1f".join([ref.session_id, org_id or "", kind, fold(title), when.isoformat()]).encode()
    ).hexdigest()
    submission_id = f"{ref.session_id}-{digest[:12]}"
    batch.submissions[submission_id] = {
        "submission_id": submission_id,
        "session_id": ref.session_id,
        "organization_id": org_id,
        "kind": kind,
        "title": title,
        "date": when,
    }
    batch.submission_topics.update((submission_id, t) for t in topics)


def _submission_kind(value: object) -> str:
    text = nz.clean(value)
    if text is None:
        raise ValueError("the kind is empty")
    kind = SUBMISSION_KINDS.get(re.sub(r"\s+", " ", fold(text).replace("-", " ")).strip())
    if kind is None:
        raise ValueError(
            f"'{text}' is not a kind of submission (oral statement, written "
            "submission, recommendation, good practice)"
        )
    return kind


def _topics(value: object, ref: Reference) -> list[str]:
    text = nz.clean(value)
    if text is None:
        return []
    found = []
    for part in re.split(r"[;|]", text):
        name = fold(part).strip()
        if not name:
            continue
        topic = ref.topics.get(name) or ref.topics.get(slug(part))
        if topic is None:
            raise ValueError(f"topic '{part.strip()}' is not one of the store's topics")
        found.append(topic)
    return found


# -- rejects -------------------------------------------------------------------------------------


# Fields that say nothing about who a person is: kept in a reject as read. E-mail fields
# become the person's pseudonym; every other value (names, and columns no reader maps,
# such as a form's phone question) is masked, since it may identify someone.
_KEPT_FIELDS = frozenset(
    {
        "organization", "sector", "country", "session_id", "role", "mode", "registered",
        "registration_state", "attended", "seconds", "joined", "left", "waiting_room",
        "kind", "title", "date", "topics",
    }
)  # fmt: skip
_EMAIL_FIELDS = ("email", "alt_email")
_ANY_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"']+")
MASK = "[removed]"


def _raw_json(record: Record | SubmissionRecord, pseudonymizer: Pseudonymizer) -> str:
    """The record as read, keeping only what identifies nobody: kept fields as they are
    (any e-mail address in them replaced by its pseudonym), e-mail fields as pseudonyms,
    every other value masked."""
    kept = {record.column(f) for f in _KEPT_FIELDS if f in record.columns}
    if isinstance(record, SubmissionRecord):
        kept |= {record.column(f) for f in _KEPT_FIELDS}
    emails = {record.column(f) for f in _EMAIL_FIELDS if f in record.columns}

    def pseudonym(match: re.Match) -> str:
        return pseudonymizer.for_email(match.group(0).lower())

    def scrub(header: str, value: object) -> object:
        if value is None or value == "":
            return value
        if header in emails:
            return pseudonym(match) if (match := _ANY_EMAIL.search(str(value))) else MASK
        if header not in kept:
            return MASK
        if isinstance(value, str):
            return _ANY_EMAIL.sub(pseudonym, value)
        if isinstance(value, (datetime, date)):
            return value.isoformat()
        if isinstance(value, timedelta):
            return str(value)
        return value

    return json.dumps(
        {k: scrub(k, v) for k, v in record.raw.items()}, ensure_ascii=False, default=str
    )
