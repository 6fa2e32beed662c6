"""One identity per person: what matching names costs.

1. Quick entry, Enter -> the row shown, with a panel roster of 2,000 people (every one
   on the list of one of the panel's earlier meetings) and 200 organisations with an
   alias each; each line names a roster person in full ("q Sgt Amira Khan 0412: ..."),
   so the person is found among the meeting's people and the panel's regulars. Baseline
   in the same run: the same lines on a panel with no roster (nobody to match).
   Target: median <= 16 ms.
2. Merging two people on the 100,000-action database (benchmarks/bench_followup.py's
   size): the two officers who own the most actions, with everything of theirs.
   Baseline in the same run: the bare UPDATEs of the action, response and attendance
   rows on a copy of the same database. Target: <= 2 s.

    python benchmarks/bench_identity.py [--saves N] [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import peewee as pw

sys.path.insert(0, str(Path(__file__).parent))

import bench_followup
import generate
import saving

from wardpanel import services
from wardpanel.core.models import Attendance, Organisation, OrganisationAlias, Person
from wardpanel.core.storage.database import db, open_database

ROSTER = 2_000
ORGANISATIONS = 200
EARLIER_MEETINGS = 20
RANKS = ("Sgt", "PC", "PCSO", "Cllr", "Insp", "")


def roster_name(number: int) -> str:
    first = generate.FIRST_NAMES[number % len(generate.FIRST_NAMES)]
    surname = generate.SURNAMES[(number // len(generate.FIRST_NAMES)) % len(generate.SURNAMES)]
    rank = RANKS[number % len(RANKS)]
    return " ".join(part for part in (rank, first, f"{surname} {number:04d}") if part)


def build(path: Path, roster: bool) -> None:
    """A panel whose newest meeting is the one typed into; with `roster`, 2,000 people on
    its earlier meetings' lists and 200 organisations with an alias each."""
    generate.remove_database(path)
    handle = open_database(str(path))
    try:
        panel = services.create_panel("Roster Ward Panel")
        first = dt.date(2024, 1, 10)
        earlier = [
            services.create_meeting(panel.id, first + dt.timedelta(days=30 * n)).id
            for n in range(EARLIER_MEETINGS)
        ]
        services.create_meeting(panel.id, first + dt.timedelta(days=30 * EARLIER_MEETINGS))
        if roster:
            with db.atomic():
                Organisation.insert_many(
                    [
                        {"name": f"Organisation {n:03d}", "kind": "other"}
                        for n in range(ORGANISATIONS)
                    ]
                ).execute()
                OrganisationAlias.insert_many(
                    [
                        {"organisation": n + 1, "alias": f"Org{n:03d}", "key": f"org{n:03d}"}
                        for n in range(ORGANISATIONS)
                    ]
                ).execute()
                Person.insert_many(
                    [
                        {"name": roster_name(n), "organisation": 1 + n % ORGANISATIONS}
                        for n in range(ROSTER)
                    ]
                ).execute()
                Attendance.insert_many(
                    [
                        {"meeting": earlier[n % EARLIER_MEETINGS], "person": n + 1}
                        for n in range(ROSTER)
                    ]
                ).execute()
    finally:
        handle.close()
        db.initialize(None)


async def quick_lines(path: Path, saves: int, warmups: int = 3) -> list[float]:
    """Enter -> the question row in the table, for `saves` lines naming roster people."""
    from wardpanel.app.launch import make_app

    app = make_app(str(path))
    timings = saving.Timings([], [])
    try:
        async with app.run_test(size=saving.SIZE) as pilot:
            table = await saving._open_questions(app, pilot)
            saving.send_key(app, "colon", ":")
            await saving._until(lambda: saving._focused_id(app) == "quick-entry")
            box = app.screen.query_one("#quick-entry")
            for number in range(warmups + saves):
                if saving._focused_id(app) != "quick-entry":
                    saving.send_key(app, "colon", ":")
                    await saving._until(lambda: saving._focused_id(app) == "quick-entry")
                line = f"q {roster_name(number * 37 % ROSTER)}: What is being done? ({number})"
                saving.type_text(app, line)
                await saving._until(lambda text=line: box.value == text)
                await pilot.pause()
                await saving._timed(app, table, "enter", "\r", timings)
                if number < warmups:
                    timings.in_table.clear()
                    timings.painted.clear()
            await pilot.press("escape")
    finally:
        db.close()
        db.initialize(None)
    return timings.in_table


