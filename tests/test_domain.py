"""Roles, modes, kinds and sectors: each defined once (the schema's CHECKs, the sectors
reference table) and the same wherever the dashboard uses them."""

from __future__ import annotations

import duckdb
import pytest

from dashboard import domain
from dashboard.ingest.normalize import parse_role
from dashboard.queries import Filters
from dashboard.state import DashboardState
from dashboard.views import style


def test_allowed_values_are_read_from_a_check_constraint_in_order():
    schema = "CREATE TABLE t (a VARCHAR, CHECK (a IS NULL OR a IN ('z', 'y')), CHECK (b IN ('x')))"
    assert domain.allowed_values("a", schema) == ("z", "y")
    assert domain.allowed_values("b", schema) == ("x",)
    with pytest.raises(LookupError, match="CHECK"):
        domain.allowed_values("c", schema)


def test_the_store_accepts_exactly_the_vocabularies(tmp_path):
    con = duckdb.connect(str(tmp_path / "s.duckdb"))
    con.execute(domain.SCHEMA)
    con.execute("INSERT INTO sectors VALUES ('Government', true, 1, NULL)")
    con.execute("INSERT INTO series VALUES ('S', 'S', 2022, NULL)")
    con.execute(
        "INSERT INTO sessions (session_id, series_id, date, title, short_title) "
        "VALUES ('X', 'S', DATE '2022-01-01', 'x', 'x')"
    )
    con.execute(
        "INSERT INTO imports (file_name, content_sha256, format, kind, records_read, "
        "loaded, rejected) VALUES ('f', 'h', 'f', 'k', 0, 0, 0)"
    )
    con.execute("INSERT INTO participants (participant_id) VALUES ('p')")

    def participation(role: str, mode: str) -> None:
        con.execute("DELETE FROM participation")
        con.execute(
            "INSERT INTO participation (session_id, participant_id, registered, "
            "attended, mode, role, import_id) VALUES ('X', 'p', true, true, ?, ?, 1)",
            [mode, role],
        )

    for role in domain.ROLES:
        for mode in domain.MODES:
            participation(role, mode)
    with pytest.raises(duckdb.ConstraintException):
        participation("VIP", domain.MODES[0])
    for kind in domain.KINDS:
        con.execute("DELETE FROM submissions")
        con.execute(
            "INSERT INTO submissions (submission_id, session_id, kind, title, date, "
            "import_id) VALUES ('s', 'X', ?, 't', DATE '2022-01-01', 1)",
            [kind],
        )
    assert len(domain.ROLES) == 5 and len(domain.MODES) == 2 and len(domain.KINDS) == 4


def test_sectors_are_the_stores_sectors_in_order(source):
    stored = source.sql("SELECT sector FROM sectors ORDER BY sort_order")["sector"]
    assert domain.sectors() == tuple(stored) and len(stored) == 6
    assert list(style.SECTOR_COLORS) == list(domain.sectors())
    assert style.SECTOR_COLORS["Other / unknown"] == style.UNKNOWN_COLOR
    assert list(style.KIND_COLORS) == list(domain.KINDS)


def test_filters_state_and_ingest_take_the_same_roles():
    assert DashboardState().choices("roles") == list(domain.ROLES)
    assert DashboardState().choices("modes") == list(domain.MODES)
    assert Filters(roles=domain.ROLES).roles == domain.ROLES
    with pytest.raises(ValueError, match="roles"):
        Filters(roles=("VIP",))
    with pytest.raises(ValueError, match=", ".join(domain.ROLES)):
        parse_role("VIP")
