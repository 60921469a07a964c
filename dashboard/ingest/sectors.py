"""Free-text sector labels -> the six sectors, through the editable mapping file.

``data/reference/sector_labels.csv`` (columns ``label, language, sector``) lists the
labels that registration forms and vendors use, in English, French and Spanish. Labels
are compared folded (case, accents, punctuation ignored). A label that is not in the file
is never guessed: the record is loaded with the sector unknown and a warning that names
the label and the file, so staff can add the line and run ``dialogues remap``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import IngestError
from ..text import normalized_name

MAPPING_FILE = "sector_labels.csv"


class SectorMap:
    """Folded label -> sector; the sectors' own names always map to themselves."""

    def __init__(self, labels: dict[str, str], sectors: set[str], path: Path | None = None):
        self.sectors = sectors
        self.path = path
        self._labels = {normalized_name(s): s for s in sectors}
        self._labels.update(labels)

    @classmethod
    def load(cls, data_dir: Path, sectors: set[str]) -> SectorMap:
        path = Path(data_dir) / "reference" / MAPPING_FILE
        labels: dict[str, str] = {}
        if path.exists():
            with path.open(encoding="utf-8-sig", newline="") as handle:
                for line, row in enumerate(csv.DictReader(handle), start=2):
                    sector = (row.get("sector") or "").strip()
                    if sector not in sectors:
                        raise IngestError(
                            str(path),
                            f"line {line}: '{sector}' is not one of "
                            f"the sectors ({', '.join(sorted(sectors))})",
                        )
                    labels[normalized_name(row["label"])] = sector
        return cls(labels, sectors, path)

    def lookup(self, label: str) -> str | None:
        """The sector for a label, or None when the mapping file does not list it."""
        return self._labels.get(normalized_name(label))
