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

Who is a resident: the one rule of wardpanel.core.people (not of a police or council
organisation, and no official role or rank); a councillor typed with no organisation is
still an official. Officers',
councillors' and organisations' records are what the public holds them to, so they stay:
`forget_person` refuses an official unless told otherwise, and `purge_before` keeps them.

Each is one transaction, and a dry run makes the same changes, counts them and rolls
them back, so what it reports is exactly what would change. After a real change, on
SQLite, the erased words are made to leave the file itself (`clear_erased_words`).
Names are matched whole, in any case, across line breaks and either apostrophe; a first
name alone, a nickname or a misspelling is not found: read the text before publishing.

Where each part lives: `forget` and `purge` make the changes; `people` says who is who;
`names` finds names in free text and replaces them; `erasure` runs a change (or a dry
run) and clears the index and the file after it; `reports` says what changed; `errors`
are the refusals. Every name is gathered here.
"""

from __future__ import annotations

from wardpanel.privacy.erasure import REINDEX_ALL_FROM, clear_erased_words
from wardpanel.privacy.errors import AmbiguousName, NotAResident, PrivacyError, UnknownPerson
from wardpanel.privacy.forget import forget_person
from wardpanel.privacy.names import (
    OFFICER_WORDS,
    RESIDENT_WORDS,
    Pattern,
    TextSource,
    name_pattern,
    replace_name,
)
from wardpanel.privacy.people import (
    describe_person,
    find_person,
    is_official,
    people_named,
    who,
)
from wardpanel.privacy.purge import purge_before
from wardpanel.privacy.reports import ErasureReport, ForgetReport, PurgeReport

__all__ = [
    "OFFICER_WORDS",
    "REINDEX_ALL_FROM",
    "RESIDENT_WORDS",
    "AmbiguousName",
    "ErasureReport",
    "ForgetReport",
    "NotAResident",
    "Pattern",
    "PrivacyError",
    "PurgeReport",
    "TextSource",
    "UnknownPerson",
    "clear_erased_words",
    "describe_person",
    "find_person",
    "forget_person",
    "is_official",
    "name_pattern",
    "people_named",
    "purge_before",
    "replace_name",
    "who",
]
