"""The error log: unexpected errors (bugs) written down without what the user typed.

An unexpected error is written to the log file as its type and where it happened,
frame by frame (file, line, function), and nothing else: never the values of
variables, and never the message, unless it is one that only names code. Messages are
where user text hides: a failing value is quoted in a ValueError or KeyError, a
PostgreSQL error repeats the row's values in its DETAIL line, and our own InputError and
InterchangeError quote what the chair typed or the file held. A resident's name or
question must never land in a file that may be attached to a bug report, so only the
messages of the interpreter's own "the code is wrong" errors (AttributeError,
TypeError...) are kept, with any quoted text in them that is not a plain identifier
blanked; for a database error, its engine's error code (SQLITE_CONSTRAINT_UNIQUE, a
PostgreSQL SQLSTATE) says what went wrong without quoting the row.

Both the app and the command line write here, so it needs neither Textual nor Rich.
"""

from __future__ import annotations

import logging
import os
import re
import traceback
from pathlib import Path

from wardpanel.core import paths

log = logging.getLogger("wardpanel.errors")

# Built-in errors whose messages the interpreter writes from names in the code.
_CODE_MESSAGES = (
    AttributeError,
    NameError,
    TypeError,
    IndexError,
    ZeroDivisionError,
    ImportError,
    RecursionError,
)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_LONGEST_MESSAGE = 200
_DEEPEST_CHAIN = 5


# -- the log file ---------------------------------------------------------------------


class _LogFileHandler(logging.FileHandler):
    """The handler configure_logging installs, told apart from any other."""


def configure_logging() -> bool:
    """Send the product's log to the log file, owner-readable only; False if it cannot
    be written. Called again (the log moved, as tests move it), it changes file."""
    target = paths.log_file()
    logger = logging.getLogger("wardpanel")
    for handler in list(logger.handlers):
        if isinstance(handler, _LogFileHandler):
            if Path(handler.baseFilename) == target.absolute():
                return True
            logger.removeHandler(handler)
            handler.close()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Created owner-only before anything is written to it.
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600))
        handler = _LogFileHandler(target, encoding="utf-8")
    except OSError:
        return False
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return True


def log_location() -> str:
    """The log file as a notice names it: relative to the current folder when inside it."""
    target = paths.log_file()
    try:
        return str(target.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(target)


# -- describing an error without what the user typed ----------------------------------


def _where(filename: str) -> str:
    """A frame's file, shortened to the part that names the code."""
    path = filename.replace(os.sep, "/")
    for marker in ("/site-packages/", "/wardpanel/", "/tests/"):
        if marker in path:
            head = "" if marker == "/site-packages/" else marker.strip("/") + "/"
            return head + path.rsplit(marker, 1)[1]
    return path


def safe_message(error: BaseException) -> str:
    """What may be written about the error's message: a code-only message (quoted text
    that is not an identifier blanked), or only its length."""
    try:
        text = str(error)
    except Exception:  # a broken __str__ must not hide the error itself
        return " (message unreadable)"
    if isinstance(error, _CODE_MESSAGES) and type(error).__module__ == "builtins":
        first_line = text.strip().partition("\n")[0]

        def blank(match: re.Match[str]) -> str:
            inner = match[0][1:-1]
            return match[0] if _IDENTIFIER.fullmatch(inner) else "'…'"

        shown = _QUOTED.sub(blank, first_line)[:_LONGEST_MESSAGE]
        return f": {shown}" if shown else ""
    return f" (message withheld: {len(text)} characters)" if text else ""


def _engine_code(error: BaseException) -> str:
    code = getattr(error, "sqlite_errorname", None) or getattr(error, "pgcode", None)
    return f" [{code}]" if isinstance(code, str) and code else ""


def _name_of(error: BaseException) -> str:
    kind = type(error)
    module = "" if kind.__module__ == "builtins" else f"{kind.__module__}."
    return f"{module}{kind.__qualname__}"


def describe_error(error: BaseException) -> str:
    """The error as the log keeps it: types, frames and safe messages, cause by cause."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen and len(seen) < _DEEPEST_CHAIN:
        seen.add(id(current))
        if lines:
            lines.append("which came from:")
        lines.append(f"{_name_of(current)}{_engine_code(current)}{safe_message(current)}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  {_where(frame.filename)}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return "\n".join(lines)


def unwrap(error: BaseException) -> BaseException:
    """The error itself, out of the wrapper Textual puts a failed worker's error in."""
    inner = getattr(error, "error", None)
    if type(error).__name__ == "WorkerFailed" and isinstance(inner, BaseException):
        return inner
    return error


def log_unexpected(error: BaseException, during: str) -> bool:
    """Write an unexpected error to the log file (see the module docstring); False if
    the log cannot be written."""
    written = configure_logging()
    log.error("unexpected error %s\n%s", during, describe_error(unwrap(error)))
    return written
