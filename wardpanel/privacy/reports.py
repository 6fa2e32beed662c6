"""What an erasure changed (or, in a dry run, would change), told in one line or as counts.

Forgetting a person and a retention purge change the same kinds of record and report
them the same way: `ErasureReport` holds those counts and their words, and each report
adds what only it has (the person's name and meetings; the date, drafts and people).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import KW_ONLY, dataclass, field
from typing import ClassVar


def count_of(number: int, one: str, many: str | None = None) -> str:
    """'1 question', '3 questions', '2 attendance entries' (with `many` for odd plurals)."""
    return f"{number} {one if number == 1 else many or one + 's'}"


@dataclass
class ErasureReport:
    """The counts forgetting a person and a retention purge both keep, and their words.

    The counts are keyword-only so that each report's own first field (the person's
    name, the retention date) can come first and stay positional.
    """

    _: KW_ONLY
    questions: int = 0
    attendance: int = 0
    actions: int = 0
    responses: int = 0
    mentions: int = 0
    dry_run: bool = False
    # True when another program kept the WAL from being emptied (see clear_erased_words).
    words_may_linger: bool = False

    # The names `counts` gives, in its order: scripts read them as JSON keys, in this order.
    COUNTED: ClassVar[tuple[str, ...]] = (
        "questions",
        "attendance",
        "actions",
        "responses",
        "mentions",
    )

    def counts(self) -> dict[str, int]:
        """Each count by name, in the order of `COUNTED`."""
        return {name: getattr(self, name) for name in self.COUNTED}

    def summary(self) -> str:
        """One line saying what changed (or would); each report words its own."""
        raise NotImplementedError

    def _told(self, *names: str) -> list[str]:
        """The summary's words for these shared counts, in the order given."""
        words = {
            "questions": count_of(self.questions, "question") + " now asked by a resident",
            "attendance": (
                count_of(self.attendance, "attendance entry", "attendance entries") + " removed"
            ),
            "actions": count_of(self.actions, "action owner") + " cleared",
            "mentions": count_of(self.mentions, "mention") + " replaced",
        }
        return [words[name] for name in names]

    def _answers(self, naming: str) -> list[str]:
        """The words for answers that no longer name someone; none when there were none."""
        if not self.responses:
            return []
        return [count_of(self.responses, "answer") + f" no longer naming {naming}"]


@dataclass
class ForgetReport(ErasureReport):
    """What forgetting one person changed (or, in a dry run, would change)."""

    name: str
    meetings: list[tuple[dt.date, str]] = field(default_factory=list)

    def summary(self) -> str:
        """'Forgot Jo Bright: 3 questions now asked by a resident, ...'."""
        parts = self._told("questions", "attendance", "actions", "mentions")
        parts += self._answers("them")
        verb = "Would forget" if self.dry_run else "Forgot"
        return f"{verb} {self.name}: {', '.join(parts)}"


@dataclass
class PurgeReport(ErasureReport):
    """What a retention purge changed (or, in a dry run, would change)."""

    before: dt.date
    meetings: int = 0
    drafts: int = 0
    people: int = 0

    COUNTED: ClassVar[tuple[str, ...]] = (
        "meetings",
        "attendance",
        "questions",
        "actions",
        "responses",
        "mentions",
        "drafts",
        "people",
    )

    def summary(self) -> str:
        """'Removed residents' personal data from 4 meetings held before 2025-01-01: ...'."""
        held = f"{count_of(self.meetings, 'meeting')} held before {self.before.isoformat()}"
        parts = self._told("attendance", "questions", "actions", "mentions")
        parts.append(count_of(self.people, "resident") + " deleted")
        parts += self._answers("a resident")
        if self.drafts:
            parts.append(count_of(self.drafts, "unsaved draft") + " discarded")
        verb = "Would remove" if self.dry_run else "Removed"
        return f"{verb} residents' personal data from {held}: {', '.join(parts)}"