def busiest_owners(path: Path) -> tuple[int, int, int]:
    handle = open_database(str(path))
    try:
        rows = handle.execute_sql(
            "SELECT owner_id, COUNT(*) FROM action WHERE owner_id IS NOT NULL "
            "GROUP BY owner_id ORDER BY COUNT(*) DESC LIMIT 2"
        ).fetchall()
        (gone, gone_count), (kept, kept_count) = rows
        # Two officers of one organisation can be merged; make it so for the measure.
        org = handle.execute_sql("SELECT organisation_id FROM person WHERE id = ?", (kept,))
        handle.execute_sql(
            "UPDATE person SET organisation_id = ? WHERE id = ?", (org.fetchone()[0], gone)
        )
        # Approved minutes lock the names they print (a merge away is refused until they
        # are reopened): the generated history is approved, and the measure is of the
        # merge itself, so this copy's minutes are drafts again.
        handle.execute_sql("UPDATE meeting SET status = 'draft' WHERE status = 'approved'")
        return gone, kept, gone_count + kept_count
    finally:
        handle.close()
        db.initialize(None)


def on_a_copy(source: Path, measured: Callable[[pw.Database], None]) -> float:
    """Seconds `measured` takes on a fresh copy of `source` (deleted afterwards)."""
    copy = source.with_name("identity-copy.db")
    shutil.copyfile(source, copy)
    handle = open_database(str(copy))
    try:
        began = time.perf_counter()
        measured(handle)
        return time.perf_counter() - began
    finally:
        handle.close()
        db.initialize(None)
        generate.remove_database(copy)


def bare_updates(handle: pw.Database, gone: int, kept: int) -> None:
    """The baseline: the rows a merge moves, moved by hand in one transaction."""
    with handle.atomic():
        for table, column in (
            ("action", "owner_id"),
            ("response", "responder_id"),
            ("question", "asker_id"),
            ("attendance", "person_id"),
        ):
            handle.execute_sql(
                f"UPDATE OR IGNORE {table} SET {column} = ? WHERE {column} = ?", (kept, gone)
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=40)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    generate.DATA_DIR.mkdir(exist_ok=True)
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} on {os.cpu_count()} CPUs")

    roster_db = generate.DATA_DIR / "identity-roster.db"
    empty_db = generate.DATA_DIR / "identity-empty.db"
    for run in range(1, args.runs + 1):
        build(empty_db, roster=False)
        base = asyncio.run(quick_lines(empty_db, args.saves))
        build(roster_db, roster=True)
        with_roster = asyncio.run(quick_lines(roster_db, args.saves))
        print(
            f"quick entry, Enter -> row, run {run}: median {saving.median_ms(with_roster):.1f} ms"
            f" with {ROSTER:,} people and {ORGANISATIONS} organisations (p95 "
            f"{saving.p95_ms(with_roster):.1f}); no roster {saving.median_ms(base):.1f} ms "
            f"(p95 {saving.p95_ms(base):.1f}); target <= 16 ms"
        )

    followup = generate.DATA_DIR / "followup.db"
    if not followup.exists():
        print("  generating the 100,000-action database ...", flush=True)
        generate.generate(followup, **bench_followup.SIZE)
    source = generate.DATA_DIR / "identity-100k.db"
    shutil.copyfile(followup, source)
    gone, kept, actions = busiest_owners(source)
    for run in range(1, args.runs + 1):
        merge = on_a_copy(source, lambda _handle: services.merge_people(gone, kept))
        bare = on_a_copy(source, lambda handle: bare_updates(handle, gone, kept))
        print(
            f"merge of two people owning {actions:,} actions, 100,000-action database, run "
            f"{run}: {merge:.2f} s; bare UPDATEs {bare:.2f} s; target <= 2 s"
        )
    generate.remove_database(source)


if __name__ == "__main__":
    main()
