"""Build the store from the committed sources in ``data/``.

``data/reference/`` holds the sector taxonomy and the countries; each folder in
``data/series/`` holds one series: its meetings, topics and published figures (the
``*_<year>.csv`` files copied from the published sources) and, where record-level data
is not public, the plan of an illustrative sample (``sample_plan.csv``).

The store is written as a new version (``versions.new_version``), so a reader never sees
a half-built store and two processes building at once cannot corrupt it. Replacing a
store that holds loaded imports loses them, so that needs ``discard_imports``.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd

from ..config import get_settings
from ..errors import StoreError
from ..text import slug
from .migrate import create_schema
from .sample import SAMPLE_SEED, generate_sample
from .versions import new_version

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


def _csv(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise StoreError(f"{path}: missing; the store is built from the committed data/ folder")
    return pd.read_csv(path, dtype=str, keep_default_na=False).replace({"": None})


def _one(folder: Path, stem: str) -> Path:
    """The series file ``<stem>.csv`` or ``<stem>_<year>.csv``."""
    matches = sorted(folder.glob(f"{stem}.csv")) or sorted(folder.glob(f"{stem}_*.csv"))
    if len(matches) != 1:
        raise StoreError(f"{folder}: expected one {stem}*.csv, found {len(matches)}")
    return matches[0]


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
    sessions = meetings.rename(columns={"meeting_id": "session_id"}).assign(
        series_id=series.loc[0, "series_id"],
        short_title=lambda m: m["title"].map(_short_title),
        date=lambda m: pd.to_datetime(m["date"]).dt.date,
    )
    _insert(con, "sessions", sessions.drop(columns=["working_groups"]))
    _load_working_groups(con, meetings)
    _load_topics(con, _csv(_one(folder, "topics")))
    _load_figures(con, _csv(_one(folder, "published_figures")), _csv(folder / "figure_rules.csv"))


def _load_working_groups(con: duckdb.DuckDBPyConnection, meetings: pd.DataFrame) -> None:
    pairs = (
        meetings.assign(name=meetings["working_groups"].str.split(";"))
        .explode("name")
        .assign(name=lambda f: f["name"].str.strip())
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
        return cell.split(";") if cell else None

    _insert(
        con,
        "published_figure_rules",
        rules.assign(sectors=rules["sectors"].map(as_list), roles=rules["roles"].map(as_list))[
            ["figure_id", "counts", "sectors", "roles"]
        ],
    )


def load_sample(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """The illustrative record-level sample of a series, recorded as one import."""
    plan = folder / "sample_plan.csv"
    if not plan.exists():
        return
    sample = generate_sample(con, _csv(plan), _csv(_one(folder, "people")), seed=SAMPLE_SEED)
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
) -> dict[str, int]:
    """Build the store at ``db_path`` from ``data_dir``; return the row count per table.

    An existing store is kept unless ``replace`` is true; one that holds loaded imports
    (or cannot be read to tell) is replaced only with ``discard_imports``.
    """
    db_path, data_dir = Path(db_path), Path(data_dir)
    if db_path.exists():
        if not replace:
            raise StoreError(
                f"{db_path}: a store is already there; pass replace=True "
                "(`dialogues build` replaces it)"
            )
        if not discard_imports:
            _refuse_losing_imports(db_path)
    wait = get_settings().write_wait_seconds
    with (
        new_version(db_path, copy_current=False, wait_seconds=wait) as version,
        duckdb.connect(str(version.path)) as con,  # closed before the version is published
    ):
        create_schema(con)
        load_reference(con, data_dir / "reference")
        for folder in sorted(p for p in (data_dir / "series").iterdir() if p.is_dir()):
            load_series(con, folder)
            load_sample(con, folder)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in PUBLIC_TABLES}
        con.execute("CHECKPOINT")
    return counts


def loaded_imports(db_path: Path) -> int:
    """How many real (not illustrative) imports the store holds."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute("SELECT count(*) FROM imports WHERE NOT illustrative").fetchone()[0]


def _refuse_losing_imports(db_path: Path) -> None:
    try:
        count = loaded_imports(db_path)
    except duckdb.Error as exc:
        raise StoreError(
            f"{db_path}: the store cannot be read ({str(exc).strip().splitlines()[0]}), so "
            "whether it holds loaded imports is unknown; a rebuild would lose any it holds. "
            "Go back to an earlier version (README, 'The store'), or rebuild with "
            "`dialogues build --discard-imports` and load the exports again"
        ) from exc
    if count:
        raise StoreError(
            f"{db_path}: the store holds {count} loaded imports, which a rebuild from data/ "
            "would lose; keep it, or rebuild with `dialogues build --discard-imports` and "
            "load the exports again"
        )
