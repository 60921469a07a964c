"""Files too large, zip bombs and damaged workbooks are refused before or instead of
being parsed: exit status 2 and a message naming the file and the reason."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import FIXTURES, snapshot

from dashboard.cli import main

WORKBOOK = FIXTURES / "template_participation.xlsx"
WORKBOOK_SHEET = zipfile.ZipFile(WORKBOOK).read("xl/worksheets/sheet1.xml")


def ingest(store, path) -> int:
    return main(["ingest", str(path), "--session", "CD-2022-FA", "--db", str(store)])


def rebuilt(replace: dict[str, bytes], extra: int = 0) -> bytes:
    """The fixture workbook with some entries replaced, and ``extra`` empty entries."""
    out = io.BytesIO()
    with zipfile.ZipFile(WORKBOOK) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for i in range(extra):
            dst.writestr(f"xl/media/empty{i}.bin", b"")
    return out.getvalue()


@pytest.fixture
def refused(store, tmp_path, capsys):
    """Ingest bytes as a file; assert the store is unchanged; the message printed."""

    def run(data: bytes, name: str = "upload.xlsx") -> str:
        before = snapshot(store)
        path = tmp_path / name
        path.write_bytes(data)
        assert ingest(store, path) == 2
        assert snapshot(store) == before
        return capsys.readouterr().err

    return run


def test_a_file_over_the_size_limit_is_refused_from_its_size(refused, monkeypatch):
    monkeypatch.setenv("DIALOGUES_MAX_UPLOAD_MB", "1")
    err = refused(b"name,email\n" + b"x,y@example.org\n" * 80_000, "big.csv")
    assert "big.csv: refused: the file is 1.2 MB, over the 1 MB limit" in err
    assert "DIALOGUES_MAX_UPLOAD_MB" in err


def test_a_zip_bomb_is_refused_from_its_directory(refused):
    bomb = rebuilt({"xl/worksheets/sheet1.xml": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    err = refused(bomb)
    assert "compressed" in err and "zip bomb" in err and "sheet1.xml" in err


def test_a_workbook_that_unpacks_too_large_is_refused(refused, monkeypatch):
    monkeypatch.setenv("DIALOGUES_MAX_UNPACKED_MB", "1")
    sheet = b"<x>" + bytes(range(256)) * 8000 + b"</x>"  # 2 MB that does not compress much
    assert "unpacks to 2 MB, over the 1 MB limit" in refused(
        rebuilt({"xl/worksheets/sheet1.xml": sheet})
    )


def test_a_workbook_with_too_many_entries_is_refused(refused, monkeypatch):
    monkeypatch.setenv("DIALOGUES_MAX_ZIP_ENTRIES", "50")
    assert "holds 59 files, over the limit of 50" in refused(rebuilt({}, extra=50))


def test_malformed_xml_in_a_workbook_is_a_message_not_a_traceback(refused):
    sheet = WORKBOOK_SHEET.replace(b"</sheetData>", b"<row><c><v>1</v></row></sheetData>")
    err = refused(rebuilt({"xl/worksheets/sheet1.xml": sheet}))
    assert "upload.xlsx: refused: the workbook cannot be " in err and "ParseError" in err
    assert "damaged" in err and "Traceback" not in err
    err = refused(rebuilt({"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"}))
    assert "upload.xlsx: refused: the workbook cannot be opened (ParseError" in err


def test_a_truncated_workbook_is_refused(refused):
    data = WORKBOOK.read_bytes()
    err = refused(data[: len(data) // 2])
    assert "upload.xlsx: refused: the workbook cannot be opened" in err
