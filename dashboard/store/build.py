"""Build the store from the committed sources in ``data/``.

``data/reference/`` holds the sector taxonomy and the countries; each folder in
``data/series/`` holds one series: its meetings, topics and published figures (the
``*_<year>.csv`` files copied from the published sources) and, where record-level data
is not public, the plan of an illustrative sample (``sample_plan.csv``).

A series folder needs only ``series.csv`` and ``meetings*.csv``; topics, people,
published figures and their rules are read when there (a missing file is none).

The store is written as a new version (``versions.new_version``), so a reader never sees
a half-built store and two processes building at once cannot corrupt it. A rebuild then
replays every loaded import from the archive beside the store (``archive``), in the
order they were loaded, in one transaction; ``discard_imports`` drops them instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from ..config import get_settings
from ..errors import StoreError
from ..text import slug
from . import keys, rollups
from .archive import (
    Imported,
    Staged,
    new_archived_version,
    read_entry,
    real_imports,
    replay,
    reserve_ids,
)
from .migrate import create_schema
from .sample import SAMPLE_SEED, generate_sample
from .versions import current_file

PUBLIC_TABLES = (
    "series",
    "sessions",
    "working_groups",
    "session_working_groups",
    "topics",
    "session_topics",
    "sectors",
    "countries",
    "organizations",
    "participants",
    "participation",
    "submissions",
    "submission_topics",
    "published_figures",
    "published_figure_sessions",
    "published_figure_rules",
    "imports",
    "import_rejects",
    "import_warnings",
)


# The columns of each series file, as `dialogues series new` writes them. Only series.csv
# and meetings*.csv are required (and of meetings, meeting_id, date and title).
REQUIRED_FILES = {
    "series": ("series_id", "title", "year", "convener"),
    "meetings": (
        "meeting_id",
        "date",
        "title",
        "working_groups",
        "format",
        "venue",
        "chair",
        "chair_affiliation",
        "preceded_by",
        "notes",
    ),
}
OPTIONAL_FILES = {
    "topics": ("meeting_id", "topic", "detail", "source_url"),
    "people": ("meeting_id", "name", "role", "organization", "sector", "country"),
    "published_figures": (
        "figure_id",
        "meeting_id",
        "measure",
        "unit",
        "population",
        "qualifier",
        "value",
        "source_title",
        "source_publisher",
        "source_date",
        "source_url",
    ),
    "figure_rules": ("figure_id", "counts", "sectors", "roles", "rationale"),
}


def _csv(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise StoreError(f"{path}: missing; the store is built from the committed data/ folder")
    return pd.read_csv(path, dtype=str, keep_default_na=False).replace({"": None})


def _matches(folder: Path, stem: str) -> list[Path]:
    """The series files ``<stem>.csv``, or else ``<stem>_<year>.csv``."""
    return sorted(folder.glob(f"{stem}.csv")) or sorted(folder.glob(f"{stem}_*.csv"))


def _one(folder: Path, stem: str) -> Path:
    matches = _matches(folder, stem)
    if len(matches) != 1:
        raise StoreError(f"{folder}: expected one {stem}*.csv, found {len(matches)}")
    return matches[0]


def _optional(folder: Path, stem: str) -> pd.DataFrame:
    """An optional series file (``OPTIONAL_FILES``); when there is none, no rows."""
    if _matches(folder, stem):
        return _csv(_one(folder, stem))
    return pd.DataFrame(columns=list(OPTIONAL_FILES[stem]))


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Append a frame to a table by column name (table names come from PUBLIC_TABLES)."""
    assert table in PUBLIC_TABLES, table
    known = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
    }
    unknown = sorted(set(frame.columns) - known)
    if unknown:  # column names reach the SQL: only the table's own are allowed
        raise StoreError(f"{table}: the source has columns the table does not: {unknown}")
    columns = ", ".join(f'"{c}"' for c in frame.columns)
    con.register("_incoming", frame)
    try:
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _incoming")
    finally:
        con.unregister("_incoming")


def load_reference(con: duckdb.DuckDBPyConnection, reference: Path) -> None:
    sectors = _csv(reference / "sectors.csv")
    sectors["governmental"] = sectors["governmental"].eq("true")
    sectors["sort_order"] = sectors["sort_order"].astype(int)
    _insert(con, "sectors", sectors)
    _insert(con, "countries", _csv(reference / "countries.csv"))


