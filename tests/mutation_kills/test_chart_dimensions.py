"""What each chart's axes and values are called: the labels a notebook shows.

``hv.Table(chart)``, a chart drawn with other options and HoloViews' own reprs name
the dimensions by these labels; columns kept only for styling and clicks keep their
names.
"""

from __future__ import annotations

import holoviews as hv
import pytest

from dashboard import views
from dashboard.views import style

hv.extension("bokeh")


def labels(element) -> dict[str, str]:
    return {d.name: d.label for d in element.dimensions()}


def test_attendance_by_sector_counts_or_shares(source):
    frame = source.attendance_by_sector()
    common = {
        "session_label": "Session",
        "sector": "Sector",
        "participants": "Participants",
        "share_pct": "Share (%)",
        "session_id": "session_id",
        "alpha": "alpha",
    }
    assert labels(views.attendance_by_sector(frame)) == common | {"value": "Participants"}
    shares = views.attendance_by_sector(frame, shares=True)
    assert labels(shares) == common | {"value": "Share of participants (%)"}


def test_funnel_and_returning_participants(source):
    assert labels(views.funnel(source.funnel())) == {
        "session_label": "Session",
        "stage": "Stage",
        "people": "People",
        "session_id": "session_id",
        "alpha": "alpha",
        "registered_total": "registered_total",
        "attended_total": "attended_total",
    }
    assert labels(views.returning_participants(source.returning_participants())) == {
        "session_label": "Session",
        "group": "Participants",
        "people": "People",
        "session_id": "session_id",
        "alpha": "alpha",
    }


@pytest.mark.parametrize(
    ("level", "place"),
    [
        ("region", "M49 region"),
        ("sub_region", "M49 sub-region"),
        ("un_regional_group", "UN regional group"),
        ("country", "Country"),
    ],
)
def test_places_are_named_by_their_level(source, level, place):
    chart = views.participants_by_area(source.participants_by_area(level=level), level=level)
    assert labels(chart) == {
        "area": place,
        "participants": "Participants",
        "organizations": "Organizations",
        "alpha": "alpha",
    }


def test_an_unknown_level_is_a_place(source):
    chart = views.participants_by_area(source.participants_by_area(), level="planet")
    assert labels(chart)["area"] == "Place"


def test_topics_matrix(source):
    heat, *inks = views.topics_per_session(source.topics_per_session())
    axes = {"session_label": "Session", "topic_label": "Topic"}
    assert labels(heat) == axes | {
        "submissions": "Submissions",
        "topic": "topic",
        "raised": "raised",
        "topic_id": "topic_id",
        "fill": "fill",
    }
    assert len(inks) == len(style.INKS)
    assert all(labels(text) == axes | {"text": "text"} for text in inks)


@pytest.mark.parametrize(("by", "label"), [("kind", "Kind"), ("sector", "Sector")])
def test_contribution_lines(source, by, label):
    lines = views.contributions_over_time(source.contributions_over_time(), by=by)
    assert labels(lines) == {by: label, "date": "Date", "cumulative": "Submissions (cumulative)"}
    assert {tuple(labels(curve).values()) for curve in lines} == {
        ("Date", "Submissions (cumulative)")
    }
