"""A full disk or a read-only folder while saving or exporting: a plain message, nothing
lost, the earlier document intact.

The failures are real, not imitated: a database made genuinely full with SQLite's
max_page_count; child processes whose files may not grow past a size limit
(RLIMIT_FSIZE, with SIGXFSZ ignored so a write fails with "File too large" instead of
killing the process); folders whose modes forbid writing. Tests run as root in CI, and
root ignores file modes, so there the children run with root's power over file modes
taken away (setpriv drops CAP_DAC_OVERRIDE); without setpriv those tests are skipped,
saying why.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import peewee
import pytest
from textual import events
from textual.widgets import Static, TextArea

from tests.ui.conftest import SIZE, paste_text
from wardpanel import services
from wardpanel.app.common.form import FormScreen
from wardpanel.app.launch import make_app
from wardpanel.core.models import Draft, Note, Question
from wardpanel.core.storage.database import db, friendly_error, open_database

HERE = Path(__file__).parent
# Above the 32 KiB that SQLite's shared-memory file needs (a child must still open the
# database), below every document the big meeting below produces.
FILE_SIZE_LIMIT = 40_000
NO_DAC = "--bounding-set=-dac_override,-dac_read_search,-fowner"
WORDS = (
    "towpath", "lighting", "burglary", "patrols", "scooters", "estate", "lift", "CCTV",
    "youth", "club", "drugs", "dealing", "stairwell", "graffiti", "bins", "parking",
)  # fmt: skip


# -- making the failures real -----------------------------------------------------------


def fill_up(database: peewee.Database) -> int:
    """Make a SQLite database full: no page may be added, and none is free.

    Returns the page limit it had, to give back when space is "freed".
    """
    before = database.execute_sql("PRAGMA max_page_count").fetchone()[0]
    database.execute_sql("CREATE TABLE IF NOT EXISTS test_filler (b BLOB)")
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages}")
    size = 1 << 16
    while size:
        try:
            database.execute_sql("INSERT INTO test_filler VALUES (zeroblob(?))", (size,))
        except peewee.OperationalError:
            size //= 2
    assert database.execute_sql("PRAGMA freelist_count").fetchone()[0] == 0
    return before


def free_space(database: peewee.Database, limit: int) -> None:
    database.execute_sql(f"PRAGMA max_page_count = {limit}")


def word(rng: random.Random) -> str:
    """A word of the ward's business, or a name-like one (so documents do not compress
    to nothing)."""
    if rng.random() < 0.5:
        return rng.choice(WORDS)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))


def long_question(rng: random.Random) -> str:
    """A resident's question as pasted from an email: longer than a database page."""
    return "\n\n".join(" ".join(word(rng) for _ in range(90)).capitalize() + "?" for _ in range(8))


def size_limited(limit: int) -> Callable[[], None]:
    """For preexec_fn: the child's files may not grow past `limit` bytes."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))

    return apply


@pytest.fixture
def bound_by_file_modes() -> list[str]:
    """A command prefix under which file modes bind the child as they bind anyone."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, and setpriv (util-linux) is missing to take away "
                    "root's power over file modes")  # fmt: skip
    if subprocess.run([setpriv, NO_DAC, "true"], capture_output=True).returncode != 0:
        pytest.skip("running as root, and this system does not let setpriv take away "
                    "root's power over file modes")  # fmt: skip
    return [setpriv, NO_DAC, "--"]


@pytest.fixture
def read_only() -> Iterator[Callable[[Path], None]]:
    """Makes folders and files read-only; gives their modes back afterwards."""
    changed: list[tuple[Path, int]] = []

    def make(path: Path) -> None:
        changed.append((path, stat.S_IMODE(path.stat().st_mode)))
        path.chmod(0o555 if path.is_dir() else 0o444)

    yield make
    for path, mode in reversed(changed):
        path.chmod(mode)


def wardpanel(*args: str, prefix: Sequence[str] = (), **options) -> subprocess.CompletedProcess:
    """The `wardpanel` command in a child process (its output captured unless redirected)."""
    if "stdout" not in options:
        options["capture_output"] = True
    command = [*prefix, sys.executable, "-m", "wardpanel.cli", *args]
    return subprocess.run(command, text=True, timeout=120, **options)


def one_plain_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("wardpanel: ") and "Traceback" not in stderr
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def integrity(db_path: Path) -> tuple[list, list]:
    connection = sqlite3.connect(db_path)
    try:
        return (
            connection.execute("PRAGMA integrity_check").fetchall(),
            connection.execute("PRAGMA foreign_key_check").fetchall(),
        )
    finally:
        connection.close()


# -- saving ----------------------------------------------------------------------------


