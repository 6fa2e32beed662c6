"""Erasing residents' personal data: one person's on request, or everything past retention.

`forget_person` erases one person everywhere: their record and name, their attendance
entries; their questions stay in the minutes as asked by "A resident"; actions they held
and answers they gave stay, naming nobody; and wherever their full name is written in
the free text of the panels they took part in (questions, answers, actions, updates,
notes, reasons for absence, the chair, priorities, drafts), it becomes "a resident".

`purge_before` applies a retention date: in meetings held before it, residents'
attendance entries go, their questions become anonymous, actions and answers stop
naming them, their names in those meetings' text become "a resident", unsaved drafts of
those meetings are discarded, and a resident who then appears nowhere is deleted.

Who is a resident: a person with no organisation and no official role or rank (see
OFFICIAL_WORDS); a councillor typed with no organisation is still an official. Officers',
councillors' and organisations' records are what the public holds them to, so they stay:
`forget_person` refuses an official unless told otherwise, and `purge_before` keeps them.

Each is one transaction, and a dry run makes the same changes, counts them and rolls
them back, so what it reports is exactly what would change. After a real change, on
SQLite, the erased words are made to leave the file itself (`clear_erased_words`).
Names are matched whole, in any case, across line breaks and either apostrophe; a first
name alone, a nickname or a misspelling is not found: read the text before publishing.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import peewee as pw

from wardpanel.core.errors import UserError
from wardpanel.core.models import (
    Action,
    ActionUpdate,
    Attendance,
    Draft,
    Meeting,
    Note,
    Organisation,
    Panel,
    Person,
    Priority,
    PriorityReview,
    Question,
    Response,
)
from wardpanel.core.storage.database import db
from wardpanel.queries import search

RESIDENT_WORDS = "a resident"
OFFICER_WORDS = "an officer"
# A role holding one of these words makes a person without an organisation an official.
OFFICIAL_WORDS = frozenset(
    {
        "councillor", "cllr", "mp", "mayor", "police", "pc", "pcso", "dc", "ds", "sgt",
        "sergeant", "insp", "inspector", "superintendent", "constable", "detective",
        "officer", "commander",
    }
)  # fmt: skip
# Above this many meetings, the search index is rebuilt whole rather than meeting by meeting.
REINDEX_ALL_FROM = 200


class PrivacyError(UserError, ValueError):
    """A request refused before anything changed; the message says why.

    A UserError (exit status 2) like every refusal; still a ValueError, as it was.
    """


class UnknownPerson(PrivacyError):
    pass


class AmbiguousName(PrivacyError):
    """Several people have that name: `candidates` describes each, to choose one by id."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        super().__init__(f"{len(candidates)} people are called '{name}'")
        self.candidates = candidates


class NotAResident(PrivacyError):
    """The person is an officer or a councillor; `person` says who."""

    def __init__(self, person: str) -> None:
        super().__init__(f"{person} is an officer or councillor, not a resident")
        self.person = person


@dataclass
class ForgetReport:
    """What forgetting one person changed (or, in a dry run, would change)."""

    name: str
    questions: int = 0
    attendance: int = 0
    actions: int = 0
    responses: int = 0
    mentions: int = 0
    meetings: list[tuple[dt.date, str]] = field(default_factory=list)
    dry_run: bool = False
    # True when another program kept the WAL from being emptied (see clear_erased_words).
    words_may_linger: bool = False

    def summary(self) -> str:
        """'Forgot Jo Bright: 3 questions now asked by a resident, ...'."""
        parts = [
            _count(self.questions, "question") + " now asked by a resident",
            _count(self.attendance, "attendance entry", "attendance entries") + " removed",
            _count(self.actions, "action owner") + " cleared",
            _count(self.mentions, "mention") + " replaced",
        ]
        if self.responses:
            parts.append(_count(self.responses, "answer") + " no longer naming them")
        verb = "Would forget" if self.dry_run else "Forgot"
        return f"{verb} {self.name}: {', '.join(parts)}"

    def counts(self) -> dict[str, int]:
        return {
            "questions": self.questions,
            "attendance": self.attendance,
            "actions": self.actions,
            "responses": self.responses,
            "mentions": self.mentions,
        }


