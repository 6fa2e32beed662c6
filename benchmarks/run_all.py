"""`make bench`: each of wardpanel's figures beside a baseline measured in the same run.

1. A fresh database of 500 meetings (benchmarks/generate.py, in benchmarks/data/).
2. Start-up to the first painted home screen, and resident memory then, against a bare
   Textual app (Header, Static, Footer) started the same way: fresh processes, medians.
3. Which modules start-up imports (python -X importtime): python-docx must not be one.
4. Saving one item with the real app driven by Pilot (question form, quick entry),
   against one committed row in raw sqlite3 with the same pragmas.

The table is printed and written, with the machine's description, to docs/benchmarks.md.
Timings never go in the tests: they depend on the machine and its load.

    python benchmarks/run_all.py [--runs 9] [--saves 50] [--no-doc] [--strict]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import generate
import saving
import startup
import tables
from machine import machine

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"

STARTUP_RATIO = 1.3
MEMORY_RATIO = 1.5
SAVE_MS = 16.0
TOP_IMPORTS = 10


@dataclass(frozen=True)
class Figure:
    """One line of the table; `passed` is None for a figure shown only for context."""

    name: str
    wardpanel: str
    baseline: str
    ratio: float | None
    target: str
    passed: bool | None

    @property
    def verdict(self) -> str:
        if self.passed is None:
            return "info"
        return "PASS" if self.passed else "MISS"

    def cells(self) -> list[str]:
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        return [self.name, self.wardpanel, self.baseline, ratio, self.target, self.verdict]


HEADINGS = ["Figure", "wardpanel", "Baseline", "Ratio", "Target", "Result"]


# -- the figures -------------------------------------------------------------------------


def startup_figures(
    starts: startup.Startups, imports: startup.ImportReport, runs: int
) -> list[Figure]:
    ward_s = starts.median_seconds(starts.wardpanel)
    bare_s = starts.median_seconds(starts.bare)
    ward_kib = starts.median_rss(starts.wardpanel)
    bare_kib = starts.median_rss(starts.bare)
    screens = {s.screen for s in starts.wardpanel}
    docx_loaded = imports.loaded("docx") or any("docx" in s.heavy_modules for s in starts.wardpanel)
    return [
        Figure(
            f"Start-up to first paint ({', '.join(sorted(screens))}), median of {runs}",
            f"{ward_s * 1000:.0f} ms",
            f"{bare_s * 1000:.0f} ms",
            ward_s / bare_s,
            f"≤ {STARTUP_RATIO}×",
            ward_s / bare_s <= STARTUP_RATIO,
        ),
        Figure(
            "Resident memory (VmRSS) at first paint",
            f"{ward_kib / 1024:.1f} MiB",
            f"{bare_kib / 1024:.1f} MiB",
            ward_kib / bare_kib,
            f"≤ {MEMORY_RATIO}×",
            ward_kib / bare_kib <= MEMORY_RATIO,
        ),
        Figure(
            "python-docx imported at start-up",
            "yes" if docx_loaded else "no",
            "—",
            None,
            "no",
            not docx_loaded,
        ),
    ]


def save_figures(
    label: str, timings: saving.Timings, baseline: list[float], key: str
) -> list[Figure]:
    base_median = saving.median_ms(baseline)
    base_p95 = saving.p95_ms(baseline)
    median = saving.median_ms(timings.in_table)
    p95 = saving.p95_ms(timings.in_table)
    count = len(timings.in_table)
    return [
        Figure(
            f"{label}: {key} → row in table, median of {count}",
            f"{median:.1f} ms",
            f"{base_median:.2f} ms",
            median / base_median,
            f"≤ {SAVE_MS:.0f} ms",
            median <= SAVE_MS,
        ),
        Figure(
            f"{label}: {key} → row in table, p95",
            f"{p95:.1f} ms",
            f"{base_p95:.2f} ms",
            p95 / base_p95,
            "—",
            None,
        ),
        Figure(
            f"{label}: {key} → next paint, median / p95",
            f"{saving.median_ms(timings.painted):.0f} / {saving.p95_ms(timings.painted):.0f} ms",
            "—",
            None,
            "—",
            None,
        ),
    ]


# -- output ------------------------------------------------------------------------------


def text_table(figures: list[Figure]) -> str:
    return tables.text_table(HEADINGS, [f.cells() for f in figures])


def markdown_table(figures: list[Figure]) -> str:
    return tables.markdown_table(HEADINGS, [f.cells() for f in figures])


@dataclass(frozen=True)
class Details:
    """What lies behind the start-up figures: where the time goes, and what is imported."""

    split: str
    imports: str
    packages: list[str]

    def text(self) -> str:
        return "\n".join([self.split, self.imports, *(f"  {p}" for p in self.packages)])

    def markdown(self) -> str:
        packages = "\n".join(f"- {p}" for p in self.packages)
        return f"{self.split}\n\n{self.imports}\n\n{packages}"


def details(
    starts: startup.Startups, imports: startup.ImportReport, bare: startup.ImportReport
) -> Details:
    ward = [f"{p * 1000:.0f}" for p in starts.median_phases(starts.wardpanel)]
    base = [f"{p * 1000:.0f}" for p in starts.median_phases(starts.bare)]
    return Details(
        split=(
            "Start-up split, medians in ms (wardpanel / bare): "
            f"interpreter {ward[0]} / {base[0]}; imports and building the app (for "
            f"wardpanel, opening and migrating the database) {ward[1]} / {base[1]}; "
            f"running to the first paint {ward[2]} / {base[2]}."
        ),
        imports=(
            "Import work under `-X importtime` (which inflates it), self time by package, "
            f"medians of 3: {imports.total_ms:.0f} ms in all, bare app {bare.total_ms:.0f} ms. "
            "Textual's lazily loaded widgets (DataTable…) count under the module that asks "
            "for them."
        ),
        packages=[
            f"{package}: {ms:.0f} ms (bare app {bare.by_package.get(package, 0.0):.0f} ms)"
            for package, ms in imports.largest(TOP_IMPORTS)
        ],
    )


def write_doc(
    about: dict[str, str],
    figures: list[Figure],
    notes: Details,
    counts: dict[str, int],
    seconds: float,
) -> None:
    rows = ", ".join(f"{n:,} {name}" for name, n in counts.items())
    text = f"""# Benchmarks

