"""A sample meeting built through the services, and a check that its documents render.

The content is invented but has the shape of real ward-panel records: senior officers
absent "at a police briefing", long answers from two organisations in several
paragraphs, an anonymous question, ten recommendations handed to the police with a
response promised in the autumn, and partnership figures later meetings will track.

    python tests/render_check.py OUT_DIR [--pdf]

writes the minutes, the follow-up action list, the attendance record and "You said, we
did" of the sample into OUT_DIR and, with --pdf, converts each to PDF with LibreOffice
(`soffice`), failing if any cannot be.
The unit tests import `build_sample` from here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wardpanel import services

PANEL = "Hoe Street Ward Panel"
MET = "Metropolitan Police"
COUNCIL = "Waltham Forest Council"
ANONYMOUS_ASKER = "Zelda Quartermaine-Fyfe"
NEVER_MARKED = "Gideon Ashworth-Vale"
RTL_RESIDENT = "نور الهدى"
MEETING_DATE = dt.date(2026, 4, 10)
AUTUMN = dt.date(2026, 10, 31)

PHONE_THEFT_POLICE = """\
Officers are patrolling the hot spots around the station and the high street at the \
times most thefts are reported, in uniform and in plain clothes, so that offenders \
are caught in the act rather than after the event.

At the transport hubs the neighbourhood team works with British Transport Police and \
the safer transport team: intelligence is shared every week and joint operations run \
on Friday and Saturday evenings.
A mobile police station will stand in the worst-affected streets so that thefts can \
be reported on the spot.

Officers are also visiting the shops that buy second-hand phones to check that the \
sellers' identity is recorded, as the law requires.

These offences are reviewed each month at the tactical tasking meeting and at the \
multi-agency problem-solving partnership."""

PHONE_THEFT_COUNCIL = """\
The council has no police powers, but its anti-social behaviour officers work in the \
same streets, gather evidence and pass it to the police so that enforcement can follow.

Pop-up advice stalls will be held near the station over the next two months, with \
crime-prevention advice and free phone-pouches for commuters."""

DRUGS_POLICE = """\
Drug dealing is targeted across the ward, using enforcement where it is needed and \
diversion and safeguarding where that will work better.

Patrols are planned from crime data and intelligence; warrants have been executed at \
two addresses since January and passive drugs dogs have been used at the station."""

DRUGS_COUNCIL = """\
The council takes a partnership approach: outreach workers from the local treatment \
service join patrols, and anyone who wants help with drug dependency is referred on \
the same day.

A strategy on the harm caused by alcohol and drugs is published on the council's \
website."""

POLICE_UPDATE = """\
Since the last meeting there were 41 reported thefts of phones in the ward, down from \
58 in the previous quarter. Burglary is flat at 12 reports.

A Section 60 authorisation was in place on 29 March: 43 people were searched and 14 \
arrested, eight of them for carrying an offensive weapon.
Authorisations are reviewed by senior officers every time.

Stop-and-search figures by age and ethnicity will be circulated with these minutes."""

PARTNERSHIP = """\
The violence reduction partnership reported on its six-month pilot on St James \
Street: 70 arrests, 15 knife seizures and a 38 % fall in recorded knife crime.

Its four aims (stop violence at source, treat those exposed to it, support the \
vulnerable, strengthen the community) will be tracked at each meeting."""

RECOMMENDATIONS = (
    "greatly improve the visibility of officers on the streets",
    "train officers to work with the borough's diverse communities",
    "screen new officers more rigorously",
    "improve communication and follow-up with victims",
    "build relationships with the borough's young people",
    "set a clear standard for what residents can expect",
    "change how internal wrongdoing is identified and dealt with",
    "encourage residents to report serious incidents anonymously",
    "recruit from a more diverse pool",
    "increase the number of officers on patrol",
)


@dataclass(frozen=True)
class Sample:
    panel_id: int
    earlier_id: int
    meeting_id: int
    matter_action_id: int


