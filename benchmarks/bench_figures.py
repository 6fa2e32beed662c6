"""`wardpanel figures PANEL` over a panel's 500 meetings, beside raw SQL in the same run.

One panel of 500 meetings with 12 figures each (6,000 figures; a second panel of the
same size beside it, so the query must pick one), in a SQLite file. The median of
--runs calls (after two warm-up calls) of:

- the command itself, `wardpanel figures PANEL --csv` through click's runner (name
  resolved, every row with its previous value filled from the panel's earlier meetings
  and its change, written as CSV);
- a baseline: the same rows read by one hand-written SQL query through sqlite3, with no
  previous values filled.

Target: the command's median at most 100 ms.

    .venv/bin/python benchmarks/bench_figures.py [--runs 15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_MS = 100.0
MEETINGS = 500
CATEGORIES = (
    "Burglary", "Robbery", "Vehicle crime", "Anti-social behaviour", "Knife crime",
    "Stop and search", "Arrests", "Phone thefts", "Shoplifting", "Criminal damage",
    "Violence with injury", "Drugs",
)  # fmt: skip
PANELS = ("Hoe Street Ward Panel", "Markhouse Ward Panel")


def build(path: Path) -> None:
    from wardpanel.core.models import Figure, Meeting, Panel
    from wardpanel.core.storage.database import db, open_database

    open_database(str(path))
    with db.atomic():
        for number, name in enumerate(PANELS):
            panel = Panel.create(name=name)
            first = dt.date(1990, 1, 1)
            for index in range(MEETINGS):
                meeting = Meeting.create(
                    panel=panel, date=first + dt.timedelta(days=21 * index), title="Meeting"
                )
                Figure.insert_many(
                    [
                        {
                            "meeting": meeting.id,
                            "category": category,
                            "value": str((index * 7 + position * 3 + number) % 90),
                            "period": "Since the last meeting",
                        }
                        for position, category in enumerate(CATEGORIES)
                    ]
                ).execute()
    db.close()


def median_ms(call: Callable[[], object], runs: int) -> float:
    for _ in range(2):
        call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    from click.testing import CliRunner

    from wardpanel.cli import main as wardpanel

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "figures.db"
        build(path)
        runner = CliRunner()

        def command() -> None:
            result = runner.invoke(wardpanel, ["figures", PANELS[0], "--csv", "--db", str(path)])
            assert result.exit_code == 0, result.output
            assert result.stdout.count("\n") == MEETINGS * len(CATEGORIES) + 1

        connection = sqlite3.connect(path)

        def raw_sql() -> None:
            rows = connection.execute(
                "SELECT m.id, m.date, f.category, f.value, f.previous, f.period, f.unit, f.note "
                "FROM figure f JOIN meeting m ON f.meeting_id = m.id JOIN panel p "
                "ON m.panel_id = p.id WHERE p.name = ? ORDER BY m.date, m.id, f.id",
                (PANELS[0],),
            ).fetchall()
            assert len(rows) == MEETINGS * len(CATEGORIES)

        ours = median_ms(command, runs)
        baseline = median_ms(raw_sql, runs)
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, median of {runs} runs")
    print(f"wardpanel figures --csv ({MEETINGS} meetings, {MEETINGS * len(CATEGORIES)} rows):")
    print(f"  wardpanel {ours:7.1f} ms   raw SQL {baseline:7.1f} ms   target {TARGET_MS:.0f} ms")
    verdict = "met" if ours <= TARGET_MS else "MISSED"
    print(f"  target {verdict}")
    return 0 if ours <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