`make bench` (or `.venv/bin/python benchmarks/run_all.py`) measures wardpanel and, in the
same run, the baseline each figure is judged against; it prints the table below and
rewrites this page. It takes two to three minutes. Timings are never part of the tests:
they depend on the machine and on what else it is doing (see the load average).

- **Start-up**: a fresh Python process per start (`benchmarks/startup_probe.py`), run
  headless at 160×48; the clock runs from just before the process is spawned until the
  first screen has been mounted and refreshed once (`call_after_refresh` in its
  `on_mount`). wardpanel opens a generated database of 500 meetings and shows its home
  screen; the baseline is a bare Textual app whose first screen holds a Header, a Static
  and a Footer, pushed from `on_mount` as wardpanel pushes its home screen. The two run
  alternately, after a warm-up start each; the figure is the median. Both start from
  cached bytecode, in a cache of their own (`benchmarks/data/pycache`) that the warm-up
  fills, whatever PYTHONDONTWRITEBYTECODE says.
- **Memory**: VmRSS read from `/proc/self/status` in the same child, at that first paint.
- **Imports**: three more starts of each under `python -X importtime`; python-docx must
  not be loaded by start-up (checked there and in `sys.modules` at the first paint).
- **Saving**: the real app driven by Pilot on a copy of the generated database: the
  newest meeting, Questions tab, `a`, an asker and a question typed key by key, then the
  time from ctrl+s until the new row is in the questions table (the service has
  committed by then) and on until the screen's next paint. The quick-entry line
  (`:` then `q Jane Doe: …` Enter) is timed the same way. Three saves of each kind warm
  up first. The baseline is one question-sized row inserted and committed with raw
  sqlite3 (WAL, synchronous=FULL, BEGIN IMMEDIATE) on the same disk.

Options: `--runs N` start-ups of each app (9), `--saves N` saves of each kind (50),
`--no-doc` to leave this page alone, `--strict` to exit 1 when a target is missed.

The generated database (`benchmarks/generate.py`, git-ignored in `benchmarks/data/`):
{rows}.

## Last run

{dt.datetime.now():%Y-%m-%d %H:%M}, {seconds:.0f} s in all.

{chr(10).join(f"- {name}: {value}" for name, value in about.items())}

{markdown_table(figures)}

{notes.markdown()}
"""
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")


# -- the run -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="start-ups of each app")
    parser.add_argument("--saves", type=int, default=50, help="saves of each kind")
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite the doc")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    about = machine("textual", "peewee")
    for name, value in about.items():
        print(f"{name}: {value}")

    database = generate.DEFAULT_PATH
    print(f"\nGenerating {database.relative_to(ROOT)} ...", flush=True)
    counts = generate.generate(database)
    print(", ".join(f"{n:,} {name}" for name, n in counts.items()))

    print(f"Starting each app {args.runs} times ...", flush=True)
    starts = startup.measure(database, runs=args.runs)
    imports, bare_imports = startup.import_times(database)
    figures = startup_figures(starts, imports, args.runs)
    notes = details(starts, imports, bare_imports)

    print(f"Saving {args.saves} questions by form and by quick entry ...", flush=True)
    baseline = saving.sqlite_baseline(generate.DATA_DIR / "baseline.db")
    copy = generate.DATA_DIR / "saving.db"
    generate.remove_database(copy)  # a stale WAL beside the copy would be read with it
    shutil.copyfile(database, copy)
    results = saving.measure(copy, saves=args.saves)
    figures += save_figures("Question form", results.form, baseline, "ctrl+s")
    if results.quick_entry is not None:
        figures += save_figures("Quick entry", results.quick_entry, baseline, "Enter")

    seconds = time.perf_counter() - began
    print()
    print(text_table(figures))
    print()
    print(notes.text())
    print(f"\n{seconds:.0f} s in all; load average now {os.getloadavg()[0]:.1f}.")
    if not args.no_doc:
        write_doc(about, figures, notes, counts, seconds)
        print(f"Written to {DOC.relative_to(ROOT)}.")
    missed = [f for f in figures if f.passed is False]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
