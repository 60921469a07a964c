"""A synthetic store at any scale, for trying the dashboard on years of meetings.

``generate_store(path, scale=100)`` builds the store from ``data/`` (the 2022 series and
its sample) and adds ``4 * scale`` synthetic sessions, about ``152 * 4 * scale``
participation rows, so that ``scale`` is "times the built-in 2022 data": 100 gives 400
sessions and about 60 thousand rows, 1000 gives 4,000 sessions and about 600 thousand.
The sessions spread over up to 20 years from 2023, in three kinds of series a year
(dialogues, briefings, side events) of different sizes; organizations across every
sector and region; people who come back; registrations, no-shows and walk-ins;
submissions with topics. Everything is drawn by a seeded generator (the same seed gives
the same store) and every synthetic row is flagged ``illustrative``, as the sample is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from ..config import get_settings
from ..errors import StoreError
from . import rollups
from .build import _insert, build_store
from .versions import new_version

BUILT_IN_SESSIONS = 4
ROWS_PER_SESSION = 152  # the built-in data: 608 participation rows over 4 sessions
FIRST_YEAR, MAX_YEARS = 2023, 20
SERIES_KINDS = (  # (id prefix, title, share of a year's sessions, mean size)
    ("CD", "Constructive Dialogues", 0.5, 150),
    ("BR", "NGO briefings", 0.3, 60),
    ("SE", "Side events", 0.2, 250),
)
SECTOR_WEIGHTS = {
    "Government": 0.34,
    "IGO / UN entity": 0.08,
    "NGO / civil society": 0.36,
    "Academia": 0.12,
    "Private sector": 0.07,
    "Other / unknown": 0.03,
}
NAME_WORDS = {
    "Government": ("Ministry of Justice", "Ministry of Interior", "Permanent Mission", "Police"),
    "IGO / UN entity": ("Regional Office", "Programme", "Commission", "Agency"),
    "NGO / civil society": ("Foundation", "Network", "Alliance", "Association", "Initiative"),
    "Academia": ("University", "Institute", "Research Centre", "Law School"),
    "Private sector": ("Group", "Consulting", "Logistics", "Bank"),
    "Other / unknown": ("Independent", "Collective", "Forum", "Council"),
}
KIND_WEIGHTS = {
    "oral statement": 0.45,
    "written submission": 0.3,
    "recommendation": 0.15,
    "good practice": 0.1,
}
ROLE_WEIGHTS = {"participant": 0.9, "speaker": 0.06, "panellist": 0.03, "organizer": 0.01}
GENDERS = np.array(["female", "male", "other", None], dtype=object)


@dataclass(frozen=True)
class Plan:
    """How much to generate: ``scale`` times the built-in data."""

    scale: int
    seed: int = 2022

    @property
    def sessions(self) -> int:
        return BUILT_IN_SESSIONS * self.scale

    @property
    def years(self) -> int:
        return min(MAX_YEARS, max(1, self.sessions // 12))

    @property
    def organizations(self) -> int:
        return max(300, self.sessions * 12)

    @property
    def people(self) -> int:
        return max(1_000, self.sessions * 60)


def generate_store(
    db_path: str | Path,
    data_dir: str | Path,
    plan: Plan,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Write a synthetic store at ``db_path`` (a new path); the row count per table.

    ``progress(n)`` is called as sessions are drawn (n more done). The store is built
    from ``data_dir`` and the synthetic rows are added as its next version, so a reader
    never sees it half written.
    """
    db_path = Path(db_path)
    if db_path.exists():  # never replace a store: it may hold loaded imports
        raise StoreError(f"{db_path}: a store is already there; generate into a new path")
    build_store(db_path, data_dir)
    wait = get_settings().write_wait_seconds
    with (
        new_version(db_path, wait_seconds=wait) as version,
        duckdb.connect(str(version.path)) as con,  # closed before the version is published
    ):
        _Synthesizer(con, plan, progress).run()
        rollups.refresh(con)
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("sessions", "organizations", "participants", "participation")
        }
        con.execute("CHECKPOINT")
    return counts


