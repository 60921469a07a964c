"""The documented templates (CSV or XLSX), for anything no other reader knows.

Participation: ``name, email, organization, sector, country, session_id, mode, role,
registered, attended`` (one row per person and session; blank cells mean "not stated").
Submissions: ``session_id, organization, kind, title, date, topics`` (topics separated by
``;``). Headers in any case and order; CSV comma-, semicolon- or tab-separated, UTF-8
(with or without byte-order mark), Windows-1252 or any encoding ``source.py`` detects.
``docs``: tests/fixtures/exports/README.md.
"""

from __future__ import annotations

from types import SimpleNamespace

from ..records import Columns, ParsedFile, Record, SubmissionRecord, data_rows, header_key
from ..source import Source

PARTICIPATION_COLUMNS = (
    "name",
    "email",
    "organization",
    "sector",
    "country",
    "session_id",
    "mode",
    "role",
    "registered",
    "attended",
)
SUBMISSION_COLUMNS = ("session_id", "organization", "kind", "title", "date", "topics")


def _header_score(source: Source, expected: tuple[str, ...], required: set[str]) -> float:
    head = source.head(1)
    if not head:
        return 0.0
    found = {header_key(c).replace(" ", "_") for c in head[0].cells}
    if not required <= found:
        return 0.0
    return 0.5 + 0.4 * len(found & set(expected)) / len(expected)


def _read(source: Source, fmt: str, kind: str, expected: tuple[str, ...], factory) -> ParsedFile:
    rows = source.rows
    parsed = ParsedFile(source.name, source.sha256, fmt, kind)
    columns = Columns(rows[0])
    idx = {f: columns.find(f, f.replace("_", " ")) for f in expected}
    labels = {f: columns.label(i) for f, i in idx.items() if i is not None}
    for row in data_rows(rows, 1):
        values = {f: row.get(i) for f, i in idx.items() if i is not None}
        parsed.records.append(
            factory(
                row=row.number,
                raw=columns.raw(row),
                columns=labels,
                problem=columns.width_problem(row),
                **values,
            )
        )
    return parsed


def _participation_sniff(source: Source) -> float:
    return _header_score(source, PARTICIPATION_COLUMNS, {"name", "email", "session_id"})


def _participation_read(source: Source, context) -> ParsedFile:
    return _read(source, "template-participation", "registration", PARTICIPATION_COLUMNS, Record)


def _submissions_sniff(source: Source) -> float:
    return _header_score(
        source, SUBMISSION_COLUMNS, {"session_id", "organization", "kind", "title"}
    )


def _submissions_read(source: Source, context) -> ParsedFile:
    return _read(
        source, "template-submissions", "submissions", SUBMISSION_COLUMNS, SubmissionRecord
    )


participation = SimpleNamespace(
    FORMAT="template-participation",
    KIND="registration",
    sniff=_participation_sniff,
    read=_participation_read,
    __name__=f"{__name__}.participation",
    __doc__=__doc__,
)
submissions = SimpleNamespace(
    FORMAT="template-submissions",
    KIND="submissions",
    sniff=_submissions_sniff,
    read=_submissions_read,
    __name__=f"{__name__}.submissions",
    __doc__=__doc__,
)
