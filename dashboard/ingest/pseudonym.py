"""Participant pseudonyms: a keyed hash, so the store never needs a raw e-mail.

``participant_id = "p-" + HMAC-SHA256(key, "email:" + normalized e-mail)`` (or of
``"name:" + normalized name + "|" + normalized organization`` when a record has no
e-mail). The key is the ``pseudonym_key`` setting; when that is empty, a random key is
created at the first ingest and kept in the store's ``schema_info`` table, so the same
person gets the same id in every file loaded into that store, and an id cannot be
recomputed from an e-mail address without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

import duckdb

STORE_KEY_NAME = "pseudonym_key"
_ID_HEX_DIGITS = 24  # 96 bits: collisions are out of reach for any realistic register


class Pseudonymizer:
    """Turns an e-mail address, or a name and an organization, into a participant id."""

    def __init__(self, key: str, *, new_store_key: bool = False):
        self._key = key.encode("utf-8")
        self.new_store_key = new_store_key  # the key must be saved with the first load

    def _digest(self, text: str) -> str:
        mac = hmac.new(self._key, text.encode("utf-8"), hashlib.sha256)
        return "p-" + mac.hexdigest()[:_ID_HEX_DIGITS]

    def for_email(self, normalized_email: str) -> str:
        return self._digest("email:" + normalized_email)

    def for_name(self, normalized_name: str, normalized_org: str | None) -> str:
        return self._digest("name:" + normalized_name + "|" + (normalized_org or ""))


def store_key(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("SELECT value FROM schema_info WHERE key = ?", [STORE_KEY_NAME]).fetchone()
    return row[0] if row else None


def pseudonymizer_for(con: duckdb.DuckDBPyConnection, configured_key: str) -> Pseudonymizer:
    """The configured key, else the store's key, else a new random one (saved at load)."""
    if configured_key:
        return Pseudonymizer(configured_key)
    existing = store_key(con)
    if existing:
        return Pseudonymizer(existing)
    return Pseudonymizer(secrets.token_hex(32), new_store_key=True)


def save_store_key(con: duckdb.DuckDBPyConnection, pseudonymizer: Pseudonymizer) -> None:
    """Inside the load transaction: keep a newly created key with the rows that use it."""
    if pseudonymizer.new_store_key:
        con.execute(
            "INSERT INTO schema_info (key, value) VALUES (?, ?)",
            [STORE_KEY_NAME, pseudonymizer._key.decode("utf-8")],
        )
        pseudonymizer.new_store_key = False
