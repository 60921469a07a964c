"""``/health``: whether this process can serve, for a load balancer or a monitor.

JSON ``{"ok": ..., "store_readable": ..., "schema_version": ...}``, status 200 when ok and
503 when not. It says nothing about the data or the people in it, and no error text
(which could name paths), so it needs no login.
"""

from __future__ import annotations

import json
from pathlib import Path

from tornado.web import RequestHandler

from ..errors import StoreError
from ..store.connection import shared_connection
from ..store.migrate import SCHEMA_VERSION, schema_version


def store_health(db_path: Path) -> dict[str, object]:
    """Whether the store opens read-only at this code's schema version, and its version."""
    if not db_path.exists():
        return {"ok": False, "store_readable": False, "schema_version": None}
    try:
        cursor = shared_connection(db_path).cursor()
    except StoreError:
        return {"ok": False, "store_readable": False, "schema_version": None}
    try:
        version = schema_version(cursor)
    except StoreError:
        version = None
    finally:
        cursor.close()
    return {"ok": version == SCHEMA_VERSION, "store_readable": True, "schema_version": version}


class HealthHandler(RequestHandler):
    def initialize(self, db_path: Path) -> None:
        self.db_path = db_path

    def get(self) -> None:
        health = store_health(self.db_path)
        self.set_status(200 if health["ok"] else 503)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(health))
