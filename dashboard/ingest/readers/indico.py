"""Indico registrant export (Registrations > Export > CSV or Excel).

``ID``, ``Name`` (first and last), then the registration form fields the manager ticked
(``First Name``, ``Last Name``, ``Email Address``, ``Affiliation``, ``Position``,
``Country``, and the event's own questions), then the chosen status columns:
``Registration date``, ``Registration state`` (Completed, Pending, Rejected, Withdrawn,
Awaiting payment), ``Price``, ``Checked in`` (``Yes``/``No`` in CSV, a boolean in XLSX),
``Check-in date``. The CSV is UTF-8 with a byte-order mark (Indico 2.x on). Being checked
in means being in the room: attended in person.
"""

from __future__ import annotations

from ...text import fold
from ..normalize import clean, parse_yes_no
from ..records import Columns, ParsedFile, Record, data_rows
from ..source import Source
from ._questions import find_questions

FORMAT = "indico-registrants"
KIND = "registration"
KINDS = ("registration",)
DESCRIPTION = "Indico registrant export"

STATE = ("Registration state", "État de l'inscription", "Estado de la inscripción")
CHECKED_IN = ("Checked in", "Enregistré", "Registrado")
EMAIL = ("Email Address", "Email", "Adresse e-mail", "Correo electrónico")
AFFILIATION = ("Affiliation", "Afiliación")
STATES = {
    "completed": "complete",
    "complete": "complete",
    "pending": "pending",
    "rejected": "rejected",
    "withdrawn": "withdrawn",
    "awaiting payment": "awaiting payment",
    "unpaid": "awaiting payment",
}
NOT_REGISTERED = {"rejected", "withdrawn"}


def sniff(source: Source) -> float:
    head = source.head(1)
    if not head:
        return 0.0
    columns = Columns(head[0])
    starts = [fold(str(c or "")).strip() for c in head[0].cells[:2]] == ["id", "name"]
    status = columns.find(*STATE, *CHECKED_IN, "Registration date") is not None
    return 0.9 if starts and status else 0.5 if starts and columns.find(*EMAIL) else 0.0


def read(source: Source, context) -> ParsedFile:
    rows = source.rows
    parsed = ParsedFile(source.name, source.sha256, FORMAT, KIND)
    columns = Columns(rows[0])
    idx = {
        "email": columns.find(*EMAIL),
        "organization": columns.find(*AFFILIATION),
        "state": columns.find(*STATE),
        "checked_in": columns.find(*CHECKED_IN),
    }
    skip = {0, 1} | {i for i in idx.values() if i is not None}
    questions = {
        f: i
        for f, i in find_questions(columns, skip).items()
        if f in {"sector", "country", "mode"} or idx.get(f) is None
    }
    idx.update({f: i for f, i in questions.items() if f not in idx or idx[f] is None})
    labels = {f: columns.label(i) for f, i in idx.items() if i is not None}
    labels.update(
        name=columns.label(1),
        registered=labels.get("state", "Registration state"),
        attended=labels.get("checked_in", "Checked in"),
    )
    for row in data_rows(rows, 1):
        record = Record(
            row=row.number,
            raw=columns.raw(row),
            columns=labels,
            name=row.get(1),
            problem=columns.width_problem(row),
        )
        for field in ("email", "organization", "sector", "country", "mode"):
            if idx.get(field) is not None:
                setattr(record, field, row.get(idx[field]))
        _state(record, row.get(idx["state"]) if idx["state"] is not None else "Completed")
        checked_in = row.get(idx["checked_in"]) if idx["checked_in"] is not None else None
        try:  # not checked in says nothing: the person may have followed online
            record.attended = True if parse_yes_no(checked_in) else None
        except ValueError:
            record.attended = checked_in  # left for prepare to reject with its column
        if record.attended is not None and record.mode is None:
            record.mode = "in person"
        parsed.records.append(record)
    return parsed


def _state(record: Record, value: object) -> None:
    text = clean(value)
    state = STATES.get(fold(text or ""))
    if state is None:
        record.warn("registered", value, "not an Indico registration state; registration not known")
        return
    record.registration_state = state
    record.registered = state not in NOT_REGISTERED