def build_sample(*, status: str = "draft") -> Sample:
    """The sample panel's earlier and latest meetings, in the open database."""
    panel = services.create_panel(PANEL, "Hoe Street", "Waltham Forest")
    earlier = services.create_meeting(
        panel.id,
        "2026-01-15",
        title="Ward panel meeting",
        start="19:00",
        venue="Community hall, Orford Road",
        chair="Delia Marsh",
        next_meeting=MEETING_DATE,
    )
    for name, role, organisation in (
        ("Ken Kavanagh", "Inspector", MET),
        ("Delia Marsh", "", None),
        (NEVER_MARKED, "", None),
        ("Sunita Mills", "", None),
    ):
        services.record_attendance(earlier.id, name, role, organisation)
    matter = services.add_action(
        earlier.id,
        "Report back on the Section 60 authorisations of the last quarter, with figures.",
        owner="Ken Kavanagh",
        organisation=MET,
        due="2026-02-28",
    )
    services.add_action_update(
        matter.id, "Figures requested from the borough command.", "in_progress", "2026-02-01"
    )
    closed = services.add_action(
        earlier.id, "Send the panel the patrol map.", owner="Ken Kavanagh", organisation=MET
    )
    services.add_action_update(closed.id, "Map circulated.", "done", "2026-02-10")

    meeting = services.create_meeting(
        panel.id,
        MEETING_DATE,
        title="Ward panel meeting",
        next_meeting="2026-07-10",
    )
    attendance = (
        ("Ken Kavanagh", "Inspector", MET, "present", ""),
        ("Ayesha Rahman", "Police Constable", MET, "present", ""),
        ("Tom Breck", "Sergeant", MET, "apologies", ""),
        ("Joel Barnard", "Detective Constable", MET, "absent", "At a police briefing"),
        ("Priya Lowe", "Chief Inspector", MET, "absent", "At a police briefing"),
        ("Marcus Ode", "Anti-social behaviour officer", COUNCIL, "present", ""),
        ("Hana Petrov", "Ward councillor", COUNCIL, "present", ""),
        ("Delia Marsh", "Chair", None, "present", ""),
        ("Sunita Mills", "", None, "present", ""),
        ("Omar Haddad", "", None, "present", ""),
        (RTL_RESIDENT, "", None, "present", ""),
        ("Bea Okafor", "", None, "apologies", ""),
    )
    for name, role, organisation, state, reason in attendance:
        services.record_attendance(meeting.id, name, role, organisation, state, reason)

    services.add_note(meeting.id, "Police update", POLICE_UPDATE)
    services.add_note(meeting.id, "Violence reduction partnership", PARTNERSHIP)

    visibility = services.add_question(
        meeting.id,
        "When will there be more police on the streets, and will the front counter reopen?",
        asker="Sunita Mills",
        topic="Police visibility",
    )
    services.add_response(
        visibility.id,
        "The front counter at Chingford stays open day and night; no other counter will "
        "reopen.\n\nNeighbourhood teams are being strengthened and two more PCs join the "
        "ward team in June.",
        MET,
        "Ken Kavanagh",
    )
    phones = services.add_question(
        meeting.id,
        "What is being done to prevent phone snatching and to catch those responsible?",
        asker=ANONYMOUS_ASKER,
        anonymous=True,
        topic="Phone thefts",
    )
    services.add_response(phones.id, PHONE_THEFT_POLICE, MET, "Ayesha Rahman")
    services.add_response(phones.id, PHONE_THEFT_COUNCIL, COUNCIL, "Marcus Ode")
    drugs = services.add_question(
        meeting.id,
        "Dealing in the alleys off the high street is intimidating. What is being done?",
        asker="Omar Haddad",
        topic="Drugs",
    )
    services.add_response(drugs.id, DRUGS_POLICE, MET)
    services.add_response(drugs.id, DRUGS_COUNCIL, COUNCIL, "Hana Petrov")
    knives = services.add_question(
        meeting.id,
        "How often has a Section 60 been authorised this year, and with what result?",
        asker=RTL_RESIDENT,
    )
    services.add_response(
        knives.id,
        "Five times in eight days at the start of April. Figures for each authorisation "
        "will be published with the minutes.",
        MET,
        "Ken Kavanagh",
    )

    services.add_action(
        meeting.id,
        "Circulate phone-theft figures for the station area before the next meeting.",
        owner="Ayesha Rahman",
        organisation=MET,
        due="2026-05-01",
        question_id=phones.id,
    )
    services.add_action(
        meeting.id,
        "Arrange pop-up advice stalls at the station.",
        owner="Marcus Ode",
        organisation=COUNCIL,
        due="2026-06-01",
        question_id=phones.id,
    )
    for number, recommendation in enumerate(RECOMMENDATIONS, start=1):
        services.add_action(
            meeting.id,
            f"Recommendation {number} of the citizens' assembly: {recommendation}. "
            "Publish the response promised in the autumn.",
            organisation=MET,
            due=AUTUMN,
        )
    for text in (
        "Phone snatching near the station",
        "Drug dealing in the alleys off the high street",
        "Visible patrols after dark",
    ):
        services.add_priority(meeting.id, text)
    if status != "draft":
        services.set_meeting_status(meeting.id, status)
    return Sample(panel.id, earlier.id, meeting.id, matter.id)


