"""The one line a meeting shows above every tab: who is here, who is not, what is open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from wardpanel.app.actions.history import ref
from wardpanel.app.meeting.attendance import who
from wardpanel.core.words import plural

if TYPE_CHECKING:
    from wardpanel.app.meeting.actions import ActionsSection
    from wardpanel.app.meeting.attendance import AttendanceSection
    from wardpanel.app.meeting.questions import QuestionsSection


def meeting_strip(
    attendance: AttendanceSection, questions: QuestionsSection, actions: ActionsSection
) -> Text:
    """'9 present · 2 apologies · 2 absent: Graham Lowe, Marek Nowak · 1 question without
    an answer (3) · 1 action without an owner (A4)', read from the tabs as loaded."""
    counts = attendance.counts()
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{counts['present']} present", "green")
    text.append(f" · {counts['apologies']} apologies", "yellow")
    absent = [who(e.person) for e in attendance.items.values() if e.status == "absent"]
    text.append(f" · {len(absent)} absent", "bold red" if absent else "")
    if absent:
        text.append(": " + ", ".join(absent), "red")
    # A recorded outcome says what became of a question with no response: counted by
    # it (unanswered, a written reply owed), not as still waiting.
    waiting = [
        questions.numbers[q.id]
        for q in questions.questions()
        if not q.answers and getattr(q, "kind", "question") != "statement" and not q.outcome
    ]
    if waiting:
        numbers = ", ".join(str(n) for n in waiting)
        text.append(
            f" · {plural(len(waiting), 'question')} without an answer ({numbers})", "yellow"
        )
    for outcome, noun, many, style in (
        ("unanswered", "question unanswered", "questions unanswered", "bold red"),
        ("written_reply", "written reply owed", "written replies owed", "yellow"),
    ):
        owed = [questions.numbers[q.id] for q in questions.questions() if q.outcome == outcome]
        if owed:
            numbers = ", ".join(str(n) for n in owed)
            text.append(f" · {plural(len(owed), noun, many)} ({numbers})", style)
    ownerless = [ref(a) for a in actions.items.values() if not a.owner_id and not a.organisation_id]
    if ownerless:
        text.append(
            f" · {plural(len(ownerless), 'action')} without an owner ({', '.join(ownerless)})",
            "yellow",
        )
    return text
