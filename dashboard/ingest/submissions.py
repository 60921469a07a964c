"""Submission records: kind, title, date and topics checked, one row per submission.

A submission names no person, so a row that cannot be read whole is a reject (its row,
column and reason), never a half-read submission.
"""

from __future__ import annotations

import hashlib
import re

from ..text import fold, slug
from . import normalize as nz
from .batch import Batch, Reference, RowError, check_session, parse_field
from .records import SubmissionRecord

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


def add_submission(batch: Batch, record: SubmissionRecord, ref: Reference) -> None:
    check_session(record, ref)
    kind = parse_field(record, "kind", _submission_kind)
    title = nz.clean(record.title)
    if title is None:
        raise RowError(record.column("title"), "the title is empty")
    when = parse_field(record, "date", nz.parse_date)
    if when is None:
        raise RowError(record.column("date"), "the date is empty")
    topics = parse_field(record, "topics", lambda v: _topics(v, ref))
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
