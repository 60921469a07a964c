"""Who took part, as drawn: the bar segments, axes and tooltips a reader of the page sees.

Each chart is rendered to its Bokeh figure and read back: where each stacked segment
starts and ends, the axis range and label, the legend. The built-in store's figures are
the published ones (Firearms: 165 registered, 142 attended).
"""

from __future__ import annotations

import holoviews as hv
import pandas as pd
import pytest
from bokeh.models import HoverTool

from dashboard import views
from dashboard.views import style

hv.extension("bokeh")

FIREARMS = views.session_label("Firearms", pd.Timestamp("2022-05-06"))
SMUGGLING = views.session_label("Smuggling of Migrants", pd.Timestamp("2022-07-01"))
TRAFFICKING = views.session_label("Trafficking in Persons", pd.Timestamp("2022-07-01"))
SESSIONS_IN_ORDER = ["CD-2022-FA", "CD-2022-ICTA", "CD-2022-SOM", "CD-2022-TIP"]


def drawn(element) -> tuple[object, pd.DataFrame]:
    """The Bokeh figure and the data of its (first) glyph, as a frame."""
    figure = hv.render(element)
    return figure, pd.DataFrame(dict(figure.renderers[0].data_source.data))


def segment(data: pd.DataFrame, label: str, key: str, value: str) -> tuple[float, float]:
    row = data.loc[(data["session_label"] == label) & (data[key] == value)].iloc[0]
    return float(row["bottom"]), float(row["top"])


def test_funnel_stacks_attended_then_no_shows_then_walk_ins(source):
    frame = source.funnel()
    figure, data = drawn(views.funnel(frame))
    firearms = frame.set_index("session_id").loc["CD-2022-FA"]
    assert (firearms["registered"], firearms["attended"]) == (165, 142)
    both = float(firearms["registered_and_attended"])
    assert segment(data, FIREARMS, "stage", "Registered and attended") == (0, both)
    # The first two segments reach the registrations: the absent ones sit on top.
    assert segment(data, FIREARMS, "stage", "Registered, absent") == (both, 165)
    walk_ins = float(firearms["walk_ins"])
    assert segment(data, FIREARMS, "stage", "Attended, unregistered") == (165, 165 + walk_ins)
    hover = data.loc[data["session_label"] == FIREARMS]
    assert set(hover["registered_total"]) == {165} and set(hover["attended_total"]) == {142}
    assert figure.y_range.end == pytest.approx(
        1.1 * (frame["registered"] + frame["walk_ins"]).max()
    )
    assert figure.yaxis[0].axis_label == "People"


def test_funnel_summary_names_no_shows_and_walk_ins(source):
    frame = source.funnel()
    text = views.summary("funnel", frame)
    no_shows, walk_ins = int(frame["no_shows"].sum()), int(frame["walk_ins"].sum())
    assert f"{no_shows:,} registered but did not attend" in text
    assert f"{walk_ins:,} attended without registering" in text
    rate = frame["attended"].sum() / frame["registered"].sum()
    assert text.endswith(f"(attended per registered: {rate:.0%}).")


def test_attendance_in_count_mode_draws_people_not_shares(source):
    frame = source.attendance_by_sector()
    figure, data = drawn(views.attendance_by_sector(frame, shares=False))
    totals = frame.groupby("session_id")["participants"].sum()
    tops = data.groupby("session_id")["top"].max()
    assert tops.to_dict() == totals.astype(float).to_dict()
    assert figure.y_range.end == pytest.approx(1.1 * totals.max())
    assert figure.yaxis[0].axis_label == "Participants"


def test_attendance_in_share_mode_fills_each_session_to_100(source):
    frame = source.attendance_by_sector()
    figure, data = drawn(views.attendance_by_sector(frame, shares=True))
    assert data.groupby("session_id")["top"].max().round(0).eq(100).all()
    assert (figure.y_range.start, figure.y_range.end) == (0, 105)
    assert figure.yaxis[0].axis_label == "Share of participants (%)"
    government = frame.query("session_id == 'CD-2022-FA' and sector == 'Government'")
    shown = data.query("session_id == 'CD-2022-FA' and sector == 'Government'")
    # The tooltip's share, in percent with one decimal, and the count beside it.
    assert shown["share_pct"].iloc[0] == round(government["share"].iloc[0] * 100, 1)
    assert shown["participants"].iloc[0] == government["participants"].iloc[0]


@pytest.mark.parametrize(
    "question", ["attendance_by_sector", "funnel", "returning_participants", "topics_per_session"]
)
def test_sessions_on_one_day_are_ordered_by_session_id(source, question):
    frame = source.ask(question).iloc[::-1]  # the order a frame arrives in must not matter
    element = getattr(views, question)(frame)
    first = element.get(0) if isinstance(element, hv.Overlay) else element
    labels = first.get_dimension("session_label").values
    by_id = dict(zip(frame["session_id"], style.session_labels(frame)))
    assert labels == [by_id[s] for s in SESSIONS_IN_ORDER]
    assert labels.index(SMUGGLING) < labels.index(TRAFFICKING)


