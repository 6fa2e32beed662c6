"""The quick-entry line: what each form means, and what apply() stores or keeps."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wardpanel import quickentry, services
from wardpanel.core.models import (
    Action,
    Attendance,
    Figure,
    Note,
    Organisation,
    Person,
    Priority,
    Question,
    Response,
)
from wardpanel.core.textclean import clean_text
from wardpanel.quickentry import (
    ActionEntry,
    AttendanceEntry,
    FigureEntry,
    NoteEntry,
    OutcomeEntry,
    PersonRef,
    PriorityEntry,
    QuestionEntry,
    QuickEntryError,
    ResponseEntry,
    StatementEntry,
    apply,
    parse,
)
from wardpanel.services import UNFILED_HEADING

FRIDAY = dt.date(2026, 4, 10)
KANE = PersonRef("Insp Kane", "", "Metropolitan Police")


@pytest.fixture
def meeting(database: str) -> int:
    panel = services.create_panel("Brixton Hill ward panel")
    return services.create_meeting(panel.id, "2026-04-10").id


def unfiled(meeting_id: int) -> str:
    """Every unfiled note of the meeting, in order, as one text."""
    notes = Note.select().where(Note.meeting == meeting_id, Note.heading == UNFILED_HEADING)
    return "\n\n".join(note.text for note in notes.order_by(Note.id))


def counts() -> dict[str, int]:
    models = (Attendance, Question, Response, Action, Note, Priority, Person, Organisation, Figure)
    return {model.__name__: model.select().count() for model in models}


# -- parse: attendance ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["present+ Jane Doe", "present: Jane Doe", "present Jane Doe", "PRESENT+ Jane Doe"]
)
def test_present_forms(line: str) -> None:
    assert parse(line) == AttendanceEntry("present", (PersonRef("Jane Doe"),))


def test_present_several_people_with_roles_and_organisations() -> None:
    entry = parse(
        "present+ Jane Doe, DC Ray Osei (Detective Constable, Metropolitan Police); "
        "Cllr Ann Lee (Lambeth Council) and Bob Smith-Jones"
    )
    assert entry == AttendanceEntry(
        "present",
        (
            PersonRef("Jane Doe"),
            PersonRef("DC Ray Osei", "Detective Constable", "Metropolitan Police"),
            PersonRef("Cllr Ann Lee", "", "Lambeth Council"),
            PersonRef("Bob Smith-Jones"),
        ),
    )


def test_a_comma_inside_brackets_does_not_split_people() -> None:
    entry = parse("present+ PC Ali (PCSO, Met Police, Brixton team), Jo")
    assert entry.people == (
        PersonRef("PC Ali", "PCSO", "Met Police, Brixton team"),
        PersonRef("Jo"),
    )


def test_resident_in_brackets_gives_a_role_and_no_organisation() -> None:
    entry = parse("present+ Ann Green (Chair, resident)")
    assert entry.people == (PersonRef("Ann Green", "Chair", ""),)


@pytest.mark.parametrize(
    "line", ["regrets+ Ann Lee", "regrets: Ann Lee", "apologies: Ann Lee", "Apols Ann Lee"]
)
def test_apologies_forms(line: str) -> None:
    assert parse(line) == AttendanceEntry("apologies", (PersonRef("Ann Lee"),))


@pytest.mark.parametrize(
    "line",
    [
        "absent: DC Ray Osei (Detective Constable, Metropolitan Police) - at a police briefing",
        "absent DC Ray Osei (Detective Constable, Metropolitan Police) — at a police briefing",
        "absent+ DC Ray Osei (Detective Constable, Metropolitan Police) because at a police "
        "briefing",
        "absent: DC Ray Osei (Detective Constable, Metropolitan Police), reason: at a police "
        "briefing",
    ],
)
def test_absent_with_reason(line: str) -> None:
    entry = parse(line)
    assert entry == AttendanceEntry(
        "absent",
        (PersonRef("DC Ray Osei", "Detective Constable", "Metropolitan Police"),),
        "at a police briefing",
    )


def test_absent_keeps_hyphenated_names_and_organisations_whole() -> None:
    entry = parse("absent: PC Smith-Jones (Met - South), Sgt Lee-Ray - on leave - back in May")
    assert entry.people == (
        PersonRef("PC Smith-Jones", "", "Met - South"),
        PersonRef("Sgt Lee-Ray"),
    )
    assert entry.reason == "on leave - back in May"


def test_absent_without_reason() -> None:
    assert parse("absent: Sgt Lee") == AttendanceEntry("absent", (PersonRef("Sgt Lee"),), "")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("present+", "write who"),
        ("present+ ,  ,", "write who"),
        ("present+ Ann - on holiday", "only apologies and absences take a reason"),
        ("present+ Jo (Met", "bracket is not closed"),
        ("present+ Jo Met)", "bracket is not closed"),
        ("present+ Jo (Met) Smith", "brackets once, after the name"),
        ("present+ (Metropolitan Police)", "a name goes before the brackets"),
        ("present+ Jo ( , )", "brackets after 'Jo' are empty"),
        ("present+ 🙂", "'🙂' is not a name"),
        ("present+ 12345", "'12345' is not a name"),
        ("present+ " + ", ".join(f"P{n}x" for n in range(61)), "too many"),
    ],
)
def test_attendance_mistakes(line: str, expected: str) -> None:
    with pytest.raises(QuickEntryError, match=expected):
        parse(line)


def test_right_to_left_names_are_read() -> None:
    entry = parse("present+ محمد علي (شرطة المدينة), שרה כהן")
    assert entry.people == (PersonRef("محمد علي", "", "شرطة المدينة"), PersonRef("שרה כהן"))


def test_escape_sequences_and_control_characters_are_dropped() -> None:
    entry = parse("present+ Jane\x1b[31m Doe\x00, Bob\x07 Smith")
    assert entry.people == (PersonRef("Jane Doe"), PersonRef("Bob Smith"))


# -- parse: questions ----------------------------------------------------------------


@pytest.mark.parametrize("word", ["q", "Q", "question", "?", "#question"])
def test_question_aliases(word: str) -> None:
    entry = parse(f"{word} Jane Doe [Phone thefts]: What is being done?")
    assert entry == QuestionEntry("What is being done?", "Jane Doe", False, "Phone thefts")


@pytest.mark.parametrize(
    ("line", "asker", "anonymous", "topic"),
    [
        ("q anon: Why?", "", True, ""),
        ("q Anonymous [Lights]: Why?", "", True, "Lights"),
        ("q anon Jane Doe: Why?", "Jane Doe", True, ""),
        ("q Jane Doe (anon): Why?", "Jane Doe", True, ""),
        ("q [Lights] Jane Doe: Why?", "Jane Doe", False, "Lights"),
        ("q: Why?", "", False, ""),
        ("q [Lights]: Why?", "", False, "Lights"),
        ("q [Lights] Why?", "", False, "Lights"),
        ("q Why?", "", False, ""),
    ],
)
def test_question_askers_and_topics(line: str, asker: str, anonymous: bool, topic: str) -> None:
    assert parse(line) == QuestionEntry("Why?", asker, anonymous, topic)


def test_question_text_keeps_later_colons_and_paragraphs() -> None:
    entry = parse("q Jo [Crime: phones]: Two things: first\n\nsecond")
    assert entry == QuestionEntry("Two things: first\n\nsecond", "Jo", False, "Crime: phones")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("q", "text is missing"),
        ("q Jane Doe:   ", "text is missing"),
        ("q Jane (Tesco): Why?", "asker is a name only"),
        ("q Jane [Lights: Why?", "close the bracket before the colon"),
        ("q [Lights Why?", "close the topic's bracket"),
        ("q Jane [a] [b]: Why?", "one topic"),
        ("q2: Why?", "'2' is not an asker's name"),
    ],
)
def test_question_mistakes(line: str, expected: str) -> None:
    with pytest.raises(QuickEntryError, match=expected):
        parse(line)


# -- parse: responses ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "question"),
    [
        ("r Metropolitan Police: We are on it", None),
        ("response Metropolitan Police: We are on it", None),
        ("Reply Metropolitan Police: We are on it", None),
        ("r^ Metropolitan Police: We are on it", None),
        ("r2 Metropolitan Police: We are on it", 2),
        ("r 2 Metropolitan Police: We are on it", 2),
        ("r #12 Metropolitan Police: We are on it", 12),
    ],
)
def test_response_forms(line: str, question: int | None) -> None:
    assert parse(line) == ResponseEntry("We are on it", "Metropolitan Police", None, question)


def test_response_with_a_named_responder() -> None:
    entry = parse("r2 Sgt Lee (Sergeant, Metropolitan Police): Yes")
    assert entry == ResponseEntry(
        "Yes", "Metropolitan Police", PersonRef("Sgt Lee", "Sergeant", "Metropolitan Police"), 2
    )


def test_response_from_an_organisation_whose_name_starts_with_digits() -> None:
    entry = parse("r 24/7 Security: We patrol")
    assert entry == ResponseEntry("We patrol", "24/7 Security", None, None)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("r We will look into it", "needs an organisation before the colon: r Metropolitan"),
        ("r: We will look into it", "needs an organisation before the colon"),
        ("r Sgt Lee (Sergeant, resident): Yes", "needs an organisation"),
        ("r Sgt Lee (Met: Yes", "close the bracket before the colon"),
        ("r Council:", "response's text is missing"),
        ("r0 Council: Yes", "numbered from 1"),
    ],
)
def test_response_mistakes(line: str, expected: str) -> None:
    with pytest.raises(QuickEntryError, match=expected):
        parse(line)


# -- parse: actions ------------------------------------------------------------------


@pytest.mark.parametrize("word", ["a", "A", "action", "#action", "ACTION"])
def test_action_aliases(word: str) -> None:
    line = f"{word} Insp Kane (Metropolitan Police): report back on patrols due 1 May"
    entry = parse(line, today=FRIDAY)
    assert entry == ActionEntry("report back on patrols", KANE, dt.date(2026, 5, 1))


@pytest.mark.parametrize(
    ("tail", "text", "due"),
    [
        ("report back by friday", "report back", dt.date(2026, 4, 17)),
        ("report back, due: 30/04/2026.", "report back", dt.date(2026, 4, 30)),
        ("report back (due 1 May)", "report back", dt.date(2026, 5, 1)),
        ("report back by the 1st May", "report back", dt.date(2026, 5, 1)),
        ("report back by email by in 2 weeks", "report back by email", dt.date(2026, 4, 24)),
        ("report back by email", "report back by email", None),
        ("explain the rise due to open doors", "explain the rise due to open doors", None),
        ("bypass the usual route", "bypass the usual route", None),
    ],
)
def test_action_due_dates(tail: str, text: str, due: dt.date | None) -> None:
    entry = parse(f"a: {tail}", today=FRIDAY)
    assert (entry.text, entry.due) == (text, due)


@pytest.mark.parametrize(
    ("line", "question", "latest"),
    [
        ("a Insp Kane (Metropolitan Police): patrol", None, False),
        ("a^ Insp Kane (Metropolitan Police): patrol", None, True),
        ("a ^ Insp Kane (Metropolitan Police): patrol", None, True),
        ("a2 Insp Kane (Metropolitan Police): patrol", 2, False),
        ("action #2 Insp Kane (Metropolitan Police): patrol", 2, False),
    ],
)
def test_action_question_links(line: str, question: int | None, latest: bool) -> None:
    assert parse(line) == ActionEntry("patrol", KANE, None, question, latest)


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("a: Insp Kane to patrol", None),
        ("#action Insp Kane to patrol", None),
        ("a Lambeth Council: patrol", PersonRef("Lambeth Council")),
        ("a Ann (Chair, resident): patrol", PersonRef("Ann", "Chair", "")),
    ],
)
def test_action_owners(line: str, owner: PersonRef | None) -> None:
    assert parse(line).owner == owner


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("a Kane: patrol due 30/02/2026", "'30/02/2026' is not a real date"),
        ("a Kane: patrol by 31 June", "'31 June' is not a real date"),
        ("a Kane: due friday", "action's text is missing"),
        ("a Kane (Met: patrol", "close the bracket before the colon"),
    ],
)
def test_action_mistakes(line: str, expected: str) -> None:
    with pytest.raises(QuickEntryError, match=expected):
        parse(line, today=FRIDAY)


# -- parse: notes and priorities -----------------------------------------------------


@pytest.mark.parametrize(
    ("line", "entry"),
    [
        ("note Police update: 14 burglaries", NoteEntry("14 burglaries", "Police update")),
        ("n Police update: 14 burglaries", NoteEntry("14 burglaries", "Police update")),
        ("#info Police update: 14 burglaries", NoteEntry("14 burglaries", "Police update")),
        ("N: the hall was cold", NoteEntry("the hall was cold", "")),
        ("note the hall was cold", NoteEntry("the hall was cold", "")),
        ("n AOB:", NoteEntry("", "AOB")),
    ],
)
def test_note_forms(line: str, entry: NoteEntry) -> None:
    assert parse(line) == entry


def test_a_long_note_head_is_text_not_a_heading() -> None:
    line = "n " + "the sergeant said " * 6 + ": next week"
    entry = parse(line)
    assert entry.heading == ""
    assert entry.text.endswith(": next week")


@pytest.mark.parametrize(
    "line",
    ["priority: Phone thefts", "p Phone thefts", "P: Phone thefts", "#priority Phone thefts"],
)
def test_priority_forms(line: str) -> None:
    assert parse(line) == PriorityEntry("Phone thefts")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("", "the line is empty"),
        ("\x1b[2J\x00", "the line is empty"),
        ("hello there", "'hello' is not a quick-entry word"),
        ("q+ Jane", "'q\\+' is not a quick-entry word"),
        ("n", "the note is empty"),
        ("p:", "the priority is empty"),
        ("12 people attended", "start the line with a word"),
    ],
)
def test_lines_that_are_not_understood(line: str, expected: str) -> None:
    with pytest.raises(QuickEntryError, match=expected):
        parse(line)


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("present+ Jo", "attendance"),
        ("q Jo: Why?", "questions"),
        ("r Council: Yes", "questions"),
        ("a: Tidy", "actions"),
        ("n: Cold", "notes"),
        ("p: Thefts", "priorities"),
    ],
)
def test_each_entry_names_its_section(line: str, section: str) -> None:
    assert parse(line).section == section


def test_grammar_help_names_every_kind_of_line() -> None:
    words = ("present+", "regrets+", "absent:", "q ", "r ", "r2", "a ", "a^", "n ", "p:", "s ")
    for word in (*words, "o2 ", "fig ", "#p2", "minutes agreed", "#internal"):
        assert word in quickentry.GRAMMAR_HELP
    assert len(quickentry.GRAMMAR_HELP.splitlines()) <= 5


def test_the_module_never_imports_textual_or_rich() -> None:
    code = "import sys, wardpanel.quickentry; print(sorted({'textual', 'rich'} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# -- apply: attendance ---------------------------------------------------------------


def test_apply_present_stores_everyone(meeting: int) -> None:
    outcome = apply(
        meeting, "present+ Jane Doe, DC Ray Osei (Detective Constable, Metropolitan Police)"
    )
    assert (outcome.section, outcome.understood, outcome.saved) == ("attendance", True, True)
    assert outcome.message == "Present: Jane Doe, DC Ray Osei (Metropolitan Police)"
    rows = list(Attendance.select().where(Attendance.meeting == meeting).order_by(Attendance.id))
    assert outcome.item_ids == tuple(row.id for row in rows)
    assert outcome.item_id == rows[0].id
    assert [(r.person.name, r.person.role, r.status) for r in rows] == [
        ("Jane Doe", "", "present"),
        ("DC Ray Osei", "Detective Constable", "present"),
    ]
    assert rows[0].person.organisation is None
    assert rows[1].person.organisation.name == "Metropolitan Police"


def test_apply_absent_stores_the_reason(meeting: int) -> None:
    outcome = apply(meeting, "absent: DC Ray Osei (Metropolitan Police) - at a police briefing")
    row = Attendance.get_by_id(outcome.item_id)
    assert (row.status, row.reason, row.person.organisation.name) == (
        "absent",
        "at a police briefing",
        "Metropolitan Police",
    )
    assert "at a police briefing" in outcome.message


def test_apply_regrets_then_present_updates_the_same_entry(meeting: int) -> None:
    apply(meeting, "regrets+ Cllr Ann Lee (Lambeth Council)")
    assert Attendance.get().status == "apologies"
    apply(meeting, "present+ Cllr Ann Lee")
    assert [row.status for row in Attendance.select()] == ["present"]
    assert Person.select().count() == 1


def test_a_multi_person_line_failing_halfway_stores_nothing(meeting: int) -> None:
    before = counts()
    outcome = apply(meeting, "present+ Jane Doe (Lambeth Council), Bob, " + "x" * 301)
    assert not outcome.understood
    assert "the name is 301 characters long" in outcome.message
    after = counts()
    assert after["Attendance"] == before["Attendance"] == 0
    assert after["Person"] == before["Person"]
    assert after["Organisation"] == before["Organisation"]
    assert "present+ Jane Doe (Lambeth Council), Bob" in unfiled(meeting)


def test_apply_stores_right_to_left_names_and_cleans_pastes(meeting: int) -> None:
    apply(meeting, "present+ محمد علي (شرطة المدينة), Jane\x1b[1m Doe\x00")
    people = [(row.person.name, row.person.organisation) for row in Attendance.select()]
    assert people[0][0] == "محمد علي"
    assert people[0][1].name == "شرطة المدينة"
    assert people[1] == ("Jane Doe", None)


# -- apply: questions and responses --------------------------------------------------


def test_apply_question_stores_asker_topic_and_number(meeting: int) -> None:
    first = apply(meeting, "q Jane Doe [Phone thefts]: What is being done?")
    second = apply(meeting, "? anon: And the lights?")
    assert first.message == "Question 1 from Jane Doe on Phone thefts saved"
    assert second.message == "Question 2 (anonymous) saved"
    assert first.section == second.section == "questions"
    assert first.kind == second.kind == "question"
    q1, q2 = Question.get_by_id(first.item_id), Question.get_by_id(second.item_id)
    assert (q1.asker.name, q1.topic, q1.text, q1.anonymous) == (
        "Jane Doe",
        "Phone thefts",
        "What is being done?",
        False,
    )
    assert (q2.asker, q2.anonymous) == (None, True)


def test_an_anonymous_askers_name_is_kept_for_follow_up(meeting: int) -> None:
    outcome = apply(meeting, "q anon Jane Doe: Why?")
    question = Question.get_by_id(outcome.item_id)
    assert (question.asker.name, question.anonymous) == ("Jane Doe", True)
    assert "anonymous in the minutes" in outcome.message


def test_apply_response_goes_to_the_latest_question(meeting: int) -> None:
    apply(meeting, "q Jane: First?")
    latest = apply(meeting, "q Bob: Second?")
    outcome = apply(meeting, "r Metropolitan Police: We are on it")
    response = Response.get_by_id(outcome.item_id)
    assert response.question_id == latest.item_id
    assert (response.organisation.name, response.responder, response.text) == (
        "Metropolitan Police",
        None,
        "We are on it",
    )
    assert outcome.message == "Response from Metropolitan Police to question 2 saved"
    assert (outcome.section, outcome.kind) == ("questions", "response")


def test_apply_response_to_question_n_counts_within_the_meeting(meeting: int) -> None:
    other = services.create_meeting(services.create_panel("Other").id, "2026-03-01").id
    apply(other, "q Zed: Elsewhere?")
    first = apply(meeting, "q Jane: First?")
    apply(meeting, "q Bob: Second?")
    outcome = apply(meeting, "r1 Sgt Lee (Sergeant, Metropolitan Police): Yes")
    response = Response.get_by_id(outcome.item_id)
    assert response.question_id == first.item_id
    assert response.responder.name == "Sgt Lee"
    assert response.responder.role == "Sergeant"
    assert response.responder.organisation.name == "Metropolitan Police"
    assert "question 1" in outcome.message


def test_a_response_before_any_question_is_kept(meeting: int) -> None:
    outcome = apply(meeting, "r Lambeth Council: We will fix the lights")
    assert (outcome.understood, outcome.saved, outcome.section) == (False, True, "notes")
    assert outcome.kind == "unfiled"
    assert "no question yet" in outcome.message
    assert UNFILED_HEADING in outcome.message
    assert Response.select().count() == 0
    assert unfiled(meeting) == "r Lambeth Council: We will fix the lights"
    assert Note.get_by_id(outcome.item_id).heading == UNFILED_HEADING


def test_a_response_to_a_missing_question_number_is_kept(meeting: int) -> None:
    apply(meeting, "q Jane: First?")
    outcome = apply(meeting, "r5 Council: Yes")
    assert not outcome.understood
    assert "no question 5: this meeting has only 1 question" in outcome.message
    assert Response.select().count() == 0


# -- apply: actions ------------------------------------------------------------------


def test_apply_action_with_owner_organisation_and_due_date(meeting: int) -> None:
    outcome = apply(
        meeting,
        "action Insp Kane (Metropolitan Police): report back on patrols due 1 May",
        today=FRIDAY,
    )
    action = Action.get_by_id(outcome.item_id)
    assert (action.text, action.owner.name, action.organisation.name, action.due) == (
        "report back on patrols",
        "Insp Kane",
        "Metropolitan Police",
        dt.date(2026, 5, 1),
    )
    assert action.question is None
    assert outcome.message == (
        "Action BH-1 saved: Insp Kane (Metropolitan Police), due Fri 1 May 2026"
    )


def test_apply_action_links_to_latest_or_numbered_question(meeting: int) -> None:
    first = apply(meeting, "q Jane: First?")
    second = apply(meeting, "q Bob: Second?")
    latest = apply(meeting, "a^ Council: fix the lights by friday", today=FRIDAY)
    numbered = apply(meeting, "a1 Council: write to Jane")
    assert Action.get_by_id(latest.item_id).question_id == second.item_id
    assert Action.get_by_id(latest.item_id).due == dt.date(2026, 4, 17)
    assert Action.get_by_id(numbered.item_id).question_id == first.item_id
    assert numbered.message.endswith("for question 1")


def test_an_action_for_the_latest_question_needs_one(meeting: int) -> None:
    outcome = apply(meeting, "a^ Council: fix the lights")
    assert not outcome.understood
    assert "no question yet to link an action to" in outcome.message
    assert Action.select().count() == 0


def test_an_owner_naming_a_known_organisation_is_the_organisation(meeting: int) -> None:
    services.organisation_named("Lambeth Council")
    outcome = apply(meeting, "a lambeth council: fix the lights")
    action = Action.get_by_id(outcome.item_id)
    assert action.owner is None
    assert action.organisation.name == "Lambeth Council"
    assert Person.select().count() == 0


def test_a_bare_owner_reuses_a_known_person_and_their_organisation(meeting: int) -> None:
    apply(meeting, "present+ Insp Kane (Metropolitan Police)")
    outcome = apply(meeting, "a insp kane: patrol the park")
    action = Action.get_by_id(outcome.item_id)
    assert action.owner.name == "Insp Kane"
    assert action.organisation.name == "Metropolitan Police"
    assert Person.select().count() == 1


def test_an_unknown_bare_owner_is_a_new_person(meeting: int) -> None:
    outcome = apply(meeting, "a Jo Bloggs: knock on doors")
    action = Action.get_by_id(outcome.item_id)
    assert (action.owner.name, action.owner.organisation, action.organisation) == (
        "Jo Bloggs",
        None,
        None,
    )
    assert "no due date" in outcome.message


def test_an_action_without_owner(meeting: int) -> None:
    outcome = apply(meeting, "a: send the figures round")
    action = Action.get_by_id(outcome.item_id)
    assert (action.owner, action.organisation, action.text) == (
        None,
        None,
        "send the figures round",
    )
    assert "no owner" in outcome.message


def test_an_impossible_due_date_keeps_the_line(meeting: int) -> None:
    outcome = apply(meeting, "a Insp Kane: report back due 30/02/2026")
    assert not outcome.understood and outcome.saved
    assert "'30/02/2026' is not a real date" in outcome.message
    assert Action.select().count() == 0
    assert Person.select().count() == 0
    assert unfiled(meeting) == "a Insp Kane: report back due 30/02/2026"


def test_an_error_from_the_services_keeps_the_line(meeting: int) -> None:
    line = "q Jane [" + "t" * 301 + "]: Why?"
    outcome = apply(meeting, line)
    assert not outcome.understood
    assert "the topic is 301 characters long" in outcome.message
    assert Question.select().count() == 0
    assert Person.select().count() == 0
    assert unfiled(meeting) == line


# -- apply: notes, priorities and kept lines -----------------------------------------


def test_apply_note_and_priority(meeting: int) -> None:
    note = apply(meeting, "note Police update: 14 burglaries since March")
    priority = apply(meeting, "p: Phone thefts around the station")
    stored = Note.get_by_id(note.item_id)
    assert (stored.heading, stored.text, note.section) == (
        "Police update",
        "14 burglaries since March",
        "notes",
    )
    assert note.message == "Note 'Police update' saved"
    kept = Priority.get_by_id(priority.item_id)
    assert (kept.text, kept.meeting_id, kept.status, priority.section) == (
        "Phone thefts around the station",
        meeting,
        "active",
        "priorities",
    )


def test_lines_not_understood_are_kept_in_order(meeting: int) -> None:
    first = apply(meeting, "the chair thanked everyone")
    second = apply(meeting, "present+ Jo (Met")
    assert first.item_id == second.item_id
    assert "'the' is not a quick-entry word" in first.message
    assert unfiled(meeting) == "the chair thanked everyone\n\npresent+ Jo (Met"
    assert Note.select().count() == 1


def test_an_empty_line_saves_nothing(meeting: int) -> None:
    outcome = apply(meeting, " \x1b[0m\x00 ")
    assert (outcome.understood, outcome.saved, outcome.item_id) == (False, False, None)
    assert Note.select().count() == 0


def test_a_line_for_a_missing_meeting_is_reported_not_raised(meeting: int) -> None:
    outcome = apply(meeting + 99, "q Jane: Why?")
    assert (outcome.understood, outcome.saved) == (False, False)
    assert "no meeting with id" in outcome.message
    assert Question.select().count() == Note.select().count() == 0


def test_a_paste_longer_than_a_note_is_kept_whole(meeting: int) -> None:
    line = "q Jane: " + "word " * (services.MAX_TEXT // 5 + 10)
    outcome = apply(meeting, line)
    assert not outcome.understood and outcome.saved
    assert Question.select().count() == 0
    assert unfiled(meeting).replace("\n\n", "") == clean_text(line)


def test_a_database_refusal_keeps_the_line(meeting: int) -> None:
    # organisation_named cannot find "École…" again (SQLite lower() is ASCII-only).
    apply(meeting, "present+ Jo (École Sainte)")
    outcome = apply(meeting, "present+ Al (École Sainte)")
    assert outcome.saved
    if outcome.understood:  # once services match such names, the line is simply filed
        assert Organisation.select().count() == 1
        assert Attendance.select().count() == 2
    else:
        assert "database refused" in outcome.message
        assert unfiled(meeting) == "present+ Al (École Sainte)"
        assert Attendance.select().count() == 1


def test_lone_surrogates_are_dropped(meeting: int) -> None:
    outcome = apply(meeting, "n Police\ud800 update: figures\udfff")
    assert Note.get_by_id(outcome.item_id).heading == "Police update"


# -- nothing is ever lost ------------------------------------------------------------

_meeting_numbers = itertools.count()
_WORDS = sorted(quickentry._READERS)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.one_of(
        st.text(max_size=40),
        st.text(min_size=60, max_size=400),
        st.builds(
            lambda word, gap, rest: word + gap + rest,
            st.sampled_from(_WORDS),
            st.sampled_from(["", " ", ":", "2 ", "^ ", " #1 "]),
            st.text(alphabet=st.characters(codec="utf-8"), max_size=120)
            | st.from_regex(r"[A-Za-z ()\[\],:\-]{0,60}", fullmatch=True),
        ),
    ),
    with_question=st.booleans(),
)
def test_any_text_is_filed_or_kept(database: str, text: str, with_question: bool) -> None:
    panel = services.create_panel(f"Panel {next(_meeting_numbers)}")
    meeting_id = services.create_meeting(panel.id, "2026-04-10").id
    if with_question:
        services.add_question(meeting_id, "An earlier question")
    before = counts()
    outcome = apply(meeting_id, text)
    after = counts()
    assert outcome.section in quickentry.SECTIONS
    if outcome.understood:
        assert outcome.saved and outcome.item_id is not None
        assert unfiled(meeting_id) == ""
        filed = ("Attendance", "Question", "Response", "Action", "Note", "Priority", "Figure")
        # Attendance may mark people already listed; an outcome changes a question.
        changed_only = outcome.section == "attendance" or outcome.kind == "outcome"
        assert any(after[name] > before[name] for name in filed) or changed_only
    elif clean_text(text):
        assert outcome.saved
        assert unfiled(meeting_id) == clean_text(text)
    else:
        assert not outcome.saved
        assert after == before


def test_a_response_written_organisation_slash_responder(meeting: int) -> None:
    apply(meeting, "q Jo Bright: When will the stairwell be fixed?")
    outcome = apply(meeting, "r Fernbridge Council / Priya Natarajan: Within two weeks.")
    assert outcome.understood
    response = Response.get()
    assert response.organisation.name == "Fernbridge Council"
    assert response.responder.name == "Priya Natarajan"
    assert response.responder.organisation.name == "Fernbridge Council"
    assert Organisation.select().where(Organisation.name.contains("/")).count() == 0


@pytest.mark.parametrize(
    ("line", "role", "organisation"),
    [
        ("present: Jane Example (Chair)", "Chair", ""),
        ("present: Sam Lee (PCSO)", "PCSO", ""),
        ("present: Ann Lee (Ward Councillor)", "Ward Councillor", ""),
        ("present: Kim Ode (Marsh Lane Academy)", "", "Marsh Lane Academy"),
    ],
)
def test_one_word_in_brackets_is_a_role_when_it_is_one(line, role, organisation) -> None:
    entry = parse(line)
    assert (entry.people[0].role, entry.people[0].organisation) == (role, organisation)


# -- figures, outcomes, statements and priorities ------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("fig Burglary 14 was 20", FigureEntry("Burglary", "14", "20")),
        (
            "fig Section 60 searches 43 (12 hours) note 14 arrests",
            FigureEntry("Section 60 searches", "43", None, "12 hours", "", "14 arrests"),
        ),
        (
            "fig Knife crime -38% (six months)",
            FigureEntry("Knife crime", "-38", None, "six months", "%"),
        ),
        ("figure: Children helped 10,000", FigureEntry("Children helped", "10000")),
    ],
)
def test_figure_lines(line: str, expected: FigureEntry) -> None:
    assert parse(line) == expected


def test_a_figure_without_a_number_says_what_to_type() -> None:
    with pytest.raises(QuickEntryError, match="a figure is a category, then its number"):
        parse("fig Burglary fourteen")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("o answered", OutcomeEntry("answered")),
        ("o2 taken away", OutcomeEntry("taken_away", "", 2)),
        (
            "outcome 3 referred to the council's ASB team",
            OutcomeEntry("referred", "the council's ASB team", 3),
        ),
        ("o written reply", OutcomeEntry("written_reply")),
        ("o not answered", OutcomeEntry("unanswered")),
    ],
)
def test_outcome_lines(line: str, expected: OutcomeEntry) -> None:
    assert parse(line) == expected


def test_an_unknown_outcome_lists_the_ones_there_are() -> None:
    with pytest.raises(QuickEntryError, match="o answered, o2 taken away"):
        parse("o sorted")


def test_a_statement_reads_like_a_question() -> None:
    assert parse("s Jane Doe [Lights]: Out for a month.") == StatementEntry(
        "Out for a month.", "Jane Doe", False, "Lights"
    )


def test_an_actions_priority_tag_is_taken_out_of_its_text() -> None:
    entry = parse("a Metropolitan Police: patrol the station #p2 due 1 May", dt.date(2026, 4, 10))
    assert (entry.text, entry.priority, entry.due) == ("patrol the station", 2, dt.date(2026, 5, 1))
