"""The `dialogues` command: build, info, and errors as exit status 2 with a message."""

from __future__ import annotations

import shutil
import subprocess
import sys

import duckdb

from dashboard.cli import main


def test_build_creates_the_store(tmp_path, capsys):
    db = tmp_path / "store.duckdb"
    assert main(["build", "--db", str(db)]) == 0
    assert "Built" in capsys.readouterr().out
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM published_figures").fetchone()[0] == 12


def test_info_prints_the_headline(store_path, capsys):
    assert main(["info", "--db", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert "participants" in out and "organizations" in out


def test_a_corrupt_store_is_an_error_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.duckdb"
    bad.write_text("garbage" * 500)
    assert main(["info", "--db", str(bad)]) == 2
    assert "bad.duckdb: cannot open the store" in capsys.readouterr().err


def test_the_console_script_is_installed(tmp_path):
    exe = shutil.which("dialogues") or str(
        __import__("pathlib").Path(sys.executable).with_name("dialogues")
    )
    result = subprocess.run(
        [exe, "build", "--db", str(tmp_path / "s.duckdb")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "s.duckdb").exists()
