"""A file as the readers see it: its bytes, its text or its first worksheet, as rows.

Encodings are detected from the content, never from the file name: UTF-8 and UTF-16
byte-order marks, UTF-16 without one (every other byte zero), UTF-8, then what
charset-normalizer finds (Shift-JIS, GB18030, Big5, ...), with Windows-1252 kept for
the Western European text Excel writes whenever the detector finds it plausible (on a
short file it cannot tell Windows-1252 from -1250 or -1257). Control characters (NUL,
escape, ...) are removed from the text and from workbook cells wherever they are: they
mean nothing in an export, and a spreadsheet written from them later would not open.
Delimited text is split with the delimiter that gives the most regular rows (tab,
comma or semicolon); a ``.xlsx`` workbook is recognised by its zip signature. Every row
carries the number a spreadsheet shows for it (1-based, header lines included).

Anything that cannot be read as a whole raises ``IngestError``: empty, damaged or
truncated files, old binary ``.xls`` workbooks, binary files that are not exports, and
files over the size limits (``limits.py``), which are checked before any parsing.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..config import get_settings
from ..errors import IngestError
from .limits import check_size, check_workbook

XLSX_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc: the pre-2007 formats
_DELIMITERS = ("\t", ",", ";")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not tab, line feed, return
_BINARY_CONTROLS = 10  # more than this in the first 4,000 characters: not a text export


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet shows it: 1-based, every line counted
    cells: tuple[object, ...]

    def get(self, index: int | None) -> object:
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    @property
    def blank(self) -> bool:
        return all(c is None or str(c).strip() == "" for c in self.cells)


@dataclass
class Source:
    """One file to ingest. ``rows`` are the delimited lines or the first sheet's rows."""

    name: str
    data: bytes
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        settings = get_settings()
        check_size(self.name, len(self.data), settings)
        self.sha256 = hashlib.sha256(self.data).hexdigest()
        if self.is_workbook:
            check_workbook(self.name, self.data, settings)
        elif not self.data.strip(b"\x00\t\r\n \xef\xbb\xbf\xff\xfe"):
            raise IngestError(self.name, "the file is empty")
        if self.data.startswith(OLE_SIGNATURE):
            raise IngestError(
                self.name,
                "this is an old Excel 97-2003 (.xls) or other binary "
                "Office file; open it and save it as .xlsx or CSV",
            )

    @classmethod
    def from_path(cls, path: str | Path) -> Source:
        path = Path(path)
        try:
            if path.is_file():  # refused from its size before it is read
                check_size(str(path), path.stat().st_size, get_settings())
            data = path.read_bytes()
        except FileNotFoundError:
            raise IngestError(str(path), "no such file") from None
        except IsADirectoryError:
            raise IngestError(str(path), "this is a folder, not a file") from None
        except OSError as exc:
            raise IngestError(str(path), f"cannot be read ({exc.strerror})") from None
        return cls(str(path), data)

    @property
    def is_workbook(self) -> bool:
        return self.data.startswith(XLSX_SIGNATURE)

    @cached_property
    def encoding(self) -> str:
        return detect_encoding(self.name, self.data)

    @cached_property
    def text(self) -> str:
        if self.is_workbook:
            raise IngestError(self.name, "a workbook has no text")  # readers check first
        return decode(self.name, self.data, self.encoding)

    @cached_property
    def delimiter(self) -> str:
        return sniff_delimiter(self.text)

    @cached_property
    def rows(self) -> list[Row]:
        if self.is_workbook:
            return read_workbook(self.name, self.data)
        return split_rows(self.name, self.text, self.delimiter)

    def head(self, count: int = 40) -> list[Row]:
        """The first rows, for sniffing (a workbook is read in full: exports are small)."""
        return self.rows[:count]


def detect_encoding(name: str, data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4000]
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    if odd_zeros > 0.3 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.3 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    if sample.count(0) > _BINARY_CONTROLS:
        raise IngestError(name, "this is a binary file, not a text export or .xlsx workbook")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return _detected(name, data)


