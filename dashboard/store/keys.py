"""The pseudonym key: kept apart from the store, recognised by a fingerprint in it.

The key comes from ``DIALOGUES_PSEUDONYM_KEY`` or from the key file (owner-only, made by
``dialogues key new``). The store keeps only a fingerprint of it: scrypt with a random
salt, so the fingerprint neither reveals the key nor lets anyone test guesses of a weak
key quickly. A load with a different key is refused: it would give every person a second
participant id.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

import duckdb

from ..config import Settings
from ..errors import DialoguesError

FINGERPRINT_NAME = "pseudonym_key_fingerprint"
LEGACY_KEY_NAME = "pseudonym_key"  # where stores before schema version 2 kept the key
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # about 16 MB and 50 ms per guess


class KeyProblem(DialoguesError):
    """No key, an unsafe key file, or a key that is not the store's."""


def how_to_create(settings: Settings) -> str:
    return (
        f"create one with `dialogues key new` (writes {settings.pseudonym_key_file}, "
        "owner-only; keep a copy somewhere safe) or set DIALOGUES_PSEUDONYM_KEY"
    )


def configured_key(settings: Settings) -> str | None:
    """The key from the environment or the key file; None when there is neither."""
    if settings.pseudonym_key:
        return settings.pseudonym_key
    path = settings.pseudonym_key_file
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    if stat.S_IMODE(mode) & 0o077:
        raise KeyProblem(
            f"{path}: the pseudonym key file can be read by other users; "
            f"make it owner-only with `chmod 600 {path}`"
        )
    key = path.read_text(encoding="utf-8").strip()
    if not key:
        raise KeyProblem(f"{path}: the pseudonym key file is empty; {how_to_create(settings)}")
    return key


def require_key(settings: Settings) -> str:
    key = configured_key(settings)
    if key is None:
        raise KeyProblem(
            "no pseudonym key: real exports are loaded only under a key kept outside the "
            f"store; {how_to_create(settings)}"
        )
    return key


def write_key_file(path: Path, key: str | None = None) -> str:
    """Create ``path`` owner-only holding ``key`` (a new random one by default).

    An existing file is never overwritten: the store's pseudonyms depend on it.
    """
    key = key or secrets.token_hex(32)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyProblem(
            f"{path}: a key file is already there; it is never overwritten, since the "
            "participant ids of every store loaded with it depend on it"
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(key + "\n")
    return key


def fingerprint(key: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(key.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt:{salt.hex()}:{digest.hex()}"


def matches(key: str, recorded: str) -> bool:
    _, salt, _ = recorded.split(":")
    return hmac.compare_digest(fingerprint(key, bytes.fromhex(salt)), recorded)


def recorded_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("SELECT value FROM schema_info WHERE key = ?", [FINGERPRINT_NAME]).fetchone()
    return row[0] if row else None


def check_store_key(con: duckdb.DuckDBPyConnection, key: str, settings: Settings) -> None:
    """Refuse a key other than the one the store's participants were pseudonymised with."""
    recorded = recorded_fingerprint(con)
    if recorded and not matches(key, recorded):
        raise KeyProblem(
            "the pseudonym key is not the one this store's participants were loaded "
            "with (its fingerprint is recorded in the store), so every person would get a "
            "second id; use that key (DIALOGUES_PSEUDONYM_KEY or the key file "
            f"{settings.pseudonym_key_file})"
        )


def record_fingerprint(con: duckdb.DuckDBPyConnection, key: str) -> None:
    """Inside the first load's transaction: remember which key the store's ids use."""
    if recorded_fingerprint(con) is None:
        con.execute(
            "INSERT INTO schema_info (key, value) VALUES (?, ?)",
            [FINGERPRINT_NAME, fingerprint(key)],
        )
