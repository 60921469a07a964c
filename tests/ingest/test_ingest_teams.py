"""Teams attendance reports (two layouts) and the older meetingAttendanceList.csv."""

from __future__ import annotations

import json

from conftest import FIXTURES, load, name_pid, participation, pid, query, rejects, warnings

from dashboard.ingest import ingest_files


def test_teams_title_case_report_2022(store):
    summary = load(store, "teams_attendance_titlecase_2022.csv", "CD-2022-FA")
    assert (
        summary.format,
        summary.kind,
        summary.records_read,
        summary.loaded,
        summary.rejected,
        summary.participants,
    ) == ("teams-attendance", "attendance", 6, 6, 0, 6)
    assert participation(store, "CD-2022-FA") == {
        pid("amina.diallo@example.org"): (False, None, True, "online", "organizer", 185),
        pid("lukas.berger@example.org"): (False, None, True, "online", "speaker", 170),
        pid("sofia.ramirez@example.org"): (False, None, True, "online", "participant", 85),
        name_pid("kwame mensah"): (False, None, False, "online", "participant", 8),
        pid("chen.wei@example.org"): (False, None, True, "online", "participant", 165),
        # 'nadia.haddad-at-example.org' names no mailbox: she is known by her name
        name_pid("haddad nadia"): (False, None, True, "online", "participant", 10),
    }
    assert rejects(store, summary.import_id) == []
    assert warnings(store, summary.import_id) == [
        (16, "Email", "[removed]", "not an e-mail address; ignored")
    ]
    # the activities section repeats the same people: it adds no records and no minutes
    assert query(
        store,
        "SELECT records_read, loaded, rejected, format FROM imports WHERE import_id = ?",
        [summary.import_id],
    ) == [(6, 6, 0, "teams-attendance")]


def test_teams_sentence_case_report_2023_day_first(store):
    summary = load(store, "teams_attendance_sentencecase_2023.csv", "CD-2022-TIP")
    assert (summary.records_read, summary.loaded, summary.rejected) == (5, 5, 0)
    assert participation(store, "CD-2022-TIP") == {
        pid("amina.diallo@example.org"): (False, None, True, "online", "organizer", 151),
        pid("ana.sousa@example.org"): (False, None, True, "online", "organizer", 146),
        # no Email: the Participant ID (UPN) holds the address
        pid("pierre.lefevre@example.org"): (False, None, True, "online", "participant", 60),
        pid("mariam.yusuf@example.org"): (False, None, False, "online", "participant", 2),
        # his time cannot be read: counted as a person, his minutes unknown
        pid("jonas.keller@example.org"): (False, None, False, "online", "participant", None),
    }
    # the two-line quoted title is one spreadsheet row: Jonas is on row 15, not 16
    assert warnings(store, summary.import_id) == [
        (
            15,
            "In-meeting duration",
            "about an hour",
            "is not a duration such as '1h 2m 3s'; the time present is not counted",
        )
    ]


def test_reject_keeps_no_name_or_email_in_clear(store, tmp_path):
    # a row with no name and an e-mail that names no mailbox identifies nobody
    report = FIXTURES / "teams_attendance_titlecase_2022.csv"
    text = report.read_text("utf-16").replace("Nadia Haddad\t", "\t")
    nameless = tmp_path / "teams.csv"
    nameless.write_text(text, "utf-16")
    [summary] = ingest_files([nameless], "CD-2022-FA", db_path=store)
    [(raw,)] = query(
        store, "SELECT raw_record FROM import_rejects WHERE import_id = ?", [summary.import_id]
    )
    record = json.loads(raw)
    assert record["Name"] == ""
    assert record["Email"] == "[removed]"  # not an address, so no pseudonym either
    assert record["Role"] == "Attendee"  # what identifies nobody is kept as read
    assert "nadia" not in raw.lower()
    # a person identified by an address: the address becomes the pseudonym in a reject
    rows = FIXTURES / "template_participation.csv"
    assert "jonas.keller@example.org" not in rows.read_text("utf-8")
    template = tmp_path / "template.csv"
    template.write_text(
        "name,email,organization,session_id\n"
        "Jonas Keller,jonas.keller@example.org,Keller & Co,CD-2022-TIP\n",
        "utf-8",
    )
    [other] = ingest_files([template], "CD-2022-FA", db_path=store)
    [(raw,)] = query(
        store, "SELECT raw_record FROM import_rejects WHERE import_id = ?", [other.import_id]
    )
    record = json.loads(raw)
    assert record["email"] == pid("jonas.keller@example.org")
    assert record["name"] == "[removed]" and "keller@" not in raw.lower()


def test_attendance_list_folds_joins_and_leaves(store):
    summary = load(store, "meetingAttendanceList.csv", "CD-2022-ICTA")
    assert (
        summary.format,
        summary.records_read,
        summary.loaded,
        summary.rejected,
        summary.participants,
    ) == ("teams-attendance-list", 10, 10, 0, 5)
    assert participation(store, "CD-2022-ICTA") == {
        # 13:58:02 to 16:01:02
        name_pid("amina diallo"): (False, None, True, "online", "participant", 123),
        # 14:00:05-14:40:05 and 14:50:05-16:00:05
        name_pid("berger lukas"): (False, None, True, "online", "participant", 110),
        name_pid("chidi okafor"): (False, None, False, "online", "participant", 5),
        # joined at 15:00, never left: until the list's last timestamp, 16:01:02
        name_pid("tanaka yuki"): (False, None, True, "online", "participant", 61),
        # an action the list does not know: counted as a person, no time
        name_pid("4471 guest"): (False, None, False, "online", "participant", None),
    }
    assert warnings(store, summary.import_id) == [
        (9, "User Action", "Presenting", "not 'Joined' or 'Left'; the row's time is not counted")
    ]
    assert any("without a leave" in note for note in summary.notes)


def test_attendance_list_without_header_day_first(store):
    summary = load(store, "meetingAttendanceList_dayfirst_noheader.csv", "CD-2022-ICTA")
    assert (summary.records_read, summary.loaded, summary.rejected) == (4, 4, 0)
    assert participation(store, "CD-2022-ICTA") == {
        name_pid("amina diallo"): (False, None, True, "online", "participant", 123),
        name_pid("rowe sam"): (False, None, True, "online", "participant", 45),
    }
