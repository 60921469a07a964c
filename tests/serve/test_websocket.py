"""The websocket handler closes quietly a connection Bokeh's keep-alive already dropped.
(Origins: tests/browser/test_security.py, over raw HTTP.)"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from dashboard.serve.websocket import OriginRequiredWSHandler


class Session:
    def __init__(self):
        self.told = 0

    def notify_connection_lost(self):
        self.told += 1


def handler(session):
    """A handler of a connection with ``session`` (None: already dropped), no socket."""
    ws = OriginRequiredWSHandler.__new__(OriginRequiredWSHandler)
    lost = []
    ws.connection = SimpleNamespace(
        _session=session,
        session=session,
    )
    ws.application = SimpleNamespace(client_lost=lost.append)
    ws.close_code = ws.close_reason = None
    return ws, lost


def test_a_connection_with_its_session_is_closed_as_bokeh_closes_it():
    session = Session()
    ws, lost = handler(session)
    ws.on_close()
    assert session.told == 1 and lost == [ws.connection]


def test_a_connection_the_keep_alive_dropped_closes_without_error():
    ws, lost = handler(None)
    ws.on_close()
    assert lost == []


def test_bokeh_alone_would_fail_on_the_dropped_connection():
    """What the override spares: Bokeh's on_close reads the session it no longer has."""
    from bokeh.server.connection import ServerConnection

    connection = ServerConnection.__new__(ServerConnection)
    connection._session = None
    with pytest.raises(AssertionError):
        connection.session  # noqa: B018
