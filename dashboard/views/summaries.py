"""One or two plain sentences per question, for screen readers; ``summary(question, df)``.

The dashboard shows them under each chart title (and announces changes); they also make
a chart's content checkable as text in tests. A sentence describes the frame the chart
beside it draws, in the words of the state it was drawn for: ``summary`` passes each
function the options it takes (``count``, ``selected``, ``level``, ...), so a card
counting registrations says "registrations", and one with a selection names it.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .. import registry
from .style import TOP_PLACES, percent
from .words import AREA_NOUNS, accepted, count_noun, counted, people

EMPTY = "No records match the current filters."


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else "n/a"


def headline(df: pd.DataFrame, count: str = "attended") -> str:
    r = df.iloc[0]
    if not r["participants"]:
        return EMPTY
    one, many = people(count, 1), people(count, 2)
    text = (
        f"{_plural(int(r['participants']), one, many)} from "
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


def attendance_by_sector(
    df: pd.DataFrame, count: str = "attended", selected: Iterable[str] = ()
) -> str:
    """Sessions and the sum of their bars (a person counts once per session, so this is
    not the headline's number of people), the largest sector, every sector, and the
    selected sectors' part of the bars."""
    by_sector = df.groupby("sector", sort=False)["participants"].sum().sort_values(ascending=False)
    total = int(by_sector.sum())
    largest = by_sector.index[0]
    text = (
        f"{_plural(df['session_id'].nunique(), 'session')}, "
        f"{counted(count, total)} in all (one per person and session). Largest sector: "
        f"{largest} with {by_sector.iloc[0]:,} ({_share(by_sector.iloc[0], total)}). "
        + "; ".join(f"{s} {n:,}" for s, n in by_sector.items())
        + "."
    )
    chosen = [s for s in by_sector.index if s in set(selected)]
    if chosen:
        part = int(by_sector[chosen].sum())
        text += f" Selected: {', '.join(chosen)}, {counted(count, part)} ({_share(part, total)})."
    return text


def topics_per_session(df: pd.DataFrame, selected: Iterable[str] = ()) -> str:
    per_topic = df.groupby("topic", sort=True).agg(
        submissions=("submissions", "sum"), raised=("raised", "sum")
    )
    busiest = per_topic["submissions"].idxmax()
    most_raised = per_topic["raised"].idxmax()
    text = (
        f"{_plural(len(per_topic), 'topic')} across "
        f"{_plural(df['session_id'].nunique(), 'session')}. Most submissions: {busiest} "
        f"({int(per_topic.loc[busiest, 'submissions'])}). Raised at the most sessions: "
        f"{most_raised} ({int(per_topic.loc[most_raised, 'raised'])})."
    )
    chosen = df.loc[df["topic_id"].isin(set(selected))] if "topic_id" in df else df.iloc[:0]
    if len(chosen):
        names = ", ".join(sorted(set(chosen["topic"]), key=str.lower))
        text += f" Selected: {names}, {_plural(int(chosen['submissions'].sum()), 'submission')}."
    return text


def contributions_over_time(df: pd.DataFrame) -> str:
    by_kind = df.groupby("kind", sort=False)["submissions"].sum().sort_values(ascending=False)
    first, last = (f"{d:%-d %b %Y}" for d in pd.to_datetime(df["date"]).agg(["min", "max"]))
    when = f"on {first}" if first == last else f"from {first} to {last}"
    return (
        f"{_plural(int(by_kind.sum()), 'submission')} {when}: "
        + ", ".join(f"{n:,} {k}{'s' if n != 1 else ''}" for k, n in by_kind.items())
        + "."
    )


def participants_by_area(
    df: pd.DataFrame, count: str = "attended", level: str = "region", top: int = TOP_PLACES
) -> str:
    """How many places of the level there are and how many the chart shows; the first."""
    one, many = AREA_NOUNS.get(level, ("place", "places"))
    first = df.sort_values(["participants", "area"], ascending=[False, True]).iloc[0]
    shown = "all shown" if len(df) <= top else f"the {top} with the most {people(count, 2)} shown"
    return (
        f"{_plural(len(df), one, many)}, {shown}. Most {people(count, 2)}: {first['area']} "
        f"with {int(first['participants']):,} from "
        f"{_plural(int(first['organizations']), 'organization')}."
    )


def _selected_sessions(df: pd.DataFrame, selected: Iterable[str]) -> str:
    chosen = df.loc[df["session_id"].isin(set(selected))] if "session_id" in df else df.iloc[:0]
    names = chosen["session"] if "session" in chosen else chosen.get("session_id", [])
    return f" Selected: {', '.join(map(str, names))}." if len(chosen) else ""


def funnel(df: pd.DataFrame, selected: Iterable[str] = ()) -> str:
    t = df[["registered", "attended", "no_shows", "walk_ins"]].sum()
    rate = t["attended"] / t["registered"] if t["registered"] else None
    return (
        f"{int(t['registered']):,} registrations and {int(t['attended']):,} attendances "
        f"across {_plural(len(df), 'session')}; {int(t['no_shows']):,} registered but did "
        f"not attend, {int(t['walk_ins']):,} attended without registering"
        + (f" (attended per registered: {rate:.0%})." if rate is not None else ".")
        + _selected_sessions(df, selected)
    )


def returning_participants(
    df: pd.DataFrame, count: str = "attended", selected: Iterable[str] = ()
) -> str:
    first, back = int(df["first_time"].sum()), int(df["returning"].sum())
    return (
        f"Across {_plural(len(df), 'session')}: {first:,} first-time and {back:,} returning "
        f"{count_noun(count)} "
        f"({percent(back / (first + back) if first + back else None)} returning)."
        + _selected_sessions(df, selected)
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


def summary(question: str, df: pd.DataFrame, **options) -> str:
    """A short text of what the view for ``question`` shows, given that question's frame.

    ``options`` (``count``, ``selected``, ``level``, ...) are the state the view is drawn
    for; each summary takes those it needs.
    """
    if question not in registry.QUESTIONS:
        raise ValueError(f"no summary for {question!r}; known: {sorted(registry.QUESTIONS)}")
    describe = registry.QUESTIONS[question].summary_function
    return describe(df, **accepted(describe, options)) if len(df) else EMPTY
