"""The `wardpanel` command's own start: the app opens without the command line's
parser or a server's driver, and fails the same way whichever path it took."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wardpanel.command import app_database

RESIDENT = "Maureen Achterberg"


def run_python(code: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)},
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (True, None)),
        (["--db", "ward.db"], (True, "ward.db")),
        (["--db=postgresql://u@h/w"], (True, "postgresql://u@h/w")),
        (["--db", "meetings"], (True, "meetings")),  # a file named so, as click reads it
        (["--db", ""], (False, None)),
        (["--db", "--help"], (False, None)),
        (["--db="], (False, None)),
        (["--db"], (False, None)),
        (["--help"], (False, None)),
        (["-h"], (False, None)),
        (["meetings"], (False, None)),
        (["--db", "ward.db", "meetings"], (False, None)),
        (["meetings", "--db", "ward.db"], (False, None)),
        (["--dbx", "ward.db"], (False, None)),
    ],
)
def test_only_the_plain_ways_of_opening_the_app_skip_the_parser(args, expected):
    assert app_database(args) == expected


COMMAND = "import sys; from wardpanel.command import main; sys.argv[0] = 'wardpanel'; main()"
PARSER = "import sys; from wardpanel.cli import main; main()"


def test_a_file_that_is_not_a_database_ends_the_app_in_one_line_either_way(tmp_path: Path):
    """`wardpanel --db FILE` opens the app without the parser; `wardpanel --db FILE`
    through the parser (as `python -m wardpanel` once did) must say exactly the same."""
    not_a_database = tmp_path / "minutes.db"
    not_a_database.write_bytes(b"These are the minutes of the meeting, not a database." * 200)
    quick = run_python(COMMAND, "--db", str(not_a_database), cwd=tmp_path)
    parsed = run_python(PARSER, "--db", str(not_a_database), cwd=tmp_path)

    assert quick.returncode == parsed.returncode != 0
    assert quick.stderr == parsed.stderr
    assert quick.stderr.startswith("wardpanel: ") and quick.stderr.count("\n") == 1
    assert "not a" in quick.stderr and "Traceback" not in quick.stderr
    assert quick.stdout == ""
    assert not_a_database.read_bytes().startswith(b"These are the minutes")


PLANTED = f"""
import sys
import wardpanel.core.storage.database as storage

def faulty_open(*args, **kwargs):
    raise KeyError({RESIDENT!r})

storage.open_database = faulty_open
from wardpanel.command import main
sys.argv = ["wardpanel", "--db", sys.argv[1]]
main()
"""


def test_a_bug_while_the_app_opens_is_logged_without_names(tmp_path: Path):
    done = run_python(PLANTED, str(tmp_path / "db" / "ward.db"), cwd=tmp_path)

    assert done.returncode == 1
    assert done.stderr == "wardpanel: something went wrong; details in db/wardpanel.log\n"
    logged = (tmp_path / "db" / "wardpanel.log").read_text(encoding="utf-8")
    assert "KeyError (message withheld" in logged and "in the app" in logged
    assert RESIDENT not in logged


LOADED = """
import json, sys
from wardpanel.command import app_database
from wardpanel.app.launch import make_app
make_app(sys.argv[1])
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in
    ("click", "psycopg2", "psycopg", "docx", "lxml") or m.startswith("wardpanel.cli"))))
"""


def test_the_app_opens_without_the_parser_the_server_driver_or_the_word_writer(
    tmp_path: Path,
):
    """A chair's usual start: the database exists and is up to date (making a new one
    loads the migrations, and with them peewee's PostgreSQL extensions)."""
    database = str(tmp_path / "ward.db")
    assert run_python(LOADED, database, cwd=tmp_path).returncode == 0
    done = run_python(LOADED, database, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


WITHOUT_DRIVER = """
import sys
sys.modules["psycopg2"] = None  # as on a laptop installed without the [postgres] extra
from wardpanel.command import main
sys.argv = ["wardpanel", "meetings", "--db", "postgresql://clerk:secret@127.0.0.1:9/wards"]
main()
"""


def test_a_server_database_without_its_driver_says_what_to_install(tmp_path: Path):
    done = run_python(WITHOUT_DRIVER, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "wardpanel: PostgreSQL needs its driver: pip install 'wardpanel[postgres]'.\n"
    )
    assert "secret" not in done.stderr


PSYCOPG_3_ONLY = """
import sys
sys.modules["psycopg2"] = None  # psycopg2 not installed
import peewee
from wardpanel.core.storage.postgres import load_driver
peewee.psycopg = object()  # psycopg 3 installed instead: peewee would use it
load_driver()
print("left to peewee" if peewee.psycopg2 is None else "psycopg2 installed")
"""


def test_a_laptop_with_only_psycopg_3_keeps_using_it(tmp_path: Path):
    done = run_python(PSYCOPG_3_ONLY, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "left to peewee\n"
