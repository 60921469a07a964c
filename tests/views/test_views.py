"""Views are pure: a question's frame in, a HoloViews element or spec out.

Each is checked on the built-in store's frames and on an empty frame: the input is left
unchanged, the element type and dimensions are the documented ones, it renders with
Bokeh, and the summary says what is drawn.
"""

from __future__ import annotations

import holoviews as hv
import pandas as pd
import pytest

from dashboard import registry, views
from dashboard.components.charts import ChartComponent
from dashboard.queries import Filters
from dashboard.views import style

hv.extension("bokeh")

# Each chart's element type and key dimensions, written out per question: every chart on
# the page needs an entry (``test_every_chart_on_the_page_has_an_entry``).
CHARTS = {
    "attendance_by_sector": (hv.Bars, ["session_label", "sector"]),
    "topics_per_session": (hv.Overlay, ["session_label", "topic_label"]),
    "contributions_over_time": (hv.NdOverlay, ["date"]),
    "participants_by_area": (hv.Bars, ["area"]),
    "funnel": (hv.Bars, ["session_label", "stage"]),
    "returning_participants": (hv.Bars, ["session_label", "group"]),
}
NOTHING = Filters(sessions=("no-such-session",))


def render(element) -> None:
    hv.renderer("bokeh").get_plot(element)


@pytest.mark.parametrize("question", sorted(CHARTS))
@pytest.mark.parametrize("filters", [Filters(), NOTHING], ids=["all", "empty"])
def test_chart_is_pure_typed_and_renders(source, question, filters):
    frame = source.ask(question, filters)
    before = frame.copy(deep=True)
    element = getattr(views, question)(frame)
    pd.testing.assert_frame_equal(frame, before)
    kind, kdims = CHARTS[question]
    assert isinstance(element, kind)
    first = element if not isinstance(element, (hv.Overlay, hv.NdOverlay)) else element.values()[0]
    assert [d.name for d in first.kdims] == kdims
    render(element)
    text = views.summary(question, frame)
    assert text and (text == "No records match the current filters.") == frame.empty


def test_every_chart_on_the_page_has_an_entry():
    on_page = [q.name for q in registry.on_page() if issubclass(q.component_class, ChartComponent)]
    missing = [name for name in on_page if name not in CHARTS]
    assert not missing, (
        f"no expected element type and key dimensions for the chart(s) {missing}: add them "
        "to CHARTS in tests/views/test_views.py"
    )


def test_attendance_by_sector_counts_or_shares(source):
    frame = source.attendance_by_sector()
    counts = views.attendance_by_sector(frame)
    shares = views.attendance_by_sector(frame, shares=True)
    assert counts.dimension_values("value").sum() == frame["participants"].sum()
    per_session = shares.data.groupby("session_label")["value"].sum()
    assert per_session.round(0).eq(100).all()
    assert shares.vdims[0].label == "Share of participants (%)"


def test_sessions_are_ordered_by_date_and_sectors_by_taxonomy(source):
    frame = source.attendance_by_sector().sample(frac=1, random_state=1)  # shuffled
    bars = views.attendance_by_sector(frame)
    sessions = bars.get_dimension("session_label").values
    assert sessions[0].startswith("Firearms") and sessions[1].startswith("International")
    sectors = bars.get_dimension("sector").values
    assert sectors == [s for s in style.SECTORS if s in set(frame["sector"])]


def test_one_colour_map_for_sectors_in_every_view(source):
    bars = views.attendance_by_sector(source.attendance_by_sector())
    assert bars.opts.get().kwargs["cmap"] == {
        s: style.SECTOR_COLORS[s] for s in bars.get_dimension("sector").values
    }
    by_sector = views.contributions_over_time(source.contributions_over_time(), by="sector")
    for sector, curve in by_sector.items():
        assert curve.opts.get().kwargs["color"] == style.SECTOR_COLORS[sector]


def test_selection_is_highlighted_not_filtered(source):
    frame = source.attendance_by_sector()
    bars = views.attendance_by_sector(frame, selected=["Academia"])
    alpha = bars.data.set_index("sector")["alpha"]
    assert set(alpha.loc["Academia"]) == {1.0}
    assert set(alpha.drop("Academia")) == {style.DIMMED_ALPHA}
    assert len(bars) == len(frame)


