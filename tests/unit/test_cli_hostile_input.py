"""Hostile and absurd input to the commands: one clear, short, printable line and the
right exit status, never "something went wrong", and nothing written.

Each case is one an attack tour found ending in "something went wrong" (or echoing
what it was given whole, escape sequences included). Commands run in a subprocess,
as a user or a script runs them, with their real standard output.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from wardpanel.core.storage.database import db, open_database
from wardpanel.interchange import import_files

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ESCAPE = "\x1b]0;owned\x07"
ASSEMBLY = "Waltham Forest Safer Neighbourhood Board"


@pytest.fixture
def filled(db_target: str) -> str:
    """A database holding two imported meetings; closed again, for commands to open."""
    handle = open_database(db_target)
    import_files([FIXTURES / "citizens_assembly.json", FIXTURES / "webinar.json"])
    handle.close()
    db.initialize(None)
    return db_target


def run(*args: str, stdout: object = subprocess.PIPE, cwd: Path | None = None):
    return subprocess.run(
        [sys.executable, "-m", "wardpanel.cli", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=120,
        cwd=cwd,
    )


def refused_plainly(result, status: int, *words: str) -> str:
    """The command ended with `status` and one short printable line holding `words`."""
    assert result.returncode == status, result.stderr
    message = result.stderr.strip()
    assert "Traceback" not in message and "something went wrong" not in message
    assert len(message) < 700, f"a message of {len(message):,} characters"
    assert "\x1b" not in message and "\x07" not in message
    for word in words:
        assert word in message, message
    return message


@pytest.mark.parametrize(
    "args",
    [
        ("dump", "9" * 30),
        ("dump", "9" * 5_000),
        ("export", "minutes", "9223372036854775808"),
        ("export", "minutes", "0"),
        ("search", "police", "--limit", "9" * 25),
        ("forget", "--id", "9" * 40),
    ],
)
def test_numbers_past_what_an_id_or_a_limit_can_be_are_refused(filled, args) -> None:
    message = refused_plainly(run(*args, "--db", filled), 2, "a whole number from")
    assert "9" * 40 not in message


def test_said_did_on_the_calendars_last_day_is_written(filled, tmp_path: Path) -> None:
    target = tmp_path / "said-did.docx"
    result = run(
        "export", "said-did", "--panel", ASSEMBLY, "--as-of", "9999-12-31", "-o", str(target),
        "--db", filled,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert target.stat().st_size > 0


def test_an_over_long_output_name_is_refused_in_one_short_line(filled, tmp_path: Path) -> None:
    for name in ("m" * 300 + ".docx", "/".join(["deep"] * 1_200) + "/m.docx"):
        result = run("export", "minutes", "1", "-o", str(tmp_path / name), "--db", filled)
        refused_plainly(result, 2, "cannot write")
    assert list(tmp_path.iterdir()) == [] or all(p.name == "db" for p in tmp_path.iterdir())


def test_a_device_given_with_force_is_never_replaced(filled, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    node = tmp_path / "null"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    for args in (("export", "minutes", "1"), ("dump", "1"), ("export", "actions")):
        result = run(*args, "-o", str(node), "--force", "--db", filled)
        refused_plainly(result, 2, "not a regular file")
        assert stat.S_ISCHR(node.lstat().st_mode)


@pytest.mark.parametrize(
    "args",
    [("meetings",), ("search", "police"), ("actions", "--status", "all"), ("dump", "1")],
)
def test_a_full_standard_output_is_said_plainly(filled, args) -> None:
    with open("/dev/full", "w") as full:
        result = run(*args, "--db", filled, stdout=full)
    refused_plainly(result, 1, "cannot write to standard output")


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (("actions", "--panel", ESCAPE), "--panel: no panel called"),
        (("actions", "--owner", ESCAPE + "x" * 100_000), "--owner: nobody called"),
        (("actions", "--text", "police " * 2_000), "--text: 14,000 characters"),
        (("search", "police " * 2_000), "TEXT: 14,000 characters"),
        (("search", " ".join(f"w{n}" for n in range(40))), "TEXT: 40 words"),
        (("search", "\x1b\x07?!"), "TEXT: '\\u001b\\u0007?!' holds no word"),
        (("actions", "--as-of", ESCAPE), "--as-of:"),
        (("export", "said-did", "--panel", ESCAPE), "--panel:"),
    ],
)
def test_what_was_typed_is_echoed_short_and_harmless(filled, args, starts) -> None:
    message = refused_plainly(run(*args, "--db", filled), 2)
    assert message.startswith(f"wardpanel: {starts}"), message
    assert message.count("\n") == 0


def test_forget_of_nobody_is_a_usage_error_like_any_other_unknown_name(filled) -> None:
    message = refused_plainly(run("forget", "Nobody Atall", "--yes", "--db", filled), 2)
    assert "nobody called 'Nobody Atall'" in message and "Nothing was changed" in message


def test_a_folder_given_as_a_meeting_file_is_refused(filled, tmp_path: Path) -> None:
    result = run("import", str(tmp_path), "--db", filled)
    assert result.returncode == 2
    assert "is a folder, not a meeting file" in result.stderr and "Traceback" not in result.stderr
    assert "something went wrong" not in result.stderr


def test_an_impossible_person_in_the_settings_file_is_nobody(tmp_path: Path) -> None:
    from wardpanel.core import settings

    for value in (2**70, -3, 0, True, 1.5, "12"):
        path = tmp_path / "settings.json"
        path.write_text(json.dumps({"person_id": value}), encoding="utf-8")
        assert settings.current_person_id(path) is None, value
    path.write_text(json.dumps({"person_id": 12}), encoding="utf-8")
    assert settings.current_person_id(path) == 12


def test_documents_and_dumps_are_the_owners_only_even_under_umask_000(
    filled, tmp_path: Path
) -> None:
    """Files holding residents' names: 0600 whatever the umask, like the database; the
    exports folder made for them, 0700."""
    work = tmp_path / "clerk"
    work.mkdir()
    script = (
        "import os, sys; os.umask(0); from wardpanel.cli import main; "
        "sys.argv = ['wardpanel', *sys.argv[1:]]; main()"
    )
    for args in (
        ("export", "minutes", "1"),
        ("export", "actions", "-o", "actions.docx"),
        ("dump", "1", "-o", "meeting.json"),
    ):
        result = subprocess.run(
            [sys.executable, "-c", script, *args, "--db", filled],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
            cwd=work,
        )
        assert result.returncode == 0, result.stderr
    written = [p for p in work.rglob("*") if p.is_file()]
    assert len(written) == 3
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE((work / "exports").stat().st_mode) == 0o700
