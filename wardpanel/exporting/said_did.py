""" "You said, we did" as a Word document: what residents asked and what came of it.

For each question put at the panel's meetings in the period: You said (the question,
who asked, when); We committed (each organisation's response, the actions raised);
We did (the updates reported, by the "as of" day); Where it stands now. Then each
priority set or reviewed in the period: who set it and when, its reviews, the actions
reported against it and what was done, and where it stands. Then the recommendations
put to organisations (awaiting a response, or how they answered) and the other
actions agreed, with no question or priority behind them. Names come already
anonymised from wardpanel.reports: an anonymous asker is "A resident".
"""

from __future__ import annotations

from collections.abc import Sequence

from wardpanel.core.people import Naming, residents_printed
from wardpanel.core.words import outcome_sentence, period_words, response_due_words, status_words
from wardpanel.exporting.minutes import (
    NONE_RECORDED,
    RED_BOLD,
    long_date,
    short_date,
    topic_of,
)
from wardpanel.exporting.titles import (
    RECORD_MARK,
    meetings_line,
    panel_keywords,
    produced_now,
    title_block,
)
from wardpanel.exporting.worddoc import BOLD, Look, Span, WordDocument, split_paragraphs
from wardpanel.queries.people import text_names_across
from wardpanel.reports import (
    PriorityRecord,
    QuestionRecord,
    SaidDid,
    TrackedAction,
)

INDENT_CM = 0.6
OUTCOME_WORDS = {
    "keep": "Kept as a priority",
    "replace": "Replaced",
    "achieved": "Achieved",
    "dropped": "Dropped",
}
SETTER_WORDS = {"police": "the police", "panel": "the panel"}


def _standing_look(standing: str) -> Look:
    return RED_BOLD if standing == "overdue" else BOLD


def _one_line(text: str) -> str:
    return " ".join(" ".join(split_paragraphs(text)).split())


