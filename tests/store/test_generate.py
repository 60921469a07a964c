"""The synthetic store: the scale asked for, the same store for the same seed, sound data."""

from __future__ import annotations

import duckdb
import pytest

from dashboard.cli import main
from dashboard.config import get_settings
from dashboard.data import DataSource
from dashboard.store import integrity
from dashboard.store.generate import Plan, generate_store

TABLES = ("sessions", "organizations", "participants", "participation", "submissions")


def _digest(path) -> dict[str, tuple]:
    """Row count and an order-free checksum of every synthetic table."""
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            t: con.execute(f"SELECT count(*), sum(hash(t::VARCHAR)) FROM {t} AS t").fetchone()
            for t in TABLES
        }


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("generated") / "scale5.duckdb"
    counts = generate_store(path, get_settings().data_dir, Plan(scale=5, seed=7))
    return path, counts


def test_scale_gives_four_sessions_per_unit_and_about_152_rows_each(generated):
    _, counts = generated
    assert counts["sessions"] == 4 + 4 * 5
    synthetic_rows = counts["participation"] - 608
    assert 0.6 * 20 * 152 < synthetic_rows < 1.5 * 20 * 152


def test_the_same_seed_gives_the_same_store_and_another_seed_does_not(generated, tmp_path):
    path, _ = generated
    again, other = tmp_path / "again.duckdb", tmp_path / "other.duckdb"
    generate_store(again, get_settings().data_dir, Plan(scale=5, seed=7))
    generate_store(other, get_settings().data_dir, Plan(scale=5, seed=8))
    assert _digest(again) == _digest(path)
    assert _digest(other) != _digest(path)


def test_generated_rows_are_sound_and_flagged_illustrative(generated):
    path, _ = generated
    with duckdb.connect(str(path), read_only=True) as con:
        assert integrity.dangling_references(con) == []
        for table in ("participation", "participants", "organizations", "submissions"):
            flagged = con.execute(
                f"SELECT count(*) FILTER (WHERE NOT illustrative) FROM {table}"
            ).fetchone()[0]
            assert flagged == 0, table
        walk_ins, no_shows, returning = con.execute(
            "SELECT count(*) FILTER (WHERE attended AND NOT registered),"
            " count(*) FILTER (WHERE registered AND NOT attended),"
            " (SELECT count(*) FROM (SELECT participant_id FROM participation"
            "  GROUP BY 1 HAVING count(*) > 1))"
            " FROM participation"
        ).fetchone()
        assert walk_ins > 0 and no_shows > 0 and returning > 0
        sizes = con.execute(
            "SELECT min(n), max(n)"
            " FROM (SELECT count(*) AS n FROM participation GROUP BY session_id)"
        ).fetchone()
        assert sizes[1] > 3 * sizes[0]  # sessions of different sizes


def test_the_dashboard_answers_on_a_generated_store(generated):
    path, counts = generated
    source = DataSource(path)
    assert int(source.headline()["sessions"].iloc[0]) == counts["sessions"]
    years = [value for value, _ in source.options()["years"]]
    assert len(years) > 1


def test_generate_command_writes_the_store_and_never_replaces_one(tmp_path, capsys):
    out = tmp_path / "cli.duckdb"
    assert main(["generate", "--scale", "1", "--db", str(out)]) == 0
    assert "8 sessions" in capsys.readouterr().out
    assert _digest(out)["sessions"][0] == 8
    assert main(["generate", "--scale", "2", "--db", str(out)]) == 2
    assert "already there" in capsys.readouterr().err
    assert _digest(out)["sessions"][0] == 8
