"""How a command, or the app's start, ends when something fails: one line and a status.

The command line (cli.WardpanelGroup) and the app opened without a command
(app.launch) end the same way. A refusal says what it is (a WardpanelError: its
message and its status), a database failure (locked, read-only, disk full, server
gone) says it plainly with status 1, and anything else is a bug: written to the log
file without names or meeting text, and reported as such. Never a traceback.
"""

from __future__ import annotations

import peewee

from wardpanel.core.errorlog import log_location, log_unexpected
from wardpanel.core.errors import OTHER_FAILURE, WardpanelError
from wardpanel.core.storage.database import friendly_error
from wardpanel.core.textclean import excerpt

# The longest line a message prints; longer ones (a pasted value, a path) are cut.
LONGEST_LINE = 600


def explain(error: Exception, during: str) -> tuple[str, int]:
    """The message and exit status for an error that ended a command or the app's start;
    `during` ("in the app", "in `wardpanel export`") goes to the log with a bug."""
    if isinstance(error, (peewee.DatabaseError, peewee.InterfaceError)):
        return friendly_error(error), OTHER_FAILURE
    if isinstance(error, WardpanelError):
        return str(error), error.status
    if log_unexpected(error, during):
        return f"something went wrong; details in {log_location()}", OTHER_FAILURE
    return "something went wrong (the log file could not be written)", OTHER_FAILURE


def failure_line(message: str) -> str:
    """`wardpanel: message`, as printed on stderr. Whatever the message quotes, each of
    its lines is shown printable and cut short: a value typed or read from a file can
    neither flood the terminal nor act on it."""
    shown = "\n".join(excerpt(line, LONGEST_LINE) for line in message.split("\n"))
    return f"wardpanel: {shown}"
