"""Size limits, checked before a file is parsed: nothing big is read or unpacked first.

A file larger than ``max_upload_mb`` is refused from its size alone. An .xlsx workbook is
a zip archive: its central directory (a few KB at the end) states every entry's packed and
unpacked size, so a zip bomb (514 KB that unpacks to 500 MB) is refused without inflating
a byte. Python's zipfile stops each entry at its stated size, so a directory that lies
cannot make the parser unpack more than was checked here.
"""

from __future__ import annotations

import io
import zipfile

from ..config import Settings
from ..errors import IngestError

MB = 1024 * 1024


def check_size(name: str, size: int, settings: Settings) -> None:
    if size > settings.max_upload_mb * MB:
        raise IngestError(
            name,
            f"the file is {size / MB:.1f} MB, over the {settings.max_upload_mb} MB limit "
            "(DIALOGUES_MAX_UPLOAD_MB); split the export, or raise the limit",
        )


def check_workbook(name: str, data: bytes, settings: Settings) -> None:
    """Refuse a workbook whose zip directory is unreadable, or promises too much."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(
            name, f"the workbook cannot be opened ({exc}); it may be truncated or damaged"
        ) from None
    if len(entries) > settings.max_zip_entries:
        raise IngestError(
            name,
            f"the workbook holds {len(entries)} files, over the limit of "
            f"{settings.max_zip_entries} (DIALOGUES_MAX_ZIP_ENTRIES); not a plain export",
        )
    unpacked = sum(e.file_size for e in entries)
    if unpacked > settings.max_unpacked_mb * MB:
        raise IngestError(
            name,
            f"the workbook unpacks to {unpacked / MB:.0f} MB, over the "
            f"{settings.max_unpacked_mb} MB limit (DIALOGUES_MAX_UNPACKED_MB)",
        )
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > MB and ratio > settings.max_zip_ratio:
            raise IngestError(
                name,
                f"the workbook's {entry.filename} is compressed {ratio:.0f} to 1, over "
                f"the limit of {settings.max_zip_ratio} (DIALOGUES_MAX_ZIP_RATIO): "
                "a zip bomb, not an export",
            )
