"""Store versions: writers never touch the file that readers have open.

The store path (``dialogues.duckdb``) is a symbolic link to the current version, a file
in the folder ``dialogues.duckdb.versions/`` beside it. A writer (build, ingest, migrate)
takes an OS lock on that folder, copies the current version to a new file, writes and
checkpoints it there, and then points the link at it with one ``os.replace``. A reader
sees the old version or the new one, each whole; it notices a new one by reading the
link (at most once per ``store_check_seconds``) and opens it by its own file name.

Why a link and not a file replaced in place: DuckDB keeps one database instance per
file path in a process, so opening the same path again after a replace hands back the
old instance while any cursor of it is alive. Each version's own name is new to DuckDB.

Why not DuckLake (a catalog with snapshots, built for several writers): its extension
comes from PyPI only for DuckDB 1.4, and this project is on DuckDB 2.0; DuckDB's run-time
extension download fails on the offline machines the dashboard runs on.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import StoreError

KEEP_VERSIONS = 3  # the current one and two before it: a reader may still be opening one
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700

_checked: dict[Path, tuple[float, tuple]] = {}  # store -> (when, version) for the throttle
_checked_lock = threading.Lock()


def versions_folder(db: Path) -> Path:
    return db.with_name(db.name + ".versions")


def current_file(db: Path) -> Path:
    """The file that holds the current version (the store itself for a plain file)."""
    return Path(os.path.realpath(db))


def version(db: Path, max_age: float = 0.0) -> tuple:
    """A token that changes whenever the store is replaced: the version file's name and
    identity. With ``max_age``, a token read less than that many seconds ago is reused
    (a cache key is computed per query; the check itself is one ``stat``)."""
    db = Path(db)
    now = time.monotonic()
    with _checked_lock:
        seen = _checked.get(db)
        if seen and now - seen[0] < max_age:
            return seen[1]
    target = current_file(db)
    try:
        stat = target.stat()
        token = (str(target), stat.st_ino, stat.st_mtime_ns)
    except FileNotFoundError:
        token = (str(target), None, None)
    with _checked_lock:
        _checked[db] = (now, token)
    return token


def forget(db: Path) -> None:
    """Read the version afresh next time (after this process saw a write finish)."""
    with _checked_lock:
        _checked.pop(Path(db), None)


@dataclass
class NewVersion:
    """Where a writer writes the next version; ``publish = False`` keeps the current one."""

    path: Path
    publish: bool = True


@contextmanager
def new_version(db: Path, *, copy_current: bool = True, wait_seconds: float = 120) -> Iterator:
    """Write the next version of ``db``: yields a ``NewVersion`` whose file becomes the
    store when the block ends without an error (and with ``publish`` true).

    Writers are serialized by a lock on the versions folder; ``copy_current`` starts the
    new file as a copy of the current version, otherwise it does not exist yet (a build).
    """
    db = Path(db).absolute()
    folder = versions_folder(db)
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    with _writer_lock(folder, db, wait_seconds):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        new = NewVersion(folder / f"{stamp}-{os.getpid()}.duckdb")
        if copy_current and db.exists():
            _copy_private(current_file(db), new.path)
        try:
            yield new
            if new.publish:
                _publish(db, new.path)
        finally:
            if not new.publish or current_file(db) != new.path:
                _remove(new.path)
        if new.publish:
            forget(db)
            _prune(db, folder)


@contextmanager
def _writer_lock(folder: Path, db: Path, wait_seconds: float) -> Iterator[None]:
    fd = os.open(folder / "write.lock", os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"{db}: another load, build or migration has been writing the store "
                        f"for over {wait_seconds:.0f} s; try again when it has finished"
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _copy_private(source: Path, target: Path) -> None:
    """Copy with owner-only permissions from the first byte (never readable by others)."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)


def _publish(db: Path, new: Path) -> None:
    """Make ``new`` the store: owner-only, on disk, then the link swapped in one step."""
    wal = Path(f"{new}.wal")
    if wal.exists():
        raise StoreError(f"{new}: written without a checkpoint; the store was not changed")
    os.chmod(new, PRIVATE_FILE)
    _fsync(new)
    link = db.with_name(f".{db.name}.link-{os.getpid()}-{threading.get_ident()}")
    link.unlink(missing_ok=True)
    os.symlink(f"{new.parent.name}/{new.name}", link)
    os.replace(link, db)
    _fsync(db.parent)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    Path(f"{path}.wal").unlink(missing_ok=True)


def kept_versions(db: Path, current: Path) -> list[Path]:
    """The older versions that stay once ``current`` is the store (the newest ones)."""
    old = sorted(p for p in versions_folder(db).glob("*.duckdb") if p != current)
    return old[max(len(old) - (KEEP_VERSIONS - 1), 0) :]


def _prune(db: Path, folder: Path) -> None:
    """Delete all but the newest versions. A process that still reads a deleted one keeps
    reading it (the file lives on while open) and moves to the new one at its next check."""
    current = current_file(db)
    kept = set(kept_versions(db, current))
    for path in folder.glob("*.duckdb"):
        if path != current and path not in kept:
            _remove(path)
