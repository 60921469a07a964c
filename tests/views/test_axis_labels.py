"""Session axis labels: flat and wrapped for a few sessions, upright on one line for
many (they would collide flat), and always one label per session."""

from __future__ import annotations

import pandas as pd

from dashboard.views import style
from dashboard.views.participation import attendance_by_sector_drawing, funnel_drawing
from dashboard.views.topics import topics_per_session_drawing


def sessions(n: int, title: str = "International Cooperation and Technical Assistance"):
    return pd.DataFrame(
        {
            "session_id": [f"S{i}" for i in range(n)],
            "session": [f"{title} {i}" for i in range(n)],
            "date": pd.date_range("2022-05-06", periods=n, freq="7D"),
        }
    )


def test_few_sessions_lie_flat_wrapped_with_their_date():
    labels = style.session_labels(sessions(style.FLAT_LABELS))
    assert labels[0] == "International\nCooperation\nand Technical\nAssistance 0\n6 May 2022"
    assert not style.upright(sessions(style.FLAT_LABELS))
    assert style.x_rotation(sessions(style.FLAT_LABELS)) == 0


def test_many_sessions_stand_upright_on_one_short_line():
    frame = sessions(style.FLAT_LABELS + 1)
    labels = style.session_labels(frame)
    assert labels[0] == "6 May 2022 · International C…"
    assert all("\n" not in label for label in labels)
    assert len(set(labels)) == len(frame)
    assert style.x_rotation(frame) == 90
    assert style.session_axis_height(frame) == style.HEIGHT + style.UPRIGHT_AXIS


def test_a_period_keeps_its_name_whole_when_upright():
    periods = pd.DataFrame(
        {
            "session_id": [f"year:{y}" for y in range(2005, 2025)],
            "session": [f"{y} · 200 sessions" for y in range(2005, 2025)],
            "date": pd.NaT,
        }
    )
    assert list(style.session_labels(periods))[:2] == ["2005 · 200 sessions", "2006 · 200 sessions"]


def test_sessions_sharing_a_label_are_told_apart_by_id():
    frame = sessions(style.FLAT_LABELS + 2)
    frame.loc[1, ["session", "date"]] = frame.loc[0, ["session", "date"]].to_numpy()
    labels = style.session_labels(frame)
    assert labels[0] == "6 May 2022 · International C… (S0)"
    assert labels[1] == "6 May 2022 · International C… (S1)"
    assert len(set(labels)) == len(frame)


def test_an_upright_title_is_cut_only_past_its_room():
    frame = sessions(style.FLAT_LABELS + 1, title="x")
    room = style.UPRIGHT_TITLE
    frame.loc[0, "session"], frame.loc[1, "session"] = "a" * room, "b" * (room + 1)
    labels = style.session_labels(frame)
    assert labels[0] == "6 May 2022 · " + "a" * room  # fits: whole
    assert labels[1] == "13 May 2022 · " + "b" * (room - 1) + "…"


def test_sessions_are_ordered_by_date_then_id_and_undated_ones_last():
    frame = pd.DataFrame(
        {
            "session_id": ["Z", "Y", "B", "A", "C"],
            "session": ["undated z", "undated y", "late", "early", "early too"],
            "date": [pd.NaT, pd.NaT, "2022-07-01", "2022-05-06", "2022-05-06"],
        }
    ).astype({"date": "datetime64[ns]"})
    labels = dict(zip(frame["session_id"], style.session_labels(frame)))
    order = style.session_order(frame)
    assert order == [labels[sid] for sid in ("A", "C", "B", "Y", "Z")]
    assert style.session_order(frame.iloc[0:0]) == []
    assert style.session_labels(frame.iloc[0:0]).empty


def test_one_label_per_session_on_every_row_of_it():
    frame = sessions(style.FLAT_LABELS + 1)
    rows = pd.concat([frame, frame]).reset_index(drop=True)  # two rows per session
    labels = style.session_labels(rows)
    assert list(labels[: len(frame)]) == list(labels[len(frame) :])
    assert labels.index.equals(rows.index)


def test_session_drawings_turn_and_grow_with_many_sessions():
    few, many = sessions(4), sessions(style.FLAT_LABELS + 1)
    for frame, turn, height in ((few, 0, style.HEIGHT), (many, 90, style.HEIGHT + 100)):
        counts = frame.assign(sector="Academia", sector_order=1, participants=3, share=1.0)
        drawing = attendance_by_sector_drawing(counts)
        assert (drawing.xrotation, drawing.height) == (turn, height)
        funnel = frame.assign(
            registered=3, attended=2, registered_and_attended=2, no_shows=1, walk_ins=0
        )
        assert (funnel_drawing(funnel).xrotation, funnel_drawing(funnel).height) == (turn, height)


def test_the_topics_heat_map_turns_its_session_labels_with_many_sessions():
    few, many = sessions(4), sessions(style.FLAT_LABELS + 1)
    for frame, turn, extra in ((few, 0, 0), (many, 90, style.UPRIGHT_AXIS)):
        cells = frame.assign(topic_id="t1", topic="Victim protection", raised=True, submissions=2)
        drawing = topics_per_session_drawing(cells)
        assert drawing.xrotation == turn
        assert drawing.height == style.heat_map_height(1) + extra
