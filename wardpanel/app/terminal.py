"""Running the app in a real terminal: input that cannot break it, errors to a log.

Textual 8.2 decodes terminal input as strict UTF-8, so one byte that is not UTF-8 (a
paste from a Latin-1 terminal, line noise over SSH) kills its input thread and leaves
the app frozen (Textual issue 6456). We give its driver a decoder that replaces such
bytes with U+FFFD instead.

An unexpected error (a bug) is written to the log file without what the user typed:
wardpanel.core.errorlog, which the command line uses too.
"""

from __future__ import annotations

import codecs
import functools
import sys
from typing import TYPE_CHECKING

# Re-exported: the error log lived here before it moved to the core.
from wardpanel.core.errorlog import (
    configure_logging,
    describe_error,
    log_location,
    log_unexpected,
    safe_message,
    unwrap,
)

if TYPE_CHECKING:
    from wardpanel.app.application import WardpanelApp

__all__ = [
    "configure_logging",
    "describe_error",
    "log_location",
    "log_unexpected",
    "run_app",
    "safe_message",
    "tolerate_bad_input_bytes",
    "unwrap",
]


def _lenient_decoder_factory(encoding: str, errors: str = "strict"):
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def tolerate_bad_input_bytes() -> None:
    """Make Textual's terminal drivers replace undecodable input instead of dying."""
    from textual.drivers import linux_driver

    linux_driver.getincrementaldecoder = _lenient_decoder_factory


def run_app(app: WardpanelApp) -> int:
    """Run the app in the terminal and return the process exit status.

    After an unexpected error the app closes itself; its one-line notice is printed
    here, once the terminal is back to normal.
    """
    tolerate_bad_input_bytes()
    configure_logging()
    app.run()
    if app.closing_notice:
        print(f"wardpanel: {app.closing_notice}", file=sys.stderr)
        return app.return_code or 1
    return app.return_code or 0
