"""A WardpanelError raised behind any command ends it in one place: its message, its status.

Refusals are the user's to put right, not bugs, so nothing of them goes to the log; and
a command, even one that meets a bug, never loads the app to write the log.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from wardpanel.cli import main
from wardpanel.core.errors import InputError, UserError, WardpanelError
from wardpanel.core.storage.database import db


@pytest.fixture(autouse=True)
def close_database_afterwards() -> Iterator[None]:
    yield
    if db.obj is not None:
        db.obj.close()
        db.initialize(None)


@pytest.fixture
def log_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "logs" / "wardpanel.log"
    monkeypatch.setenv("WARDPANEL_LOG", str(target))
    return target


@pytest.mark.parametrize(
    ("error", "line", "status"),
    [
        (InputError("panel", "cannot be empty"), "panel: cannot be empty", 2),
        (UserError("that file already exists"), "that file already exists", 2),
        (WardpanelError("the copy did not check out"), "the copy did not check out", 1),
        (WardpanelError("told apart", status=3), "told apart", 3),
    ],
)
def test_a_refusal_behind_a_command_ends_in_its_message_and_status(
    db_target: str,
    log_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: WardpanelError,
    line: str,
    status: int,
) -> None:
    def refusing_meetings_of(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr("wardpanel.queries.meetings_of", refusing_meetings_of)
    result = CliRunner().invoke(main, ["meetings", "--db", db_target])

    assert result.exit_code == status
    assert result.stdout == ""
    assert result.stderr == f"wardpanel: {line}\n"
    assert not log_path.exists()


CHECK_IMPORTS = """
import sys
import wardpanel.queries

def faulty_meetings_of(*args, **kwargs):
    raise RuntimeError("a planted bug")

wardpanel.queries.meetings_of = faulty_meetings_of
from wardpanel.cli import main
try:
    main(["meetings", "--db", sys.argv[1]])
except SystemExit as ended:
    print(ended.code, sorted({"textual", "rich", "wardpanel.app"} & set(sys.modules)))
"""


def test_a_command_logs_a_bug_without_loading_the_app(tmp_path: Path) -> None:
    """SQLite only: the subject is what one process imports, the same on either engine."""
    completed = subprocess.run(
        [sys.executable, "-c", CHECK_IMPORTS, str(tmp_path / "db" / "ward.db")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=60,
    )

    assert completed.stdout == "1 []\n"
    assert "something went wrong; details in" in completed.stderr
    assert "RuntimeError" in (tmp_path / "db" / "wardpanel.log").read_text(encoding="utf-8")