@dataclass
class PurgeReport:
    """What a retention purge changed (or, in a dry run, would change)."""

    before: dt.date
    meetings: int = 0
    attendance: int = 0
    questions: int = 0
    actions: int = 0
    responses: int = 0
    mentions: int = 0
    drafts: int = 0
    people: int = 0
    dry_run: bool = False
    words_may_linger: bool = False

    def summary(self) -> str:
        held = f"{_count(self.meetings, 'meeting')} held before {self.before.isoformat()}"
        parts = [
            _count(self.attendance, "attendance entry", "attendance entries") + " removed",
            _count(self.questions, "question") + " now asked by a resident",
            _count(self.actions, "action owner") + " cleared",
            _count(self.mentions, "mention") + " replaced",
            _count(self.people, "resident") + " deleted",
        ]
        if self.responses:
            parts.append(_count(self.responses, "answer") + " no longer naming a resident")
        if self.drafts:
            parts.append(_count(self.drafts, "unsaved draft") + " discarded")
        verb = "Would remove" if self.dry_run else "Removed"
        return f"{verb} residents' personal data from {held}: {', '.join(parts)}"

    def counts(self) -> dict[str, int]:
        return {
            "meetings": self.meetings,
            "attendance": self.attendance,
            "questions": self.questions,
            "actions": self.actions,
            "responses": self.responses,
            "mentions": self.mentions,
            "drafts": self.drafts,
            "people": self.people,
        }


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


class _RollBack(Exception):
    """Raised inside a dry run's transaction to undo it, carrying the report out."""

    def __init__(self, report: object) -> None:
        self.report = report


# -- who is who ----------------------------------------------------------------------


def is_official(person: Person) -> bool:
    """An officer or a councillor: someone with an organisation or an official role."""
    if person.organisation_id is not None:
        return True
    return bool(set(re.findall(r"\w+", person.role.lower())) & OFFICIAL_WORDS)


def people_named(name: str) -> list[Person]:
    """Everyone called `name`, whatever the case, spacing and apostrophe (' or ’), oldest
    record first."""
    wanted = " ".join(name.split()).lower().replace("’", "'")
    if not wanted:
        return []
    stored = pw.fn.replace(pw.fn.lower(Person.name), "’", "'")
    return list(Person.select().where(stored == wanted).order_by(Person.id))


def who(person: Person) -> str:
    """'Sam Lee, PCSO, Metropolitan Police': the name with the role and organisation."""
    organisation = Organisation.get_or_none(Organisation.id == person.organisation_id)
    parts = (person.name, person.role, organisation.name if organisation else "")
    return ", ".join(part for part in parts if part)


def describe_person(person: Person) -> str:
    """'#12 Sam Lee, PCSO, Metropolitan Police: 3 meetings of Hoe Street Ward Panel'."""
    meetings = _meetings_of(person.id)
    panels = Panel.select(Panel.name).join(Meeting).where(Meeting.id.in_(meetings))
    names = sorted({name for (name,) in panels.tuples()})
    where = _count(len(meetings), "meeting") + (f" of {', '.join(names)}" if names else "")
    return f"#{person.id} {who(person)}: {where}"


def find_person(name: str | None = None, person_id: int | None = None) -> Person:
    """The one person a name or an id means; UnknownPerson or AmbiguousName otherwise."""
    if person_id is not None:
        person = Person.get_or_none(Person.id == person_id)
        if person is None:
            raise UnknownPerson(f"there is nobody with id {person_id}")
        return person
    found = people_named(name or "")
    if not found:
        raise UnknownPerson(f"there is nobody called '{' '.join((name or '').split())}'")
    if len(found) > 1:
        raise AmbiguousName(found[0].name, [describe_person(person) for person in found])
    return found[0]


def _meetings_of(person_id: int) -> list[int]:
    """Every meeting at which the person attended, asked, answered or was given an action."""
    queries = (
        Attendance.select(Attendance.meeting).where(Attendance.person == person_id),
        Question.select(Question.meeting).where(Question.asker == person_id),
        Question.select(Question.meeting).join(Response).where(Response.responder == person_id),
        Action.select(Action.meeting).where(Action.owner == person_id),
    )
    return sorted({row[0] for query in queries for row in query.tuples()})


# -- forgetting one person -----------------------------------------------------------