def _short_title(title: str) -> str:
    return re.sub(r"^Constructive Dialogue on ", "", title)


def load_series(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """One series folder: series, sessions, working groups, topics, published figures."""
    series = _csv(folder / "series.csv").astype({"year": int})
    if len(series) != 1:
        raise StoreError(f"{folder / 'series.csv'}: one series per folder, found {len(series)}")
    _insert(con, "series", series)
    meetings = _csv(_one(folder, "meetings"))
    if "working_groups" not in meetings:
        meetings["working_groups"] = None
    sessions = meetings.rename(columns={"meeting_id": "session_id"}).assign(
        series_id=series.loc[0, "series_id"],
        short_title=lambda m: m["title"].map(_short_title),
        date=lambda m: pd.to_datetime(m["date"]).dt.date,
    )
    _insert(con, "sessions", sessions.drop(columns=["working_groups"]))
    _load_working_groups(con, meetings)
    _load_topics(con, _optional(folder, "topics"))
    _load_figures(
        con,
        _optional(folder, "published_figures"),
        _optional(folder, "figure_rules"),
    )


def _load_working_groups(con: duckdb.DuckDBPyConnection, meetings: pd.DataFrame) -> None:
    pairs = (
        meetings.assign(name=meetings["working_groups"].str.split(";"))
        .explode("name")
        .assign(name=lambda f: f["name"].str.strip())
        .dropna(subset=["name"])  # a meeting that followed no working group
    )
    pairs["working_group_id"] = pairs["name"].map(slug)
    known = {r[0] for r in con.execute("SELECT working_group_id FROM working_groups").fetchall()}
    new = pairs.drop_duplicates("working_group_id")
    _insert(
        con,
        "working_groups",
        new.loc[~new["working_group_id"].isin(known), ["working_group_id", "name"]],
    )
    _insert(
        con,
        "session_working_groups",
        pairs.rename(columns={"meeting_id": "session_id"})[["session_id", "working_group_id"]],
    )


def _load_topics(con: duckdb.DuckDBPyConnection, topics: pd.DataFrame) -> None:
    topics = topics.rename(columns={"meeting_id": "session_id", "topic": "name"})
    topics["topic_id"] = topics["name"].map(slug)
    known = {r[0] for r in con.execute("SELECT topic_id FROM topics").fetchall()}
    new = topics.drop_duplicates("topic_id")
    _insert(con, "topics", new.loc[~new["topic_id"].isin(known), ["topic_id", "name"]])
    _insert(con, "session_topics", topics[["session_id", "topic_id", "detail", "source_url"]])


def _load_figures(
    con: duckdb.DuckDBPyConnection, figures: pd.DataFrame, rules: pd.DataFrame
) -> None:
    covered = figures["meeting_id"].str.split(";")
    figures = figures.assign(
        session_id=[ids[0] if len(ids) == 1 else None for ids in covered],
        value=figures["value"].astype(int),
        source_date=pd.to_datetime(figures["source_date"]).dt.date,
    )
    _insert(con, "published_figures", figures.drop(columns=["meeting_id"]))
    _insert(
        con,
        "published_figure_sessions",
        figures.assign(session_id=covered).explode("session_id")[["figure_id", "session_id"]],
    )

    def as_list(cell: str | None) -> list[str] | None:
        return cell.split(";") if isinstance(cell, str) and cell else None  # None, NaN: all

    rules = pd.concat([rules, _default_rules(figures, rules)], ignore_index=True)
    _insert(
        con,
        "published_figure_rules",
        rules.assign(sectors=rules["sectors"].map(as_list), roles=rules["roles"].map(as_list))[
            ["figure_id", "counts", "sectors", "roles"]
        ],
    )


def _default_rules(figures: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """A figure without a rule counts its unit (organizations, or else people) over every
    sector and role, so it is still shown beside the record."""
    missing = figures.loc[~figures["figure_id"].isin(rules["figure_id"])]
    counts = missing["unit"].where(missing["unit"].eq("organizations"), "people")
    return pd.DataFrame({"figure_id": missing["figure_id"], "counts": counts})


def load_sample(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """The illustrative record-level sample of a series, recorded as one import."""
    plan = folder / "sample_plan.csv"
    if not plan.exists():
        return
    people = _optional(folder, "people")
    sample = generate_sample(con, _csv(plan), people, seed=SAMPLE_SEED)
    import_id = con.execute(
        "INSERT INTO imports (file_name, content_sha256, format, kind, records_read, loaded,"
        " rejected, illustrative) VALUES (?, ?, 'illustrative-sample', 'sample', ?, ?, 0, true)"
        " RETURNING import_id",
        [
            f"{folder.name}/sample_plan.csv (seed {SAMPLE_SEED})",
            sample.fingerprint,
            sample.record_count,
            sample.record_count,
        ],
    ).fetchone()[0]
    for table, frame in sample.tables(import_id):
        _insert(con, table, frame)


def build_store(
    db_path: str | Path,
    data_dir: str | Path,
    *,
    replace: bool = False,
    discard_imports: bool = False,
    drop: Callable[[Imported], bool] | None = None,
) -> dict[str, int]:
    """Build the store at ``db_path`` from ``data_dir``; return the row count per table.

    An existing store is kept unless ``replace`` is true. Its loaded imports are replayed
    (all but those ``drop`` picks), unless ``discard_imports``.
    """
    db_path, data_dir = Path(db_path), Path(data_dir)
    if db_path.exists() and not replace:
        raise StoreError(
            f"{db_path}: a store is already there; pass replace=True "
            "(`dialogues build` replaces it)"
        )
    wait = get_settings().write_wait_seconds
    writing = new_archived_version(db_path, copy_current=False, wait_seconds=wait)
    with writing as (version, staged), duckdb.connect(str(version.path)) as con:
        # the connection closes before the version is published
        rebuild(con, db_path, data_dir, staged, discard_imports=discard_imports, drop=drop)
        rollups.refresh(con)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in PUBLIC_TABLES}
        con.execute("CHECKPOINT")
    return counts


def rebuild(
    con: duckdb.DuckDBPyConnection,
    db_path: Path,
    data_dir: Path,
    staged: Staged,
    *,
    discard_imports: bool = False,
    drop: Callable[[Imported], bool] | None = None,
) -> list[Imported]:
    """Build an empty database from ``data_dir``, then replay the imports of the store at
    ``db_path`` in their order, in one transaction: all but those ``drop`` picks (which
    are returned). Run under the writers' lock (``new_archived_version``); the caller
    refreshes the rollups once it has written everything."""
    kept, fingerprint = ([], None) if discard_imports else _loaded(db_path, staged)
    dropped = [i for i in kept if drop and drop(i)]
    create_schema(con)
    load_reference(con, data_dir / "reference")
    for folder in sorted(p for p in (data_dir / "series").iterdir() if p.is_dir()):
        load_series(con, folder)
        load_sample(con, folder)
    con.begin()
    try:
        if fingerprint:  # the key the replayed participant ids were made with
            con.execute(
                "INSERT INTO schema_info VALUES (?, ?)", [keys.FINGERPRINT_NAME, fingerprint]
            )
        reserve_ids(con, kept)
        for imported in kept:
            if imported not in dropped:
                replay(con, imported, read_entry(staged.folder, imported))
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return dropped


def _loaded(db_path: Path, staged: Staged) -> tuple[list[Imported], str | None]:
    """The store's loaded imports and key fingerprint; any import not archived yet (loaded
    before the archive existed) is archived from the store now, as it stands."""
    if not db_path.exists():
        return [], None
    try:
        with duckdb.connect(str(current_file(db_path)), read_only=True) as con:
            loaded = real_imports(con)
            for imported in loaded:
                if not (staged.folder / imported.entry).is_dir():
                    staged.add(con, imported.import_id)
            return loaded, keys.recorded_fingerprint(con)
    except duckdb.Error as exc:
        raise StoreError(
            f"{db_path}: the store cannot be read ({str(exc).strip().splitlines()[0]}), so "
            "whether it holds loaded imports is unknown; a rebuild would lose any it holds. "
            "Go back to an earlier version (README, 'The store'), or rebuild with "
            "`dialogues build --discard-imports` and load the exports again"
        ) from exc
