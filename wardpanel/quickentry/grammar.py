"""The quick-entry line: one typed line, filed in the right section of a meeting.

The chair presses one key, types a line and presses Enter. The first word says what
the line is, after the W3C scribe conventions (``present+ Name``, ``regrets+ Name``,
``action: ...``) and MeetBot's ``#action``. Keywords are case-insensitive:

    attendance   present  present+                 (marked present)
                 regrets  regrets+  apologies  apologies+  apology  apols
                 absent   absent+                  (an expected officer who did not come)
    question     q  question  ?  #question
    response     r  response  reply
    action       a  action  #action
    note         n  note  #note  info  #info
    priority     p  priority  #priority

Attendance: people separated by commas, semicolons or "and". A person is ``Name``,
``Name (Organisation)`` or ``Name (Role, Organisation)``; ``(Chair, resident)`` gives a
role and no organisation. An absence's reason follows " - " (a hyphen with spaces, so
"Smith-Jones" stays whole), an en or em dash, "because" or "reason:"; absentees on one
line share it::

    present+ Jane Doe, PC Ali Khan (Police Constable, Metropolitan Police)
    regrets+ Cllr Ann Lee (Lambeth Council)
    absent: DC Ray Osei (Detective Constable, Metropolitan Police) - at a police briefing

Question: the words before the first colon are the asker, [square brackets] the topic;
``anon`` makes it anonymous (a name after it is kept for follow-up only). Without a
colon the whole line is the question::

    q Jane Doe [Phone thefts]: What is being done about phone snatching?
    q anon: Why are the street lights still out?
    q anon Jane Doe [Lights]: ...

Response, to the meeting's latest question, or to question N of this meeting (``r2``,
``r 2``, ``r #2``): an organisation, or ``Responder (Organisation)``, then a colon.
``r+`` adds paragraphs to the end of the meeting's latest response, for an answer that
goes on after its start was filed::

    r Metropolitan Police: Extra patrols started in March...
    r2 Sgt Lee (Sergeant, Metropolitan Police): We will...
    r+ The team will also visit the stairwell on Friday.

In any line, `` // `` (two slashes with a space either side) starts a new paragraph::

    r Waltham Forest Council: Our ASB officers will visit. // They report back in May.

Action: the owner before the colon (``Name (Organisation)``, the name of a known
organisation, or a person), the due date last after "due" or "by"; ``a^`` links it to
the latest question, ``a2`` to question 2. Without a colon there is no owner. A due date
typed without a year is the next such date (core.dates)::

    action Insp Kane (Metropolitan Police): report back on patrols due 1 May
    a^ Lambeth Council: repair the lights by friday

``s`` (statements), ``o`` (outcomes), ``fig`` and ``#p2``: quickentry.commitments.
``minutes agreed[: amendments]`` / ``minutes not agreed``: quickentry.previous.

``#internal`` as a word of its own, anywhere after the first word of a question,
statement, response, action or note line, files the item internal (left out of
published minutes) and is dropped from its text; on any other line it is refused.

Note (a heading before the colon is optional) and priority::

    note Police update: 14 burglaries since the last meeting
    p: Phone thefts around the station

`parse` reads a line and touches no database (filing.apply stores what it read). See
docs/quick-entry.md for the chair's version.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from wardpanel.core.textclean import clean_text
from wardpanel.quickentry.attendance import ATTENDANCE_WORDS, read_attendance
from wardpanel.quickentry.commitments import read_figure, read_outcome, take_priority_tag
from wardpanel.quickentry.due import split_due
from wardpanel.quickentry.entries import (
    ActionEntry,
    Entry,
    NoteEntry,
    OutcomeEntry,
    PersonRef,
    PriorityEntry,
    QuestionEntry,
    ResponseEntry,
    ResponseMoreEntry,
    StatementEntry,
)
from wardpanel.quickentry.errors import QuickEntryError
from wardpanel.quickentry.pieces import (
    INTERNAL_MARK,
    bracket_depths,
    check_name,
    depth_at,
    drop_leading_colon,
    person_ref,
    shortened,
    take_internal_tag,
)
from wardpanel.quickentry.previous import read_previous_minutes

GRAMMAR_HELP = (
    "present+ Jane Doe, PC Ali (Met Police)  regrets+ Name  absent: Name - reason  s Name: said\n"
    "q Jane Doe [Topic]: question  q anon: …  r Org: answers the latest  o2 referred to 101\n"
    "r2 Sgt Lee (Org): … answers q 2  r+ …: adds to the last  a Insp Kane (Org): … due 1 May #p2\n"
    "a^/a2: last q / q 2  n Heading: note  p: text  fig Burglary 14 was 20  minutes agreed: …\n"
    "' // ' new paragraph   … #internal: kept out of published minutes"
)

SECTIONS = ("attendance", "questions", "actions", "notes", "priorities", "figures", "meeting")
ANONYMOUS_WORDS = ("anon", "anonymous")
# A note heading longer than this is the start of the note itself.
MAX_HEADING = 80

_STARTERS = (
    "present+, regrets+, absent:, q, r, a, n, p, s, o or fig (for example: q Jane Doe: What …?)"
)
# " // " in a line starts a new paragraph: a chair cannot type a line break in one line.
_PARAGRAPH_BREAK = re.compile(r"[ \t]+//(?:[ \t]+|$)")
_KEYWORD = re.compile(r"\s*(#?[A-Za-z]+|\?)(\+?)")
_QUESTION_REF = re.compile(r"\s*(?:#\s*)?(\d{1,6})(?=[\s:]|$)|\s*(\^)")


# -- reading a line ------------------------------------------------------------------


def parse(text: str, today: dt.date | None = None) -> Entry:
    """Read one quick-entry line; raise QuickEntryError saying what to type instead.

    Nothing is looked up or stored: question numbers and owners are resolved by apply.
    """
    cleaned = clean_text(_PARAGRAPH_BREAK.sub("\n\n", text) if isinstance(text, str) else "")
    if not cleaned:
        raise QuickEntryError(f"the line is empty: start with {_STARTERS}")
    match = _KEYWORD.match(cleaned)
    if match is None:
        raise QuickEntryError(f"start the line with a word that says what it is: {_STARTERS}")
    word = (match[1] + match[2]).lower()
    reader = _READERS.get(word)
    if reader is None:
        raise QuickEntryError(
            f"'{shortened(word)}' is not a quick-entry word: start with {_STARTERS}",
            fault=match[0].strip(),
        )
    rest, internal = take_internal_tag(cleaned[match.end() :])
    entry = reader(word, rest, today)
    if not internal:
        return entry
    if not any(field.name == "internal" for field in dataclasses.fields(entry)):
        mark = INTERNAL_MARK.search(cleaned)
        raise QuickEntryError(
            "#internal marks a question, a response, an action or a note, not this line: "
            "a Sgt Lee: check the CCTV #internal",
            fault=mark[0] if mark else "",
        )
    return dataclasses.replace(entry, internal=True)


def _read_question(word: str, rest: str, today: dt.date | None) -> QuestionEntry:
    split = _head_and_body(rest, "q Jane Doe [Phone thefts]: What …?")
    if split is None:
        head, body = "", rest.strip()
        if body.startswith("["):
            topic, body = _take_topic(body, leading=True)
            head = f"[{topic}]"
    else:
        head, body = split
    topic, asker_words = _take_topic(head)
    anonymous = False
    asker = " ".join(asker_words.split())
    if "(" in asker or ")" in asker:
        name, _, inner = asker.partition("(")
        if inner.rstrip(")").strip().lower() not in ANONYMOUS_WORDS or not inner.endswith(")"):
            raise QuickEntryError(
                "a question's asker is a name only, without brackets: "
                "q Jane Doe [Topic]: What …?  (or q anon Jane Doe: … to keep it anonymous)"
            )
        anonymous, asker = True, name.strip()
    first, _, others = asker.partition(" ")
    if first.lower() in ANONYMOUS_WORDS:
        anonymous, asker = True, others.strip()
    if asker:
        check_name(asker, "an asker's name", "q Jane Doe: What …?")
    body = body.strip()
    if not body:
        raise QuickEntryError("the question's text is missing after the colon: q Jane Doe: What …?")
    return QuestionEntry(text=body, asker=asker, anonymous=anonymous, topic=topic)


def _read_statement(word: str, rest: str, today: dt.date | None) -> StatementEntry:
    asked = _read_question(word, rest, today)
    return StatementEntry(asked.text, asked.asker, asked.anonymous, asked.topic)


def _read_outcome(word: str, rest: str, today: dt.date | None) -> OutcomeEntry:
    number, _latest, rest = _question_ref(rest)
    return read_outcome(number, rest)


def _read_response(word: str, rest: str, today: dt.date | None) -> ResponseEntry:
    number, _latest, rest = _question_ref(rest)
    split = _head_and_body(rest, "r Sgt Lee (Metropolitan Police): …")
    need = "a response needs an organisation before the colon: r Metropolitan Police: …"
    if split is None:
        raise QuickEntryError(need)
    head, body = split
    if not head.strip():
        raise QuickEntryError(need)
    organisation_part, slash, responder_part = head.partition(" / ")
    if slash and organisation_part.strip() and responder_part.strip() and "(" not in head:
        # "r Metropolitan Police / Sgt Lee: …", the way chairs often write it.
        organisation = organisation_part.strip()
        responder = PersonRef(responder_part.strip(), "", organisation)
        check_name(responder.name, "a responder's name", "r Metropolitan Police / Sgt Lee: …")
        body = body.strip()
        if not body:
            raise QuickEntryError("the response's text is missing after the colon")
        return ResponseEntry(
            text=body, organisation=organisation, responder=responder, question=number
        )
    ref = person_ref(head)
    if ref.organisation:
        organisation, responder = ref.organisation, ref
    elif "(" in head:
        raise QuickEntryError(f"{need} (or r Sgt Lee (Metropolitan Police): … for a named officer)")
    else:
        organisation, responder = ref.name, None
    body = body.strip()
    if not body:
        raise QuickEntryError(
            "the response's text is missing after the colon: r Metropolitan Police: We …"
        )
    return ResponseEntry(text=body, organisation=organisation, responder=responder, question=number)


def _read_response_more(word: str, rest: str, today: dt.date | None) -> ResponseMoreEntry:
    text = drop_leading_colon(rest).strip()
    if not text:
        raise QuickEntryError(
            "write what to add to the latest response: r+ The team will also visit on Friday."
        )
    return ResponseMoreEntry(text=text)


def _read_action(word: str, rest: str, today: dt.date | None) -> ActionEntry:
    number, latest, rest = _question_ref(rest)
    split = _head_and_body(rest, "a Insp Kane (Metropolitan Police): report back due 1 May")
    head, body = split if split is not None else ("", rest)
    owner = person_ref(head) if head.strip() else None
    body, priority = take_priority_tag(body.strip())
    text, due = split_due(body, today)
    if not text:
        raise QuickEntryError(
            "the action's text is missing: a Insp Kane (Metropolitan Police): report back due 1 May"
        )
    return ActionEntry(text, owner, due, number, latest, priority)


def _read_note(word: str, rest: str, today: dt.date | None) -> NoteEntry:
    split = _head_and_body(rest)
    heading, text = split if split is not None else ("", rest)
    heading = " ".join(heading.split())
    if len(heading) > MAX_HEADING:
        heading, text = "", rest
    text = drop_leading_colon(text).strip()
    if not heading and not text:
        raise QuickEntryError("the note is empty: n Police update: 14 burglaries since March")
    return NoteEntry(text=text, heading=heading)


def _read_priority(word: str, rest: str, today: dt.date | None) -> PriorityEntry:
    text = drop_leading_colon(rest).strip()
    if not text:
        raise QuickEntryError("the priority is empty: p: Phone thefts around the station")
    return PriorityEntry(text=text)


_READERS = {
    **{word: read_attendance for word in ATTENDANCE_WORDS},
    **{f"{word}+": read_attendance for word in ATTENDANCE_WORDS},
    **dict.fromkeys(("q", "question", "?", "#question"), _read_question),
    **dict.fromkeys(("r", "response", "reply"), _read_response),
    **dict.fromkeys(("r+", "response+", "reply+"), _read_response_more),
    **dict.fromkeys(("a", "action", "#action"), _read_action),
    **dict.fromkeys(("n", "note", "#note", "info", "#info"), _read_note),
    **dict.fromkeys(("p", "priority", "#priority"), _read_priority),
    **dict.fromkeys(("s", "statement", "#statement"), _read_statement),
    **dict.fromkeys(("o", "outcome", "#outcome"), _read_outcome),
    **dict.fromkeys(("fig", "figure", "#figure"), lambda _word, rest, _today: read_figure(rest)),
    **dict.fromkeys(
        ("minutes", "#minutes", "previous"),
        lambda _word, rest, _today: read_previous_minutes(rest),
    ),
}


# -- pieces of a line ----------------------------------------------------------------


def _head_and_body(rest: str, example: str = "") -> tuple[str, str] | None:
    """Split at the first colon of the first line that is outside brackets.

    With an example, a colon left inside an unclosed bracket is a mistake to point out.
    """
    first_line = rest.partition("\n")[0]
    positions, depths, balanced = bracket_depths(first_line)
    for index, char in enumerate(first_line):
        if char == ":" and depth_at(index, positions, depths) == 0:
            return rest[:index], rest[index + 1 :]
    if example and not balanced and ":" in first_line:
        raise QuickEntryError(f"close the bracket before the colon: {example}")
    return None


def _question_ref(rest: str) -> tuple[int | None, bool, str]:
    """A question number (r2, r 2, r #2) or ^ for the latest, and the rest of the line."""
    match = _QUESTION_REF.match(rest)
    if match is None:
        return None, False, rest
    if match[2]:
        return None, True, rest[match.end() :]
    number = int(match[1])
    if number < 1:
        raise QuickEntryError("questions are numbered from 1: r1 Metropolitan Police: …")
    return number, False, rest[match.end() :]


def _take_topic(head: str, *, leading: bool = False) -> tuple[str, str]:
    """The [topic] in a question's head, and the head without it."""
    start = head.find("[")
    if start < 0:
        if "]" in head:
            raise QuickEntryError("a topic goes in square brackets: q Jane Doe [Phone thefts]: …")
        return "", head
    end = head.find("]", start)
    if end < 0:
        raise QuickEntryError("close the topic's bracket: q Jane Doe [Phone thefts]: …")
    topic = " ".join(head[start + 1 : end].split())
    if leading:
        return topic, head[end + 1 :]
    remainder = f"{head[:start]} {head[end + 1 :]}"
    if "[" in remainder or "]" in remainder:
        raise QuickEntryError("a question has one topic: q Jane Doe [Phone thefts]: …")
    return topic, remainder
