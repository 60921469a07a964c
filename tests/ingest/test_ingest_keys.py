"""The pseudonym key lives outside the store: required for a real load, created owner-only
by `dialogues key new`, recognised by a fingerprint that reveals nothing, and a different
key is refused instead of splitting every person in two."""

from __future__ import annotations

import stat

import pytest
from conftest import FIXTURES, participation, query, snapshot

from dashboard.cli import main
from dashboard.ingest.pseudonym import Pseudonymizer
from dashboard.store import keys

TEAMS = str(FIXTURES / "teams_attendance_titlecase_2022.csv")
ZOOM = str(FIXTURES / "zoom_participants_2022.csv")


@pytest.fixture
def key_file(store, tmp_path, monkeypatch):
    """No key in the environment; the key file setting points at a path not yet there."""
    monkeypatch.delenv("DIALOGUES_PSEUDONYM_KEY")
    path = tmp_path / "config" / "dialogues" / "pseudonym.key"
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY_FILE", str(path))
    return path


def ingest(store, *files, session="CD-2022-FA") -> int:
    return main(["ingest", *files, "--session", session, "--db", str(store)])


def test_a_real_load_without_a_key_is_refused_saying_how_to_make_one(store, key_file, capsys):
    before = snapshot(store)
    assert ingest(store, TEAMS) == 2
    err = capsys.readouterr().err
    assert "no pseudonym key" in err and "dialogues key new" in err and str(key_file) in err
    assert snapshot(store) == before


def test_key_new_writes_an_owner_only_file_that_loads_use(store, key_file, capsys):
    assert main(["key", "new"]) == 0
    assert str(key_file) in capsys.readouterr().out
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    key = key_file.read_text().strip()
    assert len(key) == 64
    assert ingest(store, TEAMS) == 0
    amina = Pseudonymizer(key).for_email("amina.diallo@example.org")
    assert amina in participation(store, "CD-2022-FA")
    values = [v for (v,) in query(store, "SELECT value FROM schema_info")]
    assert not any(key in v for v in values)  # the key itself is nowhere in the store
    [(recorded,)] = query(
        store, "SELECT value FROM schema_info WHERE key = ?", [keys.FINGERPRINT_NAME]
    )
    assert keys.matches(key, recorded) and not keys.matches(key + "x", recorded)
    assert recorded != keys.fingerprint(key)  # salted: no table of guesses fits two stores


def test_key_new_never_overwrites_a_key(store, key_file, capsys):
    assert main(["key", "new"]) == 0
    first = key_file.read_text()
    assert main(["key", "new"]) == 2
    assert "never overwritten" in capsys.readouterr().err
    assert key_file.read_text() == first


def test_a_different_key_is_refused(store, key_file, monkeypatch, capsys):
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY", "the-first-key")
    assert ingest(store, TEAMS) == 0
    before = snapshot(store)
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY", "another-key")
    assert ingest(store, ZOOM) == 2
    err = capsys.readouterr().err
    assert "not the one this store's participants were loaded with" in err
    assert snapshot(store) == before
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY", "the-first-key")
    assert ingest(store, ZOOM) == 0


def test_a_key_file_others_can_read_is_refused(store, key_file, capsys):
    assert main(["key", "new"]) == 0
    key_file.chmod(0o644)
    assert ingest(store, TEAMS) == 2
    assert f"chmod 600 {key_file}" in capsys.readouterr().err


def test_the_built_in_sample_needs_no_key(key_file, tmp_path, capsys):
    assert main(["build", "--db", str(tmp_path / "fresh.duckdb")]) == 0
    assert main(["info", "--db", str(tmp_path / "fresh.duckdb")]) == 0
    assert not key_file.exists()
