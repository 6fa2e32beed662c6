"""Word exports against their baselines, measured in the same run on the same data.

Action list of 10,000 actions, against the same table built with python-docx's
`add_row` and against a bare lxml "copy one template row" floor: seconds, cells per
second, peak traced memory (tracemalloc) and the process's peak RSS. Each contender
runs in a fresh process after identical preparation, so RSS figures compare.
Targets: at least 10x faster than add_row, within 2x of the floor's time, peak
memory within 1.2x of the floor's.

Minutes of a 20-question meeting (two responses each) and of one ten times larger,
against a script writing the same content with python-docx directly and against
pandoc converting the same content from Markdown (`pip install -e '.[bench]'`).
Target: ten times the content in at most eleven times the time.

    .venv/bin/python benchmarks/bench_exports.py [--actions N] [--repeat N]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import gc
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

AS_OF = dt.date(2026, 6, 1)
ORGANISATIONS = (
    "Metropolitan Police",
    "Waltham Forest Council",
    "British Transport Police",
    "Youth Service",
    "Licensing",
)
WORDS = (
    "patrol",
    "station",
    "report",
    "figures",
    "residents",
    "council",
    "officers",
    "street",
    "lighting",
    "review",
    "meeting",
    "borough",
    "youth",
    "knife",
    "crime",
    "partnership",
    "evidence",
    "update",
    "search",
    "section",
    "authorisation",
    "victims",
    "follow-up",
    "visible",
    "community",
    "safety",
    "plan",
    "hot",
    "spot",
    "weekly",
)
COLUMN_TITLES = ("Ref", "Action", "Due", "Status", "Raised at", "Latest update")


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraphs(rng: random.Random, count: int, words: int = 60) -> str:
    return "\n\n".join(
        " ".join(sentence(rng, 12) for _ in range(words // 12)) for _ in range(count)
    )


# -- data ------------------------------------------------------------------------------


def build_action_data(actions: int, seed: int = 7) -> None:
    """`actions` actions over 3 panels, 30 meetings, 5 organisations and 60 owners."""
    from wardpanel.core.models import Action, ActionUpdate, Meeting, Organisation, Panel, Person
    from wardpanel.core.storage.database import db

    rng = random.Random(seed)
    with db.atomic():
        organisations = [Organisation.create(name=name) for name in ORGANISATIONS]
        owners = [
            Person.create(name=f"Officer {n:02d}", role="PC", organisation=organisations[n % 5])
            for n in range(60)
        ]
        panels = [Panel.create(name=f"Bench Ward Panel {n}") for n in range(3)]
        meetings = [
            Meeting.create(
                panel=panels[n % 3], date=dt.date(2025, 1, 6) + dt.timedelta(days=14 * n)
            )
            for n in range(30)
        ]
        rows = []
        for n in range(actions):
            owner = owners[rng.randrange(60)] if rng.random() < 0.9 else None
            rows.append(
                {
                    "meeting": meetings[n % 30].id,
                    "text": sentence(rng, rng.randrange(8, 30)),
                    "owner": owner.id if owner else None,
                    "organisation": owner.organisation_id if owner else None,
                    "due": dt.date(2025, 3, 1) + dt.timedelta(days=rng.randrange(600)),
                    "status": rng.choice(("open", "open", "in_progress", "done", "dropped")),
                }
            )
        for start in range(0, len(rows), 500):
            Action.insert_many(rows[start : start + 500]).execute()
        updates = [
            {
                "action": action_id,
                "date": dt.date(2025, 6, 1) + dt.timedelta(days=rng.randrange(300)),
                "text": sentence(rng, rng.randrange(6, 20)),
            }
            for action_id in range(1, actions + 1)
            if rng.random() < 0.6
        ]
        for start in range(0, len(updates), 500):
            ActionUpdate.insert_many(updates[start : start + 500]).execute()


def build_meeting(panel_name: str, scale: int, seed: int = 11) -> int:
    """A meeting with 20*scale questions (two responses each) and the rest in proportion."""
    from wardpanel import services

    rng = random.Random(seed)
    panel = services.create_panel(panel_name, "Bench ward", "Bench borough")
    meeting = services.create_meeting(
        panel.id,
        "2026-04-10",
        start="19:00",
        venue="Hall",
        chair="Chair Person",
        next_meeting="2026-07-10",
    )
    for n in range(20 * scale):
        organisation = ORGANISATIONS[n % 3] if n % 4 else None
        status = ("present", "present", "apologies", "absent")[n % 4]
        services.record_attendance(
            meeting.id,
            f"Attendee {n}",
            "Officer" if organisation else "",
            organisation,
            status,
            "At a police briefing",
        )
    for n in range(4 * scale):
        services.add_note(meeting.id, f"Note {n}", paragraphs(rng, 3))
    for n in range(20 * scale):
        question = services.add_question(
            meeting.id, paragraphs(rng, 1, 36), asker=f"Attendee {n}", topic=f"Topic {n}"
        )
        services.add_response(question.id, paragraphs(rng, 3), ORGANISATIONS[0], "Attendee 1")
        services.add_response(question.id, paragraphs(rng, 2), ORGANISATIONS[1])
        services.add_action(
            meeting.id,
            sentence(rng, 16),
            owner="Attendee 1",
            organisation=ORGANISATIONS[0],
            due="2026-10-31",
            question_id=question.id,
        )
    for _ in range(5 * scale):
        services.add_priority(meeting.id, sentence(rng, 8))
    return meeting.id


# -- measuring -------------------------------------------------------------------------


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def traced_peak(work: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def flat_cells(rows, as_of: dt.date) -> list[tuple[str, ...]]:
    """The same six cells wardpanel prints, as plain strings, for the baselines."""
    from wardpanel.exporting.actions import table_rows

    return [
        (ref, text, f"{due} {mark}".strip(), status, f"{panel} {day}", latest)
        for ref, text, due, mark, status, panel, day, latest in table_rows(rows)
    ]


def add_row_table(cells: list[tuple[str, ...]]) -> bytes:
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=len(COLUMN_TITLES))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, COLUMN_TITLES, strict=True):
        cell.text = title
    for values in cells:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def floor_table(cells: list[tuple[str, ...]]) -> bytes:
    """The least a python-docx table of these cells can cost: copy a row, set its texts."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    table = document.add_table(rows=2, cols=len(COLUMN_TITLES))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, COLUMN_TITLES, strict=True):
        cell.text = title
    for cell in table.rows[1].cells:
        cell.paragraphs[0].add_run("placeholder")
    template = table.rows[1]._tr
    tbl = table._tbl
    tbl.remove(template)
    t_tag = qn("w:t")
    for values in cells:
        row = copy.deepcopy(template)
        for t, value in zip(row.iter(t_tag), values, strict=True):
            t.text = value
        tbl.append(row)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def run_action_case(case: str, db_path: str, repeat: int) -> dict[str, float]:
    """One contender, in this (fresh) process, after the same preparation for all."""
    import docx  # noqa: F401  (imported before measuring, by every contender)

    from wardpanel.core.models import ACTION_STATUSES
    from wardpanel.core.storage.database import open_database
    from wardpanel.exporting import export_actions
    from wardpanel.exporting.actions import action_list_document
    from wardpanel.queries.actions import ActionFilter, all_actions

    open_database(db_path)
    filters = ActionFilter(statuses=ACTION_STATUSES, as_of=AS_OF)
    rows = all_actions(filters).rows
    cells = flat_cells(rows, AS_OF)
    out = Path(db_path).with_name("bench-actions.docx")
    work: Callable[[], object] = {
        "wardpanel": lambda: action_list_document(rows, filters),
        "wardpanel export": lambda: export_actions(out, filters, as_of=AS_OF, force=True),
        "add_row": lambda: add_row_table(cells),
        "floor": lambda: floor_table(cells),
    }[case]
    seconds = best_of(1 if case == "add_row" else repeat, work)
    # add_row is slow enough that tracing it again would double the run; its memory is
    # not a target (the floor's is), so its traced peak is left out.
    peak = 0 if case == "add_row" else traced_peak(work)
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "traced": peak, "rss": rss_kib * 1024, "rows": len(rows)}


