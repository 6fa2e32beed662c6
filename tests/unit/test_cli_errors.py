"""A bug behind a command ends in one plain line and the log, never a traceback.

The fault is planted in a module the command uses; its message holds a resident's name
and her question, which must reach neither the terminal nor the log file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from wardpanel.cli import main
from wardpanel.core.models import Meeting
from wardpanel.core.storage.database import db, open_database
from wardpanel.services import indexing

RESIDENT = "Jo Bright"
QUESTION = "Why are the street lights on Cedar Road still out?"


class PlantedFault(RuntimeError):
    """The bug the tests plant."""


@pytest.fixture(autouse=True)
def close_database_afterwards() -> Iterator[None]:
    yield
    if db.obj is not None:
        db.obj.close()
        db.initialize(None)


@pytest.fixture
def log_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    import logging

    target = tmp_path / "logs" / "wardpanel.log"
    monkeypatch.setenv("WARDPANEL_LOG", str(target))
    yield target
    logger = logging.getLogger("wardpanel")
    for handler in list(logger.handlers):
        if getattr(handler, "baseFilename", None) == str(target):
            logger.removeHandler(handler)
            handler.close()


def _assert_private(text: str) -> None:
    for secret in (RESIDENT, "Bright", QUESTION, "Cedar Road"):
        assert secret not in text


def test_a_bug_in_a_command_prints_one_line_and_logs_without_names(
    db_target: str, log_path: Path, monkeypatch: pytest.MonkeyPatch
):
    def faulty_meetings_of(*args, **kwargs):
        raise PlantedFault(f"{RESIDENT} asked: {QUESTION}")

    monkeypatch.setattr("wardpanel.queries.meetings_of", faulty_meetings_of)
    result = CliRunner().invoke(main, ["meetings", "--db", db_target])

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"wardpanel: something went wrong; details in {log_path}\n"
    _assert_private(result.output)
    logged = log_path.read_text(encoding="utf-8")
    assert "PlantedFault (message withheld" in logged
    assert "in meetings_command" in logged and "in faulty_meetings_of" in logged
    _assert_private(logged)


def test_a_bug_during_an_import_writes_nothing(
    db_target: str, log_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    meeting_file = tmp_path / "meeting.json"
    meeting_file.write_text(
        json.dumps(
            {
                "format": "wardpanel-meeting",
                "version": 1,
                "panel": {"name": "Marsh Lane Ward Panel"},
                "meeting": {"date": "2026-09-17"},
                "questions": [{"asked_by": RESIDENT, "text": QUESTION}],
            }
        ),
        encoding="utf-8",
    )

    def faulty_index(meeting_id: int) -> None:
        raise ValueError(f"cannot index '{QUESTION}' from {RESIDENT}")

    monkeypatch.setattr(indexing, "index_meeting", faulty_index)
    result = CliRunner().invoke(main, ["import", str(meeting_file), "--db", db_target])

    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "something went wrong" in result.stderr
    _assert_private(result.output)
    logged = log_path.read_text(encoding="utf-8")
    assert "ValueError (message withheld" in logged and "in import_files" in logged
    _assert_private(logged)
    open_database(db_target)
    assert Meeting.select().count() == 0


PLANTED = f"""
import sys
import wardpanel.queries

def faulty_meetings_of(*args, **kwargs):
    raise KeyError({RESIDENT!r} + ": " + {QUESTION!r})

wardpanel.queries.meetings_of = faulty_meetings_of
from wardpanel.cli import main
sys.argv = ["wardpanel", "meetings", "--db", sys.argv[1]]
main()
"""


def test_the_wardpanel_command_itself_shows_no_traceback(tmp_path: Path):
    """SQLite only: the subject is the process's output, the same on either engine."""
    completed = subprocess.run(
        [sys.executable, "-c", PLANTED, str(tmp_path / "db" / "ward.db")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=60,
    )
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert completed.stderr == "wardpanel: something went wrong; details in db/wardpanel.log\n"
    logged = (tmp_path / "db" / "wardpanel.log").read_text(encoding="utf-8")
    assert "KeyError (message withheld" in logged
    _assert_private(logged)
    assert (tmp_path / "db" / "wardpanel.log").stat().st_mode & 0o077 == 0
