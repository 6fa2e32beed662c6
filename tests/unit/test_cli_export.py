"""`wardpanel export minutes|actions` and `dump -o`: exit statuses, names, no overwrites."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.render_check import PANEL, all_parts_text, read_blocks
from tests.sample_cache import fresh_sample
from wardpanel.cli import main
from wardpanel.core import files

MINUTES_NAME = "2026-04-10-hoe-street-ward-panel-minutes"


@pytest.fixture
def sample(database: str):
    return fresh_sample()


def run(database: str, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(database)], catch_exceptions=False)


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("wardpanel: ")


def test_minutes_go_to_exports_with_a_dated_name(database, sample, in_tmp_cwd: Path) -> None:
    result = run(database, "export", "minutes", str(sample.meeting_id))
    assert result.exit_code == 0, result.output
    written = in_tmp_cwd / "exports" / f"{MINUTES_NAME}.docx"
    assert result.stdout.strip() == str(written)
    assert zipfile.is_zipfile(written)


def test_default_names_are_numbered_rather_than_overwritten(
    database, sample, in_tmp_cwd: Path
) -> None:
    outputs = [run(database, "export", "minutes", str(sample.meeting_id)) for _ in range(3)]
    assert [r.exit_code for r in outputs] == [0, 0, 0]
    assert [Path(r.stdout.strip()).name for r in outputs] == [
        f"{MINUTES_NAME}.docx",
        f"{MINUTES_NAME}-2.docx",
        f"{MINUTES_NAME}-3.docx",
    ]
    assert len(list((in_tmp_cwd / "exports").iterdir())) == 3


def test_an_explicit_file_is_never_overwritten_without_force(
    database, sample, in_tmp_cwd: Path
) -> None:
    target = in_tmp_cwd / "minutes.docx"
    target.write_bytes(b"the clerk's edited copy")
    result = run(database, "export", "minutes", str(sample.meeting_id), "-o", str(target))
    assert result.exit_code == 2
    no_traceback(result)
    assert str(target) in result.stderr
    assert target.read_bytes() == b"the clerk's edited copy"
    forced = run(
        database, "export", "minutes", str(sample.meeting_id), "-o", str(target), "--force"
    )
    assert forced.exit_code == 0
    assert zipfile.is_zipfile(target)


def test_initials_option(database, sample, in_tmp_cwd: Path) -> None:
    result = run(
        database, "export", "minutes", str(sample.meeting_id), "--initials", "-o", "m.docx"
    )
    assert result.exit_code == 0
    everything = all_parts_text(in_tmp_cwd / "m.docx")
    assert "Sunita Mills" not in everything
    assert "Asked by SM" in everything


def test_unknown_meeting_exits_2_and_writes_nothing(database, sample, in_tmp_cwd: Path) -> None:
    result = run(database, "export", "minutes", "4242")
    assert result.exit_code == 2
    no_traceback(result)
    assert "4242" in result.stderr
    assert not (in_tmp_cwd / "exports").exists()


@pytest.mark.parametrize("where", ["missing/minutes.docx", "a-file.txt/minutes.docx"])
def test_an_unwritable_destination_exits_2(database, sample, in_tmp_cwd: Path, where: str) -> None:
    (in_tmp_cwd / "a-file.txt").write_text("not a folder")
    result = run(database, "export", "minutes", str(sample.meeting_id), "-o", where)
    assert result.exit_code == 2
    no_traceback(result)
    assert where in result.stderr
    assert (in_tmp_cwd / "a-file.txt").read_text() == "not a folder"
    assert sorted(p.name for p in in_tmp_cwd.iterdir() if p.name != "db") == ["a-file.txt"]


def test_a_full_disk_exits_1_and_keeps_the_earlier_file(
    database, sample, in_tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = in_tmp_cwd / "minutes.docx"
    target.write_bytes(b"earlier")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    result = run(
        database, "export", "minutes", str(sample.meeting_id), "-o", str(target), "--force"
    )
    assert result.exit_code == 1
    no_traceback(result)
    assert "disk is full" in result.stderr
    assert target.read_bytes() == b"earlier"
    assert [p.name for p in in_tmp_cwd.iterdir() if p.suffix == ".tmp"] == []


def test_action_list_default_name_uses_the_as_of_day(database, sample, in_tmp_cwd: Path) -> None:
    result = run(database, "export", "actions", "--as-of", "2026-06-01", "--overdue")
    assert result.exit_code == 0, result.output
    written = in_tmp_cwd / "exports" / "2026-06-01-actions.docx"
    assert result.stdout.strip() == str(written)
    tables = [b for b in read_blocks(written) if b.kind == "table"]
    assert all(row[2].endswith("OVERDUE") for table in tables for row in table.rows[1:])


def test_action_list_filters_from_the_command_line(database, sample, in_tmp_cwd: Path) -> None:
    result = run(
        database,
        "export",
        "actions",
        "-o",
        "met.docx",
        "--panel",
        PANEL.upper(),
        "--organisation",
        "metropolitan police",
        "--owner",
        "Ken Kavanagh",
        "--status",
        "in_progress",
        "--as-of",
        "2026-06-01",
    )
    assert result.exit_code == 0, result.output
    headings = [
        b.text for b in read_blocks(in_tmp_cwd / "met.docx") if b.style.startswith("Heading")
    ]
    assert headings == ["Metropolitan Police", "Ken Kavanagh"]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--panel", "Atlantis Ward Panel"], "--panel"),
        (["--owner", "Nobody"], "--owner"),
        (["--as-of", "next tuesday-ish"], "--as-of"),
        (["--status", "closed"], "--status"),
    ],
)
def test_action_list_bad_input_exits_2(
    database, sample, in_tmp_cwd: Path, args: list[str], named: str
) -> None:
    result = run(database, "export", "actions", *args)
    assert result.exit_code == 2
    assert named in result.stderr
    assert "Traceback" not in result.output
    assert not (in_tmp_cwd / "exports").exists()


def test_action_list_refuses_to_overwrite(database, sample, in_tmp_cwd: Path) -> None:
    (in_tmp_cwd / "list.docx").write_bytes(b"earlier")
    result = run(database, "export", "actions", "-o", "list.docx")
    assert result.exit_code == 2
    no_traceback(result)
    assert (in_tmp_cwd / "list.docx").read_bytes() == b"earlier"


def test_dump_to_a_file_keeps_an_earlier_one_unless_forced(
    database, sample, in_tmp_cwd: Path
) -> None:
    target = in_tmp_cwd / "meeting.json"
    target.write_text("old")
    refused = run(database, "dump", str(sample.meeting_id), "-o", str(target))
    assert refused.exit_code == 2
    no_traceback(refused)
    assert target.read_text() == "old"
    result = run(database, "dump", str(sample.meeting_id), "-o", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("{")
    assert [p.name for p in in_tmp_cwd.iterdir() if p.suffix == ".tmp"] == []


# -- as a real process -----------------------------------------------------------------


def wardpanel(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": "true"}
    env.pop("WARDPANEL_DB", None)
    return subprocess.run(
        [sys.executable, "-c", "from wardpanel.cli import main; main()", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_exit_statuses_as_a_process(database, sample, tmp_path: Path) -> None:
    ok = wardpanel(tmp_path, "export", "minutes", str(sample.meeting_id), "--db", str(database))
    assert ok.returncode == 0, ok.stderr
    assert Path(ok.stdout.strip()).is_file()
    again = wardpanel(
        tmp_path,
        "export",
        "minutes",
        str(sample.meeting_id),
        "--db",
        str(database),
        "-o",
        ok.stdout.strip(),
    )
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1
    assert "Traceback" not in again.stderr


def test_importing_the_package_does_not_load_python_docx() -> None:
    code = "import sys, wardpanel.exporting; print('docx' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
