"""Microsoft Teams meeting attendance report (the "Download attendance list" file).

As Teams writes it: UTF-16 LE with a byte-order mark, tab-separated although named
``.csv``, in numbered sections: ``1. Summary`` (key/value lines: meeting title, attended
participants, start and end time, duration), ``2. Participants`` (one row per person:
Name, First Join, Last Leave, In-Meeting Duration, Email, Participant ID (UPN), Role) and
``3. In-Meeting Activities`` (one row per join/leave). Headers come in Title Case
(``First Join``, 2021-2022) or sentence case (``First join``, 2023 on); durations read
``1h 2m 3s``; dates are US (``5/6/22, 1:02:11 PM``) or day-first by the organizer's
locale. The 2021 report had a ``Meeting Summary`` block and ``Full Name``/``Join Time``.

Records are the rows of ``2. Participants`` (its duration is the person's total); the
activities rows repeat the same people and are read only when a report has no
participants section.
"""

from __future__ import annotations

import re

from ..records import Columns, ParsedFile, Record, data_rows, folded_cells
from ..source import Source

FORMAT = "teams-attendance"
KIND = "attendance"
KINDS = ("attendance",)
DESCRIPTION = "Microsoft Teams attendance report"

NAME = ("Name", "Full Name", "Nom", "Nom complet", "Nombre", "Nombre completo")
FIRST_JOIN = (
    "First Join",
    "First join",
    "Première participation",
    "Première arrivée",
    "Primera unión",
    "Primera entrada",
)
JOIN = ("Join Time", "Join time", "Heure d'arrivée", "Hora de unión", "Hora de entrada")
LAST_LEAVE = ("Last Leave", "Last leave", "Dernier départ", "Última salida")
LEAVE = ("Leave Time", "Leave time", "Heure de départ", "Hora de salida")
DURATION = (
    "In-Meeting Duration",
    "In-meeting duration",
    "In-meeting Duration",
    "Duration",
    "Durée de la réunion",
    "Durée dans la réunion",
    "Durée",
    "Duración en la reunión",
    "Duración",
)
EMAIL = (
    "Email",
    "E-mail",
    "Email address",
    "Adresse e-mail",
    "Adresse de messagerie",
    "Correo electrónico",
    "Registration Email",
)
UPN = (
    "Participant ID (UPN)",
    "ID du participant (UPN)",
    "Id. de participante (UPN)",
    "ID de participante (UPN)",
)
ROLE = ("Role", "Rôle", "Rol")

_SECTION = re.compile(r"^\s*(\d)\.\s*\S")


def _is_table_header(columns: Columns) -> bool:
    return (
        columns.find(*NAME) is not None
        and columns.find(*DURATION) is not None
        and columns.find(*FIRST_JOIN, *JOIN) is not None
    )


def sniff(source: Source) -> float:
    if source.is_workbook:
        return 0.0
    head = source.head(60)
    sections = {m.group(1) for r in head if (m := _SECTION.match(str(r.get(0) or "")))}
    headers = [r for r in head if _is_table_header(Columns(r))]
    if headers and Columns(headers[0]).find(*UPN, *FIRST_JOIN) is not None:
        return 0.95
    if headers and {"1", "2"} <= sections:
        return 0.9
    if headers and any("meeting summary" in " ".join(folded_cells(r)) for r in head):
        return 0.9
    return 0.0


def _tables(rows) -> list[tuple[str | None, int, Columns]]:
    """(section number, header index, columns) for every table in the report."""
    found, section, in_table = [], None, False
    for i, row in enumerate(rows):
        if in_table:  # a table runs to the next blank row: its rows are data, not headers
            in_table = not row.blank
            continue
        match = _SECTION.match(str(row.get(0) or ""))
        if match and len(row.cells) <= 2:
            section = match.group(1)
            continue
        columns = Columns(row)
        if _is_table_header(columns):
            found.append((section, i, columns))
            in_table = True
    return found


def read(source: Source, context) -> ParsedFile:
    rows = source.rows
    parsed = ParsedFile(source.name, source.sha256, FORMAT, KIND, online=True)
    tables = _tables(rows)
    if not tables:
        return parsed
    participants = [t for t in tables if t[2].find(*FIRST_JOIN) is not None or t[0] == "2"]
    _, start, columns = (participants or tables)[0]
    if not participants:
        parsed.notes.append(
            "no '2. Participants' section: minutes added up from the in-meeting activities"
        )
    idx = {
        f: columns.find(*names)
        for f, names in (
            ("name", NAME),
            ("email", EMAIL),
            ("upn", UPN),
            ("role", ROLE),
            ("duration", DURATION),
            ("join", FIRST_JOIN + JOIN),
            ("leave", LAST_LEAVE + LEAVE),
        )
    }
    labels = {f: columns.label(i) for f, i in idx.items() if i is not None}
    labels["alt_email"] = labels.get("upn", "Participant ID (UPN)")
    labels["seconds"] = labels.get("duration", "In-Meeting Duration")
    for row in data_rows(rows, start + 1):
        parsed.records.append(
            Record(
                row=row.number,
                raw=columns.raw(row),
                columns=labels,
                name=row.get(idx["name"]),
                email=row.get(idx["email"]),
                alt_email=row.get(idx["upn"]),
                role=row.get(idx["role"]),
                seconds=row.get(idx["duration"]),
                problem=columns.width_problem(row),
            )
        )
    return parsed
