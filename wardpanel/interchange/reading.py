"""Reading a meeting file: its JSON loaded and checked, strictly, into plain dataclasses.

Reading is strict, because a file is usually written by a program and a silent guess
would corrupt the record: dates only as YYYY-MM-DD, times only as HH:MM, enumerations
spelled exactly, no unknown keys, no key twice in one object. Text is cleaned the way
the app cleans what a chair types (`services.line` and `services.long_text`).

Optional values may be `null`, absent or blank text, which all mean "none"; a
required one (`panel.name`, `meeting.date`, an update's `date`, the text of a response,
an action or a priority) may not.

Nothing here touches the database: a file is read and checked completely before
`importing` writes anything.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from wardpanel.core.models import (
    ACTION_STATUSES,
    ATTENDANCE_STATUSES,
    MEETING_STATUSES,
    PRIORITY_SETTERS,
    PRIORITY_STATUSES,
)
from wardpanel.interchange.format import (
    ACTION_KEYS,
    ATTENDEE_KEYS,
    DEFAULT_TITLE,
    FORMAT,
    MEETING_KEYS,
    NOTE_KEYS,
    PANEL_KEYS,
    PRIORITY_KEYS,
    QUESTION_KEYS,
    RESPONSE_KEYS,
    TOP_KEYS,
    UPDATE_KEYS,
    VERSION,
    InterchangeError,
    child,
    printable,
    show,
)
from wardpanel.services import InputError, line, long_text

# ASCII digits only, and the whole value: `\d` would take other scripts' digits, and `$`
# a final newline, letting "19:00\n" or "１９:００" into a field that promises HH:MM.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"([0-9]{2}):([0-9]{2})")


# -- what a file holds, once read and checked -----------------------------------------


@dataclass
class _Attendee:
    name: str
    role: str
    organisation: str
    status: str
    reason: str


@dataclass
class _Response:
    organisation: str
    responder: str
    text: str


@dataclass
class _Question:
    asked_by: str
    anonymous: bool
    topic: str
    text: str
    responses: list[_Response]


@dataclass
class _Update:
    date: dt.date
    text: str
    status: str | None


@dataclass
class _Action:
    text: str
    owner: str
    organisation: str
    due: dt.date | None
    status: str
    question: int | None
    updates: list[_Update]


@dataclass
class _Note:
    heading: str
    text: str


@dataclass
class _Priority:
    text: str
    status: str
    set_by: str = "panel"


@dataclass
class MeetingFile:
    """One file, read and checked: what `importing` writes; `label` names it in messages."""

    label: str
    panel_name: str
    ward: str
    borough: str
    title: str
    date: dt.date
    start: str
    venue: str
    chair: str
    status: str
    next_meeting: dt.date | None
    attendance: list[_Attendee] = field(default_factory=list)
    notes: list[_Note] = field(default_factory=list)
    questions: list[_Question] = field(default_factory=list)
    actions: list[_Action] = field(default_factory=list)
    priorities: list[_Priority] = field(default_factory=list)


# -- reading JSON -------------------------------------------------------------------------


class _JsonObject(dict):  # type: ignore[type-arg]
    """A JSON object that remembers the first key it held twice, if any."""

    repeated: str | None = None


def _object_from_pairs(pairs: list[tuple[str, Any]]) -> _JsonObject:
    result = _JsonObject()
    for key, value in pairs:
        if key in result and result.repeated is None:
            result.repeated = key
        result[key] = value
    return result


class _ForbiddenConstant(ValueError):
    pass


def _refuse_constant(name: str) -> NoReturn:
    raise _ForbiddenConstant(name)


def _load_json(path: Path) -> tuple[str, Any]:
    """The file's label (as messages name it) and its parsed JSON."""
    label = printable(str(path))

    def refuse(problem: str) -> NoReturn:
        raise InterchangeError(f"{label}: {problem}", file=label)

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        refuse("no such file")
    except IsADirectoryError:
        refuse("is a folder, not a meeting file")
    except OSError as error:
        refuse(f"cannot be read: {error.strerror or error}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        refuse(
            f"is not UTF-8 text (byte 0x{raw[error.start]:02x} at position {error.start}); "
            "save it as UTF-8"
        )
    try:
        data = json.loads(
            text, object_pairs_hook=_object_from_pairs, parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as error:
        refuse(f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}")
    except _ForbiddenConstant as error:
        refuse(f"is not valid JSON: {error} is not a JSON value")
    except RecursionError:
        refuse("is not a meeting file: its JSON is nested too deeply")
    return label, data


# -- checking a file ----------------------------------------------------------------------


class _Checker:
    """Reads one parsed file into a MeetingFile, refusing at the first fault."""

    def __init__(self, label: str) -> None:
        self.label = label

    def refuse(self, path: str, problem: str) -> NoReturn:
        where = f"{path}: " if path else ""
        raise InterchangeError(f"{self.label}: {where}{problem}", file=self.label, key=path)

    # Each reader takes the object holding the key, so that `null` and absent are one.

    def obj(self, value: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.refuse(path, f"{show(value)} should be an object {{...}}")
        repeated = getattr(value, "repeated", None)
        if repeated is not None:
            self.refuse(child(path, repeated), "this key appears twice in the same object")
        for key in value:
            if key not in allowed:
                self.refuse(
                    child(path, printable(key)),
                    f"unknown key (expected one of: {', '.join(allowed)})",
                )
        return value

    def section(self, data: dict[str, Any], key: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        """A top-level object such as `panel`; absent or null reads as empty."""
        value = data.get(key)
        return {} if value is None else self.obj(value, key, allowed)

    def items(self, holder: dict[str, Any], key: str, path: str) -> list[tuple[str, Any]]:
        """A list's entries with their paths; an absent or null list is empty."""
        where = child(path, key)
        value = holder.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.refuse(where, f"{show(value)} should be a list [...]")
        return [(f"{where}[{position}]", item) for position, item in enumerate(value, start=1)]

    def _raw_text(self, holder: dict[str, Any], key: str, path: str, required: bool) -> Any:
        value = holder.get(key)
        if value is None:
            if required:
                self.refuse(child(path, key), "is required but missing")
            return None
        if not isinstance(value, str):
            self.refuse(child(path, key), f"{show(value)} should be text in quotes")
        return value

    def _token(self, holder: dict[str, Any], key: str, path: str, required: bool) -> str | None:
        """A date, time or enumeration value: blank text counts as absent."""
        value = self._raw_text(holder, key, path, required)
        if value is not None and not value.strip():
            if required:
                self.refuse(child(path, key), f"{show(value)} cannot be empty")
            return None
        return value

    def _cleaned(self, cleaner: Any, value: Any, where: str, required: bool) -> str:
        try:
            return cleaner(value, where, required=required)
        except InputError as error:
            self.refuse(where, f"{show(value)} {error.message}")

    def line(self, holder: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
        value = self._raw_text(holder, key, path, required)
        return self._cleaned(line, value, child(path, key), required)

    def text(self, holder: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
        value = self._raw_text(holder, key, path, required)
        return self._cleaned(long_text, value, child(path, key), required)

    def date(
        self, holder: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> dt.date | None:
        value = self._token(holder, key, path, required)
        if value is None:
            return None
        where = child(path, key)
        if not _DATE.fullmatch(value):
            self.refuse(where, f"{show(value)} is not a date in YYYY-MM-DD form")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.refuse(where, f"{show(value)} is not a real date")

    def time(self, holder: dict[str, Any], key: str, path: str) -> str:
        value = self._token(holder, key, path, False)
        if value is None:
            return ""
        match = _TIME.fullmatch(value)
        where = child(path, key)
        if not match:
            self.refuse(where, f"{show(value)} is not a time in HH:MM form, e.g. 19:00")
        if int(match[1]) > 23 or int(match[2]) > 59:
            self.refuse(where, f"{show(value)} is not a real time")
        return value

    def choice(
        self, holder: dict[str, Any], key: str, path: str, allowed: tuple[str, ...]
    ) -> str | None:
        value = self._token(holder, key, path, False)
        if value is None:
            return None
        if value not in allowed:
            self.refuse(child(path, key), f"{show(value)} is not one of {', '.join(allowed)}")
        return value

    def flag(self, holder: dict[str, Any], key: str, path: str) -> bool:
        value = holder.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.refuse(child(path, key), f"{show(value)} should be true or false")
        return value

    # -- the sections of a file --

    def meeting_file(self, data: Any) -> MeetingFile:
        if not isinstance(data, dict):
            self.refuse("", f"holds {show(data)}, not a wardpanel meeting object {{...}}")
        self.header(data)
        self.obj(data, "", TOP_KEYS)
        panel = self.section(data, "panel", PANEL_KEYS)
        meeting = self.section(data, "meeting", MEETING_KEYS)
        result = MeetingFile(
            label=self.label,
            panel_name=self.line(panel, "name", "panel", required=True),
            ward=self.line(panel, "ward", "panel"),
            borough=self.line(panel, "borough", "panel"),
            title=self.line(meeting, "title", "meeting") or DEFAULT_TITLE,
            date=self.date(meeting, "date", "meeting", required=True),  # type: ignore[arg-type]
            start=self.time(meeting, "start", "meeting"),
            venue=self.line(meeting, "venue", "meeting"),
            chair=self.line(meeting, "chair", "meeting"),
            status=self.choice(meeting, "status", "meeting", MEETING_STATUSES) or "draft",
            next_meeting=self.date(meeting, "next_meeting", "meeting"),
        )
        result.attendance = self.attendance(data)
        result.notes = [self.note(path, item) for path, item in self.items(data, "notes", "")]
        result.questions = [
            self.question(path, item) for path, item in self.items(data, "questions", "")
        ]
        result.actions = [
            self.action(path, item, len(result.questions))
            for path, item in self.items(data, "actions", "")
        ]
        result.priorities = [
            self.priority(path, item) for path, item in self.items(data, "priorities", "")
        ]
        return result

    def header(self, data: dict[str, Any]) -> None:
        """`format` and `version` first: a stranger's JSON is told it is not ours."""
        fmt = data.get("format")
        if fmt is None:
            self.refuse("format", f'is missing: a meeting file says "format": "{FORMAT}"')
        if fmt != FORMAT:
            self.refuse("format", f"{show(fmt)} is not '{FORMAT}'")
        version = data.get("version")
        if version is None:
            self.refuse("version", f"is missing: this wardpanel reads version {VERSION}")
        if type(version) is not int:
            self.refuse("version", f"{show(version)} should be the whole number {VERSION}")
        if version != VERSION:
            self.refuse(
                "version", f"{version} is not supported: this wardpanel reads version {VERSION}"
            )

    def attendance(self, data: dict[str, Any]) -> list[_Attendee]:
        entries: list[_Attendee] = []
        seen: dict[tuple[str, str], str] = {}
        for path, item in self.items(data, "attendance", ""):
            self.obj(item, path, ATTENDEE_KEYS)
            entry = _Attendee(
                name=self.line(item, "name", path, required=True),
                role=self.line(item, "role", path),
                organisation=self.line(item, "organisation", path),
                status=self.choice(item, "status", path, ATTENDANCE_STATUSES) or "present",
                reason=self.text(item, "reason", path),
            )
            if entry.reason and entry.status != "absent":
                self.refuse(
                    child(path, "reason"),
                    f"{show(entry.reason)}: a reason is kept only for status 'absent' "
                    f"(this entry is '{entry.status}')",
                )
            identity = (entry.name.lower(), entry.organisation.lower())
            if identity in seen:
                self.refuse(
                    child(path, "name"),
                    f"{show(entry.name)} is already listed at {seen[identity]}",
                )
            seen[identity] = path
            entries.append(entry)
        return entries

    def note(self, path: str, item: Any) -> _Note:
        self.obj(item, path, NOTE_KEYS)
        note = _Note(self.line(item, "heading", path), self.text(item, "text", path))
        if not note.heading and not note.text:
            self.refuse(path, "a note needs a heading or some text")
        return note

    def question(self, path: str, item: Any) -> _Question:
        self.obj(item, path, QUESTION_KEYS)
        question = _Question(
            asked_by=self.line(item, "asked_by", path),
            anonymous=self.flag(item, "anonymous", path),
            topic=self.line(item, "topic", path),
            text=self.text(item, "text", path),
            responses=[],
        )
        if not question.text and not question.topic:
            self.refuse(child(path, "text"), "is required (or at least a topic)")
        for where, answer in self.items(item, "responses", path):
            self.obj(answer, where, RESPONSE_KEYS)
            question.responses.append(
                _Response(
                    organisation=self.line(answer, "organisation", where),
                    responder=self.line(answer, "responder", where),
                    text=self.text(answer, "text", where, required=True),
                )
            )
        return question

    def action(self, path: str, item: Any, questions: int) -> _Action:
        self.obj(item, path, ACTION_KEYS)
        action = _Action(
            text=self.text(item, "text", path, required=True),
            owner=self.line(item, "owner", path),
            organisation=self.line(item, "organisation", path),
            due=self.date(item, "due", path),
            status=self.choice(item, "status", path, ACTION_STATUSES) or "open",
            question=self.question_index(item, path, questions),
            updates=[],
        )
        for where, entry in self.items(item, "updates", path):
            self.obj(entry, where, UPDATE_KEYS)
            update = _Update(
                date=self.date(entry, "date", where, required=True),  # type: ignore[arg-type]
                text=self.text(entry, "text", where),
                status=self.choice(entry, "status", where, ACTION_STATUSES),
            )
            if not update.text and update.status is None:
                self.refuse(where, "an update needs some text or a status")
            action.updates.append(update)
        return action

    def question_index(self, item: dict[str, Any], path: str, questions: int) -> int | None:
        value = item.get("question")
        if value is None:
            return None
        where = child(path, "question")
        if type(value) is not int:
            self.refuse(
                where, f"{show(value)} should be a question's position in this file, from 1"
            )
        if not 1 <= value <= questions:
            self.refuse(
                where,
                f"{value} is not a question in this file "
                f"(questions count from 1; the file has {questions})",
            )
        return value

    def priority(self, path: str, item: Any) -> _Priority:
        self.obj(item, path, PRIORITY_KEYS)
        return _Priority(
            text=self.text(item, "text", path, required=True),
            status=self.choice(item, "status", path, PRIORITY_STATUSES) or "active",
            set_by=self.choice(item, "set_by", path, PRIORITY_SETTERS) or "panel",
        )


def read_meeting_file(path: Path) -> MeetingFile:
    """Read and check one file completely, touching no database; InterchangeError if bad."""
    label, data = _load_json(path)
    return _Checker(label).meeting_file(data)
