"""PPTX: a title slide, one slide per view, a sources slide; speaker notes on each.

Charts are native PowerPoint charts where PowerPoint has the type (stacked and clustered
columns, bars, lines), so presenters can restyle and translate them; the topics heat map
is a picture of the drawn slide's chart; the headline figures are text. A suppressed count is
a blank point, never a number.
"""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Inches, Pt

from .drawing import DPI, chart_figure
from .model import SAMPLE_LABEL, Briefing, Chart, Slide

WIDE, TALL = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.45)
ACCENT = RGBColor(0x0B, 0x53, 0x94)
MUTED = RGBColor(0x55, 0x55, 0x55)
BLANK_LAYOUT = 6  # the default template's "Blank"


def _chart_type(chart: Chart):
    if chart.kind == "stacked":
        return XL_CHART_TYPE.COLUMN_STACKED
    if chart.kind == "lines":
        return XL_CHART_TYPE.LINE
    if chart.kind == "bars":
        return XL_CHART_TYPE.BAR_CLUSTERED if chart.horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    return None  # no native type: a picture


def _text(slide, text: str, top, height, size: int, *, bold=False, color=None) -> None:
    box = slide.shapes.add_textbox(MARGIN, top, WIDE - 2 * MARGIN, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size, paragraph.font.bold = Pt(size), bold
        if color is not None:
            paragraph.font.color.rgb = color


def _native_chart(slide, chart: Chart, kind, top, height) -> None:
    data = CategoryChartData()
    categories = chart.categories
    series = chart.series
    if chart.horizontal:  # PowerPoint draws the first bar at the bottom: largest on top
        categories = categories[::-1]
        series = {name: values[::-1] for name, values in series.items()}
    data.categories = categories
    for name, values in series.items():
        data.add_series(name, values)
    frame = slide.shapes.add_chart(kind, MARGIN, top, WIDE - 2 * MARGIN, height, data)
    plot_chart = frame.chart
    plot_chart.has_legend = len(series) > 1
    if plot_chart.has_legend:
        plot_chart.legend.position = XL_LEGEND_POSITION.TOP
        plot_chart.legend.include_in_layout = False
        plot_chart.legend.font.size = Pt(16)
    plot_chart.font.size = Pt(14)
    for plotted in plot_chart.plots[0].series:
        color = chart.colors.get(plotted.name)
        if color:
            rgb = RGBColor.from_string(color.lstrip("#").upper())
            if kind == XL_CHART_TYPE.LINE:
                plotted.format.line.color.rgb = rgb
                plotted.format.line.width = Pt(3)
                plotted.smooth = False
            else:
                plotted.format.fill.solid()
                plotted.format.fill.fore_color.rgb = rgb


def _picture(slide, briefing: Briefing, content: Slide, top, height) -> None:
    """The drawn slide's chart area as a picture (the heat map)."""
    figure = chart_figure(briefing, content)
    buffer = io.BytesIO()
    # The chart area of the drawn slide: below its title, above its footer.
    box = figure.bbox_inches.from_bounds(0, 1.0, figure.get_figwidth(), 7.6)
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches=box)
    buffer.seek(0)
    picture = slide.shapes.add_picture(buffer, MARGIN, top, height=height)
    if picture.width > WIDE - 2 * MARGIN:
        scale = (WIDE - 2 * MARGIN) / picture.width
        picture.width, picture.height = WIDE - 2 * MARGIN, Emu(int(picture.height * scale))


def _figures(slide, chart: Chart, top) -> None:
    """Headline figures as text: a big number over its label, four to a row."""
    width = (WIDE - 2 * MARGIN) / 4
    for i, (label, text) in enumerate(zip(chart.categories, chart.labels)):
        left, row_top = MARGIN + width * (i % 4), top + Inches(2.2) * (i // 4)
        box = slide.shapes.add_textbox(left, row_top, width, Inches(1.9))
        number, name = box.text_frame.paragraphs[0], box.text_frame.add_paragraph()
        number.text, name.text = text, label
        number.font.size, number.font.bold, number.font.color.rgb = Pt(54), True, ACCENT
        name.font.size = Pt(20)


def _view_slide(presentation, briefing: Briefing, content: Slide) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
    _text(slide, content.heading.upper(), Inches(0.25), Inches(0.4), 16, bold=True, color=ACCENT)
    _text(slide, content.title, Inches(0.6), Inches(1.1), 26)
    top, height = Inches(1.75), Inches(4.75)
    kind = _chart_type(content.chart)
    if not content.chart.categories:
        _text(slide, "Nothing to show for these filters.", top, Inches(1), 20)
    elif content.chart.kind == "figures":
        _figures(slide, content.chart, top)
    elif kind is None:
        _picture(slide, briefing, content, top, height)
    else:
        _native_chart(slide, content.chart, kind, top, height)
    _text(slide, briefing.footer(content), Inches(6.6), Inches(0.8), 12, color=MUTED)
    slide.notes_slide.notes_text_frame.text = content.notes()


def _title_slide(presentation, briefing: Briefing) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
    _text(slide, briefing.title, Inches(1.6), Inches(1.6), 40, bold=True, color=ACCENT)
    lines = [f"Filters: {briefing.filter_text}", f"Data as of {briefing.data_date}"]
    if briefing.illustrative:
        lines.append(f"{SAMPLE_LABEL} ({', '.join(briefing.illustrative)})")
    lines.append(briefing.suppression_note)
    _text(slide, "\n".join(lines), Inches(3.4), Inches(3.5), 20)
    slide.notes_slide.notes_text_frame.text = "\n".join([briefing.title, *lines])


def _sources_slide(presentation, briefing: Briefing) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
    _text(slide, "Sources", Inches(0.3), Inches(0.8), 32, bold=True, color=ACCENT)
    text = "\n".join(f"• {s}" for s in briefing.sources)
    _text(slide, text, Inches(1.2), Inches(5.2), 14)
    _text(slide, briefing.footer(), Inches(6.6), Inches(0.8), 12, color=MUTED)
    slide.notes_slide.notes_text_frame.text = "Sources:\n" + text


def write_pptx(briefing: Briefing, path: Path) -> Path:
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = WIDE, TALL
    presentation.core_properties.title = briefing.title
    _title_slide(presentation, briefing)
    for content in briefing.slides:
        _view_slide(presentation, briefing, content)
    _sources_slide(presentation, briefing)
    presentation.save(path)
    return path
