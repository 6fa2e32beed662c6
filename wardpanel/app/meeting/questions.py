"""Residents' questions and each organisation's response, in as many paragraphs as needed."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding

from wardpanel import queries, services
from wardpanel.app.common.fields import Field, offered
from wardpanel.app.meeting.section import Row, Section, cell, plural
from wardpanel.core.models import QUESTION_OUTCOMES, Question, Response
from wardpanel.core.words import action_ref, outcome_sentence, status_lower, status_words

OUTCOME_CHOICES = (
    ("", "Not recorded"),
    *((outcome, status_words(outcome)) for outcome in QUESTION_OUTCOMES),
)


def asker_label(question: Question) -> str:
    if question.anonymous:
        return "Anonymous"
    return question.asker.name if question.asker_id else "—"


def response_from(response: Response) -> str:
    org = response.organisation.name if response.organisation_id else "Response"
    if response.responder_id:
        return f"{org} ({response.responder.name})"
    return org


def question_values(question: Question | None) -> dict[str, Any] | None:
    """A question as its edit form shows it; None for none."""
    if question is None:
        return None
    return {
        "asker": question.asker.name if question.asker_id else "",
        "anonymous": question.anonymous,
        "topic": question.topic,
        "text": question.text,
    }


def response_values(response: Response | None) -> dict[str, Any] | None:
    """A response as its edit form shows it; None for none."""
    if response is None:
        return None
    return {
        "organisation": response.organisation.name if response.organisation_id else "",
        "responder": response.responder.name if response.responder_id else "",
        "text": response.text,
    }


class QuestionsSection(Section):
    """Questions as rows, each followed by its responses; keys act on the row selected."""

    title = "Questions"
    short_title = "Q&A"
    columns = ("#", "Topic", "Asked by / answered by", "Text")
    widths = (3, 16, 20, 0)
    empty_hint = "No questions yet: press a to add one, or : then  q Name: question…"
    needs_selection = frozenset(
        {"edit", "delete", "respond", "raise_action", "outcome", "internal"}
    )
    internal_kind = "question"
    BINDINGS = [
        Binding("a", "add", "Add question"),
        Binding("r", "respond", "Add response"),
        Binding("o", "outcome", "Outcome"),
        Binding("t", "raise_action", "Action from question"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete", key_display="d"),
        Binding("i", "internal", "Internal or public", show=False),
    ]

    def load(self) -> list[Row]:
        rows: list[Row] = []
        self.numbers: dict[int, int] = {}
        for question in queries.questions_of(self.meeting.id):
            rows.append(self._question_row(question))
            rows.extend(self._response_row(response) for response in question.answers)
        return rows

    def _question_row(self, question: Question) -> Row:
        number = self.numbers.setdefault(question.id, len(self.numbers) + 1)
        key = f"q{question.id}"
        self.items[key] = question
        cells = (
            Text(str(number), style="bold"),
            cell(question.topic, self.fit(16), "bold"),
            cell(asker_label(question), self.fit(20), "italic" if question.anonymous else ""),
            cell(question.text, self.flex()),
        )
        return key, cells

    def _response_row(self, response: Response) -> Row:
        key = f"r{response.id}"
        self.items[key] = response
        cells = (
            Text(""),
            Text("  ↳ response", style="dim"),
            cell(response_from(response), self.fit(20), "cyan"),
            cell(response.text, self.flex(), "dim"),
        )
        return key, cells

    def load_new(self, key: str) -> list[Row] | None:
        """A question just added, or a response to the last question, go at the end."""
        if key.startswith("q"):
            question = queries.question_with_asker(int(key[1:]))
            if question is None or question.meeting_id != self.meeting.id:
                return None
            question.answers = []
            return [self._question_row(question)]
        response = queries.response_with_names(int(key[1:]))
        last = self.questions()[-1] if self.numbers else None
        if response is None or last is None or response.question_id != last.id:
            return None
        last.answers.append(response)
        return [self._response_row(response)]

    def questions(self) -> list[Question]:
        return [item for key, item in self.items.items() if key.startswith("q")]

    def count_text(self) -> str:
        return str(len(self.questions()))

    def summary(self) -> Text:
        questions = self.questions()
        # A statement expects no answer; a recorded outcome says what became of it.
        unanswered = [
            q for q in questions if not q.answers and q.kind != "statement" and not q.outcome
        ]
        text = Text(plural(len(questions), "question"))
        responses = sum(len(q.answers) for q in questions)
        text.append(f" · {plural(responses, 'response')}")
        if unanswered:
            numbers = ", ".join(str(self.numbers[q.id]) for q in unanswered)
            text.append(f" · awaiting a response: {numbers}", "yellow")
        for outcome, style in (("unanswered", "bold red"), ("written_reply", "yellow")):
            owed = [q for q in questions if q.outcome == outcome]
            if owed:
                text.append(f" · {status_lower(outcome)}: {len(owed)}", style)
        return text

    def internal_item(self) -> tuple[str, Any] | None:
        item = self.selected()
        if item is None:
            return None
        return ("response" if isinstance(item, Response) else "question"), item

    def current_question(self) -> Question | None:
        item = self.selected()
        if isinstance(item, Response):
            return self.items.get(f"q{item.question_id}")
        return item

    def detail(self, key: str) -> Text:
        question = self.current_question()
        if question is None:
            return Text("")
        text = Text()
        text.append(f"Question {self.numbers[question.id]}", "bold")
        if question.topic:
            text.append(f": {question.topic}", "bold")
        text.append("\nAsked by ")
        if question.anonymous:
            text.append("a resident (anonymous", "italic")
            if question.asker_id:
                text.append(f"; for follow-up only: {question.asker.name}", "italic dim")
            text.append(")", "italic")
        else:
            text.append(asker_label(question))
        if question.kind == "statement":
            text.append("   statement from the floor", "italic")
        text.append("\n\n" + question.text + "\n")
        for response in question.answers:
            text.append(f"\n{response_from(response)}\n", "bold cyan")
            text.append(response.text + "\n")
        outcome = outcome_sentence(question.outcome, question.referred_to)
        if outcome:
            text.append("\nOutcome: ", "bold")
            text.append(outcome + "\n")
        elif not question.answers and question.kind != "statement":
            text.append("\nNo response yet: press r to add one, or o for its outcome.", "dim")
        return text

    def action_outcome(self) -> None:
        question = self.current_question()
        if question is None:
            return
        fields = [
            Field("outcome", "Outcome at the meeting", "choice", choices=OUTCOME_CHOICES),
            Field("referred_to", "Referred to (for a referral)", placeholder="e.g. 101"),
            Field("statement", "A statement from the floor: no answer expected", "flag"),
        ]

        def now() -> dict[str, Any] | None:
            fresh = queries.record_by_id(Question, question.id)
            if fresh is None:
                return None
            return {
                "outcome": fresh.outcome,
                "referred_to": fresh.referred_to,
                "statement": fresh.kind == "statement",
            }

        def save(v: dict[str, Any], draft_key: str | None) -> Question:
            return services.record_outcome(
                question.id,
                v["outcome"],
                v["referred_to"],
                bool(v["statement"]),
            )

        if (values := self.fresh(now)) is None:
            return
        number = self.numbers[question.id]
        form = self.form(
            f"Outcome of question {number}",
            fields,
            values,
            save,
            f"question{question.id}:outcome",
            now,
            intro=question.text[:200],
        )
        self.app.push_screen(form, lambda q: q and self.saved(f"q{q.id}", "Outcome saved"))

    # -- forms -----------------------------------------------------------------------

    def _question_form(
        self,
        title: str,
        values: dict[str, Any],
        save,
        draft_key: str,
        draft_label: str,
        current=None,
    ):
        fields = [
            Field(
                "asker",
                "Asked by (empty if not given)",
                placeholder="e.g. Jo Bright",
                suggestions=offered(queries.person_names, limit=500),
            ),
            Field("anonymous", "Anonymous: print as 'A resident'", "flag"),
            Field("topic", "Topic", placeholder="e.g. Phone thefts"),
            Field("text", "Question", "text", required=True),
        ]
        return self.form(title, fields, values, save, draft_key, current, draft_label=draft_label)

    def _response_form(
        self, question: Question, values: dict[str, Any], save, draft_key: str, current=None
    ):
        fields = [
            Field(
                "organisation",
                "Organisation",
                placeholder="e.g. Metropolitan Police",
                suggestions=offered(queries.organisation_names),
            ),
            Field(
                "responder",
                "Responder (optional)",
                placeholder="e.g. Sgt Ruth Adeyemi",
                suggestions=offered(queries.person_names, limit=500),
            ),
            Field("text", "Response (blank line between paragraphs)", "text", required=True),
        ]
        number = self.numbers[question.id]
        return self.form(
            f"Response to question {number}",
            fields,
            values,
            save,
            draft_key,
            current,
            intro=f"To question {number}: {question.text[:200]}",
        )

    def action_add(self) -> None:
        def save(v: dict[str, Any], draft_key: str | None) -> Question:
            return services.add_question(
                self.meeting.id,
                v["text"],
                v["asker"],
                v["anonymous"],
                v["topic"],
            )

        def done(question: Question | None) -> None:
            if question is not None:
                self.saved(
                    f"q{question.id}", f"Question {len(self.questions()) + 1} saved", new=True
                )

        draft_key = f"meeting{self.meeting.id}:questions:add"
        label = f"Question {len(self.questions()) + 1}"
        self.app.push_screen(self._question_form("New question", {}, save, draft_key, label), done)

    def action_respond(self) -> None:
        question = self.current_question()
        if question is None:
            return

        def save(v: dict[str, Any], draft_key: str | None) -> Response:
            return services.add_response(question.id, v["text"], v["organisation"], v["responder"])

        def done(response: Response | None) -> None:
            if response is not None:
                self.saved(f"r{response.id}", "Response saved", new=True)

        draft_key = f"meeting{self.meeting.id}:questions:respond{question.id}"
        self.app.push_screen(self._response_form(question, {}, save, draft_key), done)

    def action_edit(self) -> None:
        item = self.selected()
        if isinstance(item, Question):

            def now_q() -> dict[str, Any] | None:
                return question_values(queries.question_with_asker(item.id))

            def save_q(v: dict[str, Any], draft_key: str | None) -> Question:
                return services.update_question(
                    item.id, v["text"], v["asker"], v["anonymous"], v["topic"]
                )

            if (values := self.fresh(now_q)) is None:
                return
            form = self._question_form(
                f"Edit question {self.numbers[item.id]}",
                values,
                save_q,
                f"question{item.id}:edit",
                f"Question {self.numbers[item.id]} (edited)",
                now_q,
            )
            self.app.push_screen(form, lambda q: q and self.saved(f"q{q.id}", "Question saved"))
        elif isinstance(item, Response):
            question = self.items[f"q{item.question_id}"]

            def now_r() -> dict[str, Any] | None:
                return response_values(queries.response_with_names(item.id))

            def save_r(v: dict[str, Any], draft_key: str | None) -> Response:
                return services.update_response(
                    item.id, v["text"], v["organisation"], v["responder"]
                )

            if (values := self.fresh(now_r)) is None:
                return
            form = self._response_form(question, values, save_r, f"response{item.id}:edit", now_r)
            self.app.push_screen(form, lambda r: r and self.saved(f"r{r.id}", "Response saved"))

    def action_raise_action(self) -> None:
        question = self.current_question()
        if question is None:
            return
        from wardpanel.app.actions.forms import action_form

        def save(v: dict[str, Any], draft_key: str | None):
            return services.add_action(
                self.meeting.id,
                v["text"],
                v["owner"],
                v["organisation"],
                v["due"],
                question_id=question.id,
            )

        def done(action) -> None:
            if action is not None:
                self.notify(
                    f"Action {action_ref(action.id, action.ref)} saved, raised from question "
                    f"{self.numbers[question.id]}",
                    markup=False,
                )
                self.screen.refresh_section("actions")

        self.app.push_screen(
            action_form(
                self.meeting.id,
                f"Action from question {self.numbers[question.id]}",
                {},
                save,
                f"meeting{self.meeting.id}:questions:action{question.id}",
                intro=question.text[:200],
            ),
            done,
        )

    def open_form(self, verb: str, item_id: int | None) -> None:
        """Reopen a draft: add, respond<question> or action<question>."""
        if item_id is not None and f"q{item_id}" in self.items:
            self.table.move_cursor(row=self.table.get_row_index(f"q{item_id}"))
        {
            "add": self.action_add,
            "respond": self.action_respond,
            "action": self.action_raise_action,
        }.get(verb, self.action_add)()

    def action_delete(self) -> None:
        item = self.selected()
        if isinstance(item, Question):
            number = self.numbers[item.id]
            self.confirm_delete(
                f"Delete question {number} and its {len(item.answers)} response(s)?",
                item.text[:300],
                lambda: services.delete_question(item.id),
                f"Question {number} deleted",
            )
        elif isinstance(item, Response):
            self.confirm_delete(
                f"Delete the response from {response_from(item)}?",
                item.text[:300],
                lambda: services.delete_response(item.id),
                "Response deleted",
            )
