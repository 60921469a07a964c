"""Which export a file is, from its content (never its name).

Every reader scores the file; the most confident reader above zero wins. A file no
reader recognises is refused, naming the formats that are understood.
"""

from __future__ import annotations

from ..errors import IngestError
from .readers import READERS
from .source import Source

FORMAT_NAMES = {
    "teams-attendance": "Microsoft Teams attendance report",
    "teams-attendance-list": "Microsoft Teams attendance list (meetingAttendanceList.csv)",
    "zoom-participants": "Zoom participants report",
    "msforms-registration": "Microsoft Forms responses (.xlsx)",
    "indico-registrants": "Indico registrant export",
    "template-participation": "participation template",
    "template-submissions": "submissions template",
}


def detect(source: Source, kind: str | None = None):
    """The reader for ``source``; IngestError if none fits (or none of ``kind``)."""
    scores = sorted(
        ((reader.sniff(source), i, reader) for i, reader in enumerate(READERS)),
        key=lambda t: (-t[0], t[1]),
    )
    best_score, _, best = scores[0]
    if best_score <= 0:
        raise IngestError(
            source.name,
            "not an export this tool understands; expected one of: "
            + "; ".join(FORMAT_NAMES.values())
            + " (see tests/fixtures/exports/README.md)",
        )
    if kind and not _kind_fits(best, kind):
        raise IngestError(
            source.name,
            f"this is a {FORMAT_NAMES[best.FORMAT]} ({best.KIND} data), not a {kind} file",
        )
    return best


def _kind_fits(reader, kind: str) -> bool:
    if reader.FORMAT == "template-participation":
        return kind in ("registration", "attendance")
    return kind == reader.KIND
