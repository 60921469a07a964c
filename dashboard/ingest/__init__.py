"""Ingest real exports: Teams and Zoom attendance, Microsoft Forms and Indico
registrations, and the documented templates, into the store.

``ingest_files(paths, session_id)`` from Python, ``dialogues ingest`` from the shell,
``ingest_bytes(data, file_name, session_id)`` for an upload page. No Panel here.
"""

from .api import ImportSummary, ingest_bytes, ingest_files
from .safety import neutralize_formula

__all__ = ["ImportSummary", "ingest_bytes", "ingest_files", "neutralize_formula"]
