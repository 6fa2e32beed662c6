"""The hardest searches a user can still type, at 100,000 actions, on both engines.

A search takes at most 300 characters and 16 words (wardpanel.queries.search); this
measures what the worst of those accepted queries cost, on the database of
benchmarks/bench_followup.py (100,000 actions, 150,000 updates, 16,000 questions), in
SQLite and in PostgreSQL (the same records, copied with `wardpanel copy`).

Cases: the commonest word; 16 common words that never stand together (every word's
list read, nothing left after intersecting); 16 common words that do; a long quoted
phrase; the commonest word repeated in a phrase (the attack tour's "long repeated-word
query"); eight two-word phrases of common words; a word with a panel filter; the same
words as the Actions view's text filter (find_actions). Baseline, in the same run on
the same connection: one rare word (a first name), the cheapest search there is. Each
figure is the median and the slowest of --runs calls after two warm-up calls.
Target: every accepted query, median at most 200 ms.

The PostgreSQL server is WARDPANEL_BENCH_POSTGRES (a URL whose role may create
databases), else a throwaway one started with scripts/postgres-for-tests; without
either, only SQLite is measured.

    .venv/bin/python benchmarks/bench_search_limits.py [--runs 15] [--reuse] [--no-doc]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_followup
import generate
import tables

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks-search-limits.md"
TARGET_MS = 200.0
PAGE = 50
BENCH_DATABASE = "wardpanel_bench_search"

APART = (
    "chased email waiting reply site visit repairs ordered figures circulated panel "
    "partly remaining booked raised agreed"
)
TOGETHER = (
    "residents are encouraged to report every incident as reports decide where we "
    "patrol officers attended the"
)
# Words of one action template with its place: found together in thousands of actions.
ACTION_WORDS = "arrange a site visit to the estate car park with residents"
PHRASE = '"Residents are encouraged to report every incident, as reports decide where we patrol"'
EIGHT_PHRASES = " ".join(
    f'"the {place}"'
    for place in ("station", "park", "estate", "market", "library", "shops", "school", "bus")
)
CASES: tuple[tuple[str, str, dict], ...] = (
    ("the commonest word", "the", {}),
    ("16 common words never together", APART, {}),
    ("16 common words together", TOGETHER, {}),
    ("a quoted phrase of 14 words", PHRASE, {}),
    ('a phrase of "the" 16 times', '"' + " ".join(["the"] * 16) + '"', {}),
    ('8 phrases "the station", "the park"...', EIGHT_PHRASES, {}),
    ("one common word, one panel", "patrols", {"panel": "Oval Ward Panel"}),
)
BASELINE = ("one rare word (baseline)", "Nadia", {})
HEADINGS = ("Engine", "Search", "Median", "Slowest", "Baseline median", "Found", "Result")


def timed(runs: int, call: Callable[[], object]) -> tuple[float, float, object]:
    """Median and slowest of `runs` calls in ms (after two warm-ups), and a result."""
    result = call()
    call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times), result


def measure(target: str, engine: str, runs: int) -> list[tuple[str, ...]]:
    """Every case on one database, beside the baseline measured on the same connection."""
    from wardpanel.core.storage.database import db, open_database
    from wardpanel.queries import search
    from wardpanel.queries.actions import ActionFilter, find_actions

    handle = open_database(target)
    rows = []
    try:
        base_median, _, _ = timed(runs, lambda: search.search(BASELINE[1], limit=PAGE))
        searches = [
            (f"search: {name}", lambda w=words, o=options: search.search(w, limit=PAGE, **o))
            for name, words, options in CASES
        ]
        searches += [
            (
                "Actions view: 16 common words never together",
                lambda: find_actions(ActionFilter(text=APART), limit=PAGE),
            ),
            (
                "Actions view: 11 words found together in actions",
                lambda: find_actions(ActionFilter(text=ACTION_WORDS), limit=PAGE),
            ),
        ]
        for name, call in searches:
            print(f"  {engine}: {name} ...", flush=True)
            median, slowest, result = timed(runs, call)
            found = getattr(result, "total", None)
            shown = f"{found:,} actions" if found is not None else f"{len(result)} items"
            verdict = "PASS" if median <= TARGET_MS else "MISS"
            rows.append(
                (
                    engine,
                    name,
                    f"{median:.1f} ms",
                    f"{slowest:.1f} ms",
                    f"{base_median:.1f} ms",
                    shown,
                    verdict,
                )
            )
    finally:
        handle.close()
        db.initialize(None)
    return rows


@contextmanager
def postgres_server() -> Iterator[str | None]:
    """A server URL: WARDPANEL_BENCH_POSTGRES, or a throwaway one, or None."""
    given = os.environ.get("WARDPANEL_BENCH_POSTGRES", "").strip()
    if given:
        yield given
        return
    script = ROOT / "scripts" / "postgres-for-tests"
    folder = Path(tempfile.mkdtemp(prefix="wardpanel-bench-postgres-"))
    started = subprocess.run(
        [str(script), "start", str(folder)], capture_output=True, text=True, check=False
    )
    if started.returncode != 0:
        print(f"No PostgreSQL server: {started.stderr.strip()[:200]}", flush=True)
        yield None
        return
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([str(script), "stop", str(folder)], capture_output=True, check=False)


def copied_to_server(server: str, source: Path, reuse: bool) -> str:
    """The benchmark's records in a database of their own on the server."""
    import psycopg2

    from wardpanel.interchange.copying import copy_database

    target = urlparse(server)._replace(path=f"/{BENCH_DATABASE}").geturl()
    admin = psycopg2.connect(server)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (BENCH_DATABASE,))
        exists = cursor.fetchone() is not None
        if exists and reuse:
            admin.close()
            return target
        cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    admin.close()
    print(f"Copying {source.name} into PostgreSQL ...", flush=True)
    started = time.perf_counter()
    report = copy_database(str(source), target)
    print(f"  {report.summary()} ({time.perf_counter() - started:.0f} s)", flush=True)
    return target


