"""`wardpanel import` given things that are not meeting files: it must never read forever.

Each fault is reproduced as a clerk's script would meet it: the real command in a
process of its own, on a real FIFO, /dev/zero (under a memory limit, so that a reader
that does not stop fails instead of taking the machine), a folder and a file over the
size limit. Each must end with exit status 2, one line naming the file, and nothing
written. The `timeout` of each run is a guard against a hang, not a measure of speed.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_interchange import good_meeting, write_json
from wardpanel.interchange.format import MAX_FILE_BYTES

# Long enough for a loaded machine to start Python and open the database; a reader
# stuck on a FIFO or on /dev/zero would never finish.
HANG_GUARD_SECONDS = 120
MEMORY_LIMIT_BYTES = 2 * 1024**3


def _limit_memory() -> None:
    """In the child: a reader that keeps going runs out of memory instead of the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def import_in_a_process(db: str, *files: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wardpanel", "import", *map(str, files), "--db", db],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        preexec_fn=_limit_memory,
        check=False,
    )


def meetings_in(db: str) -> int:
    done = subprocess.run(
        [sys.executable, "-m", "wardpanel", "meetings", "--json", "--db", db],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=True,
    )
    return done.stdout.count('"id"')


def assert_refused_in_one_line(done: subprocess.CompletedProcess[str], message: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr == f"wardpanel: {message}\n"


def test_a_fifo_is_refused_without_waiting_for_a_writer(db_target: str, tmp_path: Path) -> None:
    fifo = tmp_path / "meeting.json"
    os.mkfifo(fifo)

    done = import_in_a_process(db_target, fifo)

    assert_refused_in_one_line(done, f"{fifo}: is a pipe (FIFO), not a meeting file")
    assert meetings_in(db_target) == 0


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_that_never_ends_is_refused_without_reading_it(
    db_target: str, device: str
) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} on this system")

    done = import_in_a_process(db_target, device)

    assert_refused_in_one_line(done, f"{device}: is a device, not a meeting file")
    assert meetings_in(db_target) == 0


def test_a_link_to_a_device_is_refused_like_the_device(db_target: str, tmp_path: Path) -> None:
    link = tmp_path / "meeting.json"
    link.symlink_to("/dev/zero")

    done = import_in_a_process(db_target, link)

    assert_refused_in_one_line(done, f"{link}: is a device, not a meeting file")


def test_a_folder_is_refused_in_one_line(db_target: str, tmp_path: Path) -> None:
    folder = tmp_path / "meetings"
    folder.mkdir()

    done = import_in_a_process(db_target, folder)

    assert_refused_in_one_line(done, f"{folder}: is a folder, not a meeting file")


def test_a_file_over_the_size_limit_is_refused_unread(db_target: str, tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:  # sparse: takes no disk space
        file.truncate(MAX_FILE_BYTES + 1)

    done = import_in_a_process(db_target, huge)

    assert_refused_in_one_line(
        done,
        f"{huge}: is 64.0 MiB (67,108,865 bytes); a meeting file may be at most "
        "64 MiB (67,108,864 bytes)",
    )
    assert meetings_in(db_target) == 0


def test_a_bad_file_among_good_ones_stops_them_all(db_target: str, tmp_path: Path) -> None:
    good = write_json(tmp_path / "good.json", good_meeting())
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)

    done = import_in_a_process(db_target, good, fifo)

    assert_refused_in_one_line(done, f"{fifo}: is a pipe (FIFO), not a meeting file")
    assert meetings_in(db_target) == 0


def test_a_file_just_under_the_limit_is_read(db_target: str, tmp_path: Path) -> None:
    """The limit refuses size, not content: a real meeting padded with spaces to the
    last byte allowed still imports."""
    path = write_json(tmp_path / "padded.json", good_meeting())
    with path.open("ab") as file:
        file.write(b" " * (MAX_FILE_BYTES - path.stat().st_size))
    assert path.stat().st_size == MAX_FILE_BYTES

    done = import_in_a_process(db_target, path)

    assert (done.returncode, done.stdout, done.stderr) == (0, "1\n", "")
