"""``dialogues serve --num-procs 2``: every worker takes its share of the connections.

With one socket shared by the workers, the worker the kernel woke first accepted a whole
burst of connections, so one worker did the work of all; each worker now listens on a
socket of its own (``SO_REUSEPORT``) and the kernel spreads the connections.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from dashboard.config import get_settings
from dashboard.serve.server import ServeError, ServeOptions, check
from tests.browser.conftest import free_port

CONNECTIONS = 24


def established_per_worker(server: psutil.Process, port: int) -> dict[int, int]:
    """Connections each worker process holds open on the served port."""
    return {
        worker.pid: sum(
            1
            for c in worker.net_connections(kind="tcp")
            if c.status == psutil.CONN_ESTABLISHED and c.laddr.port == port
        )
        for worker in server.children()
    }


def health(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return
        if time.monotonic() > deadline:
            raise TimeoutError(f"/health did not answer on port {port}")
        time.sleep(0.3)


@pytest.fixture
def two_workers(store_path: Path, tmp_path: Path):
    port = free_port()
    command = [str(Path(sys.executable).with_name("dialogues")), "serve", "--port", str(port)]
    command += ["--num-procs", "2", "--db", str(store_path)]
    log = (tmp_path / "serve.log").open("w")
    env = {**os.environ, "DIALOGUES_AUTH": ""}
    server = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
    )
    try:
        health(port)
        yield psutil.Process(server.pid), port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)


def test_connections_are_spread_over_the_workers(two_workers):
    server, port = two_workers
    # A burst, as when several pages open at once: every connection is made before any
    # worker accepts one, then each asks for /health and is kept open (keep-alive).
    held = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(CONNECTIONS)]
    try:
        for connection in held:
            connection.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        for connection in held:
            assert connection.recv(64).startswith(b"HTTP/1.1 200")
        per_worker = established_per_worker(server, port)
        assert len(per_worker) == 2
        assert sum(per_worker.values()) == CONNECTIONS
        # Spread by the kernel's hash of each connection: fewer than 3 of 24 for either
        # worker has a chance of about 1 in 28,000. The socket the workers shared gave
        # the whole burst to one of them.
        assert min(per_worker.values()) >= 3, per_worker
    finally:
        for connection in held:
            connection.close()


def test_several_workers_need_a_fixed_port(store_path):
    with pytest.raises(ServeError, match="fixed --port"):
        check(ServeOptions(port=0, num_procs=2), get_settings(db_path=store_path))
