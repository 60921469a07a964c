"""The project's own exceptions: messages a staff member can act on."""

from __future__ import annotations


class DialoguesError(Exception):
    """Base class for every error this package raises on purpose."""


class StoreError(DialoguesError):
    """The store is missing, unreadable, corrupt or at the wrong schema version."""


class QueryError(DialoguesError):
    """A query could not be built (unknown identifier) or run."""


class IngestError(DialoguesError):
    """A file was refused as a whole; the store was left as it was."""

    def __init__(self, file: str, reason: str):
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason
