"""Apply edited mappings to what is already loaded, from the raw values kept at ingest.

A sector label the mapping file lacked, or a country name nobody recognised, was stored
as unknown with the cell as read (``organizations.sector_label``,
``participants.country_label``). After a line is added to
``data/reference/sector_labels.csv`` or to the country aliases, ``remap`` maps every kept
value again, no reload needed, and writes the result as a new store version (archive and
rollups included). It changes only sectors and countries of real (not illustrative)
rows, and says what changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..config import get_settings
from ..store import rollups
from ..store.archive import new_archived_version
from ..store.connection import connect, notice_new_version, resolve_store
from ..store.migrate import check_version
from . import normalize as nz
from .organizations import UNKNOWN_SECTOR
from .sectors import SectorMap


@dataclass(frozen=True)
class Change:
    """One kept value that now maps to something else."""

    what: str  # "organization 'Lisbon Institute'" or "3 participants"
    field: str  # 'sector' or 'country'
    label: str  # the value as read at ingest
    old: str | None
    new: str | None

    def describe(self) -> str:
        old, new = self.old or "unknown", self.new or "unknown"
        return f"{self.what}: {self.field} {old} -> {new} (read as '{self.label}')"


def remap(db_path: str | Path | None = None) -> list[Change]:
    """Map every kept sector label and country cell again; the changes, in order."""
    settings = get_settings(db_path=db_path)
    db = resolve_store(settings.db_path)
    wait = settings.write_wait_seconds
    with new_archived_version(db, wait_seconds=wait) as (version, staged):
        con = connect(version.path, read_only=False)
        try:
            check_version(con, db)
            sectors = {r[0] for r in con.execute("SELECT sector FROM sectors").fetchall()}
            mapping = SectorMap.load(settings.data_dir, sectors)
            con.begin()
            changes = _sectors(con, mapping) + _countries(con)
            con.commit()
            version.publish = bool(changes)
            if changes:
                # the archive and the rollups follow, so a rebuild replays the new values
                staged.refresh_all(con)
                rollups.refresh(con)
                con.execute("CHECKPOINT")
        finally:
            con.close()
    notice_new_version(db)
    return changes


def _sectors(con: duckdb.DuckDBPyConnection, mapping: SectorMap) -> list[Change]:
    changes = []
    rows = con.execute(
        "SELECT organization_id, name, sector, sector_label FROM organizations "
        "WHERE NOT illustrative AND sector_label IS NOT NULL ORDER BY name, organization_id"
    ).fetchall()
    for org_id, name, old, label in rows:
        new = mapping.lookup(label) or UNKNOWN_SECTOR
        if new != old:
            con.execute(
                "UPDATE organizations SET sector = ? WHERE organization_id = ?", [new, org_id]
            )
            changes.append(Change(f"organization '{name}'", "sector", label, old, new))
    return changes


def _countries(con: duckdb.DuckDBPyConnection) -> list[Change]:
    nz.reload_countries()  # the aliases may have changed since this process read them
    known = {r[0] for r in con.execute("SELECT iso3 FROM countries").fetchall()}
    changes = []
    rows = con.execute(
        "SELECT country_label, country_iso3, count(*) FROM participants "
        "WHERE NOT illustrative AND country_label IS NOT NULL GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    for label, old, count in rows:
        new = _country(label, known)
        if new != old:
            con.execute(
                "UPDATE participants SET country_iso3 = ? WHERE NOT illustrative AND "
                "country_label = ? AND country_iso3 IS NOT DISTINCT FROM ?",
                [new, label, old],
            )
            what = f"{count} participant" + ("s" if count != 1 else "")
            changes.append(Change(what, "country", label, old, new))
    return changes


def _country(label: str, known: set[str]) -> str | None:
    try:
        iso3 = nz.country_iso3(label)
    except ValueError:
        return None
    return iso3 if iso3 in known else None
