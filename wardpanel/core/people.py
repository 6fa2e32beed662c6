"""The rules about people, in one place: who is who, who is named, and how a name finds them.

Every screen, command and document asks these; none decides for itself.

- **Names.** A name is stored normalised (`normal_name`: NFKC, invisible format
  characters removed, one space between words), so "Jo Bright" and "Jo\u200b Bright"
  are one person. Ranks and titles (PC, Sgt, Insp, Cllr, Dr, Mrs...) belong to a role,
  not a name: `split_title("Sgt Tom Reid")` is ("Sgt", "Tom Reid").
- **Officials and residents.** An official is a police officer, a council officer or a
  councillor: someone of a police or council organisation, or with an official role or
  rank (a councillor typed with no organisation is still one). Everyone else is a
  resident, members of residents' groups and Neighbourhood Watch included.
- **Anonymity is a person's, not a question's.** Whoever asked a question anonymously
  at a meeting is "A resident" in every published document, for everything of that
  meeting: its minutes, the actions raised at it wherever they are listed later, and
  their updates. Their name is kept in the record for the chair's follow-up only.
- **Residents in published documents** are printed as the panel chooses: `named`,
  `initials` (the default) or `withheld` ("a resident"); a resident who agreed to be
  named is named. Officials and the chair are always named. The panel's full record
  names every resident, but never an anonymous asker.
- **Matching.** A typed name finds a person by full name, by surname with a rank
  ("Sgt Reid"), or by first name when only one of the people in view fits; an
  organisation by its name or an alias, whatever the case ("Met", "the police").
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

ANONYMOUS = "A resident"
A_RESIDENT = "a resident"
RESIDENTS = "Residents"
RESIDENT_NAMING = ("named", "initials", "withheld")
OFFICIAL_KINDS = frozenset({"police", "council"})

# Titles and ranks as people type them, each with the short form the app prints.
_TITLES = {
    "PC": ("pc", "police constable", "constable"),
    "PCSO": ("pcso", "police community support officer"),
    "DC": ("dc", "detective constable"),
    "DS": ("ds", "detective sergeant"),
    "Sgt": ("sgt", "sergeant", "police sergeant", "ps"),
    "Insp": ("insp", "inspector"),
    "DI": ("di", "detective inspector"),
    "Ch Insp": ("ch insp", "chief inspector", "ci", "chief insp"),
    "DCI": ("dci", "detective chief inspector"),
    "Supt": ("supt", "superintendent"),
    "Ch Supt": ("ch supt", "chief superintendent", "chief supt"),
    "Cmdr": ("cmdr", "commander"),
    "Cllr": ("cllr", "councillor", "ward councillor"),
    "Dr": ("dr", "doctor"),
    "Mr": ("mr",),
    "Mrs": ("mrs",),
    "Ms": ("ms",),
    "Miss": ("miss",),
    "Mx": ("mx",),
    "Rev": ("rev", "revd", "reverend"),
    "Prof": ("prof", "professor"),
}
TITLE_OF = {form: short for short, forms in _TITLES.items() for form in forms}
_LONGEST_TITLE = max(len(form.split()) for form in TITLE_OF)
OFFICIAL_TITLES = frozenset(
    {"PC", "PCSO", "DC", "DS", "Sgt", "Insp", "DI", "Ch Insp", "DCI", "Supt", "Ch Supt", "Cmdr",
     "Cllr"}
)  # fmt: skip
# Words in a role that make its holder an official, whatever their organisation.
OFFICIAL_WORDS = frozenset(
    {
        "councillor", "cllr", "mp", "mayor", "police", "pc", "pcso", "dc", "ds", "sgt",
        "sergeant", "insp", "inspector", "superintendent", "constable", "detective",
        "officer", "commander",
    }
)  # fmt: skip
# Organisation names that mean one kind of organisation when no alias says otherwise.
POLICE_WORDS = frozenset({"police", "the police", "met", "the met", "met police", "mps"})
COUNCIL_WORDS = frozenset({"council", "the council", "local authority", "the local authority"})
_FORMAT = "Cf"  # Unicode's invisible format characters: zero-width spaces, marks, BOMs


# -- names -----------------------------------------------------------------------------


def normal_name(text: str | None) -> str:
    """A name as stored and compared: NFKC, invisible format characters removed, one
    space between words, and the curly apostrophe made straight."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(ch for ch in folded if unicodedata.category(ch) != _FORMAT)
    return " ".join(visible.replace("’", "'").split())


@functools.cache
def invisible_ranges() -> tuple[tuple[str, str], ...]:
    """The invisible format characters `normal_name` removes, as (first, last) ranges,
    for finding them in text where they are kept (a pattern in SQL). Unicode places
    them in the first two planes and among the tags of plane 14."""
    ranges: list[list[int]] = []
    for code in itertools.chain(range(0x20000), range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(code)) != _FORMAT:
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return tuple((chr(first), chr(last)) for first, last in ranges)


def name_key(text: str | None) -> str:
    """What two names must share to be the same name: the normal name, casefolded."""
    return normal_name(text).casefold()


def same_name(one: str | None, other: str | None) -> bool:
    """Whether two names are the same name to a reader: any case, any spacing, however
    written (fullwidth letters, invisible characters, either apostrophe)."""
    return name_key(one) == name_key(other)


def split_title(text: str) -> tuple[str, str]:
    """("Sgt", "Tom Reid") from "Sgt Tom Reid" or "Police Sergeant Tom Reid"; ("", name)
    when the name has no leading title or rank."""
    words = normal_name(text).split()
    for size in range(min(_LONGEST_TITLE, len(words)), 0, -1):
        form = " ".join(word.rstrip(".").casefold() for word in words[:size])
        if form in TITLE_OF:
            return TITLE_OF[form], " ".join(words[size:])
    return "", " ".join(words)


def title_of_role(role: str) -> str:
    """The short title a role carries ("Sergeant" -> "Sgt"), or ""."""
    title, rest = split_title(role)
    return title if title and not rest else ""


def initials_of(name: str) -> str:
    """'Sandra Miller' -> 'SM'; "Mary-Jane O'Neil" -> 'MJO'; a title is left out."""
    _, bare = split_title(name)
    letters = [match[0] for match in re.findall(r"\w+", (bare or name).replace("'", ""))]
    return "".join(letters).upper() or "?"


def surname_of(name: str) -> str:
    return split_title(name)[1].rsplit(" ", 1)[-1]


def first_name_of(name: str) -> str:
    return split_title(name)[1].split(" ", 1)[0]


# -- officials and residents -------------------------------------------------------------


def kind_for_organisation(name: str) -> str:
    """The kind a new organisation takes from its name: police, council or other."""
    key = name_key(name)
    words = set(re.findall(r"\w+", key))
    if words & {"police", "constabulary"} or key in POLICE_WORDS:
        return "police"
    if "council" in words or key in COUNCIL_WORDS:
        return "council"
    return "other"


def is_official_role(role: str | None) -> bool:
    """Whether a role or rank alone makes its holder an official."""
    if not role:
        return False
    if title_of_role(role) in OFFICIAL_TITLES:
        return True
    return bool(set(re.findall(r"\w+", role.casefold())) & OFFICIAL_WORDS)


def is_official(role: str | None, organisation_kind: str | None) -> bool:
    """An official: of a police or council organisation, or with an official role."""
    return organisation_kind in OFFICIAL_KINDS or is_official_role(role)


# -- printing people -------------------------------------------------------------------


@dataclass(frozen=True)
class Someone:
    """What printing needs to know about a person, read once from the record."""

    id: int
    name: str
    role: str = ""
    organisation: str = ""
    organisation_kind: str | None = None
    named: bool = False  # a resident who agreed to be named
    organisation_id: int | None = None

    @property
    def official(self) -> bool:
        return is_official(self.role, self.organisation_kind)


@dataclass(frozen=True)
class Naming:
    """How one output prints people.

    `residents`: named, initials or withheld, for residents who did not agree to be
    named; `record`: the panel's full record, where every resident is named. `hidden`
    maps a meeting's id to the people who asked anonymously at it: they are "A resident"
    for everything of that meeting. `chair`: the chair's name, printed as it is.
    """

    residents: str = "initials"
    record: bool = False
    hidden: Mapping[int, frozenset[int]] = field(default_factory=dict)
    chair: str = ""

    def is_hidden(self, person_id: int | None, meeting_id: int | None) -> bool:
        """Whether the person asked anonymously at that meeting."""
        if person_id is None or meeting_id is None:
            return False
        return person_id in self.hidden.get(meeting_id, ())

    def is_named(self, person: Someone) -> bool:
        """Whether a (not hidden) person is printed by their full name."""
        if person.official or person.named or self.record or self.residents == "named":
            return True
        return bool(self.chair) and name_key(person.name) == name_key(self.chair)

    def name(self, person: Someone | None, meeting_id: int | None) -> str:
        """The person as this output prints them in connection with `meeting_id`."""
        if person is None:
            return ""
        if self.is_hidden(person.id, meeting_id):
            return ANONYMOUS
        if not person.name:  # a post nobody filled: its role is all there is
            return person.role
        if self.is_named(person):
            return person.name
        if self.residents == "initials":
            return initials_of(person.name)
        return ANONYMOUS

    def with_role(self, person: Someone | None, meeting_id: int | None) -> str:
        """'Name, Role'; an anonymous or withheld resident never gets a role that could
        identify them."""
        name = self.name(person, meeting_id)
        if person is None or not person.role or not person.name or name == ANONYMOUS:
            return name
        return f"{name}, {person.role}"

    def withholds(self, person: Someone, meeting_id: int | None) -> bool:
        """Whether this output leaves the person unnamed ("A resident")."""
        return self.name(person, meeting_id) == ANONYMOUS


FULL_RECORD = Naming(record=True)


def describe(person: Someone) -> str:
    """'Sam Lee, PCSO, Metropolitan Police': the name with the role and organisation."""
    parts = (person.name, person.role, person.organisation)
    return ", ".join(part for part in parts if part)


# -- finding people by the names chairs type ---------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A person a typed name may mean."""

    id: int
    name: str
    role: str = ""
    organisation_id: int | None = None


def person_matches(typed: str, candidates: Iterable[Candidate]) -> list[Candidate]:
    """The candidates a typed name can mean, best kind of match first.

    By full name (any title left aside, any case); else by surname with a rank or title
    ("Sgt Reid", when the candidate's role carries the same rank or none); else by a
    first name alone, or a surname alone, when that is all that was typed. Every
    candidate that fits the best kind of match is returned: one means found, several
    mean the name is ambiguous, none that nobody in view has that name.
    """
    title, bare = split_title(typed)
    key = bare.casefold()
    if not key:
        return []
    pool = list(candidates)
    whole = [c for c in pool if split_title(c.name)[1].casefold() == key]
    if whole or " " in key:
        return whole
    if title:
        return [
            c
            for c in pool
            if surname_of(c.name).casefold() == key
            and title_of_role(c.role) in ("", title)
            and split_title(c.name)[0] in ("", title)
        ]
    first = [c for c in pool if first_name_of(c.name).casefold() == key]
    return first or [c for c in pool if surname_of(c.name).casefold() == key]


@dataclass(frozen=True)
class KnownOrganisation:
    id: int
    name: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()


def organisation_matches(
    typed: str, organisations: Sequence[KnownOrganisation], council_id: int | None = None
) -> list[KnownOrganisation]:
    """The organisations a typed name can mean: by name or alias, whatever the case,
    with or without a leading "the"; then a generic word ("police", "the council") for
    the panel's council or the one organisation of that kind."""
    key = name_key(typed)
    if not key:
        return []
    bare = key.removeprefix("the ")
    found = [
        org
        for org in organisations
        if bare
        in {name_key(org.name).removeprefix("the ")}
        | {name_key(alias).removeprefix("the ") for alias in org.aliases}
    ]
    if found:
        return found
    if key in COUNCIL_WORDS:
        councils = [o for o in organisations if o.id == council_id]
        return councils or [o for o in organisations if o.kind == "council"]
    if key in POLICE_WORDS:
        return [o for o in organisations if o.kind == "police"]
    return []


# -- names typed in text -------------------------------------------------------------------

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
