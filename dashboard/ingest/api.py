"""Loading exports into the store: the one entry point for the CLI, notebooks and the app.

``ingest_files(paths, session_id)`` loads files from disk, ``ingest_bytes(data,
file_name, session_id)`` an upload. Each file is read, checked and loaded in its own
transaction, and described by an ``ImportSummary``. A file that cannot be used as a
whole (unreadable, empty, truncated, not an export) is refused and leaves the store as it
was; loading a file a second time changes nothing and says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from dataclasses import replace as dataclass_replace
from datetime import date
from pathlib import Path
from typing import Literal

import duckdb

from ..config import Settings, get_settings
from ..errors import DialoguesError, IngestError
from ..store import keys, rollups
from ..store.archive import new_archived_version
from ..store.build import rebuild
from ..store.connection import connect, notice_new_version, resolve_store
from ..store.migrate import check_version
from .batch import Batch, Reference
from .detect import detect
from .load import write
from .prepare import prepare
from .pseudonym import Pseudonymizer
from .readers import ReadContext
from .records import KINDS
from .sectors import SectorMap
from .source import Source

OnRefusal = Literal["raise", "report"]
MAX_REJECTS_SHOWN = 50


@dataclass
class ImportSummary:
    """What happened to one file. ``to_dict()`` is what ``--json`` prints."""

    file: str
    status: str  # 'loaded', 'already loaded' or 'refused'
    session_id: str | None = None
    format: str | None = None
    kind: str | None = None
    import_id: int | None = None
    records_read: int = 0
    participants: int = 0
    loaded: int = 0
    rejected: int = 0
    warned: int = 0  # values stored as unknown in loaded records
    already_loaded: int = 0
    submissions: int = 0
    illustrative_replaced: int = 0
    rejects: list[dict] = field(default_factory=list)  # the first 50, with reasons
    warnings: list[dict] = field(default_factory=list)  # the first 50: row, column, value
    unmapped_sector_labels: list[str] = field(default_factory=list)
    fuzzy_matches: list[dict] = field(default_factory=list)  # row, name, matched, score
    linked_by_name: int = 0  # people without an e-mail linked to their registration
    notes: list[str] = field(default_factory=list)
    reason: str | None = None  # why a file was refused
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    def describe(self) -> str:
        """A few lines for a person: what was loaded, what was not and why."""
        name = Path(self.file).name
        if self.status == "refused":
            return f"{name}: refused: {self.reason}"
        if self.status == "already loaded":
            return (
                f"{name}: already loaded (import {self.import_id}, {self.records_read} "
                "records); nothing changed"
            )
        what = (
            f"{self.submissions} submissions"
            if self.kind == "submissions"
            else f"{self.participants} participants"
        )
        lines = [
            f"{name}: {self.format}, session {self.session_id}, import {self.import_id}: "
            f"{self.records_read} records read, {self.loaded} loaded ({what}), "
            f"{self.rejected} rejected, {self.warned} values stored as unknown"
        ]
        if self.illustrative_replaced:
            lines.append(
                f"  replaced {self.illustrative_replaced} illustrative rows of {self.session_id}"
            )
        lines += [f"  note: {n}" for n in self.notes]
        if self.unmapped_sector_labels:
            lines.append(
                "  sector labels not in data/reference/sector_labels.csv (stored as "
                "Other / unknown until you add them and run `dialogues remap`): "
                + ", ".join(repr(s) for s in self.unmapped_sector_labels)
            )
        if self.linked_by_name:
            lines.append(
                f"  linked {self.linked_by_name} people without an e-mail to their "
                "registration for the session by name (and organization)"
            )
        lines += [
            f"  matched organization '{m['name']}' (row {m['row']}) to '{m['matched']}' "
            f"(similarity {m['score']}): check it"
            for m in self.fuzzy_matches
        ]
        lines += self._listed("rejected", self.rejects, self.rejected, "import_rejects")
        lines += self._listed("warning", self.warnings, self.warned, "import_warnings")
        return "\n".join(lines)

    def _listed(self, word: str, items: list[dict], total: int, table: str) -> list[str]:
        lines = [f"  {word} {item['message']}" for item in items[:10]]
        if total > 10:
            lines.append(
                f"  ... {total - 10} more: SELECT * FROM {table} WHERE import_id = {self.import_id}"
            )
        return lines


@dataclass(frozen=True)
class _Job:
    """One load: what every file in it shares. ``session_date`` and ``sectors`` are read
    from the store being written, once, before the first file."""

    session_id: str
    kind: str | None
    settings: Settings
    progress: bool = False
    on_refusal: OnRefusal = "raise"
    session_date: date | None = None
    sectors: SectorMap | None = None
    replacing: bool = False  # rebuilt without the session's imports of these file names


def ingest_files(
    paths: Iterable[str | Path],
    session_id: str,
    kind: str | None = None,
    db_path: str | Path | None = None,
    progress: bool = False,
    on_refusal: OnRefusal = "raise",
    replace: bool = False,
) -> list[ImportSummary]:
    """Load each file into the store, one transaction per file.

    ``kind`` ('registration', 'attendance', 'submissions') is checked against what the
    file turns out to be. A refused file raises ``IngestError`` (``on_refusal='raise'``,
    the default for notebooks) or is returned as a summary with status 'refused'
    (``'report'``, as the CLI and the upload page do). ``replace``: each file is a
    corrected version of one loaded for the session under the same name, whose import
    goes in the same store version (``IngestError`` when there is none).
    """
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    sources = [(str(p), lambda p=p: Source.from_path(p)) for p in paths]
    job = _job(session_id, kind, db_path, progress, on_refusal)
    return _ingest(sources, dataclass_replace(job, replacing=replace))


def ingest_bytes(
    data: bytes,
    file_name: str,
    session_id: str,
    kind: str | None = None,
    db_path: str | Path | None = None,
) -> ImportSummary:
    """Load an uploaded file (its bytes and the name it was uploaded under).

    Never raises for a bad file or a store that cannot be written; a refused file comes
    back as a summary with ``status == 'refused'`` and ``reason`` set.
    """
    try:
        job = _job(session_id, kind, db_path, False, "report")
        return _ingest([(file_name, lambda: Source(file_name, data))], job)[0]
    except DialoguesError as exc:  # the store or the key, not the file: said the same way
        return ImportSummary(
            file=file_name, status="refused", session_id=session_id, reason=str(exc)
        )


def _job(session_id, kind, db_path, progress, on_refusal) -> _Job:
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    settings = get_settings(db_path=db_path)
    settings = dataclass_replace(settings, pseudonym_key=keys.require_key(settings))  # env or file
    return _Job(session_id, kind, settings, progress, on_refusal)


def _ingest(sources: list[tuple[str, Callable[[], Source]]], job: _Job) -> list[ImportSummary]:
    """Load every source into a new version of the store, published when any loaded;
    each loaded file is archived with that version (``store.archive``). ``job.replacing``:
    the version is rebuilt without the session's imports of files of these names first."""
    db = resolve_store(job.settings.db_path)
    wait = job.settings.write_wait_seconds
    with new_archived_version(db, copy_current=not job.replacing, wait_seconds=wait) as (
        version,
        staged,
    ):
        con = connect(version.path, read_only=False)
        try:
            names = [name for name, _ in sources]
            replaced = (
                _replace_old(con, db, job.settings.data_dir, staged, names, job.session_id)
                if job.replacing
                else []
            )
            check_version(con, db)
            keys.check_store_key(con, job.settings.pseudonym_key, job.settings)
            job = dataclass_replace(
                job,
                session_date=_session_date(con, job.session_id),
                sectors=SectorMap.load(job.settings.data_dir, _sectors(con)),
            )
            summaries = []
            for name, make_source in sources:
                summaries.append(_one(con, job, name, make_source))
                if summaries[-1].status == "loaded":  # archived as it was written
                    staged.add(con, summaries[-1].import_id)
            _note_replaced(summaries, replaced)
            version.publish = any(s.status == "loaded" for s in summaries)
            if version.publish:
                rollups.refresh(con)
                con.execute("CHECKPOINT")
        finally:
            con.close()
    notice_new_version(db)  # this process's readers move to the new version at once
    return summaries


