"""The briefing's content as values: a ``Briefing`` of ``Slide``s, each with a ``Chart``.

Every format (PPTX, PDF, PNG, HTML, XLSX) and the presenter page draw from these; they
hold only public numbers (small counts already suppressed) and plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

SAMPLE_LABEL = "Illustrative sample: record-level figures are not real data"
RAISED_MARK = "●"
HEATMAP_KEY = f"{RAISED_MARK} raised at the session; numbers: submissions on the topic"


@dataclass(frozen=True)
class Chart:
    """A chart's numbers: one value per category and series; ``None`` is suppressed.

    ``kind``: "stacked" bars, "bars", "lines", "heatmap" (categories x series grid) or
    "figures" (big numbers, ``labels`` their texts).
    """

    kind: str
    categories: list[str]
    series: dict[str, list[float | None]]
    colors: dict[str, str] = field(default_factory=dict)
    x_label: str = ""
    y_label: str = ""
    horizontal: bool = False
    labels: list[str] = field(default_factory=list)
    marked: dict[str, list[bool]] = field(default_factory=dict)  # heat map: raised here


@dataclass(frozen=True)
class Slide:
    key: str
    heading: str  # what the view is ("Attendance by sector")
    title: str  # the finding, in words, from the numbers shown
    chart: Chart
    table: pd.DataFrame  # the rows behind the chart, small counts as "<5"
    sources: str
    sample: bool  # illustrative records on this slide

    def notes(self) -> str:
        """Speaker notes: the text alternative, then every number of the chart."""
        numbers = self.table.to_string(index=False, na_rep="") if len(self.table) else "none"
        return f"{self.heading}. {self.title}\n\nNumbers:\n{numbers}\n\nSources: {self.sources}"


@dataclass(frozen=True)
class Briefing:
    title: str
    filters: list[str]  # "Sessions: Firearms, ..." per filter in force
    data_date: str
    threshold: int
    illustrative: list[str]  # sessions whose records are the illustrative sample
    sources: list[str]  # every source of the published figures, and the records
    link: str  # the dashboard query string this briefing shows
    slides: list[Slide]

    @property
    def suppression_note(self) -> str:
        return (
            f"Counts of fewer than {self.threshold} people are shown as <{self.threshold}, "
            "with other cells hidden where they would give them away."
        )

    @property
    def filter_text(self) -> str:
        return "; ".join(self.filters) if self.filters else "Whole series, no filters"

    def footer(self, slide: Slide | None = None) -> str:
        """The line under a slide: filters, sources, suppression and the sample label."""
        parts = [f"Filters: {self.filter_text}", f"Data as of {self.data_date}"]
        if slide is not None:
            parts.append(f"Sources: {slide.sources}")
        parts.append(self.suppression_note)
        if self.illustrative and (slide is None or slide.sample):
            parts.append(SAMPLE_LABEL)
        return " · ".join(parts)
