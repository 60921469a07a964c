"""Serving the dashboard securely: ``dialogues serve`` and ``dialogues users``.

``server`` wraps Panel's server with safe defaults, ``headers`` sets the security headers
on every response, ``websocket`` refuses handshakes without an allowed origin, ``health``
answers ``/health``, ``auth`` and ``users`` sign people in with a role.
"""
