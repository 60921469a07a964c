"""From records to rows: who each person is, and what their records say, validated.

For every format the same rules: a participant is the keyed hash of the normalized
e-mail (or of name and organization when there is none, linked to the session's
registrant of that name when there is exactly one); organizations are matched in
``organizations.py``; sectors go through the mapping file; countries to ISO alpha-3; a
person's rows fold into one attendance (``attendance.py``). Submissions are checked in
``submissions.py``, and what a reject keeps of its record in ``rejects.py``.

Nobody is lost over one field: a record that says who a person is (an e-mail or a name)
is always loaded. A value that cannot be read (a sector label the mapping lacks, a
country not recognised, an odd e-mail, an unreadable time) is stored as unknown, its raw
text kept where a mapping may read it later (``dialogues remap``), and reported as a
warning with row, column and value. Only a record that identifies nobody (and a
submission that cannot be read) ends in ``rejects``. Nothing is written here:
``load.py`` writes a ``Batch`` in one transaction.
"""

from __future__ import annotations

from datetime import datetime

from . import normalize as nz
from .attendance import Person, add_time
from .batch import (
    WHOLE_ROW,
    Batch,
    Reference,
    Reject,
    RowError,
    check_session,
    soft,
    warn,
)
from .organizations import UNKNOWN_SECTOR
from .records import ParsedFile, Record, SubmissionRecord
from .rejects import raw_json
from .submissions import add_submission


def prepare(parsed: ParsedFile, ref: Reference, progress=None) -> Batch:
    batch = Batch(parsed, ref.session_id)
    step = progress.update if progress is not None else (lambda n: None)
    for record in parsed.records:
        mark = len(batch.warnings)
        try:
            if isinstance(record, SubmissionRecord):
                if record.problem:
                    raise RowError(*record.problem)
                add_submission(batch, record, ref)
            else:
                _add_person(batch, record, ref)
            batch.loaded += 1
        except RowError as exc:
            del batch.warnings[mark:]  # a rejected record is reported once, as a reject
            batch.rejects.append(
                Reject(record.row, exc.column, exc.reason, raw_json(record, ref.pseudonymizer))
            )
        step(1)
    batch.new_organizations = list(ref.organizations.new.values())
    batch.updated_organizations = list(ref.organizations.updated.values())
    batch.fuzzy_matches = list(ref.organizations.fuzzy)
    return batch


def _email(batch: Batch, record: Record) -> str | None:
    """The normalized address; an odd one that still names a mailbox ('kim@example')
    identifies the person as written (it only derives the pseudonym), with a warning."""
    try:
        return nz.normalize_email(record.email)
    except ValueError:
        loose = nz.loose_email(record.email)
        what = "the person is identified by it as written" if loose else "ignored"
        warn(batch, record, "email", record.email, f"not an e-mail address; {what}")
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
        raise RowError(
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
    check_session(record, ref)
    pid, email, organization, name_key = _identity(batch, record, ref)
    if record.problem:
        warn(batch, record, WHOLE_ROW, None, f"{record.problem[1]}; the missing cells are empty")
    for name, value, reason in record.warnings:
        warn(batch, record, name, value, reason)
    country, country_label = _country(batch, record, ref)
    sector, sector_label = _sector(batch, record, ref)
    role = soft(batch, record, "role", nz.parse_role, "stored as participant")
    if batch.parsed.online and role == "participant":
        role = None  # 'Attendee' says nothing that would change a role set elsewhere
    mode = (
        "online"
        if batch.parsed.online
        else soft(batch, record, "mode", nz.parse_mode, "mode stored as not known")
    )
    registered = soft(batch, record, "registered", nz.parse_yes_no, "stored as not stated")
    attended = soft(batch, record, "attended", nz.parse_yes_no, "stored as not stated")
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

    person = batch.people.setdefault(pid, Person(pid))
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
    add_time(person, record, seconds, interval)


_REMAP = "then run `dialogues remap`"


def _country(batch: Batch, record: Record, ref: Reference) -> tuple[str | None, str | None]:
    """(ISO alpha-3 or None, the cell as read): an unrecognised country is unknown."""
    label = nz.clean(record.country)
    stored = f"stored as unknown; add it to the country aliases, {_REMAP}"
    country = soft(batch, record, "country", nz.country_iso3, stored)
    if country and country not in ref.countries:
        warn(batch, record, "country", label, f"{country} is not in the countries table; {stored}")
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
        warn(
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
        minutes = soft(batch, record, "seconds", nz.parse_minutes, unknown)
        return (None if minutes is None else minutes * 60), None
    return soft(batch, record, "seconds", nz.parse_duration, unknown), None
