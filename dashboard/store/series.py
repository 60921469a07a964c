"""``dialogues series new YEAR``: the folder of a new series, ready to fill in.

Each file gets the headers the build reads (``build.REQUIRED_FILES`` and
``build.OPTIONAL_FILES``) and one example row, so a new series needs no code. The
example rows build as they are; replace them with the series' own.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import DialoguesError
from .build import OPTIONAL_FILES, REQUIRED_FILES


def _examples(year: int) -> dict[str, dict[str, str]]:
    """One example row per file: the new series' first meeting and a figure about it."""
    meeting = f"CD-{year}-01"
    return {
        "series": {
            "series_id": f"CD-{year}",
            "title": f"Constructive Dialogues on the Review Mechanism of UNTOC ({year})",
            "year": str(year),
            "convener": "UNODC Civil Society Unit",
        },
        "meetings": {
            "meeting_id": meeting,
            "date": f"{year}-06-01",
            "title": "Constructive Dialogue on Firearms",
            "working_groups": "Working Group on Firearms",
            "format": "hybrid",
            "venue": "Vienna International Centre, Vienna and online",
        },
        "topics": {"meeting_id": meeting, "topic": "Firearms Protocol implementation"},
        "people": {
            "meeting_id": meeting,
            "name": "Name of the chair",
            "role": "chair",
            "organization": "Ministry of Foreign Affairs",
            "sector": "Government",
        },
        "published_figures": {
            "figure_id": f"F{year}-01",  # figure ids are unique across every series
            "meeting_id": meeting,
            "measure": "participated",
            "unit": "people",
            "population": "participants",
            "qualifier": "over",
            "value": "100",
            "source_title": "Title of the page that published the figure",
            "source_publisher": "UNODC Civil Society Unit",
            "source_date": f"{year}-06-15",
        },
        "figure_rules": {"figure_id": f"F{year}-01", "counts": "people"},
    }


def new_series(data_dir: Path, year: int) -> Path:
    """Write ``data_dir/series/<year>/`` with every file's headers and an example row."""
    folder = Path(data_dir) / "series" / str(year)
    if folder.exists():
        raise DialoguesError(f"{folder}: already there; it is never overwritten")
    folder.mkdir(parents=True)
    examples = _examples(year)
    for stem, columns in (REQUIRED_FILES | OPTIONAL_FILES).items():
        name = f"{stem}.csv" if stem in ("series", "figure_rules") else f"{stem}_{year}.csv"
        with open(folder / name, "w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerow(examples[stem])
    return folder
