"""Which organization a record names: the store's, one this file introduced, or a new one.

A name is matched by its normalized form, then fuzzily (``fuzzy_match_threshold``), to the
store's real organizations (never to illustrative ones: real records must not attach to
invented ones). Two organizations are never merged across different known countries (an
organization's country is known from the store, or, for a government body, from the
people who named it), nor when their names differ in a distinctive word: a country they
name ("... Australia" and "... Austria", "... of Nigeria" and "... of Niger") or a
number. Every fuzzy match is listed, so staff can check it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import duckdb
from rapidfuzz import fuzz, process

from ..text import fold, slug
from . import normalize as nz

UNKNOWN_SECTOR = "Other / unknown"
GOVERNMENT = "Government"  # a government body belongs to one country: its people's
_NUMBER = re.compile(r"\d")


def distinctive(key: str) -> tuple[frozenset[str], frozenset[str]]:
    """(countries named, numbers) of a normalized name: what two names must share."""
    numbers = frozenset(w for w in key.split() if _NUMBER.search(w))
    return nz.countries_named(key), numbers


class OrganizationIndex:
    """The store's real organizations and the ones this file adds, by normalized name."""

    def __init__(self, rows: Iterable[tuple], taken_ids: set[str], threshold: int):
        self.ids_by_key: dict[str, list[str]] = {}
        self.known: dict[str, dict] = {}  # org_id -> name, sector, country
        for org_id, key, name, sector, country in rows:
            self._add(org_id, key, name, sector, country)
        self.taken = set(taken_ids)
        self.threshold = threshold
        self.new: dict[str, dict] = {}
        self.updated: dict[str, dict] = {}  # known organizations whose sector a file gives
        self.fuzzy: list[dict] = []  # each fuzzy match, once: row, name, matched, score
        self._fuzzy_answers: dict[tuple[str, str | None], str | None] = {}

    @classmethod
    def read(cls, con: duckdb.DuckDBPyConnection, threshold: int) -> OrganizationIndex:
        rows = con.execute(
            "SELECT organization_id, normalized_name, name, sector, country_iso3 "
            "FROM organizations WHERE NOT illustrative ORDER BY organization_id"
        ).fetchall()
        taken = {r[0] for r in con.execute("SELECT organization_id FROM organizations").fetchall()}
        return cls(rows, taken, threshold)

    def _add(self, org_id: str, key: str, name: str, sector: str, country: str | None) -> None:
        self.ids_by_key.setdefault(key, []).append(org_id)
        self.known[org_id] = {"name": name, "sector": sector, "country": country}

    def _same_country(self, ids: Iterable[str], country: str | None) -> str | None:
        """The first organization whose known country does not contradict ``country``."""
        for org_id in ids:
            theirs = self.known[org_id]["country"]
            if country is None or theirs is None or theirs == country:
                return org_id
        return None

    def match(self, key: str, country: str | None = None) -> str | None:
        """The organization a normalized name and a country point to, or None."""
        exact = self._same_country(self.ids_by_key.get(key, ()), country)
        if exact is not None:
            return exact
        if (key, country) not in self._fuzzy_answers:
            self._fuzzy_answers[key, country] = self._fuzzy(key, country)
        return self._fuzzy_answers[key, country]

    def _fuzzy(self, key: str, country: str | None) -> str | None:
        wanted = distinctive(key)
        for other, _score, _ in process.extract(
            key, list(self.ids_by_key), scorer=fuzz.token_sort_ratio,
            score_cutoff=self.threshold, limit=None,
        ):  # fmt: skip
            if other != key and distinctive(other) == wanted:
                org_id = self._same_country(self.ids_by_key[other], country)
                if org_id is not None:
                    return org_id
        return None

    def resolve(
        self,
        name: str,
        sector: str | None,
        label: str | None = None,
        country: str | None = None,
        row: int | None = None,
    ) -> str:
        """The id of the organization called ``name`` (created when new). ``label`` is the
        sector cell as read, kept for ``dialogues remap``; ``country`` the record's."""
        key = nz.organization_key(name) or fold(name)
        org_id = self.match(key, country)
        if org_id is None:
            return self._create(name, key, sector, label, country)
        if key not in self.ids_by_key or org_id not in self.ids_by_key[key]:
            self._note_fuzzy(row, name, org_id, key)
        known = self.new.get(org_id) or self.updated.get(org_id)
        current = known["sector"] if known else self.known[org_id]["sector"]
        if current == UNKNOWN_SECTOR and (label or (sector and sector != UNKNOWN_SECTOR)):
            # a later row or file knows what an earlier one could not say, or at least
            # what it read: the label is kept so that `dialogues remap` can map it later
            target = known if known is not None else self.updated.setdefault(org_id, {})
            target.update(
                organization_id=org_id, sector=sector or UNKNOWN_SECTOR, sector_label=label
            )
        return org_id

    def _create(self, name, key, sector, label, country) -> str:
        org_id = self._new_id(name)
        sector = sector or UNKNOWN_SECTOR
        country = country if sector == GOVERNMENT else None
        self._add(org_id, key, name, sector, country)
        self.new[org_id] = {
            "organization_id": org_id,
            "name": name,
            "normalized_name": key,
            "sector": sector,
            "sector_label": label,
            "country_iso3": country,
        }
        return org_id

    def _note_fuzzy(self, row: int | None, name: str, org_id: str, key: str) -> None:
        matched = self.known[org_id]["name"]
        if any(f["name"] == name and f["matched"] == matched for f in self.fuzzy):
            return
        score = fuzz.token_sort_ratio(key, nz.organization_key(matched) or fold(matched))
        self.fuzzy.append({"row": row, "name": name, "matched": matched, "score": round(score)})

    def _new_id(self, name: str) -> str:
        base = "org-" + (slug(name)[:60].strip("-") or "unnamed")
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate
