"""The illustrative record-level sample: deterministic, and true to every published figure.

Record-level data for 2022 is not public. ``sample_plan.csv`` says, per session and
sector, how many organizations and people attended, how many registered and did not come
(no-shows) and how many came without registering (walk-ins), the share in the room and
the share of organizations returning from earlier sessions. The plan's numbers were
chosen so that the published figures (``published_figures``) are reproduced; the rest is
drawn from a seeded generator, so every build gives the same rows. Every row is marked
``illustrative``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from ..text import normalized_name

SAMPLE_SEED = 2022
SESSION_MINUTES = 180
PERSON_RETURNS = 0.6  # chance that a returning organization sends someone it sent before

_ROLE_OF_MENTION = {
    "chair": "chair",
    "speaker": "speaker",
    "opening remarks": "speaker",
    "NGO briefing": "organizer",
}
_SECTOR_OF_MENTION = {"NGO": "NGO / civil society"}
_ORGANIZERS = "UNODC, Civil Society Unit"
_IGOS = [
    (_ORGANIZERS, "AUT"),
    ("OSCE Secretariat", "AUT"),
    ("INTERPOL", "FRA"),
    ("International Organization for Migration", "CHE"),
    ("UNHCR", "CHE"),
    ("OHCHR", "CHE"),
    ("Council of Europe", "FRA"),
    ("European Union", "BEL"),
    ("African Union Commission", "ETH"),
    ("Organization of American States", "USA"),
]
_NAME_PARTS = {
    "NGO / civil society": (
        [
            "Horizon",
            "Bridges",
            "Safe Passage",
            "Open Hands",
            "Lantern",
            "Common Ground",
            "Harbour",
            "Beacon",
            "New Dawn",
            "Solidarity",
            "Crossroads",
            "Compass",
            "Pathways",
            "Keystone",
            "Riverbank",
            "Northstar",
            "Ubuntu",
            "Amani",
            "Esperanza",
            "Sentinel",
        ],
        [
            "Initiative",
            "Network",
            "Coalition",
            "Foundation",
            "Association",
            "Forum",
            "Action Group",
            "Trust",
            "Collective",
            "Watch",
        ],
    ),
    "Academia": (
        [
            "Institute for Criminal Justice Studies",
            "Centre for Migration Research",
            "Law Faculty Clinic",
            "Observatory on Organized Crime",
            "Security Studies Centre",
            "Human Rights Centre",
            "Criminology Department",
            "Policy Research Institute",
        ],
        ["University", "Institute", "College"],
    ),
    "Private sector": (
        [
            "Secure Logistics",
            "Trustline Payments",
            "Northgate Shipping",
            "Clearview Analytics",
            "Meridian Telecom",
            "Atlas Compliance",
        ],
        ["Ltd", "Group", "Inc."],
    ),
}
_NGO_REGION_WEIGHTS = {
    "Africa": 0.26,
    "Americas": 0.2,
    "Asia": 0.2,
    "Europe": 0.29,
    "Oceania": 0.05,
}


@dataclass
class Sample:
    organizations: pd.DataFrame
    participants: pd.DataFrame
    participation: pd.DataFrame
    submissions: pd.DataFrame
    submission_topics: pd.DataFrame

    @property
    def record_count(self) -> int:
        return len(self.participation) + len(self.submissions)

    @property
    def fingerprint(self) -> str:
        """A content hash, recorded as the sample's import (as a real file's would be)."""
        digest = hashlib.sha256()
        for frame in self._frames():
            digest.update(frame.to_csv(index=False).encode())
        return digest.hexdigest()

    def _frames(self) -> list[pd.DataFrame]:
        return [
            self.organizations,
            self.participants,
            self.participation,
            self.submissions,
            self.submission_topics,
        ]

    def tables(self, import_id: int) -> list[tuple[str, pd.DataFrame]]:
        """(table, rows) in insertion order, every row flagged illustrative."""

        def flagged(frame: pd.DataFrame, with_import: bool = False) -> pd.DataFrame:
            frame = frame.assign(illustrative=True)
            return frame.assign(import_id=import_id) if with_import else frame

        return [
            ("organizations", flagged(self.organizations)),
            ("participants", flagged(self.participants)),
            (
                "participation",
                flagged(self.participation.drop(columns="_sector"), with_import=True),
            ),
            ("submissions", flagged(self.submissions, with_import=True)),
            ("submission_topics", self.submission_topics),
        ]


@dataclass
class _Org:
    organization_id: str
    name: str
    sector: str
    country_iso3: str | None
    ecosoc_status: str | None
    people: list[str] = field(default_factory=list)


class _Generator:
    """Draws organizations, people and their participation session by session."""

    def __init__(self, con: duckdb.DuckDBPyConnection, seed: int):
        self.rng = np.random.default_rng(seed)
        self.members = con.execute(
            "SELECT iso3, name, region FROM countries WHERE un_regional_group IS NOT NULL "
            "ORDER BY iso3"
        ).df()
        self.orgs: dict[str, list[_Org]] = {}
        self.people: dict[str, dict] = {}
        self.rows: list[dict] = []

    # organizations -------------------------------------------------------------------
    def _new_org(
        self,
        sector: str,
        name: str | None = None,
        country: str | None = None,
        ecosoc: str | None = None,
    ) -> _Org:
        pool = self.orgs.setdefault(sector, [])
        n = sum(len(p) for p in self.orgs.values()) + 1
        if name is None:
            name, country, ecosoc = self._invent(sector)
        org = _Org(f"sample-org-{n:04d}", name, sector, country, ecosoc)
        pool.append(org)
        return org

    def _invent(self, sector: str) -> tuple[str, str, str | None]:
        taken = {o.name for pool in self.orgs.values() for o in pool}
        for _ in range(1000):
            name, country = self._candidate(sector)
            if name not in taken:
                break
        ecosoc = None
        if sector == "NGO / civil society":
            ecosoc = self.rng.choice(
                ["special", "general", "roster", None], p=[0.45, 0.05, 0.1, 0.4]
            )
        return name, country, ecosoc

    def _candidate(self, sector: str) -> tuple[str, str]:
        if sector == "Government":
            row = self.members.iloc[self.rng.integers(len(self.members))]
            return f"Government of {row['name']}", row["iso3"]
        if sector == "IGO / UN entity":
            return _IGOS[self.rng.integers(len(_IGOS))]
        country = self._ngo_country()
        first, second = _NAME_PARTS[sector]
        a, b = first[self.rng.integers(len(first))], second[self.rng.integers(len(second))]
        if sector == "Academia":
            return f"{a}, {b} of {country['name']}", country["iso3"]
        return f"{a} {b}", country["iso3"]

    def _ngo_country(self) -> pd.Series:
        regions = list(_NGO_REGION_WEIGHTS)
        region = regions[self.rng.choice(len(regions), p=list(_NGO_REGION_WEIGHTS.values()))]
        in_region = self.members[self.members["region"] == region]
        return in_region.iloc[self.rng.integers(len(in_region))]

    def choose_orgs(
        self, sector: str, count: int, returning_share: float, required: list[_Org]
    ) -> list[_Org]:
        """``count`` organizations of a sector, some returning, the required ones first."""
        chosen = list(required)
        known = [o for o in self.orgs.get(sector, []) if o not in chosen]
        returning = min(len(known), max(0, round(count * returning_share) - len(chosen)))
        if returning:
            picks = self.rng.choice(len(known), size=returning, replace=False)
            chosen += [known[i] for i in sorted(picks)]
        while len(chosen) < count:
            chosen.append(self._new_org(sector))
        return chosen

    def named_org(self, name: str, sector: str, country: str | None) -> _Org:
        for org in self.orgs.get(sector, []):
            if org.name == name:
                return org
        return self._new_org(sector, name, country)

    # people ---------------------------------------------------------------------------
    def person(self, org: _Org | None, country: str | None, present: set[str]) -> str:
        """Someone the organization sent before (sometimes), or a new participant."""
        earlier = [p for p in (org.people if org else []) if p not in present]
        if earlier and self.rng.random() < PERSON_RETURNS:
            return earlier[self.rng.integers(len(earlier))]
        pid = f"sample-p-{len(self.people) + 1:05d}"
        recorded = self.rng.random() < 0.85
        gender = self.rng.choice(["female", "male", "other"], p=[0.53, 0.45, 0.02])
        self.people[pid] = {
            "participant_id": pid,
            "organization_id": org.organization_id if org else None,
            "country_iso3": org.country_iso3 if org and org.country_iso3 else country,
            "gender": gender if recorded else None,
        }
        if org:
            org.people.append(pid)
        return pid


def _split(total: int, parts: int, rng: np.random.Generator) -> list[int]:
    """``total`` people over ``parts`` organizations, each at least one, a few larger."""
    if parts == 0:
        return []
    extra = rng.multinomial(total - parts, rng.dirichlet(np.full(parts, 0.7)))
    return [1 + int(e) for e in extra]


def generate_sample(
    con: duckdb.DuckDBPyConnection,
    plan: pd.DataFrame,
    mentions: pd.DataFrame,
    seed: int = SAMPLE_SEED,
) -> Sample:
    """Build the sample for the sessions in ``plan`` (``mentions``: people named in sources)."""
    gen = _Generator(con, seed)
    sessions = con.execute(
        "SELECT session_id, date FROM sessions WHERE session_id IN (SELECT unnest(?)) "
        "ORDER BY date, session_id",
        [sorted(plan["session_id"].unique())],
    ).fetchall()
    panels = dict(
        con.execute(
            "SELECT session_id, value FROM published_figures WHERE measure = 'panellists'"
        ).fetchall()
    )
    for session_id, _ in sessions:
        _draw_session(
            gen,
            session_id,
            plan[plan["session_id"] == session_id],
            mentions[mentions["meeting_id"] == session_id],
            panels.get(session_id, 0),
        )
    participation = pd.DataFrame(gen.rows)
    submissions, submission_topics = _draw_submissions(gen, con, participation, sessions)
    organizations = pd.DataFrame(
        [
            {
                "organization_id": o.organization_id,
                "name": o.name,
                "normalized_name": normalized_name(o.name),
                "sector": o.sector,
                "country_iso3": o.country_iso3,
                "ecosoc_status": o.ecosoc_status,
            }
            for pool in gen.orgs.values()
            for o in pool
        ]
    ).sort_values("organization_id")
    return Sample(
        organizations,
        pd.DataFrame(list(gen.people.values())),
        participation,
        submissions,
        submission_topics,
    )


def _draw_session(
    gen: _Generator, session_id: str, plan: pd.DataFrame, mentions: pd.DataFrame, panel_size: int
) -> None:
    present: set[str] = set()
    rows: list[dict] = []
    named = _named_people(gen, mentions)
    for spec in plan.itertuples():
        required = [org for org, _ in named if org.sector == spec.sector]
        if spec.sector == "IGO / UN entity":
            required = [gen.named_org(_ORGANIZERS, spec.sector, "AUT")] + [
                o for o in required if o.name != _ORGANIZERS
            ]
        orgs = gen.choose_orgs(
            spec.sector, int(spec.organizations), float(spec.returning_share), required
        )
        sizes = _split(int(spec.attendees), len(orgs), gen.rng)
        slots = [o for o, n in zip(orgs, sizes) for _ in range(n)] or [None] * int(spec.attendees)
        no_show_slots = [slots[i] for i in gen.rng.integers(len(slots), size=int(spec.no_shows))]
        start = len(rows)
        for org in slots:
            pid = gen.person(org, _random_country(gen), present)
            present.add(pid)
            rows.append(_row(gen, session_id, pid, spec, attended=True))
        for i in gen.rng.choice(len(slots), size=int(spec.walk_ins), replace=False):
            rows[start + i].update(registered=False, registration_state=None)
        for org in no_show_slots:
            pid = gen.person(org, _random_country(gen), present)
            present.add(pid)
            rows.append(_row(gen, session_id, pid, spec, attended=False))
    _assign_roles(gen, rows, named, panel_size)
    gen.rows.extend(rows)


def _random_country(gen: _Generator) -> str:
    return gen._ngo_country()["iso3"]


def _row(gen: _Generator, session_id: str, pid: str, spec, attended: bool) -> dict:
    in_person = gen.rng.random() < float(spec.in_person_share)
    if attended:
        minutes = (
            SESSION_MINUTES - int(gen.rng.integers(0, 15))
            if in_person
            else int(gen.rng.integers(25, SESSION_MINUTES + 1))
        )
        state = "complete"
    else:
        minutes = None
        state = gen.rng.choice(["complete", "withdrawn"], p=[0.85, 0.15])
    return {
        "session_id": session_id,
        "participant_id": pid,
        "registered": True,
        "registration_state": state,
        "attended": attended,
        "mode": ("in person" if in_person else "online") if attended else None,
        "role": "participant",
        "minutes_present": minutes,
        "_sector": spec.sector,
    }


def _named_people(gen: _Generator, mentions: pd.DataFrame) -> list[tuple[_Org, str]]:
    """Organizations and roles of the people the published sources name."""
    named = []
    for m in mentions.itertuples():
        sector = _SECTOR_OF_MENTION.get(m.sector, m.sector)
        named.append((gen.named_org(m.organization, sector, m.country), _ROLE_OF_MENTION[m.role]))
    return named


def _assign_roles(
    gen: _Generator, rows: list[dict], named: list[tuple[_Org, str]], panel_size: int
) -> None:
    """Chair, organizers, panellists and speakers among those who attended, in the room."""
    attended = [r for r in rows if r["attended"]]
    by_org = {gen.people[r["participant_id"]]["organization_id"]: r for r in attended}
    for org, role in named:
        by_org[org.organization_id]["role"] = role
    for row in attended:
        if _org_name(gen, row) == _ORGANIZERS:
            row["role"] = "organizer"
    if not any(r["role"] == "chair" for r in attended):
        _pick(gen, attended, {"Government"}, 1, "chair")
    non_governmental = {"NGO / civil society", "Academia", "Private sector"}
    _pick(gen, attended, non_governmental, panel_size, "panellist")
    _pick(gen, attended, non_governmental, int(gen.rng.integers(4, 8)), "speaker")
    _pick(gen, attended, {"Government", "IGO / UN entity"}, int(gen.rng.integers(2, 5)), "speaker")
    for row in attended:
        if row["role"] in {"chair", "organizer", "panellist"}:
            row.update(mode="in person", minutes_present=SESSION_MINUTES)


def _org_name(gen: _Generator, row: dict) -> str | None:
    org_id = gen.people[row["participant_id"]]["organization_id"]
    return next(
        (o.name for pool in gen.orgs.values() for o in pool if o.organization_id == org_id), None
    )


def _pick(gen: _Generator, rows: list[dict], sectors: set[str], count: int, role: str) -> None:
    candidates = [r for r in rows if r["role"] == "participant" and r["_sector"] in sectors]
    for i in gen.rng.choice(len(candidates), size=min(count, len(candidates)), replace=False):
        candidates[i]["role"] = role


_KINDS = {
    "written submission": (-30, -2, 10),
    "recommendation": (1, 21, 6),
    "good practice": (-20, 0, 5),
}


def _draw_submissions(
    gen: _Generator,
    con: duckdb.DuckDBPyConnection,
    participation: pd.DataFrame,
    sessions: list[tuple],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Oral statements by the speakers' organizations, and written contributions."""
    topics = con.execute(
        "SELECT session_id, topic_id, t.name FROM session_topics "
        "JOIN topics t USING (topic_id) ORDER BY session_id, topic_id"
    ).df()
    all_topics = topics.drop_duplicates("topic_id")
    people = pd.DataFrame(list(gen.people.values())).set_index("participant_id")
    attended = participation[participation["attended"]].join(people, on="participant_id")
    submissions, tags = [], []
    for session_id, date in sessions:
        here = attended[attended["session_id"] == session_id].dropna(subset=["organization_id"])
        own = topics[topics["session_id"] == session_id]
        speakers = here[here["role"].isin(["speaker", "panellist", "chair"])]
        drafts = [("oral statement", org, 0) for org in speakers["organization_id"].unique()]
        writers = here[here["_sector"] != "IGO / UN entity"]["organization_id"].unique()
        for kind, (low, high, count) in _KINDS.items():
            for org in gen.rng.choice(writers, size=count, replace=False):
                drafts.append((kind, org, int(gen.rng.integers(low, high + 1))))
        for n, (kind, org, offset) in enumerate(drafts, start=1):
            picked = own.iloc[
                gen.rng.choice(len(own), size=min(len(own), gen.rng.integers(1, 3)), replace=False)
            ]
            if gen.rng.random() < 0.15:  # now and then a theme from another meeting
                picked = pd.concat([picked, all_topics.iloc[[gen.rng.integers(len(all_topics))]]])
            picked = picked.drop_duplicates("topic_id")
            sid = f"{session_id}-S{n:03d}"
            submissions.append(
                {
                    "submission_id": sid,
                    "session_id": session_id,
                    "organization_id": org,
                    "kind": kind,
                    "title": f"{kind.capitalize()}: {picked.iloc[0]['name']}",
                    "date": date + pd.Timedelta(days=offset),
                }
            )
            tags += [{"submission_id": sid, "topic_id": t} for t in picked["topic_id"]]
    return pd.DataFrame(submissions), pd.DataFrame(tags)


def drop_illustrative(con: duckdb.DuckDBPyConnection, session_id: str, table: str) -> int:
    """Delete a session's illustrative ``participation`` or ``submissions`` rows (and
    those submissions' topics); how many rows went."""
    assert table in ("participation", "submissions"), table
    count = con.execute(
        f"SELECT count(*) FROM {table} WHERE session_id = ? AND illustrative", [session_id]
    ).fetchall()[0][0]
    if table == "submissions":
        con.execute(
            "DELETE FROM submission_topics WHERE submission_id IN (SELECT submission_id "
            "FROM submissions WHERE session_id = ? AND illustrative)",
            [session_id],
        )
    con.execute(f"DELETE FROM {table} WHERE session_id = ? AND illustrative", [session_id])
    return count