def _replace_old(con, db: Path, data_dir: Path, staged, names: list[str], session_id) -> list:
    """Rebuild the new version without the session's imports of files named as these;
    each name must have one to replace."""
    files = {Path(n.replace("\\", "/")).name for n in names}
    dropped = rebuild(
        con,
        db,
        data_dir,
        staged,
        drop=lambda i: i.session_id == session_id and i.file_name in files,
    )
    missing = sorted(files - {i.file_name for i in dropped})
    if missing:
        raise IngestError(
            missing[0],
            f"no import of a file of this name for session {session_id} to replace; "
            "`dialogues imports` lists what is loaded (or load it without --replace)",
        )
    return dropped


def _note_replaced(summaries: list[ImportSummary], replaced: list) -> None:
    for summary in summaries:
        for old in replaced:
            if summary.status == "loaded" and old.file_name == Path(summary.file).name:
                summary.notes.append(
                    f"replaces import {old.import_id} ({old.file_name}, loaded "
                    f"{old.imported_at:%Y-%m-%d %H:%M})"
                )


def _one(con, job: _Job, name: str, make_source: Callable[[], Source]) -> ImportSummary:
    started = time.perf_counter()
    try:
        if job.session_date is None:
            raise IngestError(
                name,
                f"session '{job.session_id}' is not in the store; known "
                f"sessions: {', '.join(_session_ids(con))}",
            )
        summary = _load_source(con, job, make_source())
    except IngestError as exc:
        if job.on_refusal == "raise":
            raise
        summary = ImportSummary(
            file=exc.file, status="refused", session_id=job.session_id, reason=exc.reason
        )
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _load_source(con, job: _Job, source: Source) -> ImportSummary:
    previous = con.execute(
        "SELECT import_id, records_read, format, kind FROM imports WHERE content_sha256 = ?",
        [source.sha256],
    ).fetchone()
    if previous:
        return ImportSummary(
            file=source.name,
            status="already loaded",
            session_id=job.session_id,
            import_id=previous[0],
            records_read=previous[1],
            already_loaded=previous[1],
            format=previous[2],
            kind=previous[3],
        )
    reader = detect(source, job.kind)
    parsed = reader.read(source, ReadContext(job.session_date))
    if job.kind:
        parsed.kind = job.kind
    if not parsed.records:
        raise IngestError(
            source.name,
            f"this {reader.FORMAT} file has no records in it (only headers); nothing to load",
        )
    settings = job.settings
    pseudonymizer = Pseudonymizer(settings.pseudonym_key)
    ref = Reference.read(
        con, job.session_id, job.session_date, job.sectors, pseudonymizer, settings
    )
    batch = _prepare(parsed, ref, job.progress)
    import_id, replaced = write(con, batch, settings.pseudonym_key, settings.min_minutes_attended)
    return _summary(batch, import_id, replaced)


