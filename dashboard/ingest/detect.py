"""Which export a file is, from its content (never its name).

Every reader scores the file; the most confident reader above zero wins. A file no
reader recognises is refused, naming the formats that are understood.
"""

from __future__ import annotations

from ..errors import IngestError
from .readers import Reader, registered
from .source import Source


def detect(source: Source, kind: str | None = None) -> Reader:
    """The reader for ``source``; IngestError if none fits (or none of ``kind``)."""
    readers = registered()
    scores = sorted(
        ((reader.sniff(source), i, reader) for i, reader in enumerate(readers)),
        key=lambda t: (-t[0], t[1]),
    )
    best_score, _, best = scores[0]
    if best_score <= 0:
        raise IngestError(
            source.name,
            "not an export this tool understands; expected one of: "
            + "; ".join(r.DESCRIPTION for r in readers)
            + " (see tests/fixtures/exports/README.md)",
        )
    if kind and kind not in best.KINDS:
        raise IngestError(
            source.name, f"this is a {best.DESCRIPTION} ({best.KIND} data), not a {kind} file"
        )
    return best
