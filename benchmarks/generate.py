"""A realistic wardpanel database for the benchmarks: 20 panels of 25 meetings each.

Each meeting has about 12 attendees, 8 residents' questions with one or two
multi-paragraph responses, 6 actions with their updates, notes and the panel's
priorities. Rows go in with explicit ids through the driver's `executemany`, in one
transaction, so a database of 500 meetings takes a second or two to build; the search
index is filled at the end. `generate()` takes other sizes: benchmarks/bench_followup.py
asks for 50 panels of 40 meetings with 50 actions each (100,000 actions).

    python benchmarks/generate.py [PATH]      (default: benchmarks/data/wardpanel.db)
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw

from wardpanel.core.models import (
    Action,
    ActionUpdate,
    Attendance,
    Meeting,
    Note,
    Organisation,
    Panel,
    Person,
    Priority,
    Question,
    Response,
)
from wardpanel.core.storage.database import db, open_database
from wardpanel.core.words import numbered_ref, panel_code
from wardpanel.services import indexing

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_PATH = DATA_DIR / "wardpanel.db"
SEED = 20240501
# The newest meetings are a few weeks ahead of this day; the oldest, two years before.
LAST_MEETING = dt.date(2026, 6, 10)
BATCH = 5_000

WARDS = (
    "Brixton Hill", "Clapham Town", "Coldharbour", "Ferndale", "Herne Hill", "Knight's Hill",
    "Larkhall", "Oval", "Prince's", "St Leonard's", "Stockwell", "Streatham Hill",
    "Streatham South", "Streatham Wells", "Thornton", "Thurlow Park", "Tulse Hill",
    "Vassall", "Waterloo", "West Norwood",
)  # fmt: skip
ORGANISATIONS = (
    "Metropolitan Police", "Lambeth Council", "Transport for London", "Clarion Housing",
    "London Fire Brigade", "Network Rail", "Veolia", "Youth Service", "NHS South East London",
    "Neighbourhood Watch",
)  # fmt: skip
OFFICER_TITLES = {
    "Metropolitan Police": ("PC", "Sgt", "Insp", "PCSO", "DC"),
    "Lambeth Council": ("Cllr", "Officer", "Manager"),
}
FIRST_NAMES = (
    "Jane", "Ali", "Ann", "Ray", "Grace", "Tom", "Priya", "Kwame", "Mary", "Olu", "Sean",
    "Fatima", "Lee", "Maria", "David", "Chen", "Aisha", "Peter", "Rosa", "Idris", "Helen",
    "Marcus", "Joy", "Tariq", "Ellen", "Yusuf", "Sarah", "Kofi", "Nadia", "Paul",
)  # fmt: skip
SURNAMES = (
    "Doe", "Khan", "Lee", "Osei", "Smith", "Brown", "Patel", "Mensah", "O'Brien", "Adeyemi",
    "Walsh", "Hussain", "Wong", "Garcia", "Jones", "Zhang", "Bello", "Taylor", "Silva",
    "Ahmed", "Clarke", "Campbell", "Nwosu", "Murphy", "Ali", "Evans", "Kaur", "Boateng",
)  # fmt: skip
TOPICS = (
    "Phone thefts", "Street lighting", "Drug dealing", "Fly-tipping", "Speeding",
    "Anti-social behaviour", "E-scooters", "Burglary", "Knife crime", "Noise",
    "Parking", "Graffiti", "Youth provision", "Shoplifting", "CCTV",
)  # fmt: skip
PLACES = (
    "the station forecourt", "Acre Lane", "the estate car park", "Coldharbour Lane",
    "the park gates", "the bus stop on the high road", "the back of the library",
    "the alley behind the shops", "the school entrance", "the market",
)  # fmt: skip
ASKING = (
    "What is being done about {topic} near {place}?",
    "Residents have reported {topic} around {place} every evening this month.",
    "Can the police increase patrols at {place} after dark?",
    "Who is responsible for {place}, and when will it be dealt with?",
    "Why has nothing changed at {place} since the last meeting?",
    "Several neighbours are afraid to walk past {place} at night.",
)
ANSWERING = (
    "We have increased patrols around {place} and made {n} stops in the last month.",
    "The matter has been passed to the relevant team, who will visit {place} this week.",
    "Figures for the ward show {n} reports since the last meeting, down from {m}.",
    "We are working with partners on a longer-term plan and will report back.",
    "Officers attended {place} on {n} occasions; two people were arrested.",
    "A bid for funding has been made and a decision is expected next month.",
    "Residents are encouraged to report every incident, as reports decide where we patrol.",
    "The contractor has been instructed and the work is scheduled within {n} days.",
)
ACTING = (
    "Report back on patrols at {place}",
    "Ask the highways team to repair the lights at {place}",
    "Send the crime figures for {topic} to the panel",
    "Arrange a site visit to {place} with residents",
    "Contact the housing provider about {place}",
    "Put up signs at {place} and review in two months",
)
UPDATING = (
    "Chased by email; waiting for a reply.",
    "Site visit done; repairs ordered.",
    "Figures circulated to the panel by email.",
    "Partly done: the remaining work is booked.",
    "Raised again with the team; new date agreed.",
)
NOTE_HEADINGS = ("Police update", "Council update", "Any other business", "Figures")
PRIORITY_TEXTS = (
    "Phone thefts around the station",
    "Drug dealing in the estate stairwells",
    "Speeding on the high road",
    "Anti-social behaviour in the park after dark",
    "Burglary of sheds and garages",
    "Knife crime involving young people",
)


@dataclass
class Rows:
    """The rows of every table, with explicit ids, ready for insert_many."""

    organisations: list[dict] = field(default_factory=list)
    panels: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    meetings: list[dict] = field(default_factory=list)
    attendance: list[dict] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)
    responses: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    priorities: list[dict] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in vars(self).items()}


class Writer:
    """Invents one panel's life at a time, with a seeded random source."""

    def __init__(self, seed: int, *, questions: int = 8, actions: int = 6) -> None:
        self.random = random.Random(seed)
        self.rows = Rows()
        self.officers: dict[int, list[int]] = {}
        self.questions_per_meeting = questions
        self.actions_per_meeting = actions
        # Each panel numbers its own actions under its code, as the app does ("BR-12").
        self.code = ""
        self.numbered = 0

    # -- text ----------------------------------------------------------------------------

    def _fill(self, template: str) -> str:
        r = self.random
        return template.format(
            topic=r.choice(TOPICS).lower(),
            place=r.choice(PLACES),
            n=r.randint(3, 40),
            m=r.randint(41, 90),
        )

    def paragraph(self, templates: Sequence[str], sentences: tuple[int, int]) -> str:
        count = self.random.randint(*sentences)
        return " ".join(self._fill(self.random.choice(templates)) for _ in range(count))

    def paragraphs(self, templates: Sequence[str], count: tuple[int, int]) -> str:
        number = self.random.randint(*count)
        return "\n\n".join(self.paragraph(templates, (2, 4)) for _ in range(number))

    def name(self) -> str:
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(SURNAMES)}"

    # -- records -------------------------------------------------------------------------

    def add_person(self, name: str, role: str = "", organisation: int | None = None) -> int:
        person_id = len(self.rows.people) + 1
        self.rows.people.append(
            {"id": person_id, "name": name, "role": role, "organisation": organisation}
        )
        return person_id

    def organisations(self) -> None:
        for org_id, name in enumerate(ORGANISATIONS, start=1):
            self.rows.organisations.append({"id": org_id, "name": name})
            titles = OFFICER_TITLES.get(name, ("",))
            self.officers[org_id] = [
                self.add_person(
                    f"{self.random.choice(titles)} {self.name()}".strip(), "Officer", org_id
                )
                for _ in range(12)
            ]

    def panel(self, panel_id: int, ward: str, meetings: int) -> None:
        r = self.random
        created = dt.datetime.combine(LAST_MEETING, dt.time(9)) - dt.timedelta(days=800)
        self.code = panel_code(ward, {p["code"] for p in self.rows.panels})
        self.numbered = 0
        panel = {
            "id": panel_id,
            "name": f"{ward} Ward Panel",
            "ward": ward,
            "borough": "Lambeth",
            "created_at": created,
            "code": self.code,
        }
        self.rows.panels.append(panel)
        residents = [self.add_person(self.name(), "Resident") for _ in range(30)]
        regulars = [(o, r.choice(self.officers[o])) for o in (1, 2, r.randint(3, 10))]
        chair = self.name()
        venue = f"{ward} Community Centre"
        first = LAST_MEETING - dt.timedelta(days=28 * (meetings - 1)) - dt.timedelta(panel_id)
        for number in range(meetings):
            day = first + dt.timedelta(days=28 * number)
            self.meeting(panel_id, day, chair, venue, residents, regulars)
        panel["last_action_number"] = self.numbered
        for text in r.sample(PRIORITY_TEXTS, 3):
            set_at = r.choice([m for m in self.rows.meetings if m["panel"] == panel_id])
            self.rows.priorities.append(
                {
                    "id": len(self.rows.priorities) + 1,
                    "panel": panel_id,
                    "meeting": set_at["id"],
                    "text": text,
                    "status": r.choice(("active", "active", "achieved", "dropped")),
                }
            )

    def meeting(
        self,
        panel_id: int,
        day: dt.date,
        chair: str,
        venue: str,
        residents: list[int],
        regulars: list[tuple[int, int]],
    ) -> None:
        r = self.random
        rows = self.rows
        meeting_id = len(rows.meetings) + 1
        held = day <= LAST_MEETING - dt.timedelta(days=28)
        stamp = dt.datetime.combine(day, dt.time(21))
        rows.meetings.append(
            {
                "id": meeting_id,
                "panel": panel_id,
                "title": "Ward panel meeting",
                "date": day,
                "start": "19:00",
                "venue": venue,
                "chair": chair,
                "status": "approved" if held else "draft",
                "next_meeting": day + dt.timedelta(days=28),
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        present = r.sample(residents, 9) + [officer for _, officer in regulars]
        for person in present:
            status = r.choices(("present", "apologies", "absent"), (10, 2, 1))[0]
            rows.attendance.append(
                {
                    "id": len(rows.attendance) + 1,
                    "meeting": meeting_id,
                    "person": person,
                    "status": status,
                    "reason": "Working late." if status == "absent" else "",
                }
            )
        questions = []
        for _ in range(self.questions_per_meeting):
            question_id = len(rows.questions) + 1
            questions.append(question_id)
            rows.questions.append(
                {
                    "id": question_id,
                    "meeting": meeting_id,
                    "asker": r.choice(present[:9]),
                    "anonymous": r.random() < 0.15,
                    "topic": r.choice(TOPICS),
                    "text": self.paragraph(ASKING, (1, 3)),
                }
            )
            for org, officer in r.sample(regulars, r.randint(1, 2)):
                rows.responses.append(
                    {
                        "id": len(rows.responses) + 1,
                        "question": question_id,
                        "organisation": org,
                        "responder": officer,
                        "text": self.paragraphs(ANSWERING, (2, 4)),
                    }
                )
        for _ in range(self.actions_per_meeting):
            self.action(meeting_id, day, held, r.choice([*questions, None]), regulars)
        for heading in r.sample(NOTE_HEADINGS, r.randint(2, 4)):
            rows.notes.append(
                {
                    "id": len(rows.notes) + 1,
                    "meeting": meeting_id,
                    "heading": heading,
                    "text": self.paragraphs(ANSWERING, (1, 3)),
                }
            )

    def action(
        self,
        meeting_id: int,
        day: dt.date,
        held: bool,
        question: int | None,
        regulars: list[tuple[int, int]],
    ) -> None:
        r = self.random
        rows = self.rows
        org, owner = r.choice(regulars)
        action_id = len(rows.actions) + 1
        self.numbered += 1
        final = r.choices(("done", "in_progress", "open", "dropped"), (6, 2, 2, 1))[0]
        status = final if held else "open"
        rows.actions.append(
            {
                "id": action_id,
                "meeting": meeting_id,
                "question": question,
                "text": self._fill(r.choice(ACTING)),
                "owner": owner,
                "organisation": org,
                "due": day + dt.timedelta(days=r.choice((14, 28, 42))),
                "status": status,
                "created_at": dt.datetime.combine(day, dt.time(20)),
                "ref": numbered_ref(self.code, self.numbered),
            }
        )
        if not held:
            return
        for step in range(1, r.randint(1, 3) + 1):
            last = step == 3 or r.random() < 0.4
            rows.updates.append(
                {
                    "id": len(rows.updates) + 1,
                    "action": action_id,
                    "date": day + dt.timedelta(days=10 * step),
                    "text": r.choice(UPDATING),
                    "status": status if last else "in_progress",
                    "meeting": None,
                    "created_at": dt.datetime.combine(
                        day + dt.timedelta(days=10 * step), dt.time()
                    ),
                }
            )
            if last:
                break


def _insert(model: type[pw.Model], rows: list[dict]) -> None:
    """The rows through the driver's executemany, each value as Peewee would store it.

    Several times quicker than `insert_many`, which builds and parses one statement per
    batch: a database of 100,000 actions is written in seconds.
    """
    if not rows:
        return
    names = list(rows[0])
    fields = [model._meta.fields[name] for name in names]
    converters = [_STORED.get(type(field)) for field in fields]
    plan = list(zip(names, converters, strict=True))
    columns = ", ".join(f'"{field.column_name}"' for field in fields)
    marks = ", ".join(db.param for _ in fields)
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    cursor = db.cursor()
    for start in range(0, len(rows), BATCH):
        cursor.executemany(
            sql,
            [
                tuple(
                    row[name] if convert is None or row[name] is None else convert(row[name])
                    for name, convert in plan
                )
                for row in rows[start : start + BATCH]
            ],
        )


# str() of a datetime without microseconds is Peewee's own 'YYYY-MM-DD HH:MM:SS'.
_STORED = {pw.DateField: dt.date.isoformat, pw.DateTimeField: str, pw.BooleanField: int}


def remove_database(path: Path) -> None:
    """Delete a SQLite file with its WAL and shared-memory files, if there."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def ward_names(count: int) -> list[str]:
    """`count` distinct ward names: the real ones, then their North, South... halves."""
    halves = ("", " North", " South", " East", " West")
    if count > len(WARDS) * len(halves):
        raise ValueError(f"at most {len(WARDS) * len(halves)} panels")
    return [f"{WARDS[n % len(WARDS)]}{halves[n // len(WARDS)]}" for n in range(count)]


def generate(
    path: Path = DEFAULT_PATH,
    panels: int = 20,
    meetings_per_panel: int = 25,
    seed: int = SEED,
    *,
    questions_per_meeting: int = 8,
    actions_per_meeting: int = 6,
) -> dict[str, int]:
    """Write a fresh database at `path` (replacing any there); returns rows per table.

    The search index is filled too, as the services would have kept it.
    """
    writer = Writer(seed, questions=questions_per_meeting, actions=actions_per_meeting)
    writer.organisations()
    for panel_id, ward in enumerate(ward_names(panels), start=1):
        writer.panel(panel_id, ward, meetings_per_panel)
    rows = writer.rows
    remove_database(path)
    handle = open_database(str(path))
    try:
        with db.atomic():
            _insert(Organisation, rows.organisations)
            _insert(Panel, rows.panels)
            _insert(Person, rows.people)
            _insert(Meeting, rows.meetings)
            _insert(Attendance, rows.attendance)
            _insert(Question, rows.questions)
            _insert(Response, rows.responses)
            _insert(Action, rows.actions)
            _insert(ActionUpdate, rows.updates)
            _insert(Note, rows.notes)
            _insert(Priority, rows.priorities)
            indexing.rebuild_index()  # rows written directly, so indexed here
        # No ANALYZE: the app never runs it, so its databases have no planner statistics.
        handle.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        handle.close()
        db.initialize(None)
    return rows.counts()


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH
    counts = generate(target)
    size = target.stat().st_size / 1_000_000
    summary = ", ".join(f"{n:,} {name}" for name, n in counts.items())
    print(f"{target}: {size:.1f} MB; {summary}")


if __name__ == "__main__":
    main()
