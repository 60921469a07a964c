"""`dialogues remap`: edited mappings reach what is already loaded, with no reload."""

from __future__ import annotations

import shutil

import pytest
from conftest import pid, query, snapshot

from dashboard.cli import main
from dashboard.config import get_settings
from dashboard.ingest import ingest_files
from dashboard.ingest import normalize as nz
from dashboard.ingest.remap import remap
from dashboard.store import rollups
from dashboard.store.connection import connect
from dashboard.store.integrity import dangling_references

REGISTRATIONS = (
    "name,email,organization,sector,country,session_id,mode,role,registered,attended\n"
    "José Núñez,josé.núñez@example.org,Lisbon Research Lab,Academia / research institute,"
    "Portugal,,online,,yes,yes\n"
    "Zoë Ødegård,zoë@example.org,Oslo Forum,Youth collective,Norway,,online,,yes,yes\n"
    "Ana Lima,ana@example.org,Quito Hub,NGO,Kosova,,online,,yes,yes\n"
)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of data/ whose sector mapping a test may edit."""
    copy = tmp_path / "data"
    shutil.copytree(get_settings().data_dir / "reference", copy / "reference")
    monkeypatch.setenv("DIALOGUES_DATA_DIR", str(copy))
    return copy


def sectors(store) -> dict[str, str]:
    return dict(
        query(
            store,
            "SELECT o.name, f.sector FROM participation_facts f JOIN organizations o "
            "USING (organization_id) WHERE f.session_id = 'CD-2022-FA' AND NOT f.illustrative",
        )
    )


def test_a_remap_fixes_sectors_without_a_reload(store, data_dir, tmp_path, capsys):
    path = tmp_path / "registrations.csv"
    path.write_text(REGISTRATIONS, "utf-8")
    [summary] = ingest_files([path], "CD-2022-FA", db_path=store)
    assert (summary.participants, summary.loaded, summary.rejected) == (3, 3, 0)
    # non-ASCII local parts are addresses (RFC 6531): the only warnings are the labels
    assert [w["column"] for w in summary.warnings] == ["sector", "sector"]
    assert sorted(summary.unmapped_sector_labels) == [
        "Academia / research institute",
        "Youth collective",
    ]
    assert sectors(store) == {
        "Lisbon Research Lab": "Other / unknown",
        "Oslo Forum": "Other / unknown",
        "Quito Hub": "NGO / civil society",
    }
    with (data_dir / "reference" / "sector_labels.csv").open("a", encoding="utf-8") as f:
        f.write("Academia / research institute,en,Academia\n")
    before = snapshot(store)
    assert main(["remap", "--db", str(store)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "organization 'Lisbon Research Lab': sector Other / unknown -> Academia "
        "(read as 'Academia / research institute')",
        "1 change(s) written as a new store version",
    ]
    assert sectors(store) == {
        "Lisbon Research Lab": "Academia",
        "Oslo Forum": "Other / unknown",  # still not in the mapping
        "Quito Hub": "NGO / civil society",
    }
    after = snapshot(store)
    changed = {t for t in before if before[t] != after[t]}
    assert changed - set(rollups.TABLES) == {"organizations"}  # the rollups are derived
    with connect(store) as con:
        assert rollups.ready(con)  # rebuilt with the version: the fast queries see the change
    assert query(store, "SELECT count(*) FROM imports WHERE NOT illustrative") == [(1,)]
    with connect(store) as con:
        assert dangling_references(con) == []
    # nothing left to change: no new version, and it says so
    assert main(["remap", "--db", str(store)]) == 0
    assert "Nothing to change" in capsys.readouterr().out
    assert snapshot(store) == after


def test_a_remap_applies_a_new_country_alias(store, data_dir, tmp_path, monkeypatch):
    path = tmp_path / "registrations.csv"
    path.write_text(REGISTRATIONS.replace("Kosova", "Lusitania"), "utf-8")
    ingest_files([path], "CD-2022-FA", db_path=store)
    ana = pid("ana@example.org")
    assert query(
        store,
        "SELECT country_iso3, country_label FROM participants WHERE participant_id = ?",
        [ana],
    ) == [(None, "Lusitania")]
    rows = [*nz._alias_rows(), {"name": "Lusitania", "iso3": "PRT"}]
    monkeypatch.setattr(nz, "_alias_rows", lambda: rows)
    changes = remap(store)
    assert [c.describe() for c in changes] == [
        "1 participant: country unknown -> PRT (read as 'Lusitania')"
    ]
    assert query(
        store, "SELECT country_iso3 FROM participants WHERE participant_id = ?", [ana]
    ) == [("PRT",)]
    nz.reload_countries()


def test_a_label_read_later_for_an_organization_without_one_is_kept_for_remap(
    store, data_dir, tmp_path
):
    """An organization first loaded from a file with no sector column, then met in a file
    whose label the mapping lacks: the label is kept, and a remap maps it."""
    first = tmp_path / "first.csv"
    first.write_text(
        "name,email,organization,country,session_id,mode,role,registered,attended\n"
        "Rui Costa,rui@example.org,Lisbon Research Lab,Portugal,,online,,yes,yes\n",
        "utf-8",
    )
    later = tmp_path / "later.csv"
    later.write_text(REGISTRATIONS, "utf-8")
    ingest_files([first], "CD-2022-FA", db_path=store)
    ingest_files([later], "CD-2022-FA", db_path=store)
    kept = "SELECT sector, sector_label FROM organizations WHERE name = 'Lisbon Research Lab'"
    assert query(store, kept) == [("Other / unknown", "Academia / research institute")]
    with (data_dir / "reference" / "sector_labels.csv").open("a", encoding="utf-8") as f:
        f.write("Academia / research institute,en,Academia\n")
    remap(store)
    assert query(store, kept) == [("Academia", "Academia / research institute")]
