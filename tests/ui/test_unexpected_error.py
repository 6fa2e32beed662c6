"""A bug in the app keeps the chair's work and never prints names or meeting text.

Each test injects a fault (a service or a widget method that raises an error whose
message holds a resident's name and her question) into the real app, then checks what
the chair would care about: the typed text is stored as a draft, the app carries on or
closes cleanly, and neither the screen nor the log file repeats the name or the text.
Under Pilot, Textual re-raises the first unexpected error when the test ends (so a bug
never passes a test silently): these tests expect it.
"""

from __future__ import annotations

import logging
import os
import pty
import re
import select
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.widgets import Checkbox, TextArea

from tests.ui.conftest import SIZE, paste_text, screen_text
from wardpanel import quickentry, services
from wardpanel.app.common.form import FormScreen
from wardpanel.app.meeting.quickline import QuickLine
from wardpanel.app.meeting.screen import MeetingScreen
from wardpanel.core.models import Question

RESIDENT = "Jo Bright"
QUESTION = "Why are the street lights on Cedar Road still out?"
NOTICE = "Something went wrong; your work is kept; details in"


class InjectedFault(RuntimeError):
    """The bug the tests plant."""


def _fault_message() -> str:
    return f"could not store the question from {RESIDENT}: {QUESTION}"


@pytest.fixture
def error_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The log file, moved into tmp_path; its handler closed afterwards."""
    target = tmp_path / "logs" / "wardpanel.log"
    monkeypatch.setenv("WARDPANEL_LOG", str(target))
    yield target
    logger = logging.getLogger("wardpanel")
    for handler in list(logger.handlers):
        if getattr(handler, "baseFilename", None) == str(target):
            logger.removeHandler(handler)
            handler.close()


@asynccontextmanager
async def running_into(app, fault: type[BaseException] = InjectedFault) -> AsyncIterator:
    """Drive the app under Pilot, expecting the planted fault that Pilot re-raises at
    the end; a failed assertion in the body is never hidden behind it."""
    finished = False
    try:
        # Notices on: the screen is checked for what the chair sees.
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            yield pilot
            finished = True
    except fault:
        if not finished:
            raise
    else:
        pytest.fail("the planted fault never reached the app")


def _meeting():
    panel = services.create_panel("Marsh Lane Ward Panel")
    return services.create_meeting(panel.id, "2026-09-17", venue="Community centre")


def shown_to_the_chair(app) -> str:
    """The screen's text and its notices (toasts are not Statics to a query)."""
    notices = [str(toast.render()) for toast in app.screen.query("Toast")]
    return "\n".join([screen_text(app), *notices])


def assert_private(text: str) -> None:
    """Neither the resident's name nor any part of her question is in the text."""
    for secret in (RESIDENT, "Bright", QUESTION, "Cedar Road", "street lights"):
        assert secret not in text


async def _open_question_form(pilot, app) -> FormScreen:
    """From home: open the meeting, go to Questions, add one; type asker and question."""
    await pilot.pause()
    await pilot.press("enter")
    assert isinstance(app.screen, MeetingScreen)
    await pilot.press("2", "a")
    form = app.screen
    assert isinstance(form, FormScreen)
    await paste_text(pilot, RESIDENT)
    form.query_one("#field-text", TextArea).focus()
    await paste_text(pilot, QUESTION)
    return form


