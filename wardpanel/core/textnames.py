"""Residents' names found in typed text (notes, questions, answers, actions) and printed
as the document prints the resident: the rule of core.people applied to words the chair
typed, so a published document never names in a note whom it calls "A resident"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from wardpanel.core.people import name_key, split_title, surname_of

# Titles people put before a surname when they write about a resident ("Mrs Kapoor").
_COURTESY_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")
_WORD = re.compile(r"\w+")


def _name_parts(key: str) -> tuple[str, ...]:
    """A name key as its words with the separators between them:
    "mary-jane o'neil" -> ("mary", "-", "jane", " ", "o", "'", "neil")."""
    parts: list[str] = []
    last = 0
    for word in _WORD.finditer(key):
        if parts:
            between = key[last : word.start()]
            parts.append(" " if between.isspace() else between)
        parts.append(word[0])
        last = word.end()
    return tuple(parts)


def _joins_a_name(typed: str) -> bool:
    """Whether what is typed between two words can join them into the name: whitespace
    (a line break included), a hyphen or an apostrophe, whichever the name has, since
    "Mary Jane" is as much her name as "Mary-Jane" and a leak cannot be taken back."""
    joined = typed.strip().replace("’", "'")
    return bool(typed) and joined in ("", "-", "'") and (joined == "" or len(typed) == 1)


@dataclass(frozen=True)
class Replacement:
    """A name found in typed text (`found`, as typed), the person's name it stands for
    (`name`), and what a published document prints instead."""

    found: str
    printed: str
    name: str = ""


class TextNames:
    """Finds residents' names in typed text (notes, questions, answers, actions) and
    prints them as the document prints the resident.

    Built once per document from each unnamed person's name and printed form: the full
    name, whatever its case or spacing, and a courtesy title with the surname ("Mrs
    Kapoor") are found; a first name alone is not, as it names too many people. Text is
    read word by word and a name looked up by its first word, so a document with many
    residents costs no more than one with few.
    """

    def __init__(self, printed: Mapping[str, str]) -> None:
        forms: dict[tuple[str, ...], tuple[str, str]] = {}
        for name, shown in printed.items():
            bare = split_title(name)[1]
            if not bare or name_key(bare) == name_key(shown):
                continue
            written = [bare]
            if " " in bare:
                written += [f"{title} {surname_of(bare)}" for title in _COURTESY_TITLES]
            for form in written:
                forms.setdefault(_name_parts(name_key(form)), (shown, name))
        # By first word, longest first, so "Sunita Kapoor" is replaced whole.
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, str]]]] = {}
        for parts, found in sorted(forms.items(), key=lambda item: -len(item[0])):
            self._by_first.setdefault(parts[0], []).append((parts, found))

    def replace(self, text: str) -> tuple[str, list[Replacement]]:
        """The text with every name found printed as its resident is, and the list of
        what was replaced, in order."""
        if not self._by_first or not text:
            return text, []
        words = list(_WORD.finditer(text))
        found: list[Replacement] = []
        pieces: list[str] = []
        done = 0  # where the text not yet copied starts
        at = 0
        while at < len(words):
            match = self._match_at(text, words, at)
            if match is None:
                at += 1
                continue
            size, (shown, name) = match
            start, end = words[at].start(), words[at + size - 1].end()
            pieces += [text[done:start], shown]
            found.append(Replacement(text[start:end], shown, name))
            done, at = end, at + size
        pieces.append(text[done:])
        return "".join(pieces), found

    def _match_at(
        self, text: str, words: list[re.Match[str]], at: int
    ) -> tuple[int, tuple[str, str]] | None:
        """The longest name starting at word `at`: how many words it takes, and what is
        printed for it; None when no name starts there."""
        candidates = self._by_first.get(name_key(words[at][0]))
        if not candidates:
            return None
        for parts, printed in candidates:
            size = len(parts) // 2 + 1  # words, with a separator between each two
            if at + size > len(words):
                continue
            if all(
                name_key(words[at + k][0]) == parts[2 * k]
                and _joins_a_name(text[words[at + k - 1].end() : words[at + k].start()])
                for k in range(1, size)
            ):
                return size, printed
        return None

    def __call__(self, text: str) -> str:
        return self.replace(text)[0]