def test_returning_participants_stack_first_time_under_returning(source):
    frame = source.returning_participants()
    figure, data = drawn(views.returning_participants(frame))
    icta = frame.set_index("session_id").loc["CD-2022-ICTA"]
    label = style.session_labels(frame)[frame["session_id"] == "CD-2022-ICTA"].iloc[0]
    first, back = float(icta["first_time"]), float(icta["returning"])
    assert segment(data, label, "group", "First time") == (0, first)
    assert segment(data, label, "group", "Returning") == (first, first + back)
    assert figure.y_range.end == pytest.approx(
        1.1 * (frame["first_time"] + frame["returning"]).max()
    )


def test_returning_participants_dim_what_is_not_selected(source):
    frame = source.returning_participants()
    bars = views.returning_participants(frame, selected=["CD-2022-FA"])
    alpha = bars.data.groupby("session_id")["alpha"].agg(set)
    assert alpha["CD-2022-FA"] == {1.0}
    assert alpha.drop("CD-2022-FA").map(tuple).tolist() == [(style.DIMMED_ALPHA,)] * 3


def test_funnel_dims_what_is_not_selected(source):
    frame = source.funnel()
    _, data = drawn(views.funnel(frame, selected=["CD-2022-SOM"]))
    alpha = data.groupby("session_id")["alpha"].agg(set)
    assert alpha["CD-2022-SOM"] == {1.0}
    assert all(a == {style.DIMMED_ALPHA} for a in alpha.drop("CD-2022-SOM"))


def test_places_are_the_largest_first_ties_alphabetical(source):
    frame = source.participants_by_area(level="country")
    bars = views.participants_by_area(frame, top=3, level="country")
    # Czechia and Suriname have 10 each: the third place goes to the first by name.
    tied = frame.loc[frame["area"].isin(["Czechia", "Suriname"]), "participants"]
    assert tied.tolist() == [10, 10]
    assert bars.get_dimension("area").values == ["Czechia", "Austria", "Liberia"]
    figure = hv.render(bars)
    assert figure.xaxis[0].axis_label == "Participants"  # horizontal bars


@pytest.mark.parametrize(
    ("level", "label"),
    [("region", "M49 region"), ("sub_region", "M49 sub-region"), ("nope", "Place")],
)
def test_place_axis_is_named_after_the_level(source, level, label):
    frame = source.participants_by_area(level="region")
    assert views.participants_by_area(frame, level=level).get_dimension("area").label == label


def test_a_selected_place_stands_out_by_code_or_name(source):
    frame = source.participants_by_area(level="country")
    by_code = views.participants_by_area(frame, top=5, level="country", selected=["AUT"])
    alpha = by_code.data.set_index("area")["alpha"]
    assert alpha["Austria"] == 1.0 and set(alpha.drop("Austria")) == {style.DIMMED_ALPHA}
    regions = source.participants_by_area(level="region")
    by_name = views.participants_by_area(regions, selected=["Europe"]).data
    assert by_name.set_index("area")["alpha"].to_dict() == {
        a: 1.0 if a == "Europe" else style.DIMMED_ALPHA for a in by_name["area"]
    }
    plain = views.participants_by_area(regions).data
    assert set(plain["alpha"]) == {1.0}


def test_an_empty_chart_still_has_an_axis(source):
    nothing = source.funnel().iloc[:0]
    figure = hv.render(views.funnel(nothing))
    assert (figure.y_range.start, figure.y_range.end) == (0, 1.0)
    zeros = source.returning_participants().assign(first_time=0, returning=0)
    assert hv.render(views.returning_participants(zeros)).y_range.end == 1.0


def test_places_default_to_fifteen_regions_and_need_no_codes():
    frame = pd.DataFrame(
        {
            "area": [f"Place {i:02d}" for i in range(16)],
            "participants": list(range(16, 0, -1)),
            "organizations": [1] * 16,
        }
    )
    bars = views.participants_by_area(frame, selected=["Place 01"])
    area = bars.get_dimension("area")
    assert area.label == "M49 region"
    assert area.values == [f"Place {i:02d}" for i in range(14, -1, -1)]  # largest on top
    assert bars.data["alpha"].tolist() == [style.DIMMED_ALPHA, 1.0] + [style.DIMMED_ALPHA] * 13


def test_places_chart_dims_the_unselected_and_names_each_bar_on_hover():
    frame = pd.DataFrame(
        {"area": ["Europe", "Asia"], "participants": [5, 3], "organizations": [2, 1]}
    )
    figure, data = drawn(views.participants_by_area(frame, selected=["Asia"]))
    drawn_alpha = data[figure.renderers[0].glyph.fill_alpha.field]
    assert dict(zip(data["area"], drawn_alpha)) == {"Europe": style.DIMMED_ALPHA, "Asia": 1.0}
    (hover,) = [t for t in figure.tools if isinstance(t, HoverTool)]
    assert hover.tooltips == [
        ("", "@area"),
        ("Participants", "@participants"),
        ("Organizations", "@organizations"),
    ]
    assert figure.xaxis[0].axis_label == "Participants"