def in_fresh_process(case: str, db_path: str, repeat: int) -> dict[str, float]:
    print(f"  measuring {case}...", file=sys.stderr, flush=True)
    result = subprocess.run(
        [sys.executable, __file__, "--case", case, "--db", db_path, "--repeat", str(repeat)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"benchmark case {case!r} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- minutes baselines -----------------------------------------------------------------


def minutes_content(meeting_id: int) -> dict:
    """The meeting's content as plain data, for the baselines to write."""
    from wardpanel import queries
    from wardpanel.core.words import long_date
    from wardpanel.exporting.attendees import by_organisation

    meeting = queries.meeting_with_panel(meeting_id)
    attendance = queries.attendance_of(meeting_id)
    return {
        "panel": meeting.panel.name,
        "details": [("Date", long_date(meeting.date)), ("Venue", meeting.venue)],
        "attendance": {
            status: [
                (org, [a.person.name for a in members])
                for org, members in by_organisation(a for a in attendance if a.status == status)
            ]
            for status in ("present", "apologies", "absent")
        },
        "notes": [(n.heading, n.text.split("\n\n")) for n in queries.notes_of(meeting_id)],
        "questions": [
            (
                q.topic,
                q.asker.name,
                q.text.split("\n\n"),
                [(r.organisation.name, r.text.split("\n\n")) for r in q.answers],
            )
            for q in queries.questions_of(meeting_id)
        ],
        "actions": [
            (f"A{a.id}", a.text, a.owner.name, a.organisation.name, str(a.due))
            for a in queries.actions_of(meeting_id)
        ],
        "priorities": [p.text for p in queries.priorities_of(meeting)],
    }


def python_docx_minutes(content: dict) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(content["panel"], 0)
    for label, value in content["details"]:
        document.add_paragraph(f"{label}: {value}")
    for heading, status in (
        ("Present", "present"),
        ("Apologies", "apologies"),
        ("Absent", "absent"),
    ):
        document.add_heading(heading, 1)
        for organisation, names in content["attendance"][status]:
            document.add_paragraph().add_run(organisation).bold = True
            for name in names:
                document.add_paragraph(name, style="List Bullet")
    document.add_heading("Notes and police update", 1)
    for heading, parts in content["notes"]:
        document.add_heading(heading, 2)
        for part in parts:
            document.add_paragraph(part)
    document.add_heading("Questions and responses", 1)
    for number, (topic, asker, parts, responses) in enumerate(content["questions"], start=1):
        document.add_heading(f"{number}. {topic}", 2)
        document.add_paragraph(f"Asked by {asker}")
        for part in parts:
            document.add_paragraph(part)
        for organisation, answer in responses:
            document.add_paragraph().add_run(f"Response from {organisation}").bold = True
            for part in answer:
                document.add_paragraph(part)
    document.add_heading("Actions agreed", 1)
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    titles = ("Ref", "Action", "Owner", "Organisation", "Due")
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = title
    for values in content["actions"]:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    document.add_heading("Priorities", 1)
    for text in content["priorities"]:
        document.add_paragraph(text, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def markdown_minutes(content: dict) -> str:
    lines = [f"# {content['panel']}", ""]
    lines += [f"**{label}:** {value}  " for label, value in content["details"]] + [""]
    for heading, status in (
        ("Present", "present"),
        ("Apologies", "apologies"),
        ("Absent", "absent"),
    ):
        lines += [f"## {heading}", ""]
        for organisation, names in content["attendance"][status]:
            lines += [f"**{organisation}**", ""] + [f"- {name}" for name in names] + [""]
    lines += ["## Notes and police update", ""]
    for heading, parts in content["notes"]:
        lines += [f"### {heading}", ""] + [line for part in parts for line in (part, "")]
    lines += ["## Questions and responses", ""]
    for number, (topic, asker, parts, responses) in enumerate(content["questions"], start=1):
        lines += [f"### {number}. {topic}", "", f"*Asked by {asker}*", ""]
        lines += [line for part in parts for line in (part, "")]
        for organisation, answer in responses:
            lines += [f"**Response from {organisation}**", ""]
            lines += [line for part in answer for line in (part, "")]
    lines += ["## Actions agreed", "", "| Ref | Action | Owner | Organisation | Due |"]
    lines += ["|---|---|---|---|---|"]
    lines += ["| " + " | ".join(values) + " |" for values in content["actions"]] + [""]
    lines += ["## Priorities", ""] + [f"- {text}" for text in content["priorities"]]
    return "\n".join(lines) + "\n"


def pandoc_converter() -> Callable[[str, Path], None] | None:
    try:
        import pypandoc

        pypandoc.get_pandoc_version()
    except (ImportError, OSError):
        return None

    def convert(markdown: str, out: Path) -> None:
        pypandoc.convert_text(markdown, "docx", format="markdown", outputfile=str(out))

    return convert


# -- report ----------------------------------------------------------------------------


def megabytes(value: float) -> str:
    return f"{value / 1_048_576:7.1f} MB"


def bench_action_list(work: Path, actions: int, repeat: int) -> None:
    from wardpanel.core.storage.database import open_database

    db_path = str(work / "actions.db")
    handle = open_database(db_path)
    handle.execute_sql("PRAGMA synchronous=OFF")
    build_action_data(actions)
    handle.close()

    results = {
        case: in_fresh_process(case, db_path, repeat)
        for case in ("wardpanel", "wardpanel export", "add_row", "floor")
    }
    rows = int(results["floor"]["rows"])
    cells = rows * len(COLUMN_TITLES)
    print(f"\nAction list: {rows:,} actions, {cells:,} cells (best of {repeat}; add_row once)")
    print(f"  {'':44} {'seconds':>8} {'cells/s':>10} {'traced peak':>11} {'peak RSS':>10}")
    labels = {
        "wardpanel": "wardpanel, document from the selected rows",
        "wardpanel export": "wardpanel export (query, document, file)",
        "add_row": "baseline: python-docx add_row + cell.text",
        "floor": "floor: bare lxml template-row copy",
    }
    for case, label in labels.items():
        r = results[case]
        traced = megabytes(r["traced"]) if r["traced"] else f"{'-':>10}"
        print(
            f"  {label:44} {r['seconds']:8.2f} {cells / r['seconds']:10,.0f} "
            f"{traced} {megabytes(r['rss'])}"
        )
    ours, floor, add_row = results["wardpanel"], results["floor"], results["add_row"]
    speedup = add_row["seconds"] / ours["seconds"]
    to_floor = ours["seconds"] / floor["seconds"]
    traced = ours["traced"] / floor["traced"]
    rss = ours["rss"] / floor["rss"]
    print(f"  {speedup:.1f}x faster than add_row (target >= 10x) {verdict(speedup >= 10)}")
    print(f"  {to_floor:.2f}x the floor's time (target <= 2x) {verdict(to_floor <= 2)}")
    print(
        f"  peak memory {traced:.2f}x the floor's traced, {rss:.2f}x its RSS "
        f"(target <= 1.2x) {verdict(max(traced, rss) <= 1.2)}"
    )


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def bench_minutes(work: Path, repeat: int) -> None:
    from wardpanel.core.storage.database import open_database
    from wardpanel.exporting.minutes import minutes_document
    from wardpanel.queries import meeting_with_panel
    from wardpanel.reports import check_meeting

    handle = open_database(str(work / "minutes.db"))
    handle.execute_sql("PRAGMA synchronous=OFF")
    small = build_meeting("Small Bench Panel", 1)
    large = build_meeting("Large Bench Panel", 10)
    convert = pandoc_converter()

    print(f"\nMinutes (best of {repeat}; wardpanel's time includes reading the database)")
    print(f"  {'':44} {'20 questions':>13} {'200 questions':>14} {'growth':>7}")
    timings: dict[str, list[float]] = {}
    for meeting_id in (small, large):
        meeting = meeting_with_panel(meeting_id)
        content = minutes_content(meeting_id)
        markdown = markdown_minutes(content)
        timings.setdefault("wardpanel", []).append(
            best_of(repeat, lambda m=meeting: minutes_document(m))
        )
        # Published minutes find residents' names in every typed text; named ones do not.
        timings.setdefault("wardpanel, residents named (no replacing)", []).append(
            best_of(repeat, lambda m=meeting: minutes_document(m, residents="named"))
        )
        timings.setdefault("wardpanel check (before publishing)", []).append(
            best_of(repeat, lambda i=meeting_id: check_meeting(i))
        )
        timings.setdefault("reading the content from the database", []).append(
            best_of(repeat, lambda i=meeting_id: minutes_content(i))
        )
        timings.setdefault("python-docx script, same content", []).append(
            best_of(repeat, lambda c=content: python_docx_minutes(c))
        )
        if convert is not None:
            out = work / f"pandoc-{meeting_id}.docx"
            timings.setdefault("pandoc from Markdown, same content", []).append(
                best_of(repeat, lambda md=markdown, o=out: convert(md, o))
            )
    for label, (one, ten) in timings.items():
        print(f"  {label:44} {one:12.3f}s {ten:13.3f}s {ten / one:6.1f}x")
    if convert is None:
        print(
            "  pandoc from Markdown: skipped (pypandoc-binary is not installed: "
            "pip install -e '.[bench]')"
        )
    one, ten = timings["wardpanel"]
    print(
        f"  wardpanel: 10x the content in {ten / one:.1f}x the time "
        f"(target <= 11x) {verdict(ten / one <= 11)}"
    )
    check = timings["wardpanel check (before publishing)"][1] / ten
    print(
        f"  check, 200 questions: {check:.2f}x the minutes (target <= 1.5x) {verdict(check <= 1.5)}"
    )
    script = ten / timings["python-docx script, same content"][1]
    print(
        f"  published minutes, 200 questions: {script:.2f}x the python-docx script "
        f"(target <= 1.0x) {verdict(script <= 1.0)}"
    )
    handle.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Word exports against their baselines.")
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--minutes-only", action="store_true", help="Skip the action list.")
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.case:
        print(json.dumps(run_action_case(args.case, args.db, args.repeat)))
        return 0
    with tempfile.TemporaryDirectory(prefix="wardpanel-bench-") as work:
        if not args.minutes_only:
            bench_action_list(Path(work), args.actions, args.repeat)
        bench_minutes(Path(work), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
