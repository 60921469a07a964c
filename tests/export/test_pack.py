"""The briefing pack of a filtered link, opened the way a presenter's software opens it.

Each format is written once per module, by the command (``dialogues export``) or the
notebook object (``d.export``), for one link; the tests read the files back with
python-pptx, openpyxl, pypdf and Pillow and compare them with the questions' answers.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import zipfile

import openpyxl
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

import dashboard
from dashboard.cli import main
from dashboard.export import FORMATS, ExportError, build_briefing, write
from dashboard.privacy import cells_to_suppress

LINK = "http://vm.example:5006/app?sessions=CD-2022-FA,CD-2022-SOM&area_level=country&theme=dark"
SECONDS = 30  # the limit per format, on the 2-core machine


@pytest.fixture(scope="module")
def d(store_path):
    view = dashboard.open(store_path)
    view.apply_url(LINK)
    return view


@pytest.fixture(scope="module")
def pack(store_path, tmp_path_factory) -> dict:
    """Every format written by the command, with the time each took."""
    folder = tmp_path_factory.mktemp("pack")
    made = {}
    for format in FORMATS:
        out = folder / f"briefing{FORMATS[format][2]}"
        started = time.perf_counter()
        code = main(["export", "--format", format, "--out", str(out), "--link", LINK,
                     "--db", str(store_path)])  # fmt: skip
        made[format] = (out, time.perf_counter() - started, code)
    return made


@pytest.fixture(scope="module")
def briefing(d):
    return build_briefing(d)


def test_every_format_is_written_in_time_by_the_command(pack):
    for format, (out, seconds, code) in pack.items():
        assert code == 0 and out.is_file() and out.stat().st_size > 1000, format
        assert seconds < SECONDS, f"{format} took {seconds:.1f}s"


# PPTX ----------------------------------------------------------------------------------
def _charts(presentation) -> dict:
    return {
        i: shape.chart
        for i, slide in enumerate(presentation.slides)
        for shape in slide.shapes
        if shape.has_chart
    }


def test_pptx_has_a_title_a_slide_per_view_and_sources_all_with_notes(pack, briefing):
    presentation = Presentation(pack["pptx"][0])
    slides = list(presentation.slides)
    assert len(slides) == len(briefing.slides) + 2
    texts = [
        " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides
    ]
    assert briefing.title in texts[0] and "Firearms" in texts[0]  # the filters in force
    assert "Sources" in texts[-1] and "unodc.org" in texts[-1]
    for slide, content in zip(slides[1:-1], briefing.slides):
        text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert content.title in text and "fewer than 5 people" in text
        notes = slide.notes_slide.notes_text_frame.text
        assert content.title in notes and "Numbers:" in notes
    assert all(s.has_notes_slide and s.notes_slide.notes_text_frame.text for s in slides)


def test_pptx_charts_are_native_and_hold_the_query_numbers(pack, d):
    presentation = Presentation(pack["pptx"][0])
    charts = _charts(presentation)
    heading = {i: presentation.slides[i].shapes[0].text_frame.text for i in charts}
    by_heading = {heading[i]: chart for i, chart in charts.items()}
    assert {"ATTENDANCE BY SECTOR", "CONTRIBUTIONS OVER THE SERIES", "REGIONAL REACH",
            "REGISTRATION TO ATTENDANCE"} <= set(by_heading)  # fmt: skip
    # The topics heat map has no PowerPoint type: a picture.
    topics = next(
        s for s in presentation.slides if s.shapes[0].text_frame.text == "TOPICS PER SESSION"
    )
    assert any(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in topics.shapes)

    attendance = by_heading["ATTENDANCE BY SECTOR"]
    expected = d.attendance_by_sector().pivot_table(
        index="session_id", columns="sector", values="participants", aggfunc="sum"
    )
    grid = expected.fillna(0)
    assert (grid.gt(0) & grid.lt(5)).any().any()  # the link has small counts to hide
    hidden = cells_to_suppress(grid, 5)
    plotted = {s.name: list(s.values) for s in attendance.plots[0].series}
    assert set(plotted) == set(expected.columns)
    for sector, values in plotted.items():
        for value, session in zip(values, grid.index):
            assert value == (None if hidden.at[session, sector] else grid.at[session, sector])

    funnel = by_heading["REGISTRATION TO ATTENDANCE"]
    rows = d.funnel()
    series = {s.name: list(s.values) for s in funnel.plots[0].series}
    assert series["Registered"] == rows["registered"].astype(float).tolist()
    assert series["Attended"] == rows["attended"].astype(float).tolist()


# XLSX ----------------------------------------------------------------------------------
def test_xlsx_has_a_sheet_per_view_and_an_about_sheet(pack, briefing):
    book = openpyxl.load_workbook(pack["xlsx"][0])
    assert book.sheetnames == ["About", *(s.heading[:31] for s in briefing.slides)]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
    widths = book["About"].column_dimensions
    assert widths["A"].width == len("Dashboard link (query)") + 2 and widths["B"].width == 60
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert "Firearms" in about["Filters"] and about["Data as of"]
    assert "fewer than 5" in about["Small counts"]


def test_xlsx_numbers_are_numbers_equal_to_the_queries(pack, d):
    book = openpyxl.load_workbook(pack["xlsx"][0])
    sheet = book["Regional reach"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = d.participants_by_area().set_index("area")
    hidden = cells_to_suppress(expected[["participants"]], 5)["participants"]
    assert hidden.any()
    for area, participants, organizations, sessions in rows:
        exact = expected.loc[area]
        assert organizations == exact["organizations"] and sessions == exact["sessions"]
        assert participants == ("<5" if hidden[area] else exact["participants"])
    topics = pd.DataFrame(
        list(book["Topics per session"].iter_rows(min_row=2, values_only=True)),
        columns=[c.value for c in book["Topics per session"][1]],
    )
    assert topics["Submissions"].tolist() == d.topics_per_session()["submissions"].tolist()
    assert all(isinstance(v, int) for v in topics["Submissions"])


def test_xlsx_neutralizes_formulas(briefing, tmp_path):
    slide = briefing.slides[2]
    bad = slide.table.assign(Topic='=HYPERLINK("http://evil","x")')
    from dataclasses import replace

    crafted = replace(briefing, slides=[replace(slide, table=bad)])
    out = write(crafted, "xlsx", tmp_path / "crafted.xlsx")
    cell = openpyxl.load_workbook(out)["Topics per session"]["B2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_html_typesets_no_tex_from_the_store(briefing, tmp_path):
    """TeX in a text from the store stays text: Bokeh would inline MathJax for it and
    typeset it, and TeX's href makes a javascript: address a link."""
    from dataclasses import replace

    tex = r"$$\href{javascript:alert(1)}{click}$$"
    slide = briefing.slides[2]
    crafted = replace(
        briefing,
        title=tex,
        slides=[replace(slide, title=tex, table=slide.table.assign(Topic=tex))],
    )
    page = write(crafted, "html", tmp_path / "tex.html").read_text()
    plain = write(briefing, "html", tmp_path / "plain.html").read_text()
    assert "bokeh-mathjax" not in page
    assert len(page) < 1.2 * len(plain)  # MathJax alone would add 1.8 MB