def forget_person(person_id: int, *, officer: bool = False, dry_run: bool = False) -> ForgetReport:
    """Erase one person's personal data everywhere, as one transaction.

    Raises UnknownPerson for an unknown id, and NotAResident for an officer or councillor
    unless `officer` is true (their name in text then becomes "an officer"). With
    `dry_run`, nothing changes and the report says what would.
    """
    try:
        with db.atomic():
            report = _forget(person_id, officer=officer)
            if dry_run:
                report.dry_run = True
                raise _RollBack(report)
    except _RollBack as undone:
        return undone.report  # type: ignore[return-value]
    report.words_may_linger = not clear_erased_words()
    return report


def _forget(person_id: int, *, officer: bool) -> ForgetReport:
    person = find_person(person_id=person_id)
    official = is_official(person)
    if official and not officer:
        raise NotAResident(who(person))
    report = ForgetReport(person.name)
    meeting_ids = _meetings_of(person.id)
    dated = (
        Meeting.select(Meeting.date, Panel.name)
        .join(Panel)
        .where(Meeting.id.in_(meeting_ids))
        .order_by(Meeting.date, Meeting.id)
    )
    report.meetings = list(dated.tuples())
    report.questions = (
        Question.update(asker=None, anonymous=True).where(Question.asker == person).execute()
    )
    report.responses = Response.update(responder=None).where(Response.responder == person).execute()
    report.actions = Action.update(owner=None).where(Action.owner == person).execute()
    report.attendance = Attendance.delete().where(Attendance.person == person).execute()
    # Their name in the text of every panel they took part in.
    panels = Meeting.select(Meeting.panel).where(Meeting.id.in_(meeting_ids))
    in_panels = Meeting.select(Meeting.id).where(Meeting.panel.in_(panels))
    pattern = (name_pattern(person.name), OFFICER_WORDS if official else RESIDENT_WORDS)
    texts = _meeting_texts(in_panels, probe=_probe(person.name))
    priorities = Priority.select(Priority.id, Priority.meeting, Priority.text)
    texts.append((Priority, (Priority.text,), priorities.where(Priority.panel.in_(panels))))
    drafts = Draft.select(Draft.id, Draft.meeting, Draft.label, Draft.payload)
    in_drafts = drafts.where(Draft.meeting.in_(in_panels) | Draft.meeting.is_null())
    texts.append((Draft, (Draft.label, Draft.payload), in_drafts))
    report.mentions, changed = _replace_names(texts, lambda _: [pattern])
    _reindex(set(meeting_ids) | changed)
    person.delete_instance()
    return report


# -- retention ------------------------------------------------------------------------


def purge_before(day: dt.date, *, dry_run: bool = False) -> PurgeReport:
    """Remove residents' personal data from the meetings held before `day`, as one
    transaction; officers', councillors' and organisations' records stay. With
    `dry_run`, nothing changes and the report says what would."""
    try:
        with db.atomic():
            report = _purge(day)
            if dry_run:
                report.dry_run = True
                raise _RollBack(report)
    except _RollBack as undone:
        return undone.report  # type: ignore[return-value]
    report.words_may_linger = not clear_erased_words()
    return report


def _purge(day: dt.date) -> PurgeReport:
    report = PurgeReport(day)
    old_meetings = Meeting.select(Meeting.id).where(Meeting.date < day)
    report.meetings = old_meetings.count()
    if not report.meetings:
        return report
    involved = _taking_part(old_meetings)
    candidates = Person.select().where(Person.id.in_(list(involved)))
    residents = [person for person in candidates if not is_official(person)]
    ids = [person.id for person in residents]
    old_questions = Question.select(Question.id).where(Question.meeting.in_(old_meetings))
    report.attendance = (
        Attendance.delete()
        .where(Attendance.meeting.in_(old_meetings), Attendance.person.in_(ids))
        .execute()
    )
    report.questions = (
        Question.update(asker=None, anonymous=True)
        .where(Question.id.in_(old_questions), Question.asker.in_(ids))
        .execute()
    )
    report.responses = (
        Response.update(responder=None)
        .where(Response.question.in_(old_questions), Response.responder.in_(ids))
        .execute()
    )
    report.actions = (
        Action.update(owner=None)
        .where(Action.meeting.in_(old_meetings), Action.owner.in_(ids))
        .execute()
    )
    report.drafts = Draft.delete().where(Draft.meeting.in_(old_meetings)).execute()
    # In each meeting's text, the names of the residents who took part in it.
    names: dict[int, list[str]] = {}
    for person in residents:
        for meeting_id in involved[person.id]:
            names.setdefault(meeting_id, []).append(person.name)
    names_at = {m: [(name_pattern(*people), RESIDENT_WORDS)] for m, people in names.items()}
    texts = _meeting_texts(list(names_at))
    report.mentions, _ = _replace_names(texts, lambda meeting_id: names_at.get(meeting_id, []))
    _reindex(row[0] for row in old_meetings.tuples())
    report.people = _delete_unreferenced(ids)
    return report