def write_doc(rows: list[tuple[str, ...]], about: dict[str, str], runs: int) -> None:
    text = f"""# Search at its limits

`benchmarks/bench_search_limits.py` (run by `make bench`) measures the hardest searches
a user can still type, since a search takes at most 300 characters and 16 words, on
the database of `docs/benchmarks-followup.md` (100,000 actions, 150,000 updates,
16,000 questions) in SQLite and in PostgreSQL. Timings are never part of the tests.

Each figure is the median and the slowest of {runs} calls after two warm-up calls; the
baseline is a search for one rare word (a first name) on the same connection in the
same run. Target: the median of every accepted query at most {TARGET_MS:.0f} ms.

Queries past the limits are refused before the database is asked; and whatever slips
through, the database stops a search after 5 s (a PostgreSQL server also stops one
whose program died). Before the limits, an attack tour's query of one word repeated
2,000 times took 43 s on PostgreSQL, and the server went on working after its program
died; a word repeated in a row inside a phrase is now looked for twice at most, which
is the "phrase of the 16 times" row.

## Last run

{dt.datetime.now():%Y-%m-%d %H:%M}

{chr(10).join(f"- {name}: {value}" for name, value in about.items())}

{tables.markdown_table(HEADINGS, rows)}
"""
    DOC.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="calls of each case")
    parser.add_argument("--reuse", action="store_true", help="reuse the generated databases")
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite the doc")
    args = parser.parse_args(argv)
    about = bench_followup.machine()
    source = bench_followup.DATABASE
    if not (args.reuse and source.exists()):
        print(f"Generating {source.relative_to(ROOT)} ...", flush=True)
        generate.generate(source, **bench_followup.SIZE)
    rows = measure(str(source), "SQLite", args.runs)
    with postgres_server() as server:
        if server is not None:
            import psycopg2

            with psycopg2.connect(server) as probe:
                about["PostgreSQL"] = str(probe.server_version)
            rows += measure(copied_to_server(server, source, args.reuse), "PostgreSQL", args.runs)
    about["Load average at the end (1 min)"] = f"{os.getloadavg()[0]:.1f}"
    print()
    print(tables.text_table(HEADINGS, rows))
    if not args.no_doc:
        write_doc(rows, about, args.runs)
        print(f"\nWritten to {DOC.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