def test_a_save_on_a_full_database_is_refused_plainly_and_harms_nothing(db_path: Path) -> None:
    """SQLite only: max_page_count is SQLite's."""
    rng = random.Random(7)
    handle = open_database(str(db_path))
    try:
        panel = services.create_panel("Towpath Ward Panel")
        meeting = services.create_meeting(panel.id, "2026-05-14")
        earlier = [services.add_question(meeting.id, f"Question {n}?").id for n in range(5)]
        limit = fill_up(handle)
        text = long_question(rng)

        with pytest.raises(peewee.OperationalError) as refused:
            services.add_question(meeting.id, text, asker="Jo Bright")
        message = friendly_error(refused.value, str(db_path))
        assert "disk is full" in message and str(db_path) in message
        assert "\n" not in message
        # A change of two parts is refused whole, not half made, and says why.
        with pytest.raises(peewee.OperationalError) as refused, db.atomic():
            services.add_note(meeting.id, "Police update", "Burglary is down.")
            services.add_question(meeting.id, text)
        assert "disk is full" in friendly_error(refused.value)
        assert [q.id for q in Question.select().order_by(Question.id)] == earlier
        assert Note.select().count() == 0

        free_space(handle, limit)
        saved = services.add_question(meeting.id, text, asker="Jo Bright")
        assert Question.get_by_id(saved.id).text == text
    finally:
        handle.close()
        db.initialize(None)
    assert integrity(db_path) == ([("ok",)], [])
    again = open_database(str(db_path))
    try:
        assert Question.select().count() == len(earlier) + 1
    finally:
        again.close()
        db.initialize(None)


def _meeting_on_file(db_path: Path, questions: int = 3) -> int:
    handle = open_database(str(db_path))
    try:
        panel = services.create_panel("Towpath Ward Panel")
        meeting = services.create_meeting(panel.id, "2026-05-14")
        for number in range(questions):
            services.add_question(meeting.id, f"Earlier question {number}?")
        return meeting.id
    finally:
        handle.close()
        db.initialize(None)


def _saves(output: str) -> tuple[list[dict], list[str]]:
    lines = output.splitlines()
    return [json.loads(x) for x in lines if x.startswith("{")], [
        x for x in lines if x.startswith("refused: ")
    ]


