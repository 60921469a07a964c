"""The topics heat map's cells, the shared plot options and hooks, and the style helpers,
against values written out by hand (colours worked out from the ramps and the WCAG
formulas, not by calling the code under test).
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
from bokeh.core.properties import field
from bokeh.models import ColumnDataSource, GlyphRenderer, Rect, Segment, VBar

from dashboard.views import plotting, style, topics

LIGHT = style.HEATMAP["default"]["ramp"]
DARK = style.HEATMAP["dark"]["ramp"]


# --- topics.cell_fill ---------------------------------------------------------------


def test_cell_fill_picks_the_ramp_step_in_proportion_to_the_busiest_cell():
    # Nine steps: 0 .. 8 eighths of the busiest cell's count.
    assert topics.cell_fill(0, 16, False) == "#f7fbff"
    assert topics.cell_fill(4, 16, False) == "#c6dbef"  # 2 of 8
    assert topics.cell_fill(12, 16, False) == "#2171b5"  # 6 of 8
    assert topics.cell_fill(16, 16, False) == "#08306b"  # the darkest
    assert topics.cell_fill(40, 16, False) == "#08306b"  # beyond the top: still the darkest
    assert topics.cell_fill(3, 0, False) == "#f7fbff"  # no submissions anywhere: empty


def test_cell_fill_follows_the_theme_and_falls_back_to_the_light_one():
    assert topics.cell_fill(12, 16, False, "dark") == "#72afdf"
    assert topics.cell_fill(0, 16, False, "dark") == "#2b3138"
    assert topics.cell_fill(12, 16, False, "no-such-theme") == "#2171b5"


def test_cell_fill_fades_a_dimmed_cell_towards_the_page():
    # 30 % of #08306b over white: (8, 48, 107) * 0.3 + 255 * 0.7 = (181, 193, 211).
    assert topics.cell_fill(16, 16, True) == "#b5c1d3"
    # 30 % of #d2e6f7 over #212529: (210*.3+33*.7, 230*.3+37*.7, 247*.3+41*.7) = (86, 95, 103).
    assert topics.cell_fill(16, 16, True, "dark") == "#565f67"


# --- topics.topics_per_session_drawing ----------------------------------------------


def matrix(sessions: int = 2) -> pd.DataFrame:
    """``sessions`` sessions x two topics (one lower-case: A-Z by code point would put
    "Zebra" before "apples"), on an index not 0..n-1."""
    rows = []
    for k in range(sessions):
        day = f"2022-05-{k + 1:02d}"
        rows += [
            dict(session_id=k + 1, session=f"S{k + 1}", date=day, topic_id="T1",
                 topic="Zebra crossings", submissions=8 if k == 0 else 0, raised=k == 0),
            dict(session_id=k + 1, session=f"S{k + 1}", date=day, topic_id="T2",
                 topic="apples", submissions=2, raised=False),
        ]  # fmt: skip
    df = pd.DataFrame(rows)
    df["date"] = pd.to_datetime(df["date"])
    df["session"] = df["session"].astype("str")
    df["topic"] = df["topic"].astype("str")
    df.index = range(100, 100 + len(df))
    return df


def test_topics_drawing_colours_labels_and_splits_cells_by_ink():
    drawing = topics.topics_per_session_drawing(matrix(), selected=["T2"], theme="dark")
    cells, black, white = drawing.layers
    # The busiest cell (8) is the darkest step; T1 is dimmed since only T2 is selected.
    # Dark ramp: 8 -> #d2e6f7 dimmed over #212529 = #565f67; 0 -> #2b3138 dimmed =
    # (43*.3+33*.7, 49*.3+37*.7, 56*.3+41*.7) = #24292e; 2 of 8 -> step 2 = #1f4e79.
    assert list(cells["fill"]) == ["#565f67", "#1f4e79", "#24292e", "#1f4e79"]
    assert list(cells["ink"]) == ["#ffffff"] * 4
    assert list(cells["text"]) == ["● 8", "2", "", "2"]
    assert list(cells["topic_label"]) == ["Zebra crossings", "apples"] * 2
    assert list(cells.index) == [100, 101, 102, 103]
    for column in ("fill", "ink", "topic_label"):
        assert cells[column].dtype == object, column
    assert list(cells["zvalues"]) == [8, 2, 0, 2]
    assert drawing.x == ("S1\n1 May 2022", "S2\n2 May 2022")
    # Case-insensitive A-Z from the top: Bokeh lists factors bottom first.
    assert drawing.y == ("Zebra crossings", "apples")
    assert drawing.color_range == (0, 8) and drawing.height == 420
    assert len(black) == 0
    assert list(white.index) == [0, 1, 2, 3] and "index" not in white.columns
    assert list(white["fill"]) == list(cells["fill"])


def test_topics_drawing_in_the_default_theme_inks_dark_cells_white():
    cells, black, white = topics.topics_per_session_drawing(matrix()).layers
    assert list(cells["fill"]) == ["#08306b", "#c6dbef", "#f7fbff", "#c6dbef"]
    assert list(cells["ink"]) == ["#ffffff", "#000000", "#000000", "#000000"]
    assert list(black["text"]) == ["2", "", "2"] and list(white["text"]) == ["● 8"]
    assert list(black.columns) == list(cells.columns)
    assert list(black.index) == [0, 1, 2]


def test_topics_drawing_writes_numbers_in_up_to_ten_sessions():
    ten = topics.topics_per_session_drawing(matrix(10)).layers[0]
    assert list(ten["text"][:2]) == ["● 8", "2"]
    eleven = topics.topics_per_session_drawing(matrix(11)).layers[0]
    assert set(eleven["text"]) == {""}


def test_topics_drawing_of_no_rows_is_empty_with_a_unit_colour_range():
    drawing = topics.topics_per_session_drawing(matrix().iloc[0:0])
    assert all(len(layer) == 0 for layer in drawing.layers)
    assert (drawing.x, drawing.y, drawing.color_range) == ((), (), (0, 1))


def test_topics_view_carries_its_drawing():
    assert topics.topics_per_session.drawing is topics.topics_per_session_drawing


# --- topics.fill_from_column ----------------------------------------------------------


def heat_renderer(selection="auto") -> GlyphRenderer:
    return GlyphRenderer(
        data_source=ColumnDataSource(data={"fill": ["#000000"]}),
        glyph=Rect(fill_color="red"),
        hover_glyph=Rect(fill_color="red"),
        selection_glyph=selection,
        nonselection_glyph=Rect(fill_color="red"),
    )


def test_fill_from_column_fills_every_state_of_a_cell_from_its_fill():
    renderer = heat_renderer(selection=Rect(fill_color="red"))
    topics.fill_from_column(SimpleNamespace(handles={"glyph_renderer": renderer}), None)
    for kind in ("glyph", "hover_glyph", "selection_glyph", "nonselection_glyph"):
        assert getattr(renderer, kind).fill_color == field("fill"), kind


def test_fill_from_column_leaves_an_automatic_glyph_alone():
    renderer = heat_renderer()
    topics.fill_from_column(SimpleNamespace(handles={"glyph_renderer": renderer}), None)
    assert renderer.selection_glyph == "auto"
    assert renderer.glyph.fill_color == field("fill")


# --- plotting ------------------------------------------------------------------------


def test_base_and_bar_options_are_responsive_hover_only_and_unlinked():
    expected = dict(
        responsive=True,
        height=300,
        min_width=420,
        default_tools=["save"],
        tools=["hover"],
        toolbar=None,
        title="",
        framewise=True,  # each update rescales the axes
        shared_axes=False,  # one chart's zoom never moves another
        fontsize={"xticks": "12px", "yticks": "12px", "xlabel": "13px", "ylabel": "13px",
                  "legend": "12px"},
        backend_opts={"plot.output_backend": "canvas"},  # not WebGL
    )  # fmt: skip
    assert plotting.base_opts(300) == expected
    assert plotting.bar_opts(True, 300) == dict(
        expected,
        stacked=True,
        line_width=0,
        xlabel="",
        show_grid=False,
        bar_width=0.75,
        padding=(0, (0, 0.12)),  # no margin across, 12 % headroom above the tallest bar
    )


def test_bars_are_side_by_side_unless_stacked():
    assert plotting.bar_opts()["stacked"] is False


def test_legend_has_three_columns_by_default():
    assert plotting.legend_opts()["legend_opts"]["ncols"] == 3


def test_stacked_keeps_row_order_within_a_stack_and_drops_the_index():
    # Twenty rows of one stack level for one bar: a stable sort keeps them in order.
    frame = pd.DataFrame(
        {"x": ["a"] * 20 + ["b"], "s": ["low"] * 20 + ["high"], "n": [*range(1, 21), 5]},
        index=range(50, 71),
    )
    frame = pd.concat([frame.iloc[[20]], frame.iloc[:20]])  # "high" first
    out = plotting.stacked(frame, "x", "s", ["low", "high"], "n")
    assert list(out.columns) == ["x", "s", "n", "top", "bottom"]
    assert list(out["n"]) == [*range(1, 21), 5]
    running = [k * (k + 1) / 2 for k in range(1, 21)]
    assert list(out["top"]) == [*running, 5.0]
    assert list(out["bottom"]) == [0.0, *running[:-1], 0.0]
    assert out["top"].dtype == float and out["bottom"].dtype == float
    assert list(out.index) == list(range(21))


def test_steps_keep_only_their_own_columns():
    one = plotting.steps(pd.DataFrame({"x": [3], "y": [1]}, index=[7]), "x", "y")
    assert list(one.columns) == ["x", "y"] and list(one.index) == [0]
    two = plotting.steps(pd.DataFrame({"x": [1, 2], "y": [5, 6]}, index=[7, 9]), "x", "y")
    assert two.to_dict("list") == {"x": [1, 2, 2], "y": [5, 5, 6]}
    assert list(two.index) == [0, 1, 2]


def bars(data: dict, glyph=None) -> SimpleNamespace:
    renderer = GlyphRenderer(data_source=ColumnDataSource(data=data), glyph=glyph or VBar())
    return SimpleNamespace(handles={"glyph_renderer": renderer})


def test_bind_columns_binds_alpha_properties_to_the_alpha_column():
    plot = bars({"x": [1, 2], "alpha": [1.0, 0.3]})
    plotting.bind_columns(plot, None)
    glyph = plot.handles["glyph_renderer"].glyph
    assert (glyph.fill_alpha, glyph.line_alpha, glyph.hatch_alpha) == (field("alpha"),) * 3


def test_bind_columns_binds_only_what_the_glyph_has():
    # A segment has lines only: no fill or hatch to bind.
    plot = bars({"x": [1, 2], "alpha": [1.0, 0.3]}, Segment(line_alpha=0.5))
    plotting.bind_columns(plot, None)
    assert plot.handles["glyph_renderer"].glyph.line_alpha == field("alpha")


def test_bind_columns_leaves_glyphs_without_an_alpha_column_alone():
    plot = bars({"x": [1, 2]}, VBar(fill_alpha=0.5))
    plotting.bind_columns(plot, None)
    assert plot.handles["glyph_renderer"].glyph.fill_alpha == 0.5
    assert plotting.bind_columns(SimpleNamespace(handles={}), None) is None


# --- style ---------------------------------------------------------------------------


def test_colour_channels_and_luminance_follow_wcag():
    assert style._rgb("#123456") == (0x12, 0x34, 0x56)
    # 10/255 = 0.0392 is on the linear part of sRGB: 0.0392 / 12.92 = 0.003035.
    assert abs(style.luminance("#0a0a0a") - 0.0030353) < 1e-6
    assert abs(style.luminance("#ffffff") - 1.0) < 1e-9


def test_blend_mixes_each_channel_by_alpha():
    assert style.blend("#ff8000", "#000000", 0.5) == "#804000"
    assert style.blend("#000000", "#ffffff", 0.2) == "#cccccc"


def test_session_label_keeps_long_words_whole():
    assert style.session_label("Intergovernmental review", None) == "Intergovernmental\nreview"


def test_topic_label_wraps_at_twenty_characters():
    assert style.topic_label("Criminalization and legal frameworks") == (
        "Criminalization and\nlegal frameworks"
    )
    assert style.topic_label("Firearms") == "Firearms"


def test_session_labels_are_python_strings_on_the_frame_index():
    df = pd.DataFrame(
        {
            "session_id": ["S"],
            "session": pd.Series(["A"], index=[4], dtype="str"),
            "date": ["2022-05-06"],
        },
        index=[4],
    )
    labels = style.session_labels(df)
    assert labels.dtype == object and list(labels.index) == [4]
    assert list(labels) == ["A\n6 May 2022"]


def test_heat_map_grows_a_row_per_topic_beyond_the_minimum():
    assert style.heat_map_height(3) == 420
    assert style.heat_map_height(20) == 790  # 20 rows of 34 px and the 110 px axis
