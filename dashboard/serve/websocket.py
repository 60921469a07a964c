"""Websockets only from a page of this server: a handshake without an ``Origin`` header
is refused too.

Tornado lets a client that sends no ``Origin`` through (it assumes a non-browser client);
Bokeh checks the origins that are sent against the allowed list. Here both must hold: an
``Origin`` is present, and it is one of the server's own (``websocket_origins``).

A closed connection is closed quietly even when Bokeh's keep-alive job got there first:
its ping found the socket closed and dropped the connection from its session
(``client_lost``), and Bokeh's own ``on_close`` then logged a traceback for the session
it no longer had (bokeh/bokeh#13654 is a neighbour). Seen when a tab closed while the
server was still sending it the charts drawn after the first paint.
"""

from __future__ import annotations

from bokeh.server.urls import per_app_patterns
from panel.io.server import WSHandler


class OriginRequiredWSHandler(WSHandler):
    async def get(self, *args, **kwargs):
        if not self.request.headers.get("Origin"):
            self.set_status(403)
            self.finish("Websocket refused: no Origin header.")
            return None
        return await super().get(*args, **kwargs)

    def on_close(self) -> None:
        connection = self.connection
        if connection is not None and connection._session is None:  # dropped by keep-alive
            return
        super().on_close()


def require_origin() -> None:
    """Route every app's ``/ws`` to the handler above (before the server is made)."""
    per_app_patterns[:] = [
        (route, OriginRequiredWSHandler if route == r"/ws" else handler)
        for route, handler in per_app_patterns
    ]