def _prepare(parsed, ref: Reference, progress: bool) -> Batch:
    if not progress:
        return prepare(parsed, ref)
    from tqdm import tqdm  # imported late: only the CLI shows a bar

    with tqdm(
        total=len(parsed.records),
        unit="row",
        desc=Path(parsed.name).name,
        leave=False,
        mininterval=0.5,
    ) as bar:
        return prepare(parsed, ref, bar)


def _summary(batch: Batch, import_id: int, replaced: int) -> ImportSummary:
    parsed = batch.parsed
    return ImportSummary(
        file=parsed.name,
        status="loaded",
        session_id=batch.session_id,
        format=parsed.format,
        kind=parsed.kind,
        import_id=import_id,
        records_read=len(parsed.records),
        participants=len(batch.people),
        loaded=batch.loaded,
        rejected=len(batch.rejects),
        warned=len(batch.warnings),
        warnings=[w.to_dict() for w in batch.warnings[:MAX_REJECTS_SHOWN]],
        submissions=len(batch.submissions),
        illustrative_replaced=replaced,
        rejects=[
            {"row": r.row, "column": r.column, "reason": r.reason, "message": r.message()}
            for r in batch.rejects[:MAX_REJECTS_SHOWN]
        ],
        unmapped_sector_labels=sorted(batch.unmapped_sectors),
        fuzzy_matches=batch.fuzzy_matches,
        linked_by_name=len(batch.linked_by_name),
        notes=list(parsed.notes),
    )


def _session_date(con: duckdb.DuckDBPyConnection, session_id: str) -> date | None:
    row = con.execute("SELECT date FROM sessions WHERE session_id = ?", [session_id]).fetchone()
    return row[0] if row else None


def _session_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        r[0]
        for r in con.execute("SELECT session_id FROM sessions ORDER BY date, session_id").fetchall()
    ]


def _sectors(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT sector FROM sectors").fetchall()}
