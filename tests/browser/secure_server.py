"""``dialogues serve`` in a subprocess for the security tests, and a raw websocket
handshake (no browser: a client free to send any Origin, or none)."""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, end_process, free_port, traceback_blocks

START_TIMEOUT = 180  # seconds: the first answer builds nothing, but the machine is shared


class DialoguesServer:
    """``dialogues serve --port N`` with the given environment; its output in a log file."""

    def __init__(self, log: Path, env: dict[str, str], *args: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.url = f"{self.base}/app"
        self.log = log
        exe = Path(sys.executable).with_name("dialogues")
        self._out = open(log, "w")  # noqa: SIM115 (closed by stop(), after the process)
        self.process = subprocess.Popen(
            [str(exe), "serve", "--port", str(self.port), *args],
            cwd=ROOT,
            env={**os.environ, "DIALOGUES_AUTH": "", **env},
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )

    def wait(self) -> DialoguesServer:
        """Until /health answers (200, or 503 for a store that cannot open)."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"dialogues serve exited: {self.log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(f"{self.base}/health", timeout=30).close()
                return self
            except urllib.error.HTTPError:
                return self
            except OSError:
                time.sleep(0.5)
        pytest.fail(f"dialogues serve did not answer in {START_TIMEOUT}s: {self.log.read_text()}")

    def stop(self) -> str:
        end_process(self.process)
        self._out.close()
        return "\n".join(traceback_blocks(self.log.read_text()))


def handshake(port: int, path: str, origin: str | None, protocol: str | None = None) -> int:
    """The HTTP status a websocket upgrade request gets (101 when accepted)."""
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}",
        "Sec-WebSocket-Version: 13",
        *([f"Origin: {origin}"] if origin else []),
        *([f"Sec-WebSocket-Protocol: {protocol}"] if protocol else []),
    ]
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        status_line = connection.recv(4096).split(b"\r\n", 1)[0]
    return int(status_line.split()[1])