# PDF and PNG ---------------------------------------------------------------------------
def test_pdf_has_a_landscape_page_per_slide_with_text(pack, briefing):
    reader = PdfReader(pack["pdf"][0])
    assert len(reader.pages) == len(briefing.slides) + 2
    for page, slide in zip(reader.pages[1:], briefing.slides):
        assert page.mediabox.width > page.mediabox.height
        text = " ".join(page.extract_text().split())
        assert slide.heading.upper() in text
        assert " ".join(slide.title.split()[:5]) in text


def test_png_is_each_chart_at_1920_pixels(pack, briefing):
    with zipfile.ZipFile(pack["png"][0]) as archive:
        names = archive.namelist()
        assert len(names) == len(briefing.slides)
        for name in names:
            with archive.open(name) as image:
                assert Image.open(image).size == (1920, 1080)


# Notebook object and errors ------------------------------------------------------------
def test_d_export_writes_the_same_briefing(d, tmp_path):
    out = d.export("xlsx", tmp_path / "notebook.xlsx")
    book = openpyxl.load_workbook(out)
    assert "Firearms" in book["About"]["B3"].value


def test_html_loads_nothing_by_address_even_beside_panel(d, tmp_path):
    # The dashboard's server has Panel imported, whose models add scripts to Bokeh's.
    code = (
        "import sys, panel, dashboard\n"
        "d = dashboard.open(sys.argv[1])\n"
        "print(d.export('html', sys.argv[2]))"
    )
    out = tmp_path / "beside-panel.html"
    subprocess.run([sys.executable, "-c", code, str(d.source.db_path), str(out)], check=True,
                   timeout=300)  # fmt: skip
    page = out.read_text()
    assert "<script src=" not in page.replace(" ", "") and "src=" not in page.split("<body")[0]
    assert not re.search(r'<link[^>]+href="(?!data:)', page)


def test_one_process_exports_again_and_again(d, tmp_path):
    # Nothing of one export (no Bokeh model) is reused by the next one.
    first, second = (d.export("html", tmp_path / f"{n}.html").read_text() for n in "ab")
    assert first.count('name":"chart"') == second.count('name":"chart"') > 0


def test_unknown_format_and_missing_folder_are_clear_errors(d, tmp_path, capsys):
    with pytest.raises(ExportError, match="unknown format 'doc'"):
        d.export("doc", tmp_path / "x.doc")
    assert main(["export", "--format", "pdf", "--out", str(tmp_path / "no" / "x.pdf")]) == 2
    assert "the folder" in capsys.readouterr().err
