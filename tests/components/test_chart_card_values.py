"""What the dashboard's chart cards draw for a state: counts in count mode, shares when
asked, and the funnel's stages in place, read from the Bokeh figure the page receives."""

from __future__ import annotations

import holoviews as hv
import pandas as pd

from dashboard.components import AttendanceBySector, Funnel


def drawn(component) -> tuple[object, pd.DataFrame]:
    """The figure the card shows now (its DynamicMap's current frame), and its bars."""
    component.__panel__().get_root()
    figure = hv.render(component._dmap[()])
    return figure, pd.DataFrame(dict(figure.renderers[0].data_source.data))


def test_attendance_card_draws_people_then_shares_when_switched(state, source):
    chart = AttendanceBySector(state=state, source=source)
    totals = source.attendance_by_sector().groupby("session_id")["participants"].sum()
    figure, bars = drawn(chart)
    assert bars.groupby("session_id")["top"].max().to_dict() == totals.astype(float).to_dict()
    assert figure.yaxis[0].axis_label == "Participants"
    state.shares = True
    figure, bars = drawn(chart)
    assert bars.groupby("session_id")["top"].max().round(0).eq(100).all()
    assert figure.yaxis[0].axis_label == "Share of participants (%)"


def test_attendance_card_in_count_mode_follows_registrations(state, source):
    chart = AttendanceBySector(state=state, source=source)
    state.count = "registered"
    _, bars = drawn(chart)
    assert bars["top"].groupby(bars["session_id"]).max().sum() == 599  # published total


def test_funnel_card_puts_no_shows_on_registrations_and_walk_ins_above(state, source):
    funnel = Funnel(state=state, source=source)
    _, bars = drawn(funnel)
    firearms = bars.loc[bars["session_id"] == "CD-2022-FA"].set_index("stage")
    assert firearms.loc["Registered, absent", "top"] == 165  # registered
    assert firearms.loc["Attended, unregistered", "people"] == 2  # walk-ins
    assert firearms.loc["Registered, absent", "people"] == 25  # no-shows
