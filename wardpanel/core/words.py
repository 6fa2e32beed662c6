"""How the record is put into words, the same on every screen, command and document.

References (an action's "HS-12"), dates ('10 Apr 2026', 'Friday 10 April 2026'), the
words for each status and outcome, counts ('1 question', '2 questions'), and what
"overdue" means. A screen may colour these words; it never rewords them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from wardpanel.core.models import OPEN_ACTION_STATUSES

# -- references ---------------------------------------------------------------------------


# A panel's code: what its references start with. Short, so "HS-12" fits a table's
# narrowest column, and plain letters and digits, so it reads aloud and types anywhere.
PANEL_CODE_LONGEST = 6
_PANEL_CODE = re.compile(rf"[A-Z][A-Z0-9]{{0,{PANEL_CODE_LONGEST - 1}}}")
# A reference a meeting file may carry: a panel's "HS-12", or an earlier "A21".
REF_LONGEST = 20
_REF = re.compile(rf"[A-Za-z0-9][A-Za-z0-9-]{{0,{REF_LONGEST - 1}}}")


def action_ref(action_id: int, ref: str = "") -> str:
    """An action's reference as printed everywhere: its own (e.g. "HS-12"), or, for an
    action that has none yet, "A" and its id (how every reference was printed before
    panels had codes)."""
    return ref or f"A{action_id}"


def numbered_ref(code: str, number: int) -> str:
    """A panel's reference number `number`: "HS-12". Given once, it never changes, even
    when the panel's code does."""
    return f"{code}-{number}"


def ref_key(ref: str) -> str:
    """What makes two references one: "hs-12" is "HS-12"."""
    return ref.strip().upper()


def number_in_ref(ref: str, code: str) -> int | None:
    """12 for "HS-12" under the code "HS"; None for a reference of another form."""
    head, dash, tail = ref_key(ref).rpartition("-")
    if dash and head == ref_key(code) and tail.isdigit() and not tail.startswith("0"):
        return int(tail)
    return None


def panel_code_problem(code: str) -> str | None:
    """What is wrong with a panel code as typed (after `ref_key`), or None when it will
    do: 1 to PANEL_CODE_LONGEST letters or digits, starting with a letter."""
    if not code:
        return "give a few letters for the panel's action references, such as HS"
    if len(code) > PANEL_CODE_LONGEST:
        return f"'{code}' is too long: at most {PANEL_CODE_LONGEST} letters or digits"
    if not _PANEL_CODE.fullmatch(code):
        return f"'{code}' should be letters and digits only, starting with a letter"
    return None


def ref_problem(ref: str) -> str | None:
    """What is wrong with a reference read from a file, or None: letters, digits and
    hyphens, at most REF_LONGEST of them, starting with a letter or a digit."""
    if len(ref) > REF_LONGEST:
        return f"'{ref[:REF_LONGEST]}...' is too long for a reference"
    if not _REF.fullmatch(ref):
        return f"'{ref}' is not a reference: letters, digits and hyphens, such as HS-12"
    return None


def refs_typed(text: str) -> list[str]:
    """The words of `text` that may be references ("HS-12", "a21": a letter, then a
    digit somewhere), each as typed and in capitals, for an exact look-up."""
    found: list[str] = []
    for word in text.split():
        word = word.strip(".,;:!?()[]\"'")
        if word and word[0].isalpha() and any(c.isdigit() for c in word) and not ref_problem(word):
            found.extend(dict.fromkeys((word, ref_key(word))))
    return list(dict.fromkeys(found))


