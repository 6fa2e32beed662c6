"""Finding people's names in free text and replacing them with "a resident".

Names are matched whole, in any case, across line breaks and either apostrophe, and
through invisible format characters (a zero-width space, a soft hyphen, a direction
mark) pasted inside or around them, which free text keeps as typed; a first name
alone, a nickname or a misspelling is not found: read the text before publishing. The
text searched is every free-text column of a meeting's records (`meeting_texts`), and
an unsaved draft's fields inside its JSON.
"""

from __future__ import annotations

import functools
import json
import operator
import re
import unicodedata
from collections.abc import Callable

import peewee as pw

from wardpanel.core.models import (
    Action,
    ActionUpdate,
    Attendance,
    Draft,
    Meeting,
    Note,
    PriorityReview,
    Question,
    Response,
)
from wardpanel.core.people import invisible_ranges
from wardpanel.core.storage.database import db

RESIDENT_WORDS = "a resident"
OFFICER_WORDS = "an officer"

# A name's pattern and the words that replace it.
Pattern = tuple[re.Pattern[str], str]
# Free text to search: the model, its text columns, and a query of its rows giving each
# row's id, its meeting's id (or None), then those columns.
TextSource = tuple[type[pw.Model], tuple[pw.Field, ...], pw.ModelSelect]


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
    sentence starts), and how many were replaced. The text is read as if it had no
    invisible format characters, so "Jo\u200b Bright" is found; everything else in it
    is kept as it was."""
    visible, where = _visible(text)
    pieces: list[str] = []
    kept_to = 0
    for match in pattern.finditer(visible):
        start = where[match.start()]
        end = where[match.end() - 1] + 1
        # Invisible characters pasted with the name, just before or after it, go with it.
        while start > kept_to and _invisible(text[start - 1]):
            start -= 1
        while end < len(text) and _invisible(text[end]):
            end += 1
        opening = visible[: match.start()].rstrip(" \t")
        starts = not opening or opening.endswith((".", "!", "?", "\n"))
        pieces += [text[kept_to:start], words[:1].upper() + words[1:] if starts else words]
        kept_to = end
    if not pieces:
        return text, 0
    pieces.append(text[kept_to:])
    return "".join(pieces), len(pieces) // 2


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf"


def _visible(text: str) -> tuple[str, list[int]]:
    """The text without its format characters, and for each character left, where it
    stands in `text`."""
    where = [index for index, char in enumerate(text) if not _invisible(char)]
    if len(where) == len(text):
        return text, where
    return "".join(text[index] for index in where), where


def probe_word(name: str) -> str:
    """The name's longest word, lower-cased: the database narrows rows down by it."""
    return max(re.findall(r"\w+", name), key=len, default="").lower()


def meeting_texts(meetings: object, probe: str = "") -> list[TextSource]:
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
            holding = [pw.fn.lower(column).contains(probe) for column in columns]
            holding += [_holds_invisible_characters(column) for column in columns]
            query = query.where(functools.reduce(operator.or_, holding))
        sources.append((model, columns, query))
    return sources


def _holds_invisible_characters(column: pw.Field) -> pw.Expression:
    """A condition: the column holds an invisible format character, which may hide
    inside a name's longest word (one pattern, tested once per row)."""
    members = "".join(first if first == last else f"{first}-{last}"
                      for first, last in invisible_ranges())  # fmt: skip
    # Unconverted: a name column would otherwise take the invisible characters out.
    if isinstance(db.obj, pw.PostgresqlDatabase):
        return pw.Expression(column, "~", pw.Value(f"[{members}]", converter=False))
    return pw.Expression(column, "GLOB", pw.Value(f"*[{members}]*", converter=False))


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


def replace_names(
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