def _detected(name: str, data: bytes) -> str:
    """charset-normalizer's reading of a file that is not UTF-8: a multi-byte encoding it
    is sure of, else Windows-1252 when plausible, else its best guess. No reading at all
    means binary, not text."""
    from charset_normalizer import from_bytes  # imported late: most exports are UTF-8
    from charset_normalizer.utils import is_multi_byte_encoding

    candidates = [match.encoding for match in from_bytes(data)]
    if not candidates:
        raise IngestError(name, "this is a binary file, not a text export or .xlsx workbook")
    if is_multi_byte_encoding(candidates[0]) or "cp1252" not in candidates:
        return candidates[0]
    return "cp1252"


def decode(name: str, data: bytes, encoding: str) -> str:
    if encoding.startswith("utf-16") and len(data) % 2:
        raise IngestError(
            name,
            "the file is truncated (UTF-16 text cut in the middle of a "
            "character); download or copy it again",
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(
            name,
            f"the text cannot be decoded as {encoding} ({exc.reason} at "
            f"byte {exc.start}); the file may be damaged",
        ) from None
    text = text.lstrip("\ufeff")
    if len(_CONTROLS.findall(text[:4000])) > _BINARY_CONTROLS:
        raise IngestError(name, "this is a binary file, not a text export or .xlsx workbook")
    return _CONTROLS.sub("", text)


def without_controls(value: object) -> object:
    """A workbook cell without control characters; other values as they are."""
    return _CONTROLS.sub("", value) if isinstance(value, str) else value


def sniff_delimiter(text: str) -> str:
    """Tab when most lines have one (data rarely holds tabs; dates and names hold commas),
    else the delimiter whose count per line is highest and steadiest."""
    lines = [line for line in text.splitlines()[:60] if line.strip()]
    if lines and sum("\t" in line for line in lines) >= 0.5 * len(lines):
        return "\t"
    best, best_score = ",", -1.0
    for delimiter in _DELIMITERS:
        counts = [line.count(delimiter) for line in lines]
        used = [c for c in counts if c]
        if not used:
            continue
        commonest = max(set(used), key=used.count)
        score = used.count(commonest) * commonest + 0.5 * len(used)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def split_rows(name: str, text: str, delimiter: str) -> list[Row]:
    """Delimited text -> rows, numbered as a spreadsheet numbers them."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    try:
        for number, cells in enumerate(reader, start=1):
            rows.append(Row(number, tuple(cells)))
    except csv.Error as exc:
        raise IngestError(
            name,
            f"the file is truncated or damaged near row {len(rows) + 1} "
            f"({exc}); download or copy it again",
        ) from None
    _check_not_cut(name, text, rows)
    return rows


def _check_not_cut(name: str, text: str, rows: list[Row]) -> None:
    """A file whose last line stops short of a line end and of the columns is truncated."""
    if not rows or text.endswith(("\n", "\r")):
        return
    last = rows[-1]
    widths = [len(r.cells) for r in rows[-20:-1] if not r.blank]
    if widths and len(last.cells) < max(set(widths), key=widths.count):
        raise IngestError(
            name,
            f"the file is truncated: row {last.number} stops after "
            f"{len(last.cells)} columns with no line end; "
            "download or copy it again",
        )


def read_workbook(name: str, data: bytes) -> list[Row]:
    """The first worksheet of an .xlsx workbook, cell values as stored (formulas as text)."""
    from openpyxl import load_workbook  # imported late: only workbooks need it

    # openpyxl raises whatever its XML parser, zipfile or its own readers raise on a
    # damaged file (ParseError, BadZipFile, KeyError, TypeError, ...): for this one call
    # on an untrusted file every such error means "damaged", and the user is told so.
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:
        raise IngestError(name, _damaged("opened", exc)) from None
    try:
        sheet = book.worksheets[0]
        rows = [
            Row(number, tuple(without_controls(c) for c in cells))
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    except Exception as exc:
        raise IngestError(name, _damaged("read", exc)) from None
    finally:
        book.close()
    while rows and rows[-1].blank:
        rows.pop()
    return rows


def _damaged(what: str, exc: Exception) -> str:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return (
        f"the workbook cannot be {what} ({type(exc).__name__}"
        + (f": {detail}" if detail else "")
        + "); it may be truncated or damaged: open it in Excel and save it again"
    )