async def test_a_bug_while_saving_keeps_the_form_and_the_app_carries_on(
    app_factory, error_log, monkeypatch
):
    app = app_factory()
    _meeting()
    real_add_question = services.add_question
    calls = []

    def add_question_once_faulty(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise InjectedFault(_fault_message())
        return real_add_question(*args, **kwargs)

    monkeypatch.setattr(services, "add_question", add_question_once_faulty)
    async with running_into(app) as pilot:
        form = await _open_question_form(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()  # the notice is mounted after the action returns

        assert app.is_running and app.screen is form
        assert form.query_one("#field-text", TextArea).text == QUESTION
        draft = services.load_draft(form.draft_key)
        assert (draft["asker"], draft["text"]) == (RESIDENT, QUESTION)
        shown = shown_to_the_chair(app)
        assert f"{NOTICE} {error_log}" in shown
        assert_private(shown)

        # The app carries on: the same form saves once the fault has passed.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert [(q.asker.name, q.text) for q in Question.select()] == [(RESIDENT, QUESTION)]
        assert services.load_draft(form.draft_key) is None

    logged = error_log.read_text(encoding="utf-8")
    assert "InjectedFault" in logged and "message withheld" in logged
    assert "form.py" in logged and "in action_save" in logged
    assert "in add_question_once_faulty" in logged
    assert_private(logged)


async def test_a_bug_in_a_handler_closes_the_app_keeping_the_open_form_as_a_draft(
    app_factory, error_log, monkeypatch
):
    app = app_factory()
    _meeting()

    def faulty_checkbox_handler(self, *args):
        raise InjectedFault(_fault_message())

    async with running_into(app) as pilot:
        form = await _open_question_form(pilot, app)
        draft_key = form.draft_key
        # Ticking "anonymous" reaches the form through a message handler, not a key
        # binding: Textual stops a widget whose handler failed, so the app closes.
        monkeypatch.setattr(FormScreen, "on_checkbox_changed", faulty_checkbox_handler)
        form.query_one("#field-anonymous", Checkbox).focus()
        await pilot.press("space")
        await pilot.pause()

    assert app.return_code == 1
    assert app.closing_notice.startswith(NOTICE)
    assert_private(app.closing_notice)
    draft = services.load_draft(draft_key)
    assert (draft["asker"], draft["text"]) == (RESIDENT, QUESTION)
    logged = error_log.read_text(encoding="utf-8")
    assert "InjectedFault" in logged and "the app closed" in logged
    assert "in faulty_checkbox_handler" in logged
    assert_private(logged)


async def test_a_bug_filing_a_quick_entry_line_keeps_the_line_for_the_next_start(
    app_factory, error_log, monkeypatch
):
    app = app_factory()
    meeting = _meeting()
    line = f"q {RESIDENT}: {QUESTION}"

    def faulty_apply(meeting_id, text, today=None, **options):
        raise KeyError(text)  # a KeyError's message is the key: here, the whole line

    monkeypatch.setattr(quickentry, "apply", faulty_apply)
    async with running_into(app, KeyError) as pilot:
        await pilot.pause()
        await pilot.press("enter", "colon")
        await paste_text(pilot, line)
        await pilot.press("enter")
        await pilot.pause()

    assert app.return_code == 1
    assert services.load_draft(f"meeting{meeting.id}:quick") == {"line": line}
    assert Question.select().count() == 0
    logged = error_log.read_text(encoding="utf-8")
    assert "KeyError (message withheld" in logged and "in _quick_submitted" in logged
    assert_private(logged)

    # The next start opens the meeting with the line back in the box.
    monkeypatch.undo()
    again = app_factory()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Quick entry" in screen_text(again)  # the drafts list, offered at start
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, MeetingScreen)
        assert again.screen.query_one("#quick-entry", QuickLine).value == line


async def test_the_third_unexpected_error_closes_the_app(app_factory, error_log, monkeypatch):
    app = app_factory()
    _meeting()

    def faulty_details(self):
        raise InjectedFault(_fault_message())

    monkeypatch.setattr(MeetingScreen, "action_details", faulty_details)
    async with running_into(app) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(2):
            await pilot.press("m")
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, MeetingScreen)
        await pilot.press("m")
        await pilot.pause()

    assert app.return_code == 1
    assert app.closing_notice.startswith(NOTICE)
    logged = error_log.read_text(encoding="utf-8")
    assert logged.count("InjectedFault") == 3
    assert logged.count("the app carried on") == 2 and logged.count("the app closed") == 1
    assert_private(logged)


async def test_an_error_at_start_up_closes_the_app_cleanly(app_factory, error_log, monkeypatch):
    app = app_factory()

    def faulty_has_panels():
        raise InjectedFault(_fault_message())

    monkeypatch.setattr("wardpanel.queries.has_panels", faulty_has_panels)
    async with running_into(app) as pilot:
        await pilot.pause()

    assert app.return_code == 1
    assert app.closing_notice.startswith(NOTICE)
    logged = error_log.read_text(encoding="utf-8")
    assert "InjectedFault" in logged and "in faulty_has_panels" in logged
    assert_private(logged)


# -- in a real terminal -----------------------------------------------------------------

STARTS_WITH_A_FAULT = f"""
import sys
import wardpanel.queries

def faulty_has_panels():
    raise RuntimeError({_fault_message()!r})

wardpanel.queries.has_panels = faulty_has_panels
from wardpanel.cli import main
sys.argv = ["wardpanel", "--db", sys.argv[1]]
main()
"""


# The modes Textual resets as it leaves: CSI and OSC sequences.
TERMINAL_CONTROL = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?)")


def _read_until_closed(fd: int, seconds: float) -> bytes:
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


def test_in_a_terminal_a_bug_ends_in_one_plain_line_and_a_restored_terminal(tmp_path: Path):
    """SQLite only: the subject is the terminal, and one engine shows it."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    env.pop("TEXTUAL", None)
    env.pop("WARDPANEL_LOG", None)
    process = subprocess.Popen(
        [sys.executable, "-c", STARTS_WITH_A_FAULT, str(tmp_path / "ward.db")],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=tmp_path,
        close_fds=True,
    )
    os.close(slave)
    try:
        output = _read_until_closed(master, 20.0)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)

    assert process.returncode == 1
    # The alternate screen is left before the one line is printed.
    left_at = output.rfind(b"\x1b[?1049l")
    assert left_at >= 0
    tail = TERMINAL_CONTROL.sub("", output[left_at:].decode("utf-8", "replace"))
    lines = [line for line in tail.splitlines() if line.strip()]
    assert lines[-1].strip() == f"wardpanel: {NOTICE} db/wardpanel.log"
    assert "Traceback" not in output.decode("utf-8", "replace")
    assert_private(output.decode("utf-8", "replace"))
    logged = (tmp_path / "db" / "wardpanel.log").read_text(encoding="utf-8")
    assert "RuntimeError" in logged and "in faulty_has_panels" in logged
    assert_private(logged)
    assert (tmp_path / "db" / "wardpanel.log").stat().st_mode & 0o077 == 0
