"""Forget leaves no look-alike behind: a name pasted with invisible characters is the
same person, and is erased from the record, the text and the minutes as one.

Before names were stored in their normal form, "Jo Bright" followed by an invisible
mark (U+200E) was a second person, whom `wardpanel forget "Jo Bright"` left behind for
the minutes to print.
"""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_privacy import minutes_text, run, word_anywhere
from wardpanel import privacy, services
from wardpanel.core.models import Person
from wardpanel.interchange import dump_text


def test_forget_leaves_no_look_alike_behind_in_the_record_or_the_minutes(
    database: str, tmp_path: Path
) -> None:
    """ "Jo Bright" followed by an invisible mark was a second person, whom forget left
    behind for the minutes to print. Names are now stored and matched in their normal
    form, and found in text however they were written."""
    panel = services.create_panel("Marsh Lane Ward Panel")
    june = services.create_meeting(panel.id, "2026-06-11")
    september = services.create_meeting(panel.id, "2026-09-17")
    services.record_attendance(june.id, "Jo Bright")
    services.record_attendance(september.id, "Jo Bright\u200e")
    services.add_question(september.id, "Who mends the lights?", "\ufeffJo Bri\u200bght")
    services.add_note(september.id, "Any other business", "Jo\u00ad Bright\u2060 thanked everyone.")
    assert len(privacy.people_named("Jo Bright")) == 1

    result = run("forget", "Jo Bright", "--yes", "--db", database)
    assert result.exit_code == 0, result.output
    assert "2 attendance entries removed" in result.output
    assert Person.select().count() == 0
    for meeting in (june, september):
        text = minutes_text(meeting.id, tmp_path)
        assert "Bright" not in text and "Bri" not in text
        assert "Bright" not in dump_text(meeting.id)
    assert not word_anywhere("Bright")
