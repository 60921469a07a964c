"""Store versions: writers publish whole new versions, readers move to them, files are
owner-only, writers wait for each other, and rebuilding never silently loses imports."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import duckdb
import pytest

from dashboard.cli import main
from dashboard.data import DataSource
from dashboard.errors import StoreError
from dashboard.store import versions
from dashboard.store.connection import connect, generation, shared_connection

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
KEY = "versions-test-key"
ZOOM = str(FIXTURES / "zoom_participants_2022.csv")
INGEST = [sys.executable, "-m", "dashboard.cli", "ingest", ZOOM, "--session", "CD-2022-FA", "--db"]


@pytest.fixture
def store(store_path, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("DIALOGUES_PSEUDONYM_KEY", KEY)
    monkeypatch.setenv("DIALOGUES_STORE_CHECK_SECONDS", "0")
    path = tmp_path / "store.duckdb"
    shutil.copy(store_path, path)  # a plain file, as stores were before versions
    return path


def _write(db: Path, sql: str, **kwargs) -> None:
    with (
        versions.new_version(db, **kwargs) as version,
        duckdb.connect(str(version.path)) as con,
    ):
        con.execute(sql)
        con.execute("CHECKPOINT")


def _count(con) -> int:
    return con.execute("SELECT count(*) FROM series").fetchone()[0]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_reader_keeps_its_version_and_the_next_query_sees_the_new_one(store):
    reader = shared_connection(store)
    cursor = reader.cursor()
    before = generation(store)
    _write(store, "INSERT INTO series (series_id, title, year) VALUES ('CD-2099', 'Later', 2099)")
    assert _count(cursor) == 1  # a query already under way keeps the old version, whole
    assert generation(store) != before  # cached answers of the old version are not reused
    assert _count(shared_connection(store).cursor()) == 2
    assert (
        store.is_symlink() and versions.current_file(store).parent.name == "store.duckdb.versions"
    )


def test_a_failed_or_unpublished_write_leaves_the_store_as_it_was(store):
    before = versions.current_file(store)
    with pytest.raises(duckdb.Error):
        _write(store, "INSERT INTO no_such_table VALUES (1)")
    with versions.new_version(store) as version:
        version.publish = False
    assert versions.current_file(store) == before
    folder = versions.versions_folder(store)
    assert sorted(p.name for p in folder.iterdir()) == ["write.lock"]  # nothing left over


def test_versions_and_the_lock_are_owner_only_and_old_ones_are_pruned(store):
    for year in range(2090, 2095):
        _write(
            store, f"INSERT INTO series (series_id, title, year) VALUES ('S{year}', 'x', {year})"
        )
    folder = versions.versions_folder(store)
    files = sorted(folder.iterdir())
    assert len([p for p in files if p.suffix == ".duckdb"]) == versions.KEEP_VERSIONS
    assert {mode(p) for p in files} == {0o600} and mode(folder) == 0o700
    with connect(store) as con:
        assert _count(con) == 6


def test_writers_wait_for_each_other(store):
    hold, started = threading.Event(), threading.Event()

    def slow_writer():
        with versions.new_version(store) as version:
            version.publish = False
            started.set()
            hold.wait(10)

    thread = threading.Thread(target=slow_writer)
    thread.start()
    started.wait(10)
    with pytest.raises(StoreError, match="another load, build or migration"):
        _write(store, "SELECT 1", wait_seconds=0.3)
    hold.set()
    thread.join()
    _write(store, "INSERT INTO series (series_id, title, year) VALUES ('S1', 'x', 2091)")


def test_build_keeps_loaded_imports_unless_told_to_discard_them(store, capsys):
    assert main(["ingest", str(FIXTURES / "zoom_participants_2022.csv"), "--session",
                 "CD-2022-FA", "--db", str(store)]) == 0  # fmt: skip
    assert main(["build", "--db", str(store)]) == 0
    assert "kept 1 loaded import" in capsys.readouterr().out
    with connect(store) as con:
        assert con.execute("SELECT count(*) FROM imports WHERE NOT illustrative").fetchone() == (1,)
    assert main(["build", "--db", str(store), "--discard-imports"]) == 0
    assert "discarded 1 loaded import" in capsys.readouterr().out
    with connect(store) as con:
        assert con.execute("SELECT count(*) FROM imports WHERE NOT illustrative").fetchone() == (0,)


def test_an_unreadable_store_is_not_rebuilt_over_without_the_flag(tmp_path, capsys):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"garbage" * 500)
    assert main(["build", "--db", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "cannot be read" in err and "--discard-imports" in err
    assert bad.read_bytes() == b"garbage" * 500
    assert main(["info", "--db", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "may be damaged" in err and "Earlier versions are kept in" in err
    assert "dialogues build" not in err


READER = textwrap.dedent(
    """
    import json, sys, time
    from dashboard.data import DataSource
    source = DataSource(sys.argv[1])
    seen, errors, deadline = set(), [], time.monotonic() + float(sys.argv[2])
    print("ready", flush=True)
    while time.monotonic() < deadline:
        try:
            seen.add(int(source.sql(
                "SELECT count(*) FROM participation WHERE NOT illustrative").iloc[0, 0]))
        except Exception as exc:
            errors.append(repr(exc))
        if len(seen) > 1 and sys.argv[3] == "stop-when-changed":
            break
        time.sleep(0.02)
    print(json.dumps({"seen": sorted(seen), "errors": errors}))
    """
)


def test_two_reading_processes_see_an_ingest_from_the_shell_without_an_error(store):
    """Two processes read (as two serving processes do) while `dialogues ingest` loads."""
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(store), "60", "stop-when-changed"],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "DIALOGUES_STORE_CHECK_SECONDS": "1"},
        )
        for _ in range(2)
    ]
    for reader in readers:
        assert reader.stdout.readline().strip() == "ready"
    time.sleep(0.5)  # the readers are polling the old version
    loaded = time.monotonic()
    done = subprocess.run([*INGEST, str(store)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for reader in readers:
        out, _ = reader.communicate(timeout=90)
        result = json.loads(out.strip().splitlines()[-1])
        assert result["errors"] == []
        assert result["seen"][0] == 0 and result["seen"][-1] > 0  # old numbers, then new
    assert time.monotonic() - loaded < 30  # picked up within seconds, without a restart


def test_data_source_answers_from_the_new_version(store):
    source = DataSource(store)
    assert source.headline()["participants"].iloc[0] > 0
    before = source.sql("SELECT count(*) FROM imports").iloc[0, 0]
    assert main(["ingest", str(FIXTURES / "zoom_participants_2022.csv"), "--session",
                 "CD-2022-FA", "--db", str(store)]) == 0  # fmt: skip
    assert source.sql("SELECT count(*) FROM imports").iloc[0, 0] == before + 1


def test_the_version_check_is_throttled(store):
    first = versions.version(store, max_age=30)
    done = subprocess.run([*INGEST, str(store)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr  # another process wrote a new version
    assert versions.version(store, max_age=30) == first  # checked less than 30 s ago
    assert versions.version(store, max_age=0) != first
