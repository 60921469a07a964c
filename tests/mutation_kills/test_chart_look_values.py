"""Charts as a reader sees them: sizes, legend, tools, labels, cells and lines.

Each chart is rendered to its Bokeh figure (what the page draws) and read back.
"""

from __future__ import annotations

import holoviews as hv
import pandas as pd
import pytest
from bokeh.models import HoverTool, Legend, SaveTool

from dashboard import views
from dashboard.views import style, topics

hv.extension("bokeh")


def glyph_data(figure, index: int = 0) -> pd.DataFrame:
    return pd.DataFrame(dict(figure.renderers[index].data_source.data))


def test_bar_charts_fill_the_card_width_with_hover_and_save_only(source):
    figure = hv.render(views.funnel(source.funnel()))
    assert (figure.sizing_mode, figure.height, figure.min_width) == ("stretch_width", 380, 420)
    assert figure.toolbar_location is None
    assert {type(t) for t in figure.tools} == {HoverTool, SaveTool}
    assert figure.title.text == "" and figure.xaxis[0].axis_label == ""
    assert figure.name == "funnel"  # the browser tests find the chart by it
    # Readable on screen: nothing below 12 px.
    assert figure.xaxis[0].major_label_text_font_size == "12px"
    assert figure.yaxis[0].major_label_text_font_size == "12px"
    assert figure.yaxis[0].axis_label_text_font_size == "13px"
    assert (figure.xgrid[0].grid_line_color, figure.ygrid[0].grid_line_color) == (None, None)
    glyph = figure.renderers[0].glyph
    assert (glyph.width, glyph.line_width) == (0.75, 0)


def test_legend_sits_above_in_columns(source):
    figure = hv.render(views.funnel(source.funnel()))
    (legend,) = [item for item in figure.above if isinstance(item, Legend)]
    assert (legend.orientation, legend.ncols) == ("horizontal", 2)  # long stage names
    assert (legend.glyph_width, legend.glyph_height, legend.label_text_font_size) == (
        14,
        14,
        "12px",
    )
    assert (legend.padding, legend.spacing, legend.margin) == (4, 2, 4)
    assert legend.title is None
    returning = hv.render(views.returning_participants(source.returning_participants()))
    assert next(i for i in returning.above if isinstance(i, Legend)).ncols == 2
    sectors = hv.render(views.attendance_by_sector(source.attendance_by_sector()))
    assert next(i for i in sectors.above if isinstance(i, Legend)).ncols == 3  # the default


def test_tooltips_name_what_the_pointer_is_on(source):
    figure = hv.render(views.funnel(source.funnel()))
    (hover,) = [t for t in figure.tools if isinstance(t, HoverTool)]
    shown = [(name, value.replace("{", "").replace("}", "")) for name, value in hover.tooltips]
    assert shown == [
        ("Session", "@session_label"),
        ("", "@stage: @people"),
        ("Registered", "@registered_total"),
        ("Attended", "@attended_total"),
    ]


def test_tall_charts_make_room_for_their_rows(source):
    by_area = hv.render(views.participants_by_area(source.participants_by_area()))
    assert by_area.height == 420 and by_area.name == "participants_by_area"
    bars = by_area.renderers[0].glyph
    assert bars.fill_color == style.SECTOR_COLORS["Government"]
    assert not by_area.legend  # one colour, nothing to explain


def test_topics_matrix_cells_labels_and_order(source):
    frame = source.topics_per_session()
    figure = hv.render(views.topics_per_session(frame, selected=["corruption"]))
    rows = frame["topic"].nunique()
    assert (figure.height, figure.name) == (rows * 34 + 110, "topics_per_session")
    # A-Z from the top: Bokeh draws the first factor at the bottom.
    names = sorted(set(frame["topic"]), key=str.lower)
    assert list(figure.y_range.factors) == [style.topic_label(n) for n in names[::-1]]
    cells = glyph_data(figure, 0)
    cell = figure.renderers[0].glyph
    assert (cell.line_color, cell.line_width) == ("#ffffff", 1)
    assert cell.fill_color.field == "fill"  # each cell's own colour, not a colour map
    inks = {
        r.glyph.text_color: glyph_data(figure, i) for i, r in enumerate(figure.renderers[1:], 1)
    }
    assert set(inks) == set(style.INKS)
    assert {r.glyph.text_font_size for r in figure.renderers[1:]} == {"12px"}
    labels = pd.concat([rows.assign(ink=ink) for ink, rows in inks.items()])
    shown = labels.set_index(["session_label", "topic_label"])
    fills = cells.set_index(["session_label", "topic_label"])["fill"]
    top = int(frame["submissions"].max())
    firearms = views.session_label("Firearms", pd.Timestamp("2022-05-06"))
    for _, row in frame.loc[frame["session_id"] == "CD-2022-FA"].iterrows():
        where = (firearms, style.topic_label(row["topic"]))
        text, ink = shown.loc[where, ["text", "ink"]]
        count = str(row["submissions"]) if row["submissions"] else ""
        assert text == (f"● {count}".strip() if row["raised"] else count)
        fill = fills.loc[where]
        dimmed = row["topic_id"] != "corruption"
        assert fill == topics.cell_fill(row["submissions"], top, dimmed)
        assert ink == style.ink_on(fill) and style.contrast(ink, fill) >= 4.5
    ramp = style.HEATMAP["default"]["ramp"]
    assert (
        topics.cell_fill(top, top, False) == ramp[-1] and topics.cell_fill(0, top, False) == ramp[0]
    )
    assert topics.cell_fill(top, top, True) == style.blend(ramp[-1], "#ffffff", style.DIMMED_ALPHA)
    dark = style.HEATMAP["dark"]
    assert topics.cell_fill(0, top, False, "dark") == dark["ramp"][0]
    assert style.contrast(dark["ramp"][0], dark["background"]) < 1.5  # no white block


