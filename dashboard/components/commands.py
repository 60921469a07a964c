"""`dialogues` commands run for the page in a child process (a load, removing an import).

A child at a lower CPU priority, started from a worker thread, keeps the server's event
loop free and the CPU for the pages being served; a command that exhausts memory can only
take the child down. It writes a new store version like any other writer.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHILD_TIMEOUT_SECONDS = 30 * 60
CHILD_NICENESS = 10  # the CPU goes to the pages being served first, then to the command


def run_command(arguments: list[str]) -> tuple[int | None, str, str]:
    """`dialogues ARGUMENTS` in a child process at a lower CPU priority: (exit status,
    standard output, standard error); the status is None when it ran too long."""
    command = [sys.executable, "-m", "dashboard.cli", *arguments]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    os.setpriority(os.PRIO_PROCESS, child.pid, CHILD_NICENESS)
    try:
        stdout, stderr = child.communicate(timeout=CHILD_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return None, "", f"it took over {CHILD_TIMEOUT_SECONDS // 60} minutes and was stopped"
    return child.returncode, stdout, stderr
