"""The users file: who may sign in to the served dashboard, with which role.

A JSON file, readable and writable by its owner only (0600), holding for each user name a
role (``viewer`` or ``staff``) and a salted scrypt hash of the password, never the
password. ``dialogues users add|list|remove`` writes it; basic authentication reads it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
from pathlib import Path

from ..errors import DialoguesError

ROLES = ("viewer", "staff")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}")
MIN_PASSWORD = 10
# scrypt cost: 32 MB per check; measured 0.6 s per check on the shared 2-core VM under
# load (OWASP's minimum is N=2**17 with r=8; 2**15 keeps a login under a second here).
SCRYPT = {"n": 2**15, "r": 8, "p": 1}


class UsersFileError(DialoguesError):
    """The users file or a user given on the command line cannot be used."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """``scrypt$N$r$p$salt$hash`` for a password, with a fresh random salt."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, **SCRYPT)
    return "$".join(["scrypt", *(str(SCRYPT[k]) for k in "nrp"), _b64(salt), _b64(digest)])


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r, dklen=32
    )


def check_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a hash from ``hash_password`` (constant-time compare)."""
    scheme, n, r, p, salt, digest = stored.split("$")
    if scheme != "scrypt":
        return False
    computed = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    return hmac.compare_digest(computed, base64.b64decode(digest))


# Checked against an unknown user's name, so that a wrong name takes as long as a wrong
# password and the login page does not tell which names exist.
_DECOY = hash_password(secrets.token_urlsafe(16))


def load(path: Path) -> dict[str, dict]:
    """The users in the file (none when it does not exist); refused if others can read it."""
    if not path.exists():
        return {}
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise UsersFileError(
            f"{path}: readable by other users (mode {mode:o}); run `chmod 600 {path}`."
        )
    try:
        users = json.loads(path.read_text(encoding="utf-8"))["users"]
    except (ValueError, KeyError, TypeError) as exc:
        raise UsersFileError(f"{path}: not a users file ({exc}).") from exc
    return users


def save(path: Path, users: dict[str, dict]) -> None:
    """Write the users, owner-only, replacing the file in one step."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump({"users": users}, out, indent=2, sort_keys=True)
    os.replace(temporary, path)


def add(path: Path, name: str, role: str, password: str) -> bool:
    """Add a user or replace their role and password; True when the user is new."""
    if not NAME.fullmatch(name):
        raise UsersFileError(
            f"'{name}' is not a user name: use letters, digits and . _ @ + - (at most 64)."
        )
    if role not in ROLES:
        raise UsersFileError(f"role must be one of {', '.join(ROLES)}, not '{role}'.")
    if len(password) < MIN_PASSWORD:
        raise UsersFileError(f"the password must have at least {MIN_PASSWORD} characters.")
    users = load(path)
    new = name not in users
    users[name] = {"role": role, "password": hash_password(password)}
    save(path, users)
    return new


def remove(path: Path, name: str) -> None:
    users = load(path)
    if name not in users:
        raise UsersFileError(f"{path}: no user '{name}'.")
    del users[name]
    save(path, users)


def roles(path: Path) -> dict[str, str]:
    """Each user's role, by name (no hashes)."""
    return {name: user["role"] for name, user in sorted(load(path).items())}


def authenticate(path: Path, name: str, password: str) -> str | None:
    """The user's role when the name and password match, else None."""
    user = load(path).get(name)
    matches = check_password(password, user["password"] if user else _DECOY)
    return user["role"] if user and matches else None
