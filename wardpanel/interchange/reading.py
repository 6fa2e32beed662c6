"""Reading a meeting file: loaded safely, then checked, strictly, into plain values.

Reading is strict, because a file is usually written by a program and a silent guess
would corrupt the record (wardpanel.interchange.checking says how each value is read).
A required value (`panel.name`, `meeting.date`, an update's `date`, the text of a
response, an action, a priority or a recommendation, a figure's category and value) may
not be missing; every list may be empty or absent.

Beyond single values, a file must make sense as a record: an attendee listed once; a
reason or an absence's kind only for someone who was not present, arrival and leaving
times only for someone who was; where a question was referred only with the outcome
`referred`; an approval only for approved minutes; `question` and `priority` positions
that exist in the same file.

Nothing here touches the database: a file is read and checked completely before
`importing` writes anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wardpanel.core.models import (
    ABSENCE_CATEGORIES,
    ACTION_STATUSES,
    ATTENDANCE_STATUSES,
    MEETING_STATUSES,
    PRIORITY_SETTERS,
    PRIORITY_STATUSES,
    PUBLISH_RESIDENTS,
    QUESTION_KINDS,
    QUESTION_OUTCOMES,
    RECOMMENDATION_STATUSES,
)
from wardpanel.core.people import name_key
from wardpanel.core.words import panel_code_problem, ref_key, ref_problem
from wardpanel.interchange import format as keys
from wardpanel.interchange.checking import Checker
from wardpanel.interchange.contents import (
    Action,
    Attendee,
    Figure,
    MeetingFile,
    Note,
    Priority,
    Question,
    Recommendation,
    Response,
    Update,
)
from wardpanel.interchange.format import (
    DEFAULT_TITLE,
    FORMAT,
    VERSIONS,
    child,
    show,
)
from wardpanel.interchange.loading import load_json

_READS = f"this wardpanel reads versions {' and '.join(map(str, VERSIONS))}"
_ABSENT = ("apologies", "absent")


class _Reader(Checker):
    """Reads one parsed file into a MeetingFile, refusing at the first fault."""

    def meeting_file(self, data: Any) -> MeetingFile:
        if not isinstance(data, dict):
            self.refuse("", f"holds {show(data)}, not a wardpanel meeting object {{...}}")
        self.header(data)
        self.obj(data, "", keys.TOP)
        panel = self.section(data, "panel", "", keys.PANEL)
        meeting = self.section(data, "meeting", "", keys.MEETING)
        result = MeetingFile(
            label=self.label,
            version=self.version,
            panel_name=self.line(panel, "name", "panel", required=True),
            ward=self.line(panel, "ward", "panel"),
            borough=self.line(panel, "borough", "panel"),
            publish_residents=self.choice(panel, "publish_residents", "panel", PUBLISH_RESIDENTS),
            panel_code=self.panel_code(panel),
            title=self.line(meeting, "title", "meeting") or DEFAULT_TITLE,
            date=self.date(meeting, "date", "meeting", required=True),  # type: ignore[arg-type]
            start=self.time(meeting, "start", "meeting"),
            venue=self.line(meeting, "venue", "meeting"),
            chair=self.line(meeting, "chair", "meeting"),
            status=self.choice(meeting, "status", "meeting", MEETING_STATUSES) or "draft",
            next_meeting=self.date(meeting, "next_meeting", "meeting"),
        )
        self.approval(meeting, result)
        result.attendance = self.attendance(data)
        result.notes = [self.note(path, item) for path, item in self.items(data, "notes", "")]
        result.questions = [
            self.question(path, item) for path, item in self.items(data, "questions", "")
        ]
        # Read before the actions, which may point to them.
        result.priorities = [
            self.priority(path, item) for path, item in self.items(data, "priorities", "")
        ]
        result.actions = [
            self.action(path, item, len(result.questions), len(result.priorities))
            for path, item in self.items(data, "actions", "")
        ]
        self.refs_once(result.actions)
        result.recommendations = [
            self.recommendation(path, item)
            for path, item in self.items(data, "recommendations", "")
        ]
        result.figures = [
            self.figure_entry(path, item) for path, item in self.items(data, "figures", "")
        ]
        return result

    def header(self, data: dict[str, Any]) -> None:
        """`format` and `version` first: a stranger's JSON is told it is not ours, and
        the version says which keys the rest may hold."""
        fmt = data.get("format")
        if fmt is None:
            self.refuse("format", f'is missing: a meeting file says "format": "{FORMAT}"')
        if fmt != FORMAT:
            self.refuse("format", f"{show(fmt)} is not '{FORMAT}'")
        version = data.get("version")
        if version is None:
            self.refuse("version", f"is missing: {_READS}")
        if type(version) is not int:
            self.refuse("version", f"{show(version)} should be a whole number: {_READS}")
        if version not in VERSIONS:
            self.refuse("version", f"{version} is not supported: {_READS}")
        self.version = version

    def approval(self, meeting: dict[str, Any], result: MeetingFile) -> None:
        """`approved` (only for approved minutes) and `previous_minutes`."""
        approved = self.section(meeting, "approved", "meeting", keys.APPROVED)
        result.approved_on = self.date(approved, "on", "meeting.approved")
        result.approved_by = self.line(approved, "by", "meeting.approved")
        if (result.approved_on or result.approved_by) and result.status != "approved":
            self.refuse(
                "meeting.approved",
                f"is given, but meeting.status is '{result.status}': only approved minutes "
                'record an approval ("status": "approved")',
            )
        previous = self.section(meeting, "previous_minutes", "meeting", keys.PREVIOUS_MINUTES)
        result.previous_agreed = self.maybe_flag(previous, "agreed", "meeting.previous_minutes")
        result.previous_amendments = self.text(previous, "amendments", "meeting.previous_minutes")

    # -- attendance --

    def attendance(self, data: dict[str, Any]) -> list[Attendee]:
        entries: list[Attendee] = []
        seen: dict[tuple[str, ...], str] = {}
        for path, item in self.items(data, "attendance", ""):
            entry = self.attendee(path, item)
            if entry.name:
                identity: tuple[str, ...] = (entry.name.lower(), entry.organisation.lower())
                where, shown = child(path, "name"), entry.name
            else:  # a post nobody filled is the same post for the same role and body
                identity = ("", name_key(entry.role), name_key(entry.organisation))
                where, shown = child(path, "role"), entry.role
            if identity in seen:
                self.refuse(where, f"{show(shown)} is already listed at {seen[identity]}")
            seen[identity] = path
            entries.append(entry)
        return entries

    def attendee(self, path: str, item: Any) -> Attendee:
        self.obj(item, path, keys.ATTENDEE)
        posts = self.version >= 2  # version 1 has no entries without a name
        name = self.line(item, "name", path, required=not posts)
        role = self.line(item, "role", path)
        if not name and not role:
            self.refuse(
                child(path, "name"),
                "is required but missing (an expected post nobody filled has a role instead)",
            )
        entry = Attendee(
            name=name,
            role=role,
            organisation=self.line(item, "organisation", path),
            status=self.choice(item, "status", path, ATTENDANCE_STATUSES) or "present",
            reason=self.text(item, "reason", path),
            stands_in_for=self.line(item, "for", path),
            arrived=self.time(item, "arrived", path),
            departed=self.time(item, "left", path),
            absence_category=self.choice(item, "absence_category", path, ABSENCE_CATEGORIES) or "",
            first_time=self.flag(item, "first_time", path),
            named=self.flag(item, "named", path),
        )
        self.attendee_makes_sense(path, entry)
        return entry

    def attendee_makes_sense(self, path: str, entry: Attendee) -> None:
        """What is kept for someone absent is not kept for someone present, and back;
        and nobody stands in for themselves."""
        if entry.stands_in_for and name_key(entry.stands_in_for) == name_key(
            entry.name or entry.role
        ):
            self.refuse(
                child(path, "for"),
                f"{show(entry.stands_in_for)} is this attendee: `for` names the person "
                "they stood in for",
            )
        absent_only = ("absent",) if self.version == 1 else _ABSENT
        said_for = "status 'absent'" if self.version == 1 else "status 'apologies' or 'absent'"
        if entry.status not in absent_only:
            for key, value, what in (
                ("reason", entry.reason, "a reason"),
                ("absence_category", entry.absence_category, "an absence's kind"),
            ):
                if value:
                    self.refuse(
                        child(path, key),
                        f"{show(value)}: {what} is kept only for {said_for} "
                        f"(this entry is '{entry.status}')",
                    )
        if entry.status != "present":
            for key, value in (("arrived", entry.arrived), ("left", entry.departed)):
                if value:
                    self.refuse(
                        child(path, key),
                        f"{show(value)}: arrival and leaving times are kept only for status "
                        f"'present' (this entry is '{entry.status}')",
                    )

    # -- what was said --

    def note(self, path: str, item: Any) -> Note:
        self.obj(item, path, keys.NOTE)
        note = Note(
            self.line(item, "heading", path),
            self.text(item, "text", path),
            internal=self.flag(item, "internal", path),
        )
        if not note.heading and not note.text:
            self.refuse(path, "a note needs a heading or some text")
        return note

    def question(self, path: str, item: Any) -> Question:
        self.obj(item, path, keys.QUESTION)
        question = Question(
            asked_by=self.line(item, "asked_by", path),
            anonymous=self.flag(item, "anonymous", path),
            topic=self.line(item, "topic", path),
            text=self.text(item, "text", path),
            responses=[],
            kind=self.choice(item, "kind", path, QUESTION_KINDS) or "question",
            outcome=self.choice(item, "outcome", path, QUESTION_OUTCOMES) or "",
            referred_to=self.line(item, "referred_to", path),
            internal=self.flag(item, "internal", path),
        )
        if not question.text and not question.topic:
            self.refuse(child(path, "text"), "is required (or at least a topic)")
        if question.referred_to and question.outcome != "referred":
            outcome = f"'{question.outcome}'" if question.outcome else "not given"
            self.refuse(
                child(path, "referred_to"),
                f"{show(question.referred_to)}: where a question was referred is kept only "
                f"with outcome 'referred' (this question's outcome is {outcome})",
            )
        for where, answer in self.items(item, "responses", path):
            self.obj(answer, where, keys.RESPONSE)
            question.responses.append(
                Response(
                    organisation=self.line(answer, "organisation", where),
                    responder=self.line(answer, "responder", where),
                    text=self.text(answer, "text", where, required=True),
                    internal=self.flag(answer, "internal", where),
                )
            )
        return question

    def updates(self, item: dict[str, Any], path: str, statuses: tuple[str, ...]) -> list[Update]:
        """An action's or a recommendation's updates: each a date and some text or a status."""
        found = []
        for where, entry in self.items(item, "updates", path):
            self.obj(entry, where, keys.UPDATE)
            update = Update(
                date=self.date(entry, "date", where, required=True),  # type: ignore[arg-type]
                text=self.text(entry, "text", where),
                status=self.choice(entry, "status", where, statuses),
            )
            if not update.text and update.status is None:
                self.refuse(where, "an update needs some text or a status")
            found.append(update)
        return found

    def action(self, path: str, item: Any, questions: int, priorities: int) -> Action:
        self.obj(item, path, keys.ACTION)
        return Action(
            text=self.text(item, "text", path, required=True),
            owner=self.line(item, "owner", path),
            organisation=self.line(item, "organisation", path),
            due=self.date(item, "due", path),
            status=self.choice(item, "status", path, ACTION_STATUSES) or "open",
            question=self.position(item, "question", path, ("question", "questions"), questions),
            updates=self.updates(item, path, ACTION_STATUSES),
            agreed_due=self.date(item, "agreed_due", path),
            priority=self.position(item, "priority", path, ("priority", "priorities"), priorities),
            internal=self.flag(item, "internal", path),
            ref=self.ref(item, path),
        )

    def ref(self, item: dict[str, Any], path: str) -> str:
        """An action's reference as it was printed, in capitals as references are."""
        ref = self.line(item, "ref", path)
        problem = ref_problem(ref) if ref else None
        if problem:
            self.refuse(child(path, "ref"), problem)
        return ref_key(ref)

    def refs_once(self, actions: list[Action]) -> None:
        """No two actions of a file may have one reference."""
        first: dict[str, int] = {}
        for position, action in enumerate(actions, start=1):
            if not action.ref:
                continue
            seen = first.setdefault(ref_key(action.ref), position)
            if seen != position:
                self.refuse(
                    f"actions[{position}].ref",
                    f"'{action.ref}' is also the reference of actions[{seen}]",
                )

    def panel_code(self, panel: dict[str, Any]) -> str:
        code = ref_key(self.line(panel, "code", "panel"))
        problem = panel_code_problem(code) if code else None
        if problem:
            self.refuse("panel.code", problem)
        return code

    def priority(self, path: str, item: Any) -> Priority:
        self.obj(item, path, keys.PRIORITY)
        return Priority(
            text=self.text(item, "text", path, required=True),
            status=self.choice(item, "status", path, PRIORITY_STATUSES) or "active",
            set_by=self.choice(item, "set_by", path, PRIORITY_SETTERS) or "panel",
            lead=self.line(item, "lead", path),
            measure=self.text(item, "measure", path),
            review_by=self.date(item, "review_by", path),
        )

    def recommendation(self, path: str, item: Any) -> Recommendation:
        self.obj(item, path, keys.RECOMMENDATION)
        return Recommendation(
            text=self.text(item, "text", path, required=True),
            to=self.line(item, "to", path),
            source=self.line(item, "from", path),
            response_due=self.date(item, "response_due", path),
            response_due_as_said=self.line(item, "response_due_as_said", path),
            status=self.choice(item, "status", path, RECOMMENDATION_STATUSES)
            or "awaiting_response",
            response=self.text(item, "response", path),
            updates=self.updates(item, path, RECOMMENDATION_STATUSES),
        )

    def figure_entry(self, path: str, item: Any) -> Figure:
        self.obj(item, path, keys.FIGURE)
        return Figure(
            category=self.line(item, "category", path, required=True),
            value=self.figure(item, "value", path, required=True),  # type: ignore[arg-type]
            previous=self.figure(item, "previous", path),
            period=self.line(item, "period", path),
            unit=self.line(item, "unit", path),
            note=self.text(item, "note", path),
        )


def read_meeting_file(path: Path) -> MeetingFile:
    """Read and check one file completely, touching no database; InterchangeError if bad."""
    label, data = load_json(path)
    return _Reader(label).meeting_file(data)