@pytest.mark.parametrize("theme", ["default", "dark"])
def test_every_cell_label_reads_on_its_cell_selected_or_dimmed(theme):
    """Labels on every step of the ramp, plain and dimmed, contrast at least 4.5:1."""
    for dimmed in (False, True):
        for n in range(0, 23):
            fill = topics.cell_fill(n, 22, dimmed, theme)
            assert style.contrast(style.ink_on(fill), fill) >= 4.5, (theme, n, dimmed, fill)


def test_colour_arithmetic_matches_wcag():
    assert round(style.contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(style.contrast("#777777", "#ffffff"), 2) == 4.48
    assert style.blend("#000000", "#ffffff", 0.5) == "#808080"
    assert style.ink_on("#08306b") == "#ffffff" and style.ink_on("#f7fbff") == "#000000"


def test_an_empty_topics_matrix_keeps_a_colour_scale(source):
    frame = source.topics_per_session().iloc[:0]
    heat = views.topics_per_session(frame).get(0)
    assert heat.opts.get().kwargs["clim"] == (0, 1)
    one = source.topics_per_session().assign(submissions=0)
    assert views.topics_per_session(one).get(0).opts.get().kwargs["clim"] == (0, 1)


def test_contributions_lines_step_up_to_each_total(source):
    frame = source.contributions_over_time()
    figure = hv.render(views.contributions_over_time(frame))
    assert figure.name == "contributions_over_time_kind"
    assert figure.yaxis[0].axis_label == "Submissions" and figure.xaxis[0].axis_label == ""
    assert figure.xgrid[0].grid_line_color is not None and figure.height == 380
    (legend,) = [i for i in figure.above if isinstance(i, Legend)]
    assert [i.label.value for i in legend.items] == sorted(style.KINDS)
    lines = [r.glyph for r in figure.renderers]
    assert {g.line_width for g in lines} == {2.5}
    assert {g.line_color for g in lines} == set(style.KIND_COLORS.values())


def test_contributions_lines_start_the_day_before_and_end_on_the_last_day():
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2022-05-06", "2022-05-06", "2022-07-01"]),
            "kind": ["oral statement", "oral statement", "recommendation"],
            "sector": ["Academia", "Government", "Academia"],
            "submissions": [2, 1, 4],
        }
    ).iloc[[2, 0, 1]]  # in any order
    overlay = views.contributions_over_time(frame)
    oral = overlay["oral statement"].data
    assert oral["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2022-05-05",
        "2022-05-06",
        "2022-07-01",
    ]
    assert oral["cumulative"].tolist() == [0, 3, 3]
    # A kind with no submission stays on the axis, flat at zero.
    assert overlay["good practice"].data["cumulative"].tolist() == [0, 0]
    assert overlay["oral statement"].opts.get().kwargs["interpolation"] == "steps-post"
    by_sector = views.contributions_over_time(frame, by="sector")
    assert set(by_sector.keys()) == set(style.SECTORS)
    assert by_sector["Academia"].data["cumulative"].tolist() == [0, 2, 6]
    assert by_sector.kdims[0].label == "Sector"


def test_contributions_lines_keep_an_unknown_sector_in_grey():
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2022-05-06"]),
            "kind": ["oral statement"],
            "sector": ["Foundations"],
            "submissions": [1],
        }
    )
    overlay = views.contributions_over_time(frame, by="sector")
    assert set(overlay.keys()) == {*style.SECTORS, "Foundations"}
    assert overlay["Foundations"].opts.get().kwargs["color"] == style.UNKNOWN_COLOR


def test_no_contributions_still_draw_every_kind_at_zero():
    frame = pd.DataFrame({"date": pd.to_datetime([]), "kind": [], "sector": [], "submissions": []})
    overlay = views.contributions_over_time(frame)
    assert sorted(overlay.keys()) == sorted(style.KINDS)
    first = overlay["oral statement"].data
    assert first["date"].tolist() == [pd.Timestamp("2022-01-01")]
    assert first["cumulative"].tolist() == [0]


@pytest.mark.parametrize(
    ("sectors", "order"),
    [
        (["Academia", "Government", None], ["Government", "Academia"]),
        (["Zoo", "Academia", "Bank"], ["Academia", "Bank", "Zoo"]),
    ],
)
def test_sectors_are_in_taxonomy_order_unknown_last(sectors, order):
    assert style.ordered_sectors(pd.Series(sectors)) == order
    colours = style.sector_colors(order)
    assert [colours[s] for s in order] == [
        style.SECTOR_COLORS.get(s, style.UNKNOWN_COLOR) for s in order
    ]


def test_session_labels_wrap_and_carry_the_day():
    assert views.session_label(
        "International Cooperation and Technical Assistance", "2022-05-27"
    ) == ("International\nCooperation\nand Technical\nAssistance\n27 May 2022")
    assert style.topic_label("Criminalization and legal frameworks") == (
        "Criminalization and\nlegal frameworks"
    )
    assert views.session_label("Firearms", None) == "Firearms"
    assert style.percent(0.456) == "46%" and style.percent(None) == "n/a"
    assert style.percent(float("nan")) == "n/a"
    assert style.session_order(pd.DataFrame(columns=["session", "date", "session_id"])) == []
