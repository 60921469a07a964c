"""One or two plain sentences per question, for screen readers; ``summary(question, df)``.

The dashboard shows them under each chart title (and announces changes); they also make
a chart's content checkable as text in tests.
"""

from __future__ import annotations

import pandas as pd

from .. import registry
from .style import percent

EMPTY = "No records match the current filters."


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def headline(df: pd.DataFrame) -> str:
    r = df.iloc[0]
    if not r["participants"]:
        return EMPTY
    text = (
        f"{_plural(int(r['participants']), 'participant')} from "
        f"{_plural(int(r['organizations']), 'organization')} and "
        f"{_plural(int(r['countries']), 'country', 'countries')} in "
        f"{_plural(int(r['sessions']), 'session')}: "
        f"{percent(r['non_governmental_share'])} non-governmental, "
        f"{percent(r['first_time_share'])} taking part for the first time"
    )
    if r["gender_recorded"]:
        text += (
            f", {percent(r['women_share'])} women (of "
            f"{int(r['gender_recorded']):,} with gender recorded)"
        )
    return text + "."


def attendance_by_sector(df: pd.DataFrame) -> str:
    by_sector = df.groupby("sector", sort=False)["participants"].sum().sort_values(ascending=False)
    largest = by_sector.index[0]
    return (
        f"{_plural(df['session_id'].nunique(), 'session')}, "
        f"{_plural(int(df['participants'].sum()), 'participation')} in all. Largest sector: "
        f"{largest} with {by_sector.iloc[0]:,} "
        f"({by_sector.iloc[0] / by_sector.sum():.0%}). "
        + "; ".join(f"{s} {n:,}" for s, n in by_sector.items())
        + "."
    )


def topics_per_session(df: pd.DataFrame) -> str:
    per_topic = df.groupby("topic").agg(  # sorted A-Z: a tie goes to the first
        submissions=("submissions", "sum"), raised=("raised", "sum")
    )
    busiest = per_topic["submissions"].idxmax()
    most_raised = per_topic["raised"].idxmax()
    return (
        f"{_plural(len(per_topic), 'topic')} across "
        f"{_plural(df['session_id'].nunique(), 'session')}. Most submissions: {busiest} "
        f"({int(per_topic.loc[busiest, 'submissions'])}). Raised at the most sessions: "
        f"{most_raised} ({int(per_topic.loc[most_raised, 'raised'])})."
    )


def contributions_over_time(df: pd.DataFrame) -> str:
    by_kind = df.groupby("kind", sort=False)["submissions"].sum().sort_values(ascending=False)
    dates = pd.to_datetime(df["date"])
    return (
        f"{_plural(int(by_kind.sum()), 'submission')} from {dates.min():%-d %b %Y} to "
        f"{dates.max():%-d %b %Y}: "
        + ", ".join(f"{n:,} {k}{'s' if n != 1 else ''}" for k, n in by_kind.items())
        + "."
    )


def participants_by_area(df: pd.DataFrame) -> str:
    top = df.sort_values("participants", ascending=False).iloc[0]
    return (
        f"{_plural(len(df), 'place')}. Most participants: {top['area']} with "
        f"{int(top['participants']):,} from "
        f"{_plural(int(top['organizations']), 'organization')}."
    )


def funnel(df: pd.DataFrame) -> str:
    t = df[["registered", "attended", "no_shows", "walk_ins"]].sum()
    rate = t["attended"] / t["registered"] if t["registered"] else None
    return (
        f"{int(t['registered']):,} registrations and {int(t['attended']):,} attendances "
        f"across {_plural(len(df), 'session')}; {int(t['no_shows']):,} registered but did "
        f"not attend, {int(t['walk_ins']):,} attended without registering"
        + (f" (attended per registered: {rate:.0%})." if rate is not None else ".")
    )


def returning_participants(df: pd.DataFrame) -> str:
    first, back = int(df["first_time"].sum()), int(df["returning"].sum())
    return (
        f"Across {_plural(len(df), 'session')}: {first:,} first-time and {back:,} returning "
        f"participations ({percent(back / (first + back) if first + back else None)} "
        f"returning)."
    )


def published_vs_recorded(df: pd.DataFrame) -> str:
    disagree = df.loc[~df["agrees"].astype(bool), "figure_id"].tolist()
    text = (
        f"{_plural(len(df), 'published figure')}; "
        f"{int(df['agrees'].sum())} agree with the recorded data"
    )
    return text + (f"; check {', '.join(disagree)}." if disagree else ".")


def contributions(df: pd.DataFrame) -> str:
    return (
        f"{_plural(len(df), 'contribution')} from "
        f"{_plural(df['organization'].nunique(), 'organization')}."
    )


def sessions_per_participant(df: pd.DataFrame) -> str:
    return (
        "; ".join(
            f"{int(n):,} in {_plural(int(s), 'session')}"
            for s, n in zip(df["sessions"], df["participants"])
        )
        + "."
    )


def illustrative_sessions(df: pd.DataFrame) -> str:
    return "Illustrative sample data for: " + ", ".join(df["session"]) + "."


def summary(question: str, df: pd.DataFrame) -> str:
    """A short text of what the view for ``question`` shows, given that question's frame."""
    if question not in registry.QUESTIONS:
        raise ValueError(f"no summary for {question!r}; known: {sorted(registry.QUESTIONS)}")
    describe = registry.QUESTIONS[question].summary_function
    return describe(df) if len(df) else EMPTY
