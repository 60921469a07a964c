"""Participant pseudonyms: a keyed hash, so the store never needs a raw e-mail.

``participant_id = "p-" + HMAC-SHA256(key, "email:" + normalized e-mail)`` (or of
``"name:" + normalized name + "|" + normalized organization`` when a record has no
e-mail). ``name_hash = "n-" + HMAC-SHA256(key, "person:" + normalized name)`` links a
record without an e-mail to a registration of the same name. The key is kept outside the
store (``store/keys.py``: the environment or an owner-only key file), so the same person
gets the same id in every file loaded with it, and an id cannot be recomputed from an
e-mail address by anyone who only has the store.
"""

from __future__ import annotations

import hashlib
import hmac

_ID_HEX_DIGITS = 24  # 96 bits: collisions are out of reach for any realistic register


class Pseudonymizer:
    """Turns an e-mail address, or a name and an organization, into a participant id."""

    def __init__(self, key: str):
        self._key = key.encode("utf-8")

    def _digest(self, text: str, prefix: str = "p-") -> str:
        mac = hmac.new(self._key, text.encode("utf-8"), hashlib.sha256)
        return prefix + mac.hexdigest()[:_ID_HEX_DIGITS]

    def for_email(self, normalized_email: str) -> str:
        return self._digest("email:" + normalized_email)

    def for_name(self, normalized_name: str, normalized_org: str | None) -> str:
        return self._digest("name:" + normalized_name + "|" + (normalized_org or ""))

    def for_name_alone(self, normalized_name: str) -> str:
        """``participants.name_hash``: finds a person known by e-mail from a later record
        that has only a name; never a participant id (its own prefix, its own domain)."""
        return self._digest("person:" + normalized_name, "n-")