def panel_code(name: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A short code for a panel's action references, from its name's initials: "Hoe
    Street Ward Panel" -> "HS" ("ward", "panel" and small words are left out), made
    unique among `taken` with a number ("HS2")."""
    skip = {"ward", "panel", "the", "and", "of", "for", "safer", "neighbourhood", "group"}
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[A-Za-z0-9]+", plain) if w.lower() not in skip]
    code = "".join(w[0] for w in words).upper()[:4] or "P"
    if not code[0].isalpha():
        code = f"P{code}"[:4]  # "1st Avenue" -> "P1A": a code starts with a letter
    if code not in taken:
        return code
    number = 2
    while f"{code}{number}" in taken:
        number += 1
    return f"{code}{number}"


# -- dates ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)  # a long list repeats the same few hundred days
def short_date(day: dt.date | None) -> str:
    """'10 Apr 2026'."""
    return f"{day.day} {day:%b %Y}" if day else ""


def was_due(agreed: dt.date | None, due: dt.date | None) -> str:
    """' (was due 4 Dec 2026)' when the date agreed at the meeting has moved since; ''
    otherwise."""
    if agreed is None or agreed == due:
        return ""
    return f" (was due {short_date(agreed)})"


def period_words(date_from: dt.date | None, date_to: dt.date | None) -> str:
    """A report's period, as its document and its export dialog say it: '1 Jan 2026 to
    30 Jun 2026', 'From 1 Jan 2026', 'Up to 30 Jun 2026' or 'All meetings'."""
    if date_from and date_to:
        return f"{short_date(date_from)} to {short_date(date_to)}"
    if date_from:
        return f"From {short_date(date_from)}"
    if date_to:
        return f"Up to {short_date(date_to)}"
    return "All meetings"


def long_date(day: dt.date | None) -> str:
    """'Friday 10 April 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}" if day else ""


def day_date(day: dt.date | None) -> str:
    """'Fri 10 Apr 2026', where a screen has room for the weekday but not its name."""
    return f"{day:%a} {day.day} {day:%b %Y}" if day else ""


# -- statuses and outcomes -----------------------------------------------------------------

STATUS_WORDS = {
    # actions
    "open": "Open",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
    # attendance
    "present": "Present",
    "apologies": "Apologies",
    "absent": "Absent",
    "expected": "Not marked",
    # meetings
    "draft": "Draft",
    "approved": "Approved",
    # priorities
    "active": "Active",
    "achieved": "Achieved",
    "replaced": "Replaced",
    # recommendations
    "awaiting_response": "Awaiting a response",
    "accepted": "Accepted",
    "partly_accepted": "Partly accepted",
    "rejected": "Rejected",
    "implemented": "Implemented",
    # questions
    "answered": "Answered",
    "taken_away": "Taken away",
    "referred": "Referred",
    "written_reply": "Written reply to follow",
    "unanswered": "Unanswered",
    "statement": "Statement",
    "question": "Question",
    # where something stands
    "overdue": "Overdue",
    "no_action": "No action raised",
}
ABSENCE_WORDS = {
    "abstracted": "abstracted to other duties",
    "training": "training",
    "leave": "on leave",
    "sickness": "sickness",
    "incident": "attending an incident",
    "other": "other reason",
}


# Words in a reason given that say what kind of absence it was, checked in this order.
_ABSENCE_CLUES = (
    ("abstracted", ("abstract", "other duties", "redeployed", "called away", "cover")),
    ("training", ("training", "course")),
    ("sickness", ("sick", "ill", "unwell", "medical")),
    ("leave", ("leave", "holiday", "annual", "vacation", "rest day")),
    ("incident", ("incident", "emergency", "call")),
)


def absence_category_of(reason: str) -> str:
    """The kind of absence a reason given says ("abstracted to other duties" ->
    abstracted, "on annual leave" -> leave), or "" when it says none of them."""
    words = " ".join(reason.casefold().split())
    padded = f" {words} "
    for category, clues in _ABSENCE_CLUES:
        for clue in clues:
            # a short clue must be a whole word ("ill" is not "will")
            if (f" {clue} " in padded) if len(clue) <= 4 else (clue in words):
                return category
    return ""


def status_words(status: str | None) -> str:
    """A status as people read it: 'in_progress' -> 'In progress'."""
    if not status:
        return ""
    return STATUS_WORDS.get(status, status.replace("_", " ").capitalize())


def status_lower(status: str | None) -> str:
    """The same words inside a sentence: 'in progress'."""
    words = status_words(status)
    return words[:1].lower() + words[1:] if words else ""


def outcome_sentence(outcome: str | None, referred_to: str = "") -> str:
    """A question's outcome as the minutes say it: 'Referred to 101.'; "" for none."""
    if outcome == "referred":
        place = " ".join(referred_to.split())
        return f"Referred to {place}." if place else "Referred elsewhere."
    sentences = {
        "answered": "Answered at the meeting.",
        "taken_away": "Taken away: an answer will come back to the panel.",
        "written_reply": "A written reply will follow.",
        "unanswered": "Not answered at the meeting.",
    }
    return sentences.get(outcome or "", "")


def previous_minutes_sentence(agreed: bool | None) -> str:
    """Whether a meeting agreed the previous minutes, as its minutes say it (no full
    stop: amendments may follow); "" when it was not recorded."""
    if agreed is None:
        return ""
    verdict = "were agreed" if agreed else "were not agreed"
    return f"The minutes of the previous meeting {verdict} as a correct record"


def previous_minutes_short(agreed: bool | None, amendments: str = "") -> str:
    """The same in a few words for a screen: 'Previous minutes agreed, amended'."""
    if agreed is None:
        return ""
    said = "Previous minutes agreed" if agreed else "Previous minutes not agreed"
    return said + (", amended" if agreed and amendments.strip() else "")


def trail_line(kind: str, by: str, at: dt.datetime, reason: str = "") -> str:
    """One entry of a meeting's trail as every screen prints it: 'Approved by Jo
    Bright, 2 Dec 2026 19:40'; 'Reopened by Sam Clerk, 3 Dec 2026 10:02: a name was
    misspelt'."""
    said = {"approved": "Approved", "reopened": "Reopened"}.get(kind, kind.capitalize())
    if by:
        said += f" by {by}"
    said += f", {short_date(at.date())} {at:%H:%M}"
    return f"{said}: {reason}" if reason else said


# -- what "overdue" means -------------------------------------------------------------------


def is_open(status: str) -> bool:
    """Open or in progress: an action still to be done."""
    return status in OPEN_ACTION_STATUSES


def is_overdue(status: str, due: dt.date | None, as_of: dt.date) -> bool:
    """An action is overdue when it is still open and its due date is before `as_of`."""
    return status in OPEN_ACTION_STATUSES and due is not None and due < as_of


def response_due_words(as_said: str, due: dt.date | None) -> str:
    """When a recommendation's response is due, as people read it: 'in the autumn (by
    30 Nov 2026)', 'by 30 Nov 2026', or ''."""
    said = " ".join(as_said.split())
    if said and due is not None:
        by = "" if said.lower().startswith("by ") else "by "
        return f"{said} ({by}{short_date(due)})"
    if due is not None:
        return f"by {short_date(due)}"
    return said


def recommendation_overdue(status: str, response_due: dt.date | None, as_of: dt.date) -> bool:
    """A recommendation is overdue while it awaits a response after its due date."""
    return status == "awaiting_response" and response_due is not None and response_due < as_of


# -- counts ----------------------------------------------------------------------------------


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 question', '2 questions', '3 people'."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"
