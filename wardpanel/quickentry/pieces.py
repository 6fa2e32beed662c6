"""Pieces of quick-entry lines that several kinds of line share: names with their role
and organisation in brackets, lists of names, and what lies outside brackets.

Pure text: nothing here reads the database (the grammar's import contract).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from wardpanel.core.people import OFFICIAL_WORDS, TITLE_OF
from wardpanel.quickentry.entries import PersonRef
from wardpanel.quickentry.errors import QuickEntryError

NO_ORGANISATION_WORDS = ("resident", "residents")
# A "name" longer than this is a sentence that lost its colon, not a name.
MAX_NAME_WORDS = 12
BRACKET = re.compile(r"[()\[\]]")
NAME_SEPARATOR = re.compile(r"\s*[,;\n]\s*|\s+(?:and|&)\s+", re.IGNORECASE)
REASON_SEPARATOR = re.compile(
    r"\s+(?:-{1,2}|–|—)(?:\s+|$)|\s+because\s+|[\s,;]*\breason(?:\s+given)?\s*:\s*", re.IGNORECASE
)


def shortened(text: str, limit: int = 40) -> str:
    """The text on one line, cut to `limit` characters with … when longer."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def drop_leading_colon(text: str) -> str:
    text = text.lstrip()
    return text[1:] if text.startswith(":") else text


def bracket_depths(text: str) -> tuple[list[int], list[int], bool]:
    """Where brackets are, the depth just after each, and whether they all pair up."""
    positions: list[int] = []
    depths: list[int] = []
    depth, balanced = 0, True
    for match in BRACKET.finditer(text):
        if match[0] in "([":
            depth += 1
        elif depth:
            depth -= 1
        else:
            balanced = False
        positions.append(match.start())
        depths.append(depth)
    return positions, depths, balanced and depth == 0


def depth_at(index: int, positions: list[int], depths: list[int]) -> int:
    before = bisect_left(positions, index)
    return depths[before - 1] if before else 0


def top_level(
    pattern: re.Pattern[str], text: str, positions: list[int], depths: list[int]
) -> Iterator[re.Match[str]]:
    """The pattern's matches that are outside every bracket."""
    for match in pattern.finditer(text):
        if depth_at(match.start(), positions, depths) == 0:
            yield match


def check_name(name: str, what: str, example: str) -> None:
    if not any(char.isalpha() for char in name):
        raise QuickEntryError(f"'{shortened(name)}' is not {what}: {example}", fault=name)
    if len(name.split()) > MAX_NAME_WORDS:
        raise QuickEntryError(
            f"'{shortened(name)}' is too long for {what}: did you forget the colon? {example}",
            fault=name,
        )
    if any(char in name for char in "()[]"):
        raise QuickEntryError(f"brackets go once, after the name: {example}", fault=name)


def person_ref(spec: str) -> PersonRef:
    """Read ``Name``, ``Name (Organisation)`` or ``Name (Role, Organisation)``."""
    spec = " ".join(spec.split())
    example = "Jane Doe (Chair, Neighbourhood Watch)"
    if "(" not in spec and ")" not in spec:
        check_name(spec, "a name", example)
        return PersonRef(spec)
    opening, closing = spec.find("("), spec.rfind(")")
    if spec.count("(") != 1 or spec.count(")") != 1 or not opening < closing == len(spec) - 1:
        raise QuickEntryError(
            f"write the brackets once, after the name, as in {example}: not '{shortened(spec)}'",
            fault=spec,
        )
    name = spec[:opening].strip()
    parts = [part.strip() for part in spec[opening + 1 : closing].split(",")]
    if not name:
        raise QuickEntryError(f"a name goes before the brackets: {example}")
    if not any(parts):
        raise QuickEntryError(f"the brackets after '{shortened(name)}' are empty: {example}")
    role = parts[0] if len(parts) > 1 else ""
    organisation = ", ".join(part for part in parts[1:] if part) if len(parts) > 1 else parts[0]
    if len(parts) == 1 and is_role(parts[0]):
        # "Jane Doe (Chair)", "Sam Lee (PCSO)": a role or rank, not an organisation.
        role, organisation = parts[0], ""
    if organisation.lower() in NO_ORGANISATION_WORDS:
        organisation = ""
    check_name(name, "a name", example)
    for value, what in ((role, "a role"), (organisation, "an organisation")):
        if value:
            check_name(value, what, example)
    return PersonRef(name, role, organisation)


# What a role can be after a name ("Jo Bright, chair"): the panel's own offices, and
# every official word, title and rank that wardpanel.core.people knows.
PANEL_ROLES = frozenset(
    {
        "chair", "vice-chair", "co-chair", "secretary", "treasurer", "member", "resident",
        "officer", "headteacher",
    }
)  # fmt: skip
ROLE_WORDS = PANEL_ROLES | OFFICIAL_WORDS | frozenset(t for t in TITLE_OF if " " not in t)
ROLE_PHRASES = frozenset(
    {
        "vice chair",
        "panel chair",
        "ward councillor",
        "youth worker",
        "asb officer",
        "head teacher",
        "deputy headteacher",
    }
) | frozenset(t for t in TITLE_OF if " " in t)


def is_role(text: str) -> bool:
    value = " ".join(text.lower().replace(".", "").split())
    return value in ROLE_WORDS or value in ROLE_PHRASES


# "#internal" as a word of its own, anywhere after the line's first word: a hash
# before a word never occurs in minutes as typed, so it cannot clash with what was said.
INTERNAL_TAG = "#internal"
INTERNAL_MARK = re.compile(r"(?<!\S)#internal(?!\S)", re.IGNORECASE)


def take_internal_tag(text: str) -> tuple[str, bool]:
    """The line without its ``#internal`` marks, and whether it had one."""
    found = list(INTERNAL_MARK.finditer(text))
    if not found:
        return text, False
    kept, start = [], 0
    for match in found:
        kept.append(text[start : match.start()])
        start = match.end()
    kept.append(text[start:])
    # The spaces either side of a mark become one; line breaks stay as they were.
    joined = kept[0]
    for piece in kept[1:]:
        left, right = joined.rstrip(" \t"), piece.lstrip(" \t")
        gap = "" if not left or not right or left.endswith("\n") or right.startswith("\n") else " "
        joined = left + gap + right
    return joined, True
