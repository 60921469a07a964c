"""Microsoft Forms responses (Responses > Open in Excel / Download a copy, ``.xlsx``).

First sheet, one row per response. Fixed columns first: ``ID``, ``Start time``,
``Completion time``, ``Email``, ``Name`` (and, since 2023, ``Last modified time``); in a
French-language tenant ``ID``, ``Heure de début``, ``Heure de fin``, ``Adresse de
messagerie``, ``Nom``, ``Heure de la dernière modification``. Then one column per
question, headed by the question text. ``Email``/``Name`` hold the signed-in account;
when the form accepts anyone, ``Email`` reads ``anonymous`` and ``Name`` is empty, so the
person is known only by what the questions asked (name, e-mail, organization).
"""

from __future__ import annotations

from ...text import fold
from ..normalize import email_or_none
from ..records import Columns, ParsedFile, Record, data_rows
from ..source import Source
from ._questions import find_questions

FORMAT = "msforms-registration"
KIND = "registration"
KINDS = ("registration",)
DESCRIPTION = "Microsoft Forms responses (.xlsx)"

FIXED = (
    ("id",),
    ("start time", "heure de debut", "hora de inicio"),
    ("completion time", "heure de fin", "hora de finalizacion"),
    ("email", "adresse de messagerie", "correo electronico"),
    ("name", "nom", "nombre"),
)
LAST_MODIFIED = (
    "last modified time",
    "heure de la derniere modification",
    "hora de la ultima modificacion",
)


def _fixed_width(row) -> int:
    """5 or 6 when the row starts with Forms' fixed columns, else 0."""
    cells = [" ".join(fold(str(c or "")).split()) for c in row.cells[:6]]
    if len(cells) < 5 or not all(c in names for c, names in zip(cells, FIXED)):
        return 0
    return 6 if len(cells) > 5 and cells[5] in LAST_MODIFIED else 5


def sniff(source: Source) -> float:
    head = source.head(1)
    return 0.95 if head and _fixed_width(head[0]) else 0.0


def read(source: Source, context) -> ParsedFile:
    rows = source.rows
    parsed = ParsedFile(source.name, source.sha256, FORMAT, KIND)
    columns = Columns(rows[0])
    fixed = _fixed_width(rows[0])
    questions = find_questions(columns, skip=set(range(fixed)))
    labels = {f: columns.label(i) for f, i in questions.items()}
    labels.setdefault("email", columns.label(3))
    labels.setdefault("name", columns.label(4))
    for row in data_rows(rows, 1):
        record = Record(
            row=row.number,
            raw=columns.raw(row),
            columns=labels,
            registered=True,
            registration_state="complete",
        )
        for field, index in questions.items():
            setattr(record, field, row.get(index))
        account_email = email_or_none(row.get(3))
        if "email" in questions:
            record.alt_email = account_email
        else:
            record.email = row.get(3) if account_email or row.get(3) else None
        if record.name is None and record.first_name is None and record.last_name is None:
            record.name = row.get(4)
        parsed.records.append(record)
    return parsed
