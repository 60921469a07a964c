"""The words of a state: what is counted, what places are called, each card's heading.

A card's title and hint, like its summary, are functions of the state it is drawn for
(``count``, ``shares``, ``level``) and of the frame it draws (how many places there
are), so "Registrations by sector" stands above registrations and "The 5 M49 regions"
above five bars. ``heading(question, df, **options)`` gives a card's (title, hint), or
None where the component's own fixed words always hold. Pure, like every view.
"""

from __future__ import annotations

import inspect

import pandas as pd

from .style import TOP_PLACES

# Per count basis: the thing counted (one per person and session), the people counted,
# and how they relate to a session.
_COUNTED = {
    "attended": (("attendance", "attendances"), ("participant", "participants"), "attending"),
    "registered": (
        ("registration", "registrations"),
        ("registrant", "registrants"),
        "registered for",
    ),
}
AREA_NOUNS = {
    "region": ("M49 region", "M49 regions"),
    "sub_region": ("M49 sub-region", "M49 sub-regions"),
    "un_regional_group": ("UN regional group", "UN regional groups"),
    "country": ("country", "countries"),
}


def accepted(function, options: dict) -> dict:
    """The ``options`` that ``function`` takes as keyword arguments (the rest dropped)."""
    names = set(list(inspect.signature(function).parameters)[1:])
    return {k: v for k, v in options.items() if k in names}


def _basis(count: str) -> tuple:
    return _COUNTED.get(count, _COUNTED["attended"])


def count_noun(count: str, n: int = 2) -> str:
    """'attendance(s)' or 'registration(s)': one per person and session."""
    return _basis(count)[0][n != 1]


def counted(count: str, n: int) -> str:
    """'517 attendances', '1 registration'."""
    return f"{n:,} {count_noun(count, n)}"


def people(count: str, n: int = 2) -> str:
    """'participant(s)' or 'registrant(s)'."""
    return _basis(count)[1][n != 1]


def attendance_by_sector(df: pd.DataFrame, count: str = "attended", shares: bool = False):
    title = "Attendance by sector" if count == "attended" else "Registrations by sector"
    verb = _basis(count)[2]
    what = (
        f"Each sector's share of the people {verb} each session"
        if shares
        else f"People {verb} each session, stacked by sector"
    )
    return title, f"{what}. Click a bar segment to select its sector."


def participants_by_area(
    df: pd.DataFrame, count: str = "attended", level: str = "region", top: int = TOP_PLACES
):
    one, many = AREA_NOUNS.get(level, ("place", "places"))
    who = people(count)
    title = f"{who.capitalize()} by {one}"
    if len(df) > top:
        shown = f"The {top} {many} with the most {who}"
    else:
        shown = f"All {len(df)} {one if len(df) == 1 else many}, most {who} on top"
    return title, f"{shown}. Click a bar to select the place."


def returning_participants(df: pd.DataFrame, count: str = "attended"):
    who = people(count)
    return (
        f"Returning {who}",
        f"Per session: {who} at their first dialogue and {who} who came before. "
        "Click a session to select it.",
    )


HEADINGS = {
    "attendance_by_sector": attendance_by_sector,
    "participants_by_area": participants_by_area,
    "returning_participants": returning_participants,
}


def heading(question: str, df: pd.DataFrame, **options) -> tuple[str, str] | None:
    """The (title, hint) of ``question``'s card for the state in ``options``, or None."""
    words = HEADINGS.get(question)
    return words(df, **accepted(words, options)) if words else None
