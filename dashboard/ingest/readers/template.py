"""The documented templates (CSV or XLSX), for anything no other reader knows.

Participation: ``name, email, organization, sector, country, session_id, mode, role,
registered, attended`` (one row per person and session; blank cells mean "not stated").
Submissions: ``session_id, organization, kind, title, date, topics`` (topics separated by
``;``). Headers in any case and order; CSV comma-, semicolon- or tab-separated, UTF-8
(with or without byte-order mark), Windows-1252 or any encoding ``source.py`` detects.
``docs``: tests/fixtures/exports/README.md.
"""

from __future__ import annotations

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


class TemplateReader:
    """One of the two documented templates, told apart by their header rows."""

    def __init__(self, fmt, kind, kinds, name, expected, required, factory):
        self.FORMAT, self.KIND, self.KINDS, self.DESCRIPTION = fmt, kind, kinds, name
        self.expected, self.required, self.factory = expected, set(required), factory

    def __repr__(self) -> str:
        return f"TemplateReader({self.FORMAT!r})"

    def sniff(self, source: Source) -> float:
        head = source.head(1)
        if not head:
            return 0.0
        found = {header_key(c).replace(" ", "_") for c in head[0].cells}
        if not self.required <= found:
            return 0.0
        return 0.5 + 0.4 * len(found & set(self.expected)) / len(self.expected)

    def read(self, source: Source, context) -> ParsedFile:
        rows = source.rows
        parsed = ParsedFile(source.name, source.sha256, self.FORMAT, self.KIND)
        columns = Columns(rows[0])
        idx = {f: columns.find(f, f.replace("_", " ")) for f in self.expected}
        labels = {f: columns.label(i) for f, i in idx.items() if i is not None}
        for row in data_rows(rows, 1):
            values = {f: row.get(i) for f, i in idx.items() if i is not None}
            parsed.records.append(
                self.factory(
                    row=row.number,
                    raw=columns.raw(row),
                    columns=labels,
                    problem=columns.width_problem(row),
                    **values,
                )
            )
        return parsed


participation = TemplateReader(
    "template-participation",
    "registration",
    ("registration", "attendance"),  # a template may record either
    "participation template",
    PARTICIPATION_COLUMNS,
    {"name", "email", "session_id"},
    Record,
)
submissions = TemplateReader(
    "template-submissions",
    "submissions",
    ("submissions",),
    "submissions template",
    SUBMISSION_COLUMNS,
    {"session_id", "organization", "kind", "title"},
    SubmissionRecord,
)