def _taking_part(meetings: pw.Query) -> dict[int, set[int]]:
    """Each person who attended, asked, answered or held an action at these meetings,
    with the meetings they did so at."""
    queries = (
        Attendance.select(Attendance.person, Attendance.meeting).where(
            Attendance.meeting.in_(meetings)
        ),
        Question.select(Question.asker, Question.meeting).where(
            Question.meeting.in_(meetings), Question.asker.is_null(False)
        ),
        Response.select(Response.responder, Question.meeting)
        .join(Question)
        .where(Question.meeting.in_(meetings), Response.responder.is_null(False)),
        Action.select(Action.owner, Action.meeting).where(
            Action.meeting.in_(meetings), Action.owner.is_null(False)
        ),
    )
    involved: dict[int, set[int]] = {}
    for query in queries:
        for person_id, meeting_id in query.tuples():
            involved.setdefault(person_id, set()).add(meeting_id)
    return involved


def _delete_unreferenced(person_ids: list[int]) -> int:
    """Delete those of these people who no longer appear in any record; how many."""
    if not person_ids:
        return 0
    references = (
        (Attendance, Attendance.person),
        (Question, Question.asker),
        (Response, Response.responder),
        (Action, Action.owner),
    )
    kept = {
        row[0]
        for model, column in references
        for row in model.select(column).where(column.in_(person_ids)).tuples()
    }
    gone = [person_id for person_id in person_ids if person_id not in kept]
    if not gone:
        return 0
    return Person.delete().where(Person.id.in_(gone)).execute()


# -- names in free text ----------------------------------------------------------------


def name_pattern(*names: str) -> re.Pattern[str]:
    """People's full names, each as a whole phrase: any case, any run of spaces or line
    breaks between its words, either apostrophe."""
    apostrophes = "['’]"
    phrases = [
        r"\s+".join(
            re.escape(word).replace("'", apostrophes).replace("’", apostrophes)
            for word in name.split()
        )
        for name in sorted(set(names), key=len, reverse=True)
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)", re.IGNORECASE)


def replace_name(text: str, pattern: re.Pattern[str], words: str) -> tuple[str, int]:
    """`text` with every match of `pattern` replaced by `words` (capitalised where a
    sentence starts), and how many were replaced."""

    def swap(match: re.Match[str]) -> str:
        opening = text[: match.start()].rstrip(" \t")
        starts = not opening or opening.endswith((".", "!", "?", "\n"))
        return words[:1].upper() + words[1:] if starts else words

    return pattern.subn(swap, text)


# A name's pattern and the words that replace it.
Pattern = tuple[re.Pattern[str], str]
# Free text to search: the model, its text columns, and a query of its rows giving each
# row's id, its meeting's id (or None), then those columns.
TextSource = tuple[type[pw.Model], tuple[pw.Field, ...], pw.ModelSelect]


def _probe(name: str) -> str:
    """The name's longest word, lower-cased: the database narrows rows down by it."""
    return max(re.findall(r"\w+", name), key=len, default="").lower()


