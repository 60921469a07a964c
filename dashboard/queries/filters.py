"""``Filters``: the immutable value every query is built from (and cached by)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from ..domain import MODES, ROLES

COUNT_BASES = ("attended", "registered")


def _as_tuple(values: Iterable | str | None) -> tuple:
    if values is None:
        return ()
    if isinstance(values, (str, int)):
        return (values,)
    return tuple(dict.fromkeys(values))  # drop repeats, keep the order given


@dataclass(frozen=True)
class Filters:
    """What to count. An empty tuple means "no restriction" on that dimension.

    ``count`` says whether participation means registrations or attendance. ``mode``,
    ``role`` and ``count`` apply to participation only; submissions are narrowed by the
    series, session, sector, place and topic filters.
    """

    series: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    sessions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sub_regions: tuple[str, ...] = ()
    regional_groups: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    count: str = "attended"

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name != "count":
                object.__setattr__(self, f.name, _as_tuple(getattr(self, f.name)))
        object.__setattr__(self, "years", tuple(int(y) for y in self.years))
        if self.count not in COUNT_BASES:
            raise ValueError(f"count must be one of {COUNT_BASES}, not {self.count!r}")
        for name, allowed in (("modes", MODES), ("roles", ROLES)):
            unknown = set(getattr(self, name)) - set(allowed)
            if unknown:
                raise ValueError(f"unknown {name}: {sorted(unknown)}; allowed: {allowed}")

    def without(self, *names: str) -> Filters:
        """The same filters with some dimensions cleared (a view ignores its own selection)."""
        return replace(self, **{n: () for n in names})

    def to_dict(self) -> dict[str, object]:
        """Only the dimensions that restrict, as lists: for URLs, JSON and reprs."""
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "count":
                if value != "attended":
                    out["count"] = value
            elif value:
                out[f.name] = list(value)
        return out