# -- reading documents back (python-docx, and the raw zip) ------------------------------


@dataclass(frozen=True)
class Block:
    """A paragraph (style and text) or a table (its cells' texts) of a document's body."""

    kind: str  # "p" or "table"
    style: str = ""
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


def read_blocks(path: Path) -> list[Block]:
    """The body of a .docx, in order, as python-docx reads it."""
    import docx
    from docx.table import Table

    blocks = []
    for item in docx.Document(str(path)).iter_inner_content():
        if isinstance(item, Table):
            rows = tuple(tuple(cell.text for cell in row.cells) for row in item.rows)
            blocks.append(Block("table", item.style.name if item.style else "", rows=rows))
        else:
            blocks.append(Block("p", item.style.name if item.style else "", item.text))
    return blocks


def section(blocks: list[Block], heading: str) -> list[Block]:
    """The blocks under a Heading 1, up to the next one."""
    start = next(i for i, b in enumerate(blocks) if b.style == "Heading 1" and b.text == heading)
    end = next(
        (i for i in range(start + 1, len(blocks)) if blocks[i].style == "Heading 1"),
        len(blocks),
    )
    return blocks[start + 1 : end]


def all_parts_text(path: Path) -> str:
    """Every part of the .docx zip, decompressed and decoded, joined together."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist()
        )


def convert_to_pdf(documents: list[Path], out_dir: Path) -> list[Path]:
    """LibreOffice's PDF of each document; RuntimeError naming those it could not make.

    One LibreOffice run converts them all: each start makes a new profile first, which
    takes longer than converting a document.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("soffice (LibreOffice) is not installed")
    pdfs = [out_dir / f"{document.stem}.pdf" for document in documents]
    for pdf in pdfs:
        pdf.unlink(missing_ok=True)  # only what this run converts counts
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, documents),
            ],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    missing = [
        str(document)
        for document, pdf in zip(documents, pdfs, strict=True)
        if not pdf.exists() or pdf.stat().st_size == 0
    ]
    if result.returncode != 0 or missing:
        raise RuntimeError(
            f"LibreOffice could not convert {', '.join(missing) or 'the documents'} "
            f"(status {result.returncode}): {result.stderr.strip()}"
        )
    return pdfs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--pdf", action="store_true", help="convert each document to PDF")
    args = parser.parse_args(argv)

    from wardpanel.core.models import ACTION_STATUSES
    from wardpanel.core.storage.database import open_database
    from wardpanel.exporting import (
        ActionFilter,
        export_actions,
        export_attendance,
        export_minutes,
        export_said_did,
    )

    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        handle = open_database(str(Path(work) / "sample.db"))
        try:
            sample = build_sample()
            documents = [
                export_minutes(sample.meeting_id, args.out_dir / "sample-minutes.docx", force=True),
                export_actions(
                    args.out_dir / "sample-actions.docx",
                    ActionFilter(statuses=ACTION_STATUSES),
                    as_of=dt.date(2026, 6, 1),
                    force=True,
                ),
                export_attendance(
                    sample.panel_id, args.out_dir / "sample-attendance.docx", force=True
                ),
                export_said_did(
                    sample.panel_id,
                    args.out_dir / "sample-said-did.docx",
                    as_of=dt.date(2026, 6, 1),
                    force=True,
                ),
            ]
        finally:
            handle.close()
    for document in documents:
        print(f"wrote {document}")
    if args.pdf:
        try:
            for pdf in convert_to_pdf(documents, args.out_dir):
                print(f"converted {pdf}")
        except (RuntimeError, OSError, subprocess.SubprocessError) as error:
            print(f"render check failed: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
