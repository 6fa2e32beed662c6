"""A chair typing a long answer into a form at meeting speed, until the process is killed.

Run as a child process by the draft kill test:  python typist.py DB MEETING_ID

It drives the real app (headless, as the Pilot tests do) on the database file: opens
the meeting, opens a new question's form and types TEXT into the question box one key
every KEY_INTERVAL seconds, never pausing. It prints `ready` when the form is open and
then, after each key has been handled, how many characters have been typed, flushed at
once, so the test knows what was on screen when it killed the process.
"""

from __future__ import annotations

import asyncio
import sys

from textual.keys import _character_to_key

from wardpanel.app.launch import make_app
from wardpanel.app.meeting.screen import MeetingScreen

KEY_INTERVAL = 0.15  # seconds: steady typing, no pause for a debounced draft to catch
TEXT = (
    "Residents on the Tannery Estate report phone snatching at the bus stop every "
    "evening between six and eight; what is the team doing about it, and when will "
    "the panel hear back? "
) * 3


async def type_until_killed(database: str, meeting_id: int) -> None:
    app = make_app(database)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        await pilot.press("2", "a")
        await pilot.pause()
        app.screen.query_one("#field-text").focus()
        await pilot.pause()
        print("ready", flush=True)
        for typed, char in enumerate(TEXT, start=1):
            await pilot.press(_character_to_key(char))
            print(typed, flush=True)
            await asyncio.sleep(KEY_INTERVAL)


if __name__ == "__main__":
    asyncio.run(type_until_killed(sys.argv[1], int(sys.argv[2])))
