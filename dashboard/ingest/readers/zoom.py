"""Zoom meeting participants report (Reports > Usage > Participants, "Export with
meeting data").

UTF-8 with a byte-order mark, comma-separated. A meeting block comes first: a header
line (``Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants``
until 2022; ``Topic,ID,Host,Duration (minutes),Start time,End time,Participants`` since)
and one line of values; after a blank line, the participants table: ``Name (Original
Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent,In
Waiting Room`` (sentence case since 2023: ``Name (original name),Email,Join time,...``).
One row per join/leave; guests and dial-in callers have no e-mail; rows with ``In
Waiting Room = Yes`` are time spent waiting to be admitted, which is not attendance. A
report exported without meeting data starts directly with the participants table.
"""

from __future__ import annotations

import re

from ..normalize import clean, parse_datetime, parse_yes_no, resolve_date_order
from ..records import Columns, ParsedFile, Record, data_rows, header_key
from ..source import Source

FORMAT = "zoom-participants"
KIND = "attendance"
KINDS = ("attendance",)
DESCRIPTION = "Zoom participants report"

NAME = (
    "Name (Original Name)",
    "Name (original name)",
    "User Name (Original Name)",
    "Name",
    "Nom (nom d'origine)",
    "Nombre (nombre original)",
)
EMAIL = ("User Email", "Email", "E-mail", "Adresse e-mail", "Correo electrónico")
JOIN = ("Join Time", "Join time", "Heure d'arrivée", "Hora de entrada")
LEAVE = ("Leave Time", "Leave time", "Heure de départ", "Hora de salida")
DURATION = (
    "Duration (Minutes)",
    "Duration (minutes)",
    "Total duration (minutes)",
    "Time in Session (minutes)",
    "Durée (minutes)",
    "Duración (minutos)",
)
GUEST = ("Guest", "Is Guest", "Invité", "Invitado")
WAITING = ("In Waiting Room", "In waiting room", "Dans la salle d'attente", "En la sala de espera")
MEETING_FIRST = {"meeting id", "topic", "id de reunion", "sujet", "tema"}


def _participants_header(rows) -> int | None:
    for i, row in enumerate(rows):
        columns = Columns(row)
        name = columns.find(*NAME)
        if (
            name is not None
            and columns.find(*DURATION) is not None
            and ("original name" in header_key(row.get(name)) or columns.find(*JOIN) is not None)
        ):
            return i
    return None


def sniff(source: Source) -> float:
    if source.is_workbook:
        return 0.0
    head = source.head(12)
    start = _participants_header(head)
    if start is None:
        return 0.0
    meeting = any(header_key(r.get(0)) in MEETING_FIRST for r in head[:start])
    original = any("original name" in header_key(c) for c in head[start].cells)
    return 0.95 if meeting or original else 0.6


def _clean_name(value: object) -> str | None:
    """'JD (Jane Doe)' -> 'Jane Doe': the original name is the one the person signed in with."""
    text = clean(value)
    match = re.match(r"^(.*\S)\s*\(([^()]+)\)$", text or "")
    return match.group(2).strip() if match else text


def read(source: Source, context) -> ParsedFile:
    rows = source.rows
    parsed = ParsedFile(source.name, source.sha256, FORMAT, KIND, online=True)
    start = _participants_header(rows)
    if start is None:
        return parsed
    columns = Columns(rows[start])
    idx = {
        f: columns.find(*names)
        for f, names in (
            ("name", NAME),
            ("email", EMAIL),
            ("joined", JOIN),
            ("left", LEAVE),
            ("seconds", DURATION),
            ("guest", GUEST),
            ("waiting_room", WAITING),
        )
    }
    labels = {f: columns.label(i) for f, i in idx.items() if i is not None}
    body = list(data_rows(rows, start + 1))
    order = resolve_date_order([r.get(idx["joined"]) for r in body], context.session_date)
    for row in body:
        record = Record(
            row=row.number,
            raw=columns.raw(row),
            columns=labels,
            name=_clean_name(row.get(idx["name"])),
            email=row.get(idx["email"]),
            seconds=row.get(idx["seconds"]),
            seconds_unit="minutes",
            problem=columns.width_problem(row),
        )
        _times(record, row, idx, order)
        parsed.records.append(record)
    return parsed


_NOT_USED = "the row's join and leave times are not used (its duration is, when given)"


def _times(record: Record, row, idx: dict, order: str) -> None:
    """Join, leave and waiting-room cells; one that cannot be read leaves the row's time
    unknown (a warning), never the person out."""
    if record.problem:
        return
    try:
        record.waiting_room = parse_yes_no(row.get(idx["waiting_room"])) or False
    except ValueError as exc:
        record.warn("waiting_room", row.get(idx["waiting_room"]), str(exc))
        record.waiting_room = False
    for field in ("joined", "left"):
        try:
            setattr(record, field, parse_datetime(row.get(idx[field]), order))
        except ValueError as exc:
            record.warn(field, row.get(idx[field]), f"{exc}; {_NOT_USED}")
    if record.joined and record.left and record.left < record.joined:
        record.warn("left", row.get(idx["left"]), f"leave time is before join time; {_NOT_USED}")
    if any(name in ("joined", "left") for name, _, _ in record.warnings):
        record.joined = record.left = None