def _meeting_texts(meetings: object, probe: str = "") -> list[TextSource]:
    """The free text of these meetings (ids or a query of ids); with a probe, only the
    rows holding it."""
    chosen = [
        (Question, (Question.topic, Question.text), Question.meeting, Question.select()),
        (Response, (Response.text,), Question.meeting, Response.select().join(Question)),
        (Action, (Action.text,), Action.meeting, Action.select()),
        (ActionUpdate, (ActionUpdate.text,), Action.meeting, ActionUpdate.select().join(Action)),
        (Note, (Note.heading, Note.text), Note.meeting, Note.select()),
        (Attendance, (Attendance.reason,), Attendance.meeting, Attendance.select()),
        (Meeting, (Meeting.chair,), Meeting.id, Meeting.select()),
        (PriorityReview, (PriorityReview.note,), PriorityReview.meeting, PriorityReview.select()),
    ]
    sources = []
    for model, columns, meeting, query in chosen:
        query = query.select(model.id, meeting, *columns).where(meeting.in_(meetings))
        if probe:
            holding = (pw.fn.lower(column).contains(probe) for column in columns)
            query = query.where(functools.reduce(operator.or_, holding))
        sources.append((model, columns, query))
    return sources


# For the kinds of item in the search index: the meetings of the items with these ids.
_MEETINGS_OF_ITEMS = {
    Question: lambda ids: Question.select(Question.meeting).where(Question.id.in_(ids)),
    Response: lambda ids: (
        Question.select(Question.meeting).join(Response).where(Response.id.in_(ids))
    ),
    Action: lambda ids: Action.select(Action.meeting).where(Action.id.in_(ids)),
    ActionUpdate: lambda ids: (
        Action.select(Action.meeting).join(ActionUpdate).where(ActionUpdate.id.in_(ids))
    ),
    Note: lambda ids: Note.select(Note.meeting).where(Note.id.in_(ids)),
}


def _replace_names(
    sources: list[TextSource], names_at: Callable[[int | None], list[Pattern]]
) -> tuple[int, set[int]]:
    """Replace names in the text of these sources: in each row, those `names_at` gives for
    its meeting. Returns how many mentions were replaced and the meetings whose indexed
    text changed."""
    total, touched = 0, set()
    for model, columns, query in sources:
        changed = []
        for row_id, meeting_id, *values in query.tuples():
            patterns = names_at(meeting_id)
            updates = {}
            for column, value in zip(columns, values, strict=True):
                is_json = column is Draft.payload
                text, count = _replace_all(value or "", patterns, is_json)
                if count:
                    updates[column] = text
                    total += count
            if updates:
                model.update(updates).where(model.id == row_id).execute()
                changed.append(row_id)
        if changed and model in _MEETINGS_OF_ITEMS:
            touched |= {row[0] for row in _MEETINGS_OF_ITEMS[model](changed).tuples()}
    return total, touched


def _replace_all(text: str, patterns: list[Pattern], is_json: bool = False) -> tuple[str, int]:
    if is_json:
        try:
            data = json.loads(text)
        except ValueError:
            pass  # a draft that is not JSON after all: read as plain text
        else:
            return _replace_in_json(data, patterns)
    total = 0
    for pattern, words in patterns:
        text, count = replace_name(text, pattern, words)
        total += count
    return text, total


def _replace_in_json(data: object, patterns: list[Pattern]) -> tuple[str, int]:
    """A draft's fields as JSON again, with the names replaced inside each string."""
    total = 0

    def walk(value: object) -> object:
        nonlocal total
        if isinstance(value, str):
            text, count = _replace_all(value, patterns)
            total += count
            return text
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        return value

    return json.dumps(walk(data), ensure_ascii=False), total


# -- the search index and the file ---------------------------------------------------


def _reindex(meeting_ids: Iterable[int]) -> None:
    ids = sorted(set(meeting_ids))
    if len(ids) >= REINDEX_ALL_FROM:
        search.rebuild_index()
        return
    for meeting_id in ids:
        search.index_meeting(meeting_id)


def clear_erased_words() -> bool:
    """Make erased words leave the database file itself; False if some may linger.

    SQLite (secure_delete on) overwrites deleted rows, but the full-text index keeps a
    deleted item's words in its older segments until they are merged: 'optimize' merges
    them all now. A checkpoint then moves every change into the database file and
    empties the WAL, which holds earlier copies of changed pages; while another program
    has the database open the WAL may not be emptied (False), and it is emptied when the
    last program closes it. On PostgreSQL nothing is done here: the server keeps old
    row versions until VACUUM reclaims their space.
    """
    if not isinstance(db.obj, pw.SqliteDatabase):
        return True
    with db.atomic():
        db.execute_sql("INSERT INTO search_entry(search_entry) VALUES ('optimize')")
    busy, _, _ = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy
