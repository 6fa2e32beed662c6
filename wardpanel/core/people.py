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
# Words in a role that make its holder an official, whatever their organisation. An MP
# is not one (BRIEF: police, council officers and councillors): a resident unless named.
OFFICIAL_WORDS = frozenset(
    {
        "councillor", "cllr", "mayor", "police", "pc", "pcso", "dc", "ds", "sgt",
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


# Words of a post's title ("Borough Commander", "Head of Community Safety"): a "name"
# made only of these, with at least one of _POST_HOLDERS, is a post, not a person.
_POST_WORDS = frozenset(
    {
        "the", "a", "an", "of", "for", "and", "borough", "ward", "local", "area", "chief",
        "deputy", "assistant", "senior", "head", "lead", "police", "council", "community",
        "safety", "safer", "neighbourhood", "neighbourhoods", "team", "asb", "youth",
        "licensing", "partnership", "cabinet", "detective", "response", "unit", "bcu",
        "basic", "command", "street", "enforcement", "housing", "school", "schools",
    }
)  # fmt: skip
_POST_HOLDERS = frozenset(
    {
        "commander", "superintendent", "inspector", "sergeant", "constable", "officer",
        "manager", "leader", "director", "member", "councillor", "mayor", "coordinator",
        "co-ordinator", "head", "lead", "chair", "representative", "rep",
    }
)  # fmt: skip


def is_post(text: str) -> bool:
    """Whether a typed "name" is a post rather than a person: a rank or title alone
    ("Sgt", "Inspector") or a post's title ("Borough Commander", "the ASB manager")."""
    title, bare = split_title(text)
    if title and not bare:
        return True
    words = [word.strip(".,'") for word in name_key(bare).split()]
    return (
        bool(words)
        and all(word in _POST_WORDS or word in _POST_HOLDERS for word in words)
        and any(word in _POST_HOLDERS for word in words)
    )


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


def residents_printed(asked: str | None, panel_choice: str | None) -> str:
    """How a published document prints residents: as asked for, else as the panel
    chose, else by their initials."""
    return asked or panel_choice or "initials"


@dataclass(frozen=True)
class Naming:
    """How one output prints people.

    `residents`: named, initials or withheld, for residents who did not agree to be
    named; `record`: the panel's full record, where every resident is named. `hidden`
    maps a meeting's id to the people who asked anonymously at it: they are "A resident"
    for everything of that meeting. `chair`: the chair's name, printed as it is; `chairs`:
    the name keys of every chair of the meetings a document covers, printed the same way.
    """

    residents: str = "initials"
    record: bool = False
    hidden: Mapping[int, frozenset[int]] = field(default_factory=dict)
    chair: str = ""
    chairs: frozenset[str] = frozenset()

    def is_hidden(self, person_id: int | None, meeting_id: int | None) -> bool:
        """Whether the person asked anonymously at that meeting."""
        if person_id is None or meeting_id is None:
            return False
        return person_id in self.hidden.get(meeting_id, ())

    def is_named(self, person: Someone) -> bool:
        """Whether a (not hidden) person is printed by their full name."""
        if person.official or person.named or self.record or self.residents == "named":
            return True
        key = name_key(person.name)
        return (bool(self.chair) and key == name_key(self.chair)) or key in self.chairs

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

    By full name (any title left aside, any case); else by surname (of one word or
    more) with a rank or title ("Sgt Reid", "Cllr Van der Berg", when the candidate's
    role carries the same rank or none); else by a
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
    if whole or (" " in key and not title):
        return whole
    if title:
        # The surname may be more than one word ("Sgt Ó Briain", "Cllr Van der Berg").
        return [
            c
            for c in pool
            if split_title(c.name)[1].casefold().endswith(" " + key)
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


def organisation_suggestions(
    typed: str, organisations: Sequence[KnownOrganisation], most: int = 3
) -> list[KnownOrganisation]:
    """Known organisations a new name may have meant ("police" -> Metropolitan Police):
    those of the kind the name suggests (police, council), then those sharing a word of
    four letters or more with it or starting with it."""
    key = name_key(typed).removeprefix("the ")
    if not key:
        return []
    kind = kind_for_organisation(typed)
    words = {word for word in re.findall(r"\w+", key) if len(word) >= 4}
    scored: list[tuple[int, str, KnownOrganisation]] = []
    for org in organisations:
        names = [name_key(org.name), *(name_key(alias) for alias in org.aliases)]
        their_words = {word for name in names for word in re.findall(r"\w+", name)}
        score = 0
        if kind != "other" and org.kind == kind:
            score += 2
        if words & their_words:
            score += 2
        if any(name.startswith(key) or key.startswith(name) for name in names):
            score += 1
        if score:
            scored.append((-score, name_key(org.name), org))
    return [org for _, _, org in sorted(scored, key=lambda item: item[:2])[:most]]