class _Synthesizer:
    """Draws every synthetic table from one random generator, then inserts them."""

    def __init__(self, con: duckdb.DuckDBPyConnection, plan: Plan, progress):
        self.con, self.plan, self.progress = con, plan, progress or (lambda n: None)
        self.rng = np.random.default_rng(plan.seed)
        countries = con.execute(
            "SELECT iso3 FROM countries WHERE un_regional_group IS NOT NULL ORDER BY iso3"
        ).fetchall()
        self.countries = np.array([c[0] for c in countries])
        self.topics = np.array(
            [t[0] for t in con.execute("SELECT topic_id FROM topics ORDER BY topic_id").fetchall()]
        )
        groups = con.execute("SELECT working_group_id FROM working_groups ORDER BY 1").fetchall()
        self.working_groups = [g[0] for g in groups]

    def run(self) -> None:
        import_id = self._import()
        sessions = self._sessions()
        orgs = self._organizations()
        people = self._people(orgs)
        _insert(self.con, "series", self._series(sessions))
        _insert(self.con, "sessions", sessions.drop(columns=["kind", "size", "year"]))
        _insert(self.con, "session_topics", self._session_topics(sessions))
        _insert(self.con, "session_working_groups", self._session_working_groups(sessions))
        _insert(self.con, "organizations", orgs)
        _insert(self.con, "participants", people)
        participation = self._participation(sessions, people, import_id)
        _insert(self.con, "participation", participation)
        submissions, submission_topics = self._submissions(sessions, participation, people)
        _insert(self.con, "submissions", submissions.assign(import_id=import_id))
        _insert(self.con, "submission_topics", submission_topics)
        self.con.execute(
            "UPDATE imports SET records_read = ?, loaded = ? WHERE import_id = ?",
            [len(participation), len(participation), import_id],
        )

    def _import(self) -> int:
        """The one import every synthetic row points to, flagged illustrative."""
        return self.con.execute(
            "INSERT INTO imports (file_name, content_sha256, format, kind, records_read, loaded,"
            " rejected, illustrative) VALUES (?, ?, 'illustrative-sample', 'sample', 0, 0, 0,"
            " true) RETURNING import_id",
            [
                f"synthetic store (scale {self.plan.scale}, seed {self.plan.seed})",
                f"synthetic-{self.plan.scale}-{self.plan.seed}",
            ],
        ).fetchone()[0]

    def _sessions(self) -> pd.DataFrame:
        plan, rng = self.plan, self.rng
        years = FIRST_YEAR + np.arange(plan.years)
        year = np.sort(rng.choice(years, plan.sessions))
        weights = np.array([w for _, _, w, _ in SERIES_KINDS])
        kind = rng.choice(len(SERIES_KINDS), plan.sessions, p=weights / weights.sum())
        day = rng.integers(0, 365, plan.sessions)
        date = pd.to_datetime([f"{y}-01-01" for y in year]) + pd.to_timedelta(day, unit="D")
        frame = pd.DataFrame({"year": year, "kind": kind, "date": date}).sort_values(
            ["year", "date", "kind"], kind="stable", ignore_index=True
        )
        prefix = frame["kind"].map(lambda k: SERIES_KINDS[k][0])
        frame["series_id"] = prefix + "-" + frame["year"].astype(str)
        number = frame.groupby("series_id").cumcount() + 1
        frame["session_id"] = frame["series_id"] + "-" + number.map("{:03d}".format)
        topic = rng.choice(self.topics, plan.sessions)
        names = self.con.execute("SELECT topic_id, name FROM topics").fetchall()
        frame["short_title"] = pd.Series(topic).map(dict(names)) + " " + number.astype(str)
        frame["title"] = (
            frame["kind"].map(lambda k: SERIES_KINDS[k][1]) + ": " + frame["short_title"]
        )
        frame["format"] = rng.choice(
            ["hybrid", "online", "in person"], plan.sessions, p=[0.6, 0.3, 0.1]
        )
        frame["venue"] = "Vienna International Centre (synthetic)"
        frame["notes"] = "Synthetic session for trying the dashboard at scale."
        frame["size"] = self._sizes(frame["kind"].to_numpy())
        frame["date"] = frame["date"].dt.date
        return frame

    def _sizes(self, kinds: np.ndarray) -> np.ndarray:
        """Registrations per session: log-normal around the kind's mean size."""
        means = np.array([SERIES_KINDS[k][3] for k in kinds], dtype=float)
        sizes = self.rng.lognormal(np.log(means), 0.5)
        return np.clip(sizes * ROWS_PER_SESSION / 150, 10, 1_200).astype(int)

    def _series(self, sessions: pd.DataFrame) -> pd.DataFrame:
        series = sessions.drop_duplicates("series_id")[["series_id", "year", "kind"]]
        return pd.DataFrame(
            {
                "series_id": series["series_id"],
                "title": series["kind"].map(lambda k: SERIES_KINDS[k][1])
                + " "
                + series["year"].astype(str),
                "year": series["year"],
                "convener": "UNODC Civil Society Unit (synthetic)",
            }
        )

    def _session_topics(self, sessions: pd.DataFrame) -> pd.DataFrame:
        rows = [
            (sid, topic)
            for sid in sessions["session_id"]
            for topic in self.rng.choice(self.topics, self.rng.integers(2, 6), replace=False)
        ]
        return pd.DataFrame(rows, columns=["session_id", "topic_id"])

    def _session_working_groups(self, sessions: pd.DataFrame) -> pd.DataFrame:
        dialogues = sessions.loc[sessions["kind"] == 0, "session_id"]
        groups = self.rng.choice(self.working_groups, len(dialogues))
        return pd.DataFrame({"session_id": dialogues, "working_group_id": groups})

    def _organizations(self) -> pd.DataFrame:
        n, rng = self.plan.organizations, self.rng
        sectors = list(SECTOR_WEIGHTS)
        sector = rng.choice(sectors, n, p=list(SECTOR_WEIGHTS.values()))
        country = rng.choice(self.countries, n)
        word = [rng.choice(NAME_WORDS[s]) for s in sector]
        ids = [f"SYN-O{i:06d}" for i in range(n)]
        name = [f"{w} {c} {i % 997}" for i, (w, c) in enumerate(zip(word, country))]
        return pd.DataFrame(
            {
                "organization_id": ids,
                "name": name,
                "normalized_name": [x.lower() for x in name],
                "sector": sector,
                "country_iso3": country,
                "illustrative": True,
            }
        )

    def _people(self, orgs: pd.DataFrame) -> pd.DataFrame:
        n, rng = self.plan.people, self.rng
        org = rng.integers(0, len(orgs), n)
        return pd.DataFrame(
            {
                "participant_id": [f"SYN-P{i:07d}" for i in range(n)],
                "organization_id": orgs["organization_id"].to_numpy()[org],
                "country_iso3": orgs["country_iso3"].to_numpy()[org],
                "gender": rng.choice(GENDERS, n, p=[0.48, 0.44, 0.01, 0.07]),
                "illustrative": True,
            }
        )

    def _participation(
        self, sessions: pd.DataFrame, people: pd.DataFrame, import_id: int
    ) -> pd.DataFrame:
        """Each session's people: a few come often, most once (weights fall off as 1/rank)."""
        rng, ids = self.rng, people["participant_id"].to_numpy()
        cumulative = np.cumsum(1.0 / np.arange(1, len(ids) + 1) ** 0.6)
        cumulative /= cumulative[-1]
        order = rng.permutation(len(ids))  # who is "frequent" is random
        frames = []
        for session_id, size, fmt in sessions[["session_id", "size", "format"]].itertuples(
            index=False
        ):
            drawn = np.searchsorted(cumulative, rng.random(int(size * 1.3) + 5))
            chosen = ids[order[pd.unique(drawn)[:size]]]
            frames.append(self._session_rows(session_id, chosen, fmt))
            self.progress(1)
        return pd.concat(frames, ignore_index=True).assign(import_id=import_id)

    def _session_rows(self, session_id: str, chosen: np.ndarray, fmt: str) -> pd.DataFrame:
        rng, n = self.rng, len(chosen)
        walk_in = rng.random(n) < 0.05
        attended = walk_in | (rng.random(n) < 0.8)
        in_person = {"online": 0.0, "in person": 1.0}.get(fmt, 0.4)
        mode = np.where(rng.random(n) < in_person, "in person", "online")
        role = rng.choice(list(ROLE_WEIGHTS), n, p=list(ROLE_WEIGHTS.values()))
        role[0] = "chair"
        minutes = np.where(attended & (mode == "online"), rng.integers(15, 180, n), None)
        return pd.DataFrame(
            {
                "session_id": session_id,
                "participant_id": chosen,
                "registered": ~walk_in,
                "registration_state": np.where(walk_in, None, "complete"),
                "attended": attended,
                "mode": np.where(attended, mode, None),
                "role": role,
                "minutes_present": minutes,
                "illustrative": True,
            }
        )

    def _submissions(
        self, sessions: pd.DataFrame, participation: pd.DataFrame, people: pd.DataFrame
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """About one submission per twelve attendances, by the organizations present."""
        rng = self.rng
        present = participation.loc[participation["attended"], ["session_id", "participant_id"]]
        present = present.merge(people[["participant_id", "organization_id"]], on="participant_id")
        picked = present.sample(frac=1 / 12, random_state=self.plan.seed).reset_index(drop=True)
        picked = picked.merge(sessions[["session_id", "date", "short_title"]], on="session_id")
        kinds = rng.choice(list(KIND_WEIGHTS), len(picked), p=list(KIND_WEIGHTS.values()))
        ids = [f"SYN-S{i:07d}" for i in range(len(picked))]
        submissions = pd.DataFrame(
            {
                "submission_id": ids,
                "session_id": picked["session_id"],
                "organization_id": picked["organization_id"],
                "kind": kinds,
                "title": [f"{k.capitalize()} on {t}" for k, t in zip(kinds, picked["short_title"])],
                "date": picked["date"],
                "illustrative": True,
            }
        )
        topics = pd.DataFrame({"submission_id": ids, "topic_id": rng.choice(self.topics, len(ids))})
        return submissions, topics
