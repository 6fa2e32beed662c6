"""The officer's Actions view at scale: shown in full, and its memory as the data grows.

Two generated databases, 10,000 and 100,000 actions (benchmarks/generate.py). For each,
one fresh process runs the real app headless, opens the Actions view (ctrl+o) --runs
times and records how long it takes until the first page is in the table and the screen
has been refreshed, and the resident memory with the view open. The baseline, measured
in the same run, is the default view's page and counts read by hand-written SQL through
sqlite3 (the query of benchmarks/bench_followup.py).

Targets (issue 4): the view fully shown in at most 250 ms (median); memory flat as the
table grows, because the view holds one page, never 100,000 rows.

    .venv/bin/python benchmarks/actions_view.py [--runs 15]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

SIZES = {
    "10,000 actions": (generate.DATA_DIR / "actions-10k.db", 5),
    "100,000 actions": (generate.DATA_DIR / "followup.db", 50),
}


def ensure(path: Path, panels: int) -> None:
    if not path.exists():
        print(f"  generating {path.name} ...", flush=True)
        generate.generate(path, panels=panels, meetings_per_panel=40, actions_per_meeting=50)


def resident_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def drive(database: str, runs: int) -> dict:
    """In the child: open the Actions view `runs` times; time and memory."""
    from textual.widgets import DataTable

    from wardpanel.cli import make_app
    from wardpanel.screens.actions import ActionsScreen

    app = make_app(database)
    timings = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        before = resident_mib()
        for _ in range(runs):
            started = time.perf_counter()
            await pilot.press("ctrl+o")
            while not (
                isinstance(app.screen, ActionsScreen) and app.screen.query_one(DataTable).row_count
            ):
                await asyncio.sleep(0)
            await pilot.pause()  # refreshed and idle: fully shown
            timings.append((time.perf_counter() - started) * 1000)
            rows = app.screen.query_one(DataTable).row_count
            open_memory = resident_mib()
            await pilot.press("escape")
            await pilot.pause()
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": sorted(timings)[int(len(timings) * 0.95) - 1],
        "rows_in_table": rows,
        "rss_home_mib": before,
        "rss_view_mib": open_memory,
    }


def raw_default_page(path: Path, runs: int) -> float:
    from bench_followup import OPEN, raw_page

    raw = sqlite3.connect(path)
    timings = []
    for _ in range(runs + 2):
        started = time.perf_counter()
        raw_page(raw, f"a.status IN {OPEN}", "1", [], [])
        timings.append((time.perf_counter() - started) * 1000)
    raw.close()
    return statistics.median(timings[2:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--child", nargs=2, metavar=("DB", "RUNS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(drive(args.child[0], int(args.child[1])))))
        return 0

    results = {}
    for label, (path, panels) in SIZES.items():
        ensure(path, panels)
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(path), str(args.runs)],
            capture_output=True,
            text=True,
            check=True,
        )
        results[label] = json.loads(child.stdout.strip().splitlines()[-1])
        results[label]["raw_ms"] = raw_default_page(path, args.runs)

    print(f"\nActions view, default filters (open and in progress), median of {args.runs}")
    print(
        f"{'':18}{'shown':>10}{'p95':>9}{'raw SQL':>10}{'rows':>7}{'RSS home':>11}{'RSS view':>11}"
    )
    for label, r in results.items():
        print(
            f"{label:18}{r['median_ms']:>8.0f}ms{r['p95_ms']:>7.0f}ms{r['raw_ms']:>8.1f}ms"
            f"{r['rows_in_table']:>7}{r['rss_home_mib']:>9.1f}Mi{r['rss_view_mib']:>9.1f}Mi"
        )
    big = results["100,000 actions"]
    small = results["10,000 actions"]
    shown_ok = big["median_ms"] <= 250
    growth = big["rss_view_mib"] - small["rss_view_mib"]
    print(
        f"\nshown in {big['median_ms']:.0f} ms with 100,000 actions (target <= 250 ms): "
        f"{'PASS' if shown_ok else 'MISS'}"
    )
    print(
        f"memory with the view open: {small['rss_view_mib']:.1f} MiB at 10,000 actions, "
        f"{big['rss_view_mib']:.1f} MiB at 100,000 ({growth:+.1f} MiB for 10x the actions; "
        f"the table holds {big['rows_in_table']} rows either way)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
