"""Start a server (JupyterLab, ``panel serve``) as a subprocess on a free local port."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

LAB_TOKEN = "dialogues-test-token"  # the test JupyterLab's token (local port only)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 10) -> tuple[int, str]:
    """(status, body) of a GET on a local URL; HTTP errors are answers too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@contextlib.contextmanager
def running(
    command: list[str],
    url: str,
    log: Path,
    env: dict[str, str],
    cwd: Path,
    timeout: float = 60,
    wait: bool = True,
) -> Iterator[subprocess.Popen]:
    """Run ``command`` (until ``url`` answers, any HTTP status, if ``wait``); stop it on exit."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True
        )
    try:
        if wait:
            wait_until_answers(process, url, log, timeout)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_listening(
    process: subprocess.Popen, url: str, log: Path, timeout: float = 60
) -> float:
    """Wait until the server accepts connections on ``url``'s port; return the time left.

    Only the port is polled: a request for a page builds that page, which takes many
    seconds on a loaded machine, and a request given up and sent again only queues
    another build (with 2 s polls, pages taking longer than that were never answered).
    """
    deadline = time.monotonic() + timeout
    address = urlsplit(url)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection((address.hostname, address.port), timeout=1).close()
            return deadline - time.monotonic()
        except OSError:
            time.sleep(0.25)
    raise AssertionError(f"{url} not listening after {timeout:.0f} s:\n{log.read_text()}")


def wait_until_answers(process: subprocess.Popen, url: str, log: Path, timeout: float = 60) -> None:
    """Wait until the server listens, then for its answer (any HTTP status) to one request."""
    left = wait_until_listening(process, url, log, timeout)
    try:
        urllib.request.urlopen(url, timeout=max(left, 1)).close()
    except urllib.error.HTTPError:
        return  # it answers; the test judges the status
    except OSError as exc:
        message = f"no answer from {url} in {timeout:.0f} s ({exc}):\n{log.read_text()}"
        raise AssertionError(message) from exc
