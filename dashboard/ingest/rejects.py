"""What a reject keeps of its record: only values that identify nobody.

Fields such as organization, sector, country or times are kept as read (any e-mail
address in them replaced by its pseudonym); e-mail fields become the person's pseudonym;
every other value (names, phone numbers, columns no reader maps) is masked.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

from .pseudonym import Pseudonymizer
from .records import Record, SubmissionRecord

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
EMAIL_FIELDS = ("email", "alt_email")
_ANY_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"']+")
MASK = "[removed]"


def raw_json(record: Record | SubmissionRecord, pseudonymizer: Pseudonymizer) -> str:
    """The record as read, keeping only what identifies nobody: kept fields as they are
    (any e-mail address in them replaced by its pseudonym), e-mail fields as pseudonyms,
    every other value masked."""
    kept = {record.column(f) for f in _KEPT_FIELDS if f in record.columns}
    if isinstance(record, SubmissionRecord):
        kept |= {record.column(f) for f in _KEPT_FIELDS}
    emails = {record.column(f) for f in EMAIL_FIELDS if f in record.columns}

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
