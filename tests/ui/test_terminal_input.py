"""In a real terminal, a byte that is not UTF-8 must not freeze or close the app."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path


def _read_available(fd: int, seconds: float) -> bytes:
    out = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


def test_undecodable_input_bytes_leave_the_app_running(db_target: str, tmp_path: Path):
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    env.pop("TEXTUAL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "wardpanel.cli", "--db", db_target],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=tmp_path,
        close_fds=True,
    )
    os.close(slave)
    try:
        screen = _read_available(master, 6.0)
        assert b"wardpanel" in screen  # the welcome screen is up
        os.write(master, b"\xff\xfe\xc3(")  # invalid UTF-8, as a Latin-1 paste sends
        _read_available(master, 1.5)
        assert process.poll() is None, "the app closed on a bad byte"
        os.write(master, b"\x11")  # ctrl+q
        process.wait(timeout=10)
        tail = _read_available(master, 0.5)
        assert process.returncode == 0
        assert b"Traceback" not in tail and b"UnicodeDecodeError" not in tail
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