class SaidDidWriter:
    """Writes one "You said, we did" report into a WordDocument."""

    def __init__(
        self, report: SaidDid, *, record: bool = False, residents: str | None = None
    ) -> None:
        self.report = report
        self.record = record
        chosen = residents_printed(residents, report.panel.publish_residents)
        naming = Naming(residents=chosen, record=record)
        # Residents' names typed in questions, answers, actions and updates are printed
        # as the report prints the residents themselves.
        self.typed = text_names_across(naming, [m.id for m in report.meetings])
        self.doc = WordDocument()

    def write(self) -> bytes:
        report, doc = self.report, self.doc
        panel = report.panel
        period = period_words(report.date_from, report.date_to)
        doc.set_header(
            [Span(panel.name, BOLD), f"  ·  You said, we did  ·  {period}"],
            (f"{RECORD_MARK} · " if self.record else "") + f"As of {short_date(report.as_of)}",
        )
        doc.set_page_numbers()
        doc.set_properties(
            title=f"You said, we did: {panel.name}, {period}",
            subject=f"Questions, commitments and actions as of {report.as_of.isoformat()}",
            keywords=panel_keywords(panel),
        )
        title_block(
            doc,
            panel.name,
            "You said, we did",
            [
                ("Period", period),
                ("Meetings", meetings_line(report.meetings)),
                (
                    "As of",
                    f"{long_date(report.as_of)} (overdue: still open, with a due date "
                    "before this day)",
                ),
                ("Questions", self.question_summary()),
                ("Priorities", str(len(report.priorities)) if report.priorities else "None"),
                ("Recommendations", self.recommendation_summary()),
                ("Produced", produced_now()),
            ],
        )
        self.questions()
        self.priorities()
        self.recommendations()
        self.other_actions()
        return doc.to_bytes()

    def recommendation_summary(self) -> str:
        made = self.report.recommendations
        if not made:
            return "None"
        counts: dict[str, int] = {}
        for found in made:
            counts[found.standing] = counts.get(found.standing, 0) + 1
        parts = [f"{number} {status_words(key).lower()}" for key, number in counts.items()]
        return f"{len(made)}: {', '.join(parts)}"

    def question_summary(self) -> str:
        report = self.report
        if not report.questions:
            return "None"
        parts = [
            f"{number} {status_words(standing).lower()}"
            for standing, number in report.question_counts().items()
        ]
        return f"{len(report.questions)}: {', '.join(parts)}"

    # -- shared pieces --------------------------------------------------------------------

    def label(self, text: str) -> None:
        self.doc.paragraph(text, style="Heading3", space_before_pt=6, space_after_pt=2)

    def you_said(self, where: str, text: str) -> None:
        """The "You said" label, where and by whom, then the words."""
        self.label("You said")
        self.doc.paragraph(where, keep_with_next=True, space_after_pt=2, indent_cm=INDENT_CM)
        self.doc.text_block(text, indent_cm=INDENT_CM)

    def none(self, text: str) -> None:
        self.doc.paragraph(Span(text, NONE_RECORDED.look), indent_cm=INDENT_CM)

    def committed_actions(self, actions: Sequence[TrackedAction]) -> None:
        for tracked in actions:
            action = tracked.action
            who = ", ".join(part for part in (tracked.owner, tracked.organisation) if part)
            details = [who or "no owner named"]
            details.append(f"due {short_date(action.due)}" if action.due else "no due date")
            details.append(f"agreed {short_date(action.meeting_date)}")
            self.doc.bullet(
                [
                    Span(f"{action.ref} ", BOLD),
                    _one_line(self.typed(action.text)),
                    f" ({'; '.join(details)})",
                ]
            )

    def what_was_done(self, actions: Sequence[TrackedAction]) -> None:
        done_any = False
        for tracked in actions:
            for update in tracked.updates:
                said = _one_line(self.typed(update.text))
                if update.status:
                    changed = f"now {status_words(update.status).lower()}"
                    said = f"{said} ({changed})" if said else changed.capitalize() + "."
                self.doc.bullet(
                    [
                        Span(f"{tracked.action.ref}, {short_date(update.date)}: ", BOLD),
                        said,
                    ]
                )
                done_any = True
        if not done_any:
            self.none("Nothing reported yet.")

    def action_standings(self, actions: Sequence[TrackedAction]) -> None:
        for tracked in actions:
            action = tracked.action
            parts: list[str | Span] = [
                Span(f"{action.ref} ", BOLD),
                Span(status_words(tracked.standing), _standing_look(tracked.standing)),
            ]
            if tracked.overdue:
                parts.append(
                    f": due {short_date(action.due)}, still {status_words(tracked.status).lower()}"
                )
            self.doc.bullet(parts)

    # -- questions ------------------------------------------------------------------------

    def questions(self) -> None:
        doc = self.doc
        doc.heading("Questions", 1)
        if not self.report.questions:
            doc.paragraph(Span("No questions were put in this period.", NONE_RECORDED.look))
            return
        for position, record in enumerate(self.report.questions, start=1):
            self.question(position, record)

    def question(self, position: int, record: QuestionRecord) -> None:
        doc = self.doc
        doc.heading(f"{position}. {self.typed(topic_of(record.text, record.topic))}", 2)
        verb = "Said from the floor" if record.kind == "statement" else "Asked"
        asked = f"{verb} by {record.asked_by}" if record.asked_by else verb
        self.you_said(
            f"{asked} at the meeting of {short_date(record.meeting.date)} "
            f"(question {record.number} in its minutes)",
            self.typed(record.text),
        )

        self.label("We committed")
        outcome = outcome_sentence(record.outcome, record.referred_to)
        if not record.responses and not record.actions and not outcome:
            self.none("No response or action recorded.")
        for response in record.responses:
            who = response.organisation or response.responder or "Response"
            heading: list[str | Span] = [Span(who, BOLD)]
            if response.organisation and response.responder:
                heading.append(f" ({response.responder})")
            doc.paragraph(heading, style="Heading4", space_after_pt=2, indent_cm=INDENT_CM)
            doc.text_block(self.typed(response.text), indent_cm=INDENT_CM)
        if record.actions:
            doc.paragraph(
                Span("Actions agreed", BOLD),
                keep_with_next=True,
                space_after_pt=2,
                indent_cm=INDENT_CM,
            )
            self.committed_actions(record.actions)
        elif record.responses:
            self.none("No action was raised.")
        if outcome:
            doc.paragraph([Span("Outcome: ", BOLD), outcome], indent_cm=INDENT_CM)

        self.label("We did")
        if record.actions:
            self.what_was_done(record.actions)
        else:
            self.none("No action to report on.")

        self.label("Where it stands now")
        doc.paragraph(
            Span(status_words(record.standing), _standing_look(record.standing)),
            indent_cm=INDENT_CM,
            keep_with_next=len(record.actions) > 1,
        )
        if len(record.actions) > 1:
            self.action_standings(record.actions)

    # -- priorities -----------------------------------------------------------------------

    def priorities(self) -> None:
        doc = self.doc
        doc.heading("Priorities", 1)
        if not self.report.priorities:
            doc.paragraph(
                Span("No priority was set or reviewed in this period.", NONE_RECORDED.look)
            )
            return
        for position, record in enumerate(self.report.priorities, start=1):
            self.priority(position, record)

    def priority(self, position: int, record: PriorityRecord) -> None:
        doc = self.doc
        priority = record.priority
        title = topic_of(priority.text, "")
        doc.heading(f"{position}. {title}", 2)
        setter = SETTER_WORDS.get(record.set_by, record.set_by)
        when = f"at the meeting of {short_date(record.set_at.date)}" if record.set_at else ""
        replacing = f", replacing “{_one_line(record.replaces.text)}”" if record.replaces else ""
        self.label("Set")
        doc.paragraph(
            " ".join(part for part in (f"By {setter}", when) if part) + replacing,
            keep_with_next=True,
            space_after_pt=2,
            indent_cm=INDENT_CM,
        )
        if title != " ".join(priority.text.split()):
            doc.text_block(priority.text, indent_cm=INDENT_CM)  # the heading shortened it

        self.label("Reviews")
        if not record.reviews and record.standing == "active":
            self.none("Not reviewed yet.")
        elif not record.reviews:
            # Its standing was recorded without a review at a meeting (a file, say):
            # say so, rather than "not reviewed" beside "achieved".
            self.none(
                f"Not reviewed at a meeting; recorded as {status_words(record.standing).lower()}."
            )
        for review in record.reviews:
            parts: list[str | Span] = [
                Span(f"{short_date(review.meeting.date)}: ", BOLD),
                OUTCOME_WORDS.get(review.outcome, review.outcome),
            ]
            if review.outcome == "replace" and review.replaced_by is not None:
                parts.append(f" by “{_one_line(review.replaced_by.text)}”")
            parts.append(".")
            if review.note:
                parts.append(" " + _one_line(review.note))
            doc.bullet(parts)

        self.label("We committed")
        if record.actions:
            self.committed_actions(record.actions)
        else:
            self.none("No action has been reported against this priority.")
        self.label("We did")
        if record.actions:
            self.what_was_done(record.actions)
        else:
            self.none("No action to report on.")

        self.label("Where it stands now")
        standing: list[str | Span] = [
            Span(status_words(record.standing), BOLD),
        ]
        if record.replaced_by is not None:
            standing.append(f" by “{_one_line(record.replaced_by.text)}”")
        doc.paragraph(standing, indent_cm=INDENT_CM, keep_with_next=bool(record.actions))
        if record.actions:
            self.action_standings(record.actions)

    # -- recommendations and other actions -------------------------------------------------

    def recommendations(self) -> None:
        made = self.report.recommendations
        if not made:
            return
        doc = self.doc
        doc.heading("Recommendations", 1)
        doc.paragraph(
            "Put to an organisation for its response; not actions it agreed to.",
            space_after_pt=4,
        )
        for position, found in enumerate(made, start=1):
            item = found.recommendation
            doc.heading(f"{position}. {self.typed(topic_of(item.text, ''))}", 2)
            source = (
                f"From {self.typed(_one_line(item.from_body))}, " if item.from_body.strip() else ""
            )
            self.you_said(
                f"{source}to {found.to or 'no organisation named'}, at the meeting of "
                f"{short_date(found.meeting_date)}",
                self.typed(item.text),
            )
            self.label("The response")
            due = response_due_words(item.response_due_as_said, item.response_due)
            if due:
                doc.paragraph(f"Response promised {due}.", indent_cm=INDENT_CM)
            if item.response.strip():
                doc.text_block(self.typed(item.response), indent_cm=INDENT_CM)
            for update in found.updates:
                said = self.typed(_one_line(update.text))
                if update.status:
                    changed = f"now {status_words(update.status).lower()}"
                    said = f"{said} ({changed})" if said else changed.capitalize() + "."
                doc.bullet([Span(f"{short_date(update.date)}: ", BOLD), said])
            if not item.response.strip() and not found.updates:
                self.none("No response yet.")
            self.label("Where it stands now")
            parts: list[str | Span] = [
                Span(status_words(found.standing), _standing_look(found.standing))
            ]
            if found.overdue:
                parts.append(f": response due {short_date(item.response_due)}, still awaited")
            doc.paragraph(parts, indent_cm=INDENT_CM)

    def other_actions(self) -> None:
        actions = self.report.other_actions
        if not actions:
            return
        doc = self.doc
        doc.heading("Other actions agreed", 1)
        # A level of its own, so the labels below sit where they do under a question.
        doc.heading("Agreed with no question or priority behind them", 2)
        self.label("We committed")
        self.committed_actions(actions)
        self.label("We did")
        self.what_was_done(actions)
        self.label("Where it stands now")
        self.action_standings(actions)


def said_did_document(
    report: SaidDid, *, record: bool = False, residents: str | None = None
) -> bytes:
    """The "You said, we did" report as the bytes of a .docx file; `record` marks every
    page as the panel's full record; typed text prints residents as `residents` says
    (by default the panel's choice)."""
    return SaidDidWriter(report, record=record, residents=residents).write()
