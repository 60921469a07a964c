"""`dialogues ingest`: exit codes, the human summary and --json."""

from __future__ import annotations

import json

from conftest import FIXTURES, query

from dashboard.cli import main

TEAMS = FIXTURES / "teams_attendance_titlecase_2022.csv"


def test_ingest_json_then_already_loaded(store, capsys):
    assert (
        main(["ingest", str(TEAMS), "--session", "CD-2022-FA", "--db", str(store), "--json"]) == 0
    )
    [summary] = json.loads(capsys.readouterr().out)
    assert {
        k: summary[k]
        for k in (
            "records_read",
            "participants",
            "loaded",
            "rejected",
            "warned",
            "already_loaded",
            "status",
            "format",
        )
    } == {
        "records_read": 6,
        "participants": 6,
        "loaded": 6,
        "rejected": 0,
        "warned": 1,
        "already_loaded": 0,
        "status": "loaded",
        "format": "teams-attendance",
    }
    assert summary["warnings"] == [
        {
            "row": 16,
            "column": "Email",
            "value": "[removed]",
            "reason": "not an e-mail address; ignored",
            "message": "row 16, column Email: not an e-mail address; ignored",
        }
    ]
    assert (
        main(["ingest", str(TEAMS), "--session", "CD-2022-FA", "--db", str(store), "--json"]) == 0
    )
    [again] = json.loads(capsys.readouterr().out)
    assert (again["status"], again["loaded"], again["already_loaded"]) == ("already loaded", 0, 6)


def test_ingest_human_summary(store, capsys):
    assert (
        main(
            [
                "ingest",
                str(FIXTURES / "forms_registration_en.xlsx"),
                "--session",
                "CD-2022-FA",
                "--db",
                str(store),
                "--kind",
                "registration",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert (
        "8 records read, 7 loaded (6 participants), 1 rejected, 2 values stored as unknown" in out
    )
    assert "rejected row 7, column Email address: no e-mail address and no name" in out
    assert "warning row 6, column Country: 'Atlantis' is not a country" in out
    assert "warning row 5, column Type of organization: 'Foundation' not in" in out
    assert "run `dialogues remap`" in out
    assert "load the file again" not in out  # advice that would not work (already loaded)


def test_refused_file_exits_non_zero_and_names_file_and_reason(store, tmp_path, capsys):
    empty = tmp_path / "attendance.csv"
    empty.write_bytes(b"")
    before = query(store, "SELECT count(*) FROM imports")
    assert (
        main(["ingest", str(empty), str(TEAMS), "--session", "CD-2022-FA", "--db", str(store)]) == 2
    )
    captured = capsys.readouterr()
    assert f"{empty.name}: refused: the file is empty" in captured.err
    assert "teams-attendance" in captured.out  # the good file was still loaded
    assert query(store, "SELECT count(*) FROM imports")[0][0] == before[0][0] + 1


def test_wrong_kind_and_unknown_session(store, capsys):
    assert (
        main(
            [
                "ingest",
                str(TEAMS),
                "--session",
                "CD-2022-FA",
                "--db",
                str(store),
                "--kind",
                "submissions",
                "--json",
            ]
        )
        == 2
    )
    [summary] = json.loads(capsys.readouterr().out)
    assert summary["status"] == "refused" and "not a submissions file" in summary["reason"]
    assert main(["ingest", str(TEAMS), "--session", "NOPE", "--db", str(store)]) == 2
    assert "session 'NOPE' is not in the store" in capsys.readouterr().err