def test_topics_matrix_marks_raised_topics_and_counts(source):
    frame = source.topics_per_session()
    heat, *inks = views.topics_per_session(frame, selected=["victim-protection"])
    assert heat.dimension_values("submissions").sum() == frame["submissions"].sum()
    labels = pd.concat([layer.data for layer in inks])
    assert len(labels) == len(frame)  # every cell labelled once, in one ink
    raised = labels.loc[labels["raised"], "text"]
    assert raised.str.startswith("●").all()
    selected = heat.data["topic_id"] == "victim-protection"
    background = style.HEATMAP["default"]["background"]

    # Dimmed cells are faded towards the page; the selected ones are not.
    def strongest(fills) -> float:
        return max(style.contrast(fill, background) for fill in fills)

    assert strongest(heat.data.loc[~selected, "fill"]) < 2.2
    assert strongest(heat.data.loc[selected, "fill"]) > 2.2


def test_contributions_over_time_ends_at_each_kinds_total(source):
    frame = source.contributions_over_time()
    overlay = views.contributions_over_time(frame)
    assert list(overlay.keys()) == sorted(style.KINDS)
    totals = frame.groupby("kind")["submissions"].sum()
    for kind, curve in overlay.items():
        assert curve.dimension_values("cumulative")[-1] == totals.get(kind, 0)


def test_participants_by_area_keeps_the_largest_on_top(source):
    frame = source.participants_by_area(level="country")
    bars = views.participants_by_area(frame, top=10, level="country")
    assert len(bars) == 10
    order = bars.get_dimension("area").values
    assert order[-1] == frame.sort_values("participants", ascending=False)["area"].iloc[0]


def test_headline_figures(source):
    frame = source.headline()
    spec = views.headline(frame)
    assert spec.keys() == [
        "participants",
        "organizations",
        "countries",
        "sessions",
        "non_governmental_share",
        "first_time_share",
        "women_share",
    ]
    assert spec["participants"].text == f"{int(frame.loc[0, 'participants']):,}"
    assert spec["women_share"].text.endswith("%")
    assert "gender recorded" in spec["women_share"].note
    empty = views.headline(source.headline(NOTHING))
    assert empty["women_share"].text == "–"


def test_published_vs_recorded_links_sources_safely(source):
    frame = source.published_vs_recorded()
    spec = views.published_vs_recorded(frame)
    assert len(spec.frame) == len(frame) and spec.html_columns == ("Source",)
    linked = frame["source_url"].notna().sum()
    assert spec.frame["Source"].str.contains('<a href="https://').sum() == linked
    hostile = views.source_link("<script>alert(1)</script>", "javascript:alert(1)")
    assert "<script>" not in hostile and "href" not in hostile


def test_contributions_table_search(source):
    """The rows kept are exactly those where every word occurs, in any case, in a text
    column (title, organization, topics, ...), the words possibly in different columns."""
    frame = source.contributions()
    columns = ["submission_id", "session", "kind", "title", "organization", "sector"]
    columns += ["country", "topics"]

    def found(words: list[str]) -> list[str]:
        texts = frame[columns].astype("string").fillna("").agg(" ".join, axis=1).str.lower()
        return [i for i, t in zip(frame["submission_id"], texts) if all(w in t for w in words)]

    for search, words in (
        ("victim PROTECTION", ["victim", "protection"]),
        ("firearms ngo", ["firearms", "ngo"]),
    ):
        shown = list(views.contributions(frame, search=search).frame["ID"])
        assert shown == found(words) and 0 < len(shown) < len(frame), search
    assert len(views.contributions(frame, search="").frame) == len(frame)
    assert len(views.contributions(frame, search="zzzz-nothing").frame) == 0


def test_clicks_map_back_to_ids(source):
    attendance = source.attendance_by_sector()
    firearms = views.session_label("Firearms", pd.Timestamp("2022-05-06"))
    assert views.session_at(attendance, firearms) == "CD-2022-FA"
    assert views.sector_at(attendance, firearms, 1) == ("CD-2022-FA", "Government")
    government = attendance.query("session_id == 'CD-2022-FA' and sector == 'Government'")
    just_above = float(government["participants"].iloc[0]) + 0.5
    assert views.sector_at(attendance, firearms, just_above)[1] == "IGO / UN entity"
    assert views.sector_at(attendance, firearms, 10_000) is None
    topics = source.topics_per_session()
    assert views.topic_at(topics, "Victim protection") == "victim-protection"
    countries = source.participants_by_area(level="country")
    assert views.area_at(countries, "Mexico") == "MEX"
    assert views.toggle(["A"], "A") == [] and views.toggle(["A", "B"], "A") == ["A"]


def test_summary_rejects_unknown_questions():
    with pytest.raises(ValueError, match="no summary"):
        views.summary("nope", pd.DataFrame({"x": [1]}))
