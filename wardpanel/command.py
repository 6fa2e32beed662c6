"""The `wardpanel` command (and `python -m wardpanel`).

`wardpanel` and `wardpanel --db DB` open the app at once (app.launch); any other
command line goes to the command-line parser (wardpanel.cli), which also answers
`--help` and reports usage mistakes. So the app's start does not load the parser and
the batch commands, about 12 ms of every start (benchmarks/run_all.py).
"""

from __future__ import annotations

import sys

OPTION = "--db"


def app_database(args: list[str]) -> tuple[bool, str | None]:
    """Whether the arguments do nothing but open the app, and the `--db` they give.

    Only the plain forms are read here: nothing, `--db DB` and `--db=DB`, with DB not
    empty and not starting with "-". Anything else, even if it also opens the app, is
    left to the parser.
    """
    if not args:
        return True, None
    if len(args) == 2 and args[0] == OPTION:
        value = args[1]
    elif len(args) == 1 and args[0].startswith(OPTION + "="):
        value = args[0][len(OPTION) + 1 :]
    else:
        return False, None
    if not value or value.startswith("-"):
        return False, None
    return True, value


def main() -> None:
    """Open the app, or run the command the arguments name."""
    opens_app, db = app_database(sys.argv[1:])
    try:
        if opens_app:
            from wardpanel.app.launch import open_app

            sys.exit(open_app(db))
        from wardpanel.cli import main as commands
    except KeyboardInterrupt:  # ctrl+c while Python was still loading them
        print("Aborted!", file=sys.stderr)
        sys.exit(1)
    commands()
