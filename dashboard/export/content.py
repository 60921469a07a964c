"""What a briefing says, before any format: slides with a finding, a chart and a table.

``build_briefing(d)`` asks the dashboard's questions for the state of a ``Dialogues``
object and turns each answer into a ``Slide``: a title that states the finding in words,
the chart's numbers (``Chart``), the table behind it and the speaker notes. Counts of
people below ``min_cell_size`` are suppressed here, with their complements (see
``dashboard.privacy``), so every format drawn from a ``Briefing`` is public. Pure pandas:
no Panel, no drawing.
"""

from __future__ import annotations

import pandas as pd

from ..state import LIST_FILTERS
from .model import Briefing
from .slides import (
    attendance_by_sector,
    contributions_over_time,
    funnel,
    headline,
    participants_by_area,
    published_vs_recorded,
    topics_per_session,
)

# Building ------------------------------------------------------------------------------
RECORDS = "participation records in the dashboard store"
SUBMISSIONS = "submissions in the dashboard store"


def build_briefing(d) -> Briefing:
    """The briefing of ``d`` (a ``dashboard.Dialogues``): its state, its questions."""
    threshold = d.settings.min_cell_size
    illustrative = d.ask("illustrative_sessions")["session"].tolist()
    figures = d.ask("published_vs_recorded")
    sample = bool(illustrative)
    slides = [
        headline(d.ask("headline"), threshold, d.filters.count, RECORDS, sample),
        attendance_by_sector(d.ask("attendance_by_sector"), threshold, RECORDS, sample),
        topics_per_session(d.ask("topics_per_session"), SUBMISSIONS, sample),
        contributions_over_time(d.ask("contributions_over_time"), SUBMISSIONS, sample),
        participants_by_area(
            d.ask("participants_by_area"), threshold, d.state.area_level, RECORDS, sample
        ),
        funnel(d.ask("funnel"), threshold, RECORDS, sample),
        published_vs_recorded(figures, threshold, _published_sources(figures), sample),
    ]
    return Briefing(
        title=_title(d),
        filters=_filters_in_force(d.state),
        data_date=_data_date(d),
        threshold=threshold,
        illustrative=illustrative,
        sources=_all_sources(figures),
        link=d.query_string(),
        slides=slides,
    )


def _labels(state, name: str) -> dict:
    """{value: label} of a filter's choices (the widgets' labels)."""
    return {v: k for k, v in (state.param[name].names or {}).items()}


def _title(d) -> str:
    chosen = d.state.series
    if chosen:
        labels = _labels(d.state, "series")
        series = [labels.get(s, s) for s in chosen]
    else:
        series = d.sql("SELECT title FROM series ORDER BY year, series_id")["title"].tolist()
    return ", ".join(series) + ": who took part" if series else "Constructive Dialogues"


def _filters_in_force(state) -> list[str]:
    lines = []
    for name in LIST_FILTERS:
        values = getattr(state, name)
        if values:
            labels = _labels(state, name)
            lines.append(f"{state.label(name)}: {', '.join(str(labels.get(v, v)) for v in values)}")
    if state.count != "attended":
        lines.append("Counting registrations")
    return lines


def _data_date(d) -> str:
    latest = d.sql("SELECT max(imported_at) AS latest FROM imports")["latest"].iloc[0]
    return "unknown" if pd.isna(latest) else f"{pd.Timestamp(latest):%-d %B %Y}"


def _source_line(row) -> str:
    date = pd.Timestamp(row.source_date) if not pd.isna(row.source_date) else None
    parts = [row.source_title, row.source_publisher, date and f"{date:%-d %b %Y}"]
    text = ", ".join(str(p) for p in parts if p is not None and not pd.isna(p))
    return f"{text} ({row.source_url})" if isinstance(row.source_url, str) else text


def _published_sources(figures: pd.DataFrame) -> str:
    publishers = sorted({str(p) for p in figures["source_publisher"].dropna()})
    return "published figures from " + (", ".join(publishers) or "their sources") + "; " + RECORDS


def _all_sources(figures: pd.DataFrame) -> list[str]:
    lines = list(dict.fromkeys(_source_line(r) for r in figures.itertuples()))
    return [*lines, f"Records: {RECORDS} ({SUBMISSIONS})"]
