"""In a real terminal, a byte that is not UTF-8 must not freeze or close the app."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path


def _read_until(fd: int, wanted: bytes | None, seconds: float) -> bytes:
    """What the app writes to the terminal until `wanted` is among it (None: until the
    app closes the terminal), the app closes it, or `seconds` pass."""
    out = b""
    deadline = time.monotonic() + seconds
    while (wanted is None or wanted not in out) and time.monotonic() < deadline:
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


def _app_in_a_terminal(db_target: str, folder: Path) -> tuple[int, subprocess.Popen]:
    """`wardpanel` started in a real pseudo-terminal of 120x40; the terminal's end the
    test reads and writes, and the process."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    env.pop("TEXTUAL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "wardpanel.cli", "--db", db_target],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=folder,
        close_fds=True,
    )
    os.close(slave)
    return master, process


def test_undecodable_input_bytes_leave_the_app_running(db_target: str, tmp_path: Path):
    master, process = _app_in_a_terminal(db_target, tmp_path)
    try:
        screen = _read_until(master, b"Start a panel", 30.0)
        assert b"Start a panel" in screen  # the welcome screen is up
        # Invalid UTF-8, as a Latin-1 paste sends, then a key: the key is still read
        # and acted on (the panel form opens), so input neither froze nor closed the app.
        os.write(master, b"\xff\xfe\xc3(" + b"p")
        screen = _read_until(master, b"Panel name", 30.0)
        assert process.poll() is None, "the app closed on a bad byte"
        assert b"Panel name" in screen, "the app stopped reading keys after a bad byte"
        os.write(master, b"\x11")  # ctrl+q
        # Read to the end: an app whose output nobody reads cannot finish writing it.
        tail = _read_until(master, None, 30.0)
        process.wait(timeout=10)
        assert process.returncode == 0
        assert b"Traceback" not in tail and b"UnicodeDecodeError" not in tail
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)


def test_a_paste_with_escape_codes_arrives_whole_and_in_order(db_target: str, tmp_path: Path):
    """Textual's parser ended a bracketed paste at the first escape inside it, so the
    tail arrived first as typed keys (with '^[') and the head after it."""
    if "://" in db_target:
        return  # the terminal is the subject; one engine is enough
    master, process = _app_in_a_terminal(db_target, tmp_path)
    try:
        assert b"Start a panel" in _read_until(master, b"Start a panel", 30.0)
        os.write(master, b"p")  # start a panel: its name field has the keyboard
        assert b"Panel name" in _read_until(master, b"Panel name", 30.0)
        os.write(
            master,
            b"\x1b[200~Hoe \x1b[1;31mStreet\x1b[0m Ward\r\nPanel\x07\x1b[201~",
        )
        _read_until(master, b"never shown", 1.0)
        os.write(master, b"\x13")  # ctrl+s
        _read_until(master, b"never shown", 1.5)
        os.write(master, b"\x11")  # ctrl+q
        _read_until(master, None, 30.0)  # an app whose output nobody reads cannot finish
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    import sqlite3

    connection = sqlite3.connect(db_target)
    try:
        names = [row[0] for row in connection.execute("SELECT name FROM panel")]
    finally:
        connection.close()
    assert names == ["Hoe Street Ward Panel"]
