"""Meeting files in and out: the `wardpanel-meeting` JSON format, version 1.

The format is a shared contract (INTERFACES.md, section 2): clerks' scripts and other
tools write and read it. Reading is strict, because a file is usually written by a
program and a silent guess would corrupt the record: dates only as YYYY-MM-DD, times
only as HH:MM, enumerations spelled exactly, no unknown keys. Text is cleaned the way
the app cleans what a chair types (`services.line` and `services.long_text`).

Who is who, on import:
- an attendee is matched by name and organisation (no organisation: a resident);
- a response's responder and an action's owner, when an organisation is given, are
  matched by name and that organisation;
- without an organisation (and always for a question's `asked_by`), the name means
  the one attendee of that name in the same file when there is exactly one, otherwise
  a resident of that name. An action whose owner is found this way takes the owner's
  organisation, as it does when typed in the app. (So a file cannot tell an action
  owned by an absent resident from one owned by an attending officer of the same
  name: the officer is chosen.)

Optional values may be `null`, absent or blank text, which all mean "none"; a
required one (`panel.name`, `meeting.date`, an update's `date`, the text of a response,
an action or a priority) may not.

Writing a dump, every list is written (empty when there is nothing in it), every list
in the order it was entered, and any other key whose value is empty is left out, so
that a dump imported into an empty database dumps to the same JSON.

Attendance entries with the app's internal status "expected" (people carried over
from the panel's last meeting whom the chair has not yet marked) are left out of a
dump: version 1 has no such status, and saying they were present, absent or sent
apologies would record something that did not happen. A file can only say what the
chair did mark.

A priority may carry the optional key `set_by` ("panel" or "police"; absent means
"panel"). A dump writes it only for "police", so that files written before the key
existed dump unchanged. Reviews of priorities and the links from actions to priorities
are not part of version 1: a meeting file stays a record of one meeting.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import peewee as pw

from wardpanel.core.models import (
    ACTION_STATUSES,
    ATTENDANCE_STATUSES,
    MEETING_STATUSES,
    PRIORITY_SETTERS,
    PRIORITY_STATUSES,
    Action,
    ActionUpdate,
    Attendance,
    Meeting,
    Note,
    Organisation,
    Panel,
    Person,
    Priority,
    Question,
    Response,
)
from wardpanel.core.storage.database import db, read_snapshot
from wardpanel.queries import search
from wardpanel.services import InputError, line, long_text, organisation_named, person_named

FORMAT = "wardpanel-meeting"
VERSION = 1
DEFAULT_TITLE = "Ward panel meeting"

# ASCII digits only, and the whole value: `\d` would take other scripts' digits, and `$`
# a final newline, letting "19:00\n" or "１９:００" into a field that promises HH:MM.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"([0-9]{2}):([0-9]{2})")
_SHOWN_CHARACTERS = 60

_TOP_KEYS = ("format", "version", "panel", "meeting", "attendance", "notes", "questions",
             "actions", "priorities")  # fmt: skip
_PANEL_KEYS = ("name", "ward", "borough")
_MEETING_KEYS = ("title", "date", "start", "venue", "chair", "status", "next_meeting")
_ATTENDEE_KEYS = ("name", "role", "organisation", "status", "reason")
_NOTE_KEYS = ("heading", "text")
_QUESTION_KEYS = ("asked_by", "anonymous", "topic", "text", "responses")
_RESPONSE_KEYS = ("organisation", "responder", "text")
_ACTION_KEYS = ("text", "owner", "organisation", "due", "status", "question", "updates")
_UPDATE_KEYS = ("date", "text", "status")
_PRIORITY_KEYS = ("text", "status", "set_by")


class InterchangeError(Exception):
    """A meeting file refused, or a meeting that cannot be dumped.

    The message is one line naming the file, the key path (list positions counted
    from 1) and the value at fault: `meeting.json: actions[3].due: '2026-02-30' is
    not a real date`. `file` and `key` hold those parts on their own.
    """

    def __init__(self, message: str, *, file: str = "", key: str = "") -> None:
        super().__init__(message)
        self.file = file
        self.key = key


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
class _MeetingFile:
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


# -- showing values in messages ---------------------------------------------------------


def _printable(text: str) -> str:
    """Text safe to print on any terminal: control characters and surrogates escaped."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def _show(value: Any) -> str:
    """A value as a message quotes it: short, on one line, printable."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        text = value
        if len(text) > _SHOWN_CHARACTERS:
            text = text[: _SHOWN_CHARACTERS - 3] + "..."
        return f"'{_printable(text)}'"
    return _printable(json.dumps(value))


def _child(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


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
    label = _printable(str(path))

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
    """Reads one parsed file into a _MeetingFile, refusing at the first fault."""

    def __init__(self, label: str) -> None:
        self.label = label

    def refuse(self, path: str, problem: str) -> NoReturn:
        where = f"{path}: " if path else ""
        raise InterchangeError(f"{self.label}: {where}{problem}", file=self.label, key=path)

    # Each reader takes the object holding the key, so that `null` and absent are one.

    def obj(self, value: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.refuse(path, f"{_show(value)} should be an object {{...}}")
        repeated = getattr(value, "repeated", None)
        if repeated is not None:
            self.refuse(_child(path, repeated), "this key appears twice in the same object")
        for key in value:
            if key not in allowed:
                self.refuse(
                    _child(path, _printable(key)),
                    f"unknown key (expected one of: {', '.join(allowed)})",
                )
        return value

    def section(self, data: dict[str, Any], key: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        """A top-level object such as `panel`; absent or null reads as empty."""
        value = data.get(key)
        return {} if value is None else self.obj(value, key, allowed)

    def items(self, holder: dict[str, Any], key: str, path: str) -> list[tuple[str, Any]]:
        """A list's entries with their paths; an absent or null list is empty."""
        where = _child(path, key)
        value = holder.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.refuse(where, f"{_show(value)} should be a list [...]")
        return [(f"{where}[{position}]", item) for position, item in enumerate(value, start=1)]

    def _raw_text(self, holder: dict[str, Any], key: str, path: str, required: bool) -> Any:
        value = holder.get(key)
        if value is None:
            if required:
                self.refuse(_child(path, key), "is required but missing")
            return None
        if not isinstance(value, str):
            self.refuse(_child(path, key), f"{_show(value)} should be text in quotes")
        return value

    def _token(self, holder: dict[str, Any], key: str, path: str, required: bool) -> str | None:
        """A date, time or enumeration value: blank text counts as absent."""
        value = self._raw_text(holder, key, path, required)
        if value is not None and not value.strip():
            if required:
                self.refuse(_child(path, key), f"{_show(value)} cannot be empty")
            return None
        return value

    def _cleaned(self, cleaner: Any, value: Any, where: str, required: bool) -> str:
        try:
            return cleaner(value, where, required=required)
        except InputError as error:
            self.refuse(where, f"{_show(value)} {error.message}")

    def line(self, holder: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
        value = self._raw_text(holder, key, path, required)
        return self._cleaned(line, value, _child(path, key), required)

    def text(self, holder: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
        value = self._raw_text(holder, key, path, required)
        return self._cleaned(long_text, value, _child(path, key), required)

    def date(
        self, holder: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> dt.date | None:
        value = self._token(holder, key, path, required)
        if value is None:
            return None
        where = _child(path, key)
        if not _DATE.fullmatch(value):
            self.refuse(where, f"{_show(value)} is not a date in YYYY-MM-DD form")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.refuse(where, f"{_show(value)} is not a real date")

    def time(self, holder: dict[str, Any], key: str, path: str) -> str:
        value = self._token(holder, key, path, False)
        if value is None:
            return ""
        match = _TIME.fullmatch(value)
        where = _child(path, key)
        if not match:
            self.refuse(where, f"{_show(value)} is not a time in HH:MM form, e.g. 19:00")
        if int(match[1]) > 23 or int(match[2]) > 59:
            self.refuse(where, f"{_show(value)} is not a real time")
        return value

    def choice(
        self, holder: dict[str, Any], key: str, path: str, allowed: tuple[str, ...]
    ) -> str | None:
        value = self._token(holder, key, path, False)
        if value is None:
            return None
        if value not in allowed:
            self.refuse(_child(path, key), f"{_show(value)} is not one of {', '.join(allowed)}")
        return value

    def flag(self, holder: dict[str, Any], key: str, path: str) -> bool:
        value = holder.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.refuse(_child(path, key), f"{_show(value)} should be true or false")
        return value

    # -- the sections of a file --

    def meeting_file(self, data: Any) -> _MeetingFile:
        if not isinstance(data, dict):
            self.refuse("", f"holds {_show(data)}, not a wardpanel meeting object {{...}}")
        self.header(data)
        self.obj(data, "", _TOP_KEYS)
        panel = self.section(data, "panel", _PANEL_KEYS)
        meeting = self.section(data, "meeting", _MEETING_KEYS)
        result = _MeetingFile(
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
            self.refuse("format", f"{_show(fmt)} is not '{FORMAT}'")
        version = data.get("version")
        if version is None:
            self.refuse("version", f"is missing: this wardpanel reads version {VERSION}")
        if type(version) is not int:
            self.refuse("version", f"{_show(version)} should be the whole number {VERSION}")
        if version != VERSION:
            self.refuse(
                "version", f"{version} is not supported: this wardpanel reads version {VERSION}"
            )

    def attendance(self, data: dict[str, Any]) -> list[_Attendee]:
        entries: list[_Attendee] = []
        seen: dict[tuple[str, str], str] = {}
        for path, item in self.items(data, "attendance", ""):
            self.obj(item, path, _ATTENDEE_KEYS)
            entry = _Attendee(
                name=self.line(item, "name", path, required=True),
                role=self.line(item, "role", path),
                organisation=self.line(item, "organisation", path),
                status=self.choice(item, "status", path, ATTENDANCE_STATUSES) or "present",
                reason=self.text(item, "reason", path),
            )
            if entry.reason and entry.status != "absent":
                self.refuse(
                    _child(path, "reason"),
                    f"{_show(entry.reason)}: a reason is kept only for status 'absent' "
                    f"(this entry is '{entry.status}')",
                )
            identity = (entry.name.lower(), entry.organisation.lower())
            if identity in seen:
                self.refuse(
                    _child(path, "name"),
                    f"{_show(entry.name)} is already listed at {seen[identity]}",
                )
            seen[identity] = path
            entries.append(entry)
        return entries

    def note(self, path: str, item: Any) -> _Note:
        self.obj(item, path, _NOTE_KEYS)
        note = _Note(self.line(item, "heading", path), self.text(item, "text", path))
        if not note.heading and not note.text:
            self.refuse(path, "a note needs a heading or some text")
        return note

    def question(self, path: str, item: Any) -> _Question:
        self.obj(item, path, _QUESTION_KEYS)
        question = _Question(
            asked_by=self.line(item, "asked_by", path),
            anonymous=self.flag(item, "anonymous", path),
            topic=self.line(item, "topic", path),
            text=self.text(item, "text", path),
            responses=[],
        )
        if not question.text and not question.topic:
            self.refuse(_child(path, "text"), "is required (or at least a topic)")
        for where, answer in self.items(item, "responses", path):
            self.obj(answer, where, _RESPONSE_KEYS)
            question.responses.append(
                _Response(
                    organisation=self.line(answer, "organisation", where),
                    responder=self.line(answer, "responder", where),
                    text=self.text(answer, "text", where, required=True),
                )
            )
        return question

    def action(self, path: str, item: Any, questions: int) -> _Action:
        self.obj(item, path, _ACTION_KEYS)
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
            self.obj(entry, where, _UPDATE_KEYS)
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
        where = _child(path, "question")
        if type(value) is not int:
            self.refuse(
                where, f"{_show(value)} should be a question's position in this file, from 1"
            )
        if not 1 <= value <= questions:
            self.refuse(
                where,
                f"{value} is not a question in this file "
                f"(questions count from 1; the file has {questions})",
            )
        return value

    def priority(self, path: str, item: Any) -> _Priority:
        self.obj(item, path, _PRIORITY_KEYS)
        return _Priority(
            text=self.text(item, "text", path, required=True),
            status=self.choice(item, "status", path, PRIORITY_STATUSES) or "active",
            set_by=self.choice(item, "set_by", path, PRIORITY_SETTERS) or "panel",
        )


def read_meeting_file(path: Path) -> _MeetingFile:
    """Read and check one file completely, touching no database; InterchangeError if bad."""
    label, data = _load_json(path)
    return _Checker(label).meeting_file(data)


# -- importing ----------------------------------------------------------------------------


def find_meeting(panel_name: str, date: dt.date, title: str = DEFAULT_TITLE) -> int | None:
    """The id of the panel's meeting with that date and title, or None."""
    panel = Panel.get_or_none(pw.fn.lower(Panel.name) == pw.fn.lower(panel_name))
    if panel is None:
        return None
    found = Meeting.get_or_none(
        Meeting.panel == panel, Meeting.date == date, Meeting.title == title
    )
    return found.id if found else None


def _refuse_duplicates(files: list[_MeetingFile]) -> None:
    """No meeting may be in the database already, nor twice among the files."""
    first_seen: dict[tuple[str, dt.date, str], str] = {}
    for parsed in files:
        same = f"{parsed.panel_name} already has a meeting '{parsed.title}' on that date"
        identity = (parsed.panel_name.lower(), parsed.date, parsed.title)
        if identity in first_seen:
            raise InterchangeError(
                f"{parsed.label}: meeting.date: '{parsed.date.isoformat()}': the same meeting "
                f"({parsed.panel_name}, '{parsed.title}') is also in {first_seen[identity]}",
                file=parsed.label,
                key="meeting.date",
            )
        first_seen[identity] = parsed.label
        existing = find_meeting(parsed.panel_name, parsed.date, parsed.title)
        if existing is not None:
            raise InterchangeError(
                f"{parsed.label}: meeting.date: '{parsed.date.isoformat()}': {same} "
                f"(meeting {existing})",
                file=parsed.label,
                key="meeting.date",
            )


def _panel_for(parsed: _MeetingFile) -> Panel:
    """The panel of that name; an existing one gains a ward or borough it lacked."""
    panel = Panel.get_or_none(pw.fn.lower(Panel.name) == pw.fn.lower(parsed.panel_name))
    if panel is None:
        return Panel.create(name=parsed.panel_name, ward=parsed.ward, borough=parsed.borough)
    changed = False
    if not panel.ward and parsed.ward:
        panel.ward, changed = parsed.ward, True
    if not panel.borough and parsed.borough:
        panel.borough, changed = parsed.borough, True
    if changed:
        panel.save()
    return panel


class _People:
    """Finds the person a name in one file means (see the module's docstring)."""

    def __init__(self) -> None:
        self.attendees: dict[str, list[Person]] = {}

    def attended(self, person: Person) -> None:
        self.attendees.setdefault(person.name.lower(), []).append(person)

    def named(self, name: str, organisation: str = "") -> Person | None:
        if not name:
            return None
        if organisation:
            return person_named(name, organisation=organisation, strict=True)
        candidates = self.attendees.get(name.lower(), [])
        if len(candidates) == 1:
            return candidates[0]
        return person_named(name, strict=True)


def _write(parsed: _MeetingFile) -> int:
    panel = _panel_for(parsed)
    meeting = Meeting.create(
        panel=panel,
        title=parsed.title,
        date=parsed.date,
        start=parsed.start,
        venue=parsed.venue,
        chair=parsed.chair,
        status=parsed.status,
        next_meeting=parsed.next_meeting,
    )
    people = _People()
    listed_at: dict[int, str] = {}
    for position, entry in enumerate(parsed.attendance, start=1):
        person = person_named(entry.name, entry.role, entry.organisation or None, strict=True)
        where = f"attendance[{position}]"
        if person.id in listed_at:
            # Names the check above told apart that the database matches as one person
            # (PostgreSQL's lower() folds a few letters differently from Python's).
            raise InterchangeError(
                f"{parsed.label}: {where}.name: {_show(entry.name)} is the same person as "
                f"{listed_at[person.id]}",
                file=parsed.label,
                key=f"{where}.name",
            )
        listed_at[person.id] = where
        people.attended(person)
        Attendance.create(meeting=meeting, person=person, status=entry.status, reason=entry.reason)
    for note in parsed.notes:
        Note.create(meeting=meeting, heading=note.heading, text=note.text)
    questions = []
    for asked in parsed.questions:
        question = Question.create(
            meeting=meeting,
            asker=people.named(asked.asked_by),
            anonymous=asked.anonymous,
            topic=asked.topic,
            text=asked.text,
        )
        questions.append(question)
        for answer in asked.responses:
            Response.create(
                question=question,
                organisation=organisation_named(answer.organisation),
                responder=people.named(answer.responder, answer.organisation),
                text=answer.text,
            )
    for agreed in parsed.actions:
        owner = people.named(agreed.owner, agreed.organisation)
        organisation = organisation_named(agreed.organisation)
        if organisation is None and owner is not None:
            organisation = owner.organisation
        action = Action.create(
            meeting=meeting,
            question=questions[agreed.question - 1] if agreed.question else None,
            text=agreed.text,
            owner=owner,
            organisation=organisation,
            due=agreed.due,
            status=agreed.status,
        )
        for update in agreed.updates:
            ActionUpdate.create(
                action=action, date=update.date, text=update.text, status=update.status
            )
    for priority in parsed.priorities:
        Priority.create(
            panel=panel,
            meeting=meeting,
            text=priority.text,
            status=priority.status,
            set_by=priority.set_by,
        )
    return meeting.id


def import_files(paths: list[Path]) -> list[int]:
    """Load meeting files, all or nothing; the new meetings' ids, in the files' order.

    Every file is read and checked completely before anything is written, then all of
    them are written in one transaction. Refused (InterchangeError, nothing written):
    an unreadable file, text that is not UTF-8 or not JSON, a wrong `format` or
    `version`, an unknown key, a wrong type, an unknown enumeration value, an impossible
    date or time, a dangling `question` index, a person listed twice in the attendance,
    and a meeting that already exists (same panel, date and title) or comes twice.
    """
    parsed = [read_meeting_file(Path(path)) for path in paths]
    with db.atomic():
        # Checked inside the write transaction, so no other program can slip the same
        # meeting in between the check and the write.
        _refuse_duplicates(parsed)
        meeting_ids = [_write(meeting_file) for meeting_file in parsed]
        # Rows written here directly, so indexed here, in the same transaction.
        for meeting_id in meeting_ids:
            search.index_meeting(meeting_id)
        return meeting_ids


# -- dumping ------------------------------------------------------------------------------


def _without_empty(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry less its empty text and None values (False and lists are kept)."""
    return {key: value for key, value in entry.items() if value is not None and value != ""}


def _name(person: Person | None) -> str:
    return person.name if person is not None else ""


def _organisation_name(item: Any) -> str:
    """The name of the organisation an entry points to ('' for none); the queries below
    join it, so that a meeting is dumped in a few queries however long it is."""
    return item.organisation.name if item.organisation_id else ""


def _dump_attendance(meeting: Meeting) -> list[dict[str, Any]]:
    marked = (
        Attendance.select(Attendance, Person, Organisation)
        .join(Person)
        .join(Organisation, pw.JOIN.LEFT_OUTER)
        .where(Attendance.meeting == meeting, Attendance.status.in_(ATTENDANCE_STATUSES))
        .order_by(Attendance.id)
    )
    return [
        _without_empty(
            {
                "name": entry.person.name,
                "role": entry.person.role,
                "organisation": _organisation_name(entry.person),
                "status": entry.status,
                "reason": entry.reason if entry.status == "absent" else "",
            }
        )
        for entry in marked
    ]


def _dump_questions(questions: list[Question]) -> list[dict[str, Any]]:
    answers: dict[int, list[Response]] = {question.id: [] for question in questions}
    if questions:
        query = (
            Response.select(Response, Organisation, Person)
            .join(Organisation, pw.JOIN.LEFT_OUTER)
            .switch(Response)
            .join(Person, pw.JOIN.LEFT_OUTER)
            .where(Response.question.in_(list(answers)))
        )
        for response in query.order_by(Response.id):
            answers[response.question_id].append(response)
    return [
        _without_empty(
            {
                "asked_by": _name(question.asker),
                "anonymous": question.anonymous,
                "topic": question.topic,
                "text": question.text,
                "responses": [
                    _without_empty(
                        {
                            "organisation": _organisation_name(response),
                            "responder": _name(response.responder),
                            "text": response.text,
                        }
                    )
                    for response in answers[question.id]
                ],
            }
        )
        for question in questions
    ]


def _dump_actions(meeting: Meeting, position: dict[int, int]) -> list[dict[str, Any]]:
    actions = list(
        Action.select(Action, Person, Organisation)
        .join(Person, pw.JOIN.LEFT_OUTER, on=Action.owner)
        .switch(Action)
        .join(Organisation, pw.JOIN.LEFT_OUTER, on=Action.organisation)
        .where(Action.meeting == meeting)
        .order_by(Action.id)
    )
    history: dict[int, list[ActionUpdate]] = {action.id: [] for action in actions}
    if actions:
        query = ActionUpdate.select().where(ActionUpdate.action.in_(list(history)))
        for update in query.order_by(ActionUpdate.id):
            history[update.action_id].append(update)
    return [
        _without_empty(
            {
                "text": action.text,
                "owner": _name(action.owner),
                "organisation": _organisation_name(action),
                "due": action.due.isoformat() if action.due else None,
                "status": action.status,
                "question": position.get(action.question_id),
                "updates": [
                    _without_empty(
                        {
                            "date": update.date.isoformat(),
                            "text": update.text,
                            "status": update.status,
                        }
                    )
                    for update in history[action.id]
                ],
            }
        )
        for action in actions
    ]


def _dump_priority(priority: Priority) -> dict[str, Any]:
    entry = {"text": priority.text, "status": priority.status}
    # Optional key, written only for the police: files from before it existed (every
    # priority set by the panel) dump exactly as they did.
    if priority.set_by != "panel":
        entry["set_by"] = priority.set_by
    return entry


def dump_meeting(meeting_id: int) -> dict[str, Any]:
    """One meeting as a `wardpanel-meeting` version 1 object (see the module docstring).

    Priorities are those set at this meeting; an action's updates are all of its
    updates, whenever reported. Read in one snapshot, so a meeting being edited at the
    same time is dumped as it stood at one moment. InterchangeError for an unknown id.
    """
    with read_snapshot():
        return _read_meeting(meeting_id)


def _read_meeting(meeting_id: int) -> dict[str, Any]:
    meeting = Meeting.select(Meeting, Panel).join(Panel).where(Meeting.id == meeting_id).first()
    if meeting is None:
        raise InterchangeError(
            f"meeting {meeting_id}: there is no meeting with that id "
            "(`wardpanel meetings` lists them)",
            key="meeting",
        )
    panel = meeting.panel
    questions = list(
        Question.select(Question, Person)
        .join(Person, pw.JOIN.LEFT_OUTER)
        .where(Question.meeting == meeting)
        .order_by(Question.id)
    )
    position = {question.id: number for number, question in enumerate(questions, start=1)}
    notes = Note.select().where(Note.meeting == meeting).order_by(Note.id)
    priorities = Priority.select().where(Priority.meeting == meeting).order_by(Priority.id)
    return {
        "format": FORMAT,
        "version": VERSION,
        "panel": _without_empty({"name": panel.name, "ward": panel.ward, "borough": panel.borough}),
        "meeting": _without_empty(
            {
                "title": meeting.title,
                "date": meeting.date.isoformat(),
                "start": meeting.start,
                "venue": meeting.venue,
                "chair": meeting.chair,
                "status": meeting.status,
                "next_meeting": meeting.next_meeting.isoformat() if meeting.next_meeting else None,
            }
        ),
        "attendance": _dump_attendance(meeting),
        "notes": [_without_empty({"heading": note.heading, "text": note.text}) for note in notes],
        "questions": _dump_questions(questions),
        "actions": _dump_actions(meeting, position),
        "priorities": [_dump_priority(item) for item in priorities],
    }


def dump_text(meeting_id: int) -> str:
    """The dump as the file `wardpanel dump` writes: indented UTF-8 JSON, one last newline."""
    return json.dumps(dump_meeting(meeting_id), ensure_ascii=False, indent=2) + "\n"
