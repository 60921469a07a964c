"""Encodings detected from the content (charset-normalizer), and control characters
removed at ingest wherever they are, so every download of the rows still opens."""

from __future__ import annotations

import openpyxl
import pytest
from conftest import pid, query

from dashboard.components.download import xlsx_bytes
from dashboard.data import DataSource
from dashboard.ingest import ingest_files
from dashboard.ingest.source import Source
from dashboard.queries import Filters

PARTICIPATION = "name,email,organization,sector,country,session_id,mode,role,registered,attended\n"


def test_a_shift_jis_file_reads_right(store, tmp_path):
    text = PARTICIPATION + (
        "山田 太郎,taro.yamada@example.jp,東京大学法学部,Academia,Japan,,online,,yes,yes\n"
        "佐藤 花子,hanako.sato@example.jp,法務省,Government,Japan,,in person,,yes,no\n"
    )
    path = tmp_path / "registrations.csv"
    path.write_bytes(text.encode("shift_jis"))
    assert Source.from_path(path).encoding == "cp932"  # Shift-JIS as Windows writes it
    [summary] = ingest_files([path], "CD-2022-FA", db_path=store)
    assert (summary.loaded, summary.rejected, summary.warned) == (2, 0, 0)
    assert query(
        store,
        "SELECT o.name FROM participants p JOIN organizations o USING (organization_id) "
        "WHERE p.participant_id = ?",
        [pid("taro.yamada@example.jp")],
    ) == [("東京大学法学部",)]


def test_western_european_text_stays_windows_1252():
    text = (
        PARTICIPATION + "Léa Bernard,lea@example.org,Collectif à Paris,ONG,Côte d'Ivoire,,,,oui,\n"
    )
    source = Source("fr.csv", text.encode("cp1252"))
    assert source.encoding == "cp1252"
    assert "Collectif à Paris" in source.text


SUBMISSIONS = "session_id,organization,kind,title,date,topics\n"


def _submissions_with_controls() -> bytes:
    padding = "".join(
        f"CD-2022-FA,Sahel Women's Network,recommendation,Recommendation {i},2022-05-06,\n"
        for i in range(80)
    )
    assert len(padding.encode()) > 4000  # past where the binary check looks
    return (
        SUBMISSIONS
        + "CD-2022-FA,Lisbon\x07 Lab,oral statement,Early\x00 warning,2022-05-06,\n"
        + padding
        + "CD-2022-FA,Oslo\x1b[31m Forum,oral statement,Data\x00 sharing\x0b now,2022-05-06,\n"
    ).encode("utf-8")


def test_control_characters_are_removed_wherever_they_are(store, tmp_path):
    path = tmp_path / "submissions.csv"
    path.write_bytes(_submissions_with_controls())
    [summary] = ingest_files([path], "CD-2022-FA", db_path=store)
    assert (summary.loaded, summary.rejected) == (82, 0)
    titles = {r[0] for r in query(store, "SELECT title FROM submissions WHERE NOT illustrative")}
    assert {"Early warning", "Data sharing now"} <= titles
    names = {r[0] for r in query(store, "SELECT name FROM organizations WHERE NOT illustrative")}
    assert {"Lisbon Lab", "Oslo[31m Forum"} <= names
    # and the table's "Download XLSX" opens, rows included
    rows = DataSource(store).contributions(Filters(sessions=("CD-2022-FA",)))
    book = openpyxl.load_workbook(xlsx_bytes(rows))
    cells = {c for row in book.active.iter_rows(values_only=True) for c in row}
    assert {"Early warning", "Data sharing now", "Oslo[31m Forum"} <= cells


def test_a_control_character_would_break_the_download():
    import pandas as pd
    from openpyxl.utils.exceptions import IllegalCharacterError

    with pytest.raises(IllegalCharacterError):
        xlsx_bytes(pd.DataFrame({"title": ["Data\x00 sharing"]}))


def test_many_nul_bytes_are_still_a_binary_file(tmp_path):
    from dashboard.errors import IngestError

    with pytest.raises(IngestError, match="binary file"):
        _ = Source("x.csv", b"name,email\n" + b"\x00" * 20 + b"a,b\n").text
