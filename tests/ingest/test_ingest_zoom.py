"""Zoom participants reports: the 2022 Title Case layout and the 2023 sentence-case one."""

from __future__ import annotations

from conftest import load, name_pid, participation, pid, query, rejects, warnings


def test_zoom_2022_rejoins_waiting_room_and_dial_in(store):
    summary = load(store, "zoom_participants_2022.csv", "CD-2022-FA")
    assert (
        summary.format,
        summary.records_read,
        summary.loaded,
        summary.rejected,
        summary.participants,
    ) == ("zoom-participants", 8, 8, 0, 6)
    assert participation(store, "CD-2022-FA") == {
        pid("cso.unit@example.org"): (False, None, True, "online", "participant", 189),
        # a waiting-room row, then two overlapping rows (two devices): 13:00:30-14:40:00
        pid("lukas.berger@example.org"): (False, None, True, "online", "participant", 99),
        # a dial-in caller: no e-mail, known by the number Zoom shows as the name
        name_pid("0000 1 26060 43"): (False, None, True, "online", "participant", 60),
        # only ever in the waiting room: not attendance
        pid("grace.otieno@example.org"): (False, None, False, "online", "participant", 0),
        # 9 min 59 s is below the 10-minute minimum
        pid("tomas.vidal@example.org"): (False, None, False, "online", "participant", 9),
        # no leave time: her minutes come from the row's duration
        pid("rania.aziz@example.org"): (False, None, True, "online", "participant", 40),
    }
    assert rejects(store, summary.import_id) == []
    assert warnings(store, summary.import_id) == [
        (
            12,
            "Leave Time",
            "not recorded",
            "is not a date and time; the row's join and leave times are not used "
            "(its duration is, when given)",
        )
    ]


def test_zoom_2023_sentence_case_day_first(store):
    summary = load(store, "zoom_participants_2023.csv", "CD-2022-SOM")
    assert (summary.records_read, summary.loaded, summary.rejected, summary.participants) == (
        5,
        5,
        0,
        3,
    )
    assert participation(store, "CD-2022-SOM") == {
        pid("cso.unit@example.org"): (False, None, True, "online", "participant", 124),
        pid("ana.sousa@example.org"): (False, None, True, "online", "participant", 110),
        name_pid("kenya voices youth"): (False, None, True, "online", "participant", 60),
    }


def test_minimum_minutes_is_a_setting(store, monkeypatch):
    monkeypatch.setenv("DIALOGUES_MIN_MINUTES", "5")
    load(store, "zoom_participants_2022.csv", "CD-2022-FA")
    rows = participation(store, "CD-2022-FA")
    assert rows[pid("tomas.vidal@example.org")][2] is True
    assert rows[pid("grace.otieno@example.org")][2] is False  # waiting room never counts


def test_real_attendance_replaces_the_sessions_illustrative_rows(store):
    before = query(
        store,
        "SELECT count(*) FROM participation WHERE session_id = 'CD-2022-SOM' AND illustrative",
    )[0][0]
    others = query(
        store,
        "SELECT count(*) FROM participation WHERE session_id <> 'CD-2022-SOM' AND illustrative",
    )[0][0]
    summary = load(store, "zoom_participants_2023.csv", "CD-2022-SOM")
    assert before > 0 and summary.illustrative_replaced == before
    assert query(
        store,
        "SELECT count(*) FROM participation WHERE session_id = 'CD-2022-SOM' AND illustrative",
    ) == [(0,)]
    assert query(
        store,
        "SELECT count(*) FROM participation WHERE session_id <> 'CD-2022-SOM' AND illustrative",
    ) == [(others,)]