def test_saves_on_a_full_disk_stop_plainly_and_keep_every_acknowledged_one(
    db_path: Path,
) -> None:
    """SQLite only: the subject is SQLite's own files meeting a full disk."""
    meeting_id = _meeting_on_file(db_path)
    before = Path(db_path).stat().st_size
    result = subprocess.run(
        [sys.executable, str(HERE / "save_one_by_one.py"), str(db_path), str(meeting_id), "500"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=size_limited(max(before, FILE_SIZE_LIMIT) + 64_000),
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    saved, refusals = _saves(result.stdout)
    assert len(refusals) == 1, result.stdout
    assert "disk is full" in refusals[0]
    assert 0 < len(saved) < 500  # some saves went through before the disk was full

    assert integrity(db_path) == ([("ok",)], [])
    handle = open_database(str(db_path))
    try:
        for item in saved:
            assert Question.get_by_id(item["id"]).text == item["text"]
        assert Question.select().count() == 3 + len(saved)  # the refused one is not half there
        services.add_question(meeting_id, "Once there is room again?")
    finally:
        handle.close()
        db.initialize(None)


def test_saves_into_a_read_only_folder_are_refused_plainly_and_change_nothing(
    db_path: Path, bound_by_file_modes: list[str], read_only
) -> None:
    """SQLite only: the database is a file in a folder."""
    meeting_id = _meeting_on_file(db_path)
    before = db_path.read_bytes()
    read_only(db_path)
    read_only(db_path.parent)
    result = subprocess.run(
        [*bound_by_file_modes, sys.executable, str(HERE / "save_one_by_one.py"),
         str(db_path), str(meeting_id), "3"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0 and result.stderr == "", result.stderr
    saved, refusals = _saves(result.stdout)
    assert saved == [] and len(refusals) == 1
    assert "read-only" in refusals[0] or "cannot be opened" in refusals[0], refusals[0]
    assert db_path.read_bytes() == before


# -- exporting ---------------------------------------------------------------------------


def _big_meeting() -> int:
    """A meeting whose minutes, action list and meeting file are all well over the size
    limit (varied words, so they do not compress away)."""
    rng = random.Random(11)
    panel = services.create_panel("Towpath Ward Panel")
    meeting = services.create_meeting(panel.id, "2026-05-14", venue="Lock Keeper's Hall")
    for number in range(20):
        question = services.add_question(meeting.id, long_question(rng), asker=f"Resident {number}")
        services.add_response(question.id, long_question(rng), "Metropolitan Police")
        services.add_action(
            meeting.id, long_question(rng)[:3000], owner="Dana Shah", organisation="Canal Trust"
        )
    return meeting.id


EXPORTS = {
    "minutes": lambda meeting, target: ["export", "minutes", str(meeting), "-o", target],
    "actions": lambda meeting, target: ["export", "actions", "-o", target],
    "dump": lambda meeting, target: ["dump", str(meeting), "-o", target],
}


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_an_export_onto_a_full_disk_keeps_the_earlier_document(
    database: str, tmp_path: Path, kind: str
) -> None:
    meeting = _big_meeting()
    folder = tmp_path / "circulated"
    folder.mkdir()
    target = folder / ("meeting.json" if kind == "dump" else f"{kind}.docx")
    first = wardpanel("--db", database, *EXPORTS[kind](meeting, str(target)))
    assert first.returncode == 0, first.stderr
    earlier = target.read_bytes()
    assert len(earlier) > FILE_SIZE_LIMIT + 8192  # or the limit below would not bite
    services.add_question(meeting, "One more question since the last copy?")

    result = wardpanel(
        "--db", database, *EXPORTS[kind](meeting, str(target)), "--force",
        preexec_fn=size_limited(FILE_SIZE_LIMIT),
    )  # fmt: skip
    assert result.returncode == 1
    line = one_plain_line(result.stderr)
    assert str(folder) in line and "File too large" in line, line
    assert target.read_bytes() == earlier
    assert leftovers(folder) == []


def test_a_meeting_file_to_standard_output_on_a_full_disk_says_so(
    database: str, tmp_path: Path
) -> None:
    meeting = _big_meeting()
    with open(tmp_path / "meeting.json", "w") as out:
        result = wardpanel(
            "--db", database, "dump", str(meeting), stdout=out, stderr=subprocess.PIPE,
            preexec_fn=size_limited(FILE_SIZE_LIMIT),
        )  # fmt: skip
    assert result.returncode == 1
    line = one_plain_line(result.stderr)
    assert "standard output" in line and "File too large" in line, line


@pytest.mark.parametrize("named", [True, False], ids=["file given", "exports folder"])
def test_an_export_into_a_read_only_folder_keeps_the_earlier_document(
    database: str, tmp_path: Path, bound_by_file_modes: list[str], read_only, named: bool
) -> None:
    meeting = _big_meeting()
    folder = tmp_path / "exports"
    args = ["--db", database, "export", "minutes", str(meeting)]
    if named:
        target = folder / "minutes.docx"
        args += ["-o", str(target), "--force"]
        folder.mkdir()
    first = wardpanel(*args, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    target = Path(first.stdout.strip()) if not named else target
    target = target if target.is_absolute() else tmp_path / target
    earlier = target.read_bytes()
    services.add_question(meeting, "One more question since the last copy?")
    read_only(folder)

    result = wardpanel(*args, prefix=bound_by_file_modes, cwd=tmp_path)
    assert result.returncode == 2  # the clerk can fix it: another folder, or its mode
    line = one_plain_line(result.stderr)
    assert "read-only" in line and str(folder.name) in line and "Permission denied" in line, line
    assert target.read_bytes() == earlier
    assert sorted(p.name for p in folder.iterdir()) == [target.name]


# -- the chair's form ------------------------------------------------------------------


async def test_a_question_typed_while_the_database_is_full_waits_in_the_form(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite only: max_page_count is SQLite's.

    max_page_count binds one connection, and drafts are written on a connection of
    their own (app/common/draftkeeper): while the "disk" is full, their writes fail as
    they would on a real full disk."""
    full = threading.Event()
    keep_draft = services.save_draft

    def save_draft_unless_full(*args, **kwargs):
        if full.is_set():
            raise peewee.OperationalError("database or disk is full")
        return keep_draft(*args, **kwargs)

    monkeypatch.setattr(services, "save_draft", save_draft_unless_full)
    monkeypatch.setenv("WARDPANEL_LOG", str(tmp_path / "logs" / "wardpanel.log"))
    app = make_app(str(db_path))
    panel = services.create_panel("Towpath Ward Panel")
    meeting = services.create_meeting(panel.id, "2026-05-14")
    text = long_question(random.Random(3))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter", "2", "a")
            assert isinstance(app.screen, FormScreen)
            await paste_text(pilot, "Jo Bright")
            await pilot.press("tab", "tab")
            await paste_text(pilot, "Towpath lighting")
            await pilot.press("tab")
            limit = fill_up(db.obj)  # the disk fills up while the chair is typing
            full.set()
            app.post_message(events.Paste(text))  # the resident's emailed question
            await pilot.pause(0.8)  # the draft would be kept a moment after the paste
            await pilot.press("ctrl+s")
            await pilot.pause()

            form = app.screen
            assert isinstance(form, FormScreen)
            shown = str(form.query_one("#form-error", Static).render())
            assert shown.startswith("Not saved.") and "disk is full" in shown, shown
            assert "Your text is still here" in shown and "ctrl+s tries again" in shown
            # The database takes no draft either: a copy went to a file of its own.
            [copy] = (tmp_path / "logs").glob("wardpanel-unsaved-*.txt")
            assert copy.name in shown and text in copy.read_text(encoding="utf-8")
            assert form.query_one("#field-text", TextArea).text == text
            assert Question.select().where(Question.meeting == meeting.id).count() == 0

            free_space(db.obj, limit)
            full.clear()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, FormScreen)
            question = Question.get(Question.meeting == meeting.id)
            assert (question.text, question.topic) == (text, "Towpath lighting")
            assert question.asker.name == "Jo Bright"
            assert Draft.select().count() == 0
    finally:
        db.close()
        db.initialize(None)
    assert integrity(db_path) == ([("ok",)], [])
