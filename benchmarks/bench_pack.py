"""The meeting pack and the PDF, against their baselines in the same run.

Pack of the 200-question meeting (minutes, action update, recommendations, figures)
against a script writing the same minutes with python-docx directly plus the panel's
action list with python-docx's `add_row`, as two separate documents.
Target: the pack in at most that script's time.

PDF: wardpanel's `--pdf` (LibreOffice with a throwaway profile, tagged PDF) beside
LibreOffice's own `soffice --convert-to pdf` of the same .docx.

    .venv/bin/python benchmarks/bench_pack.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_exports import (
    add_row_table,
    best_of,
    build_meeting,
    flat_cells,
    minutes_content,
    python_docx_minutes,
    verdict,
)


def bench_pack(work: Path, repeat: int) -> None:
    from wardpanel.core.models import ACTION_STATUSES
    from wardpanel.core.storage.database import open_database
    from wardpanel.exporting.pack import pack_document
    from wardpanel.queries import meeting_with_panel
    from wardpanel.queries.actions import ActionFilter, all_actions

    handle = open_database(str(work / "pack.db"))
    handle.execute_sql("PRAGMA synchronous=OFF")
    meeting_id = build_meeting("Large Bench Panel", 10)
    meeting = meeting_with_panel(meeting_id)
    as_of = meeting.date + dt.timedelta(days=30)
    rows = all_actions(ActionFilter(panel=meeting.panel.name, as_of=as_of)).rows
    every = all_actions(
        ActionFilter(panel=meeting.panel.name, statuses=ACTION_STATUSES, as_of=as_of)
    ).rows
    content = minutes_content(meeting_id)
    cells = flat_cells(every, as_of)

    def raw_script() -> None:
        python_docx_minutes(content)
        add_row_table(cells)

    pack = best_of(repeat, lambda: pack_document(meeting, rows, as_of, residents="initials"))
    raw = best_of(repeat, raw_script)
    print(f"\nMeeting pack, 200 questions, {len(rows):,} open actions (best of {repeat})")
    print(f"  {'wardpanel pack (reading the database included)':58} {pack:7.3f}s")
    print(f"  {'python-docx script: minutes + action list (add_row)':58} {raw:7.3f}s")
    print(
        f"  the pack in {pack / raw:.2f}x the script's time (target <= 1.0x) {verdict(pack <= raw)}"
    )
    handle.close()


def bench_pdf(work: Path, repeat: int) -> None:
    from wardpanel.exporting.pdf import libreoffice, write_pdf

    program = libreoffice()
    if program is None:
        print("\nPDF: skipped (LibreOffice is not installed)")
        return
    from wardpanel.core.storage.database import open_database
    from wardpanel.exporting.minutes import minutes_document
    from wardpanel.queries import meeting_with_panel

    handle = open_database(str(work / "pdf.db"))
    meeting_id = build_meeting("PDF Bench Panel", 1)
    document = work / "minutes.docx"
    document.write_bytes(minutes_document(meeting_with_panel(meeting_id)))
    handle.close()
    plain = work / "plain"
    plain.mkdir()

    def wardpanel_pdf() -> None:
        write_pdf(document, force=True)

    def libreoffice_alone() -> None:
        subprocess.run(
            [program, "--headless", "--convert-to", "pdf", "--outdir", str(plain), str(document)],
            capture_output=True,
            check=True,
        )

    ours = best_of(repeat, wardpanel_pdf)
    theirs = best_of(repeat, libreoffice_alone)
    print(f"\nPDF of the 20-question minutes (best of {repeat})")
    print(f"  {'wardpanel --pdf (fresh profile, tagged)':58} {ours:7.3f}s")
    print(f"  {'soffice --convert-to pdf, same .docx':58} {theirs:7.3f}s")
    print(f"  {ours / theirs:.2f}x LibreOffice's own conversion")
    shutil.rmtree(plain, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The meeting pack and PDF against baselines.")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wardpanel-bench-") as work:
        bench_pack(Path(work), args.repeat)
        bench_pdf(Path(work), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
