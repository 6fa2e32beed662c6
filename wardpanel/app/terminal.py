"""Running the app in a real terminal: input that cannot break it, errors to a log.

Textual 8.2 decodes terminal input as strict UTF-8, so one byte that is not UTF-8 (a
paste from a Latin-1 terminal, line noise over SSH) kills its input thread and leaves
the app frozen (Textual issue 6456). We give its driver a decoder that replaces such
bytes with U+FFFD instead.

Its parser also ends a bracketed paste at the first escape byte inside it: the rest of
the paste then arrives as typed keys (with "^[" for the escape) before the pasted
start, so the tail of a paste landed in front of its head. We hand the parser each
paste whole, with its escape sequences and control characters already removed
(core.textclean), so a paste arrives as one Paste event with every word in order.

An unexpected error (a bug) is written to the log file without what the user typed:
wardpanel.core.errorlog, which the command line uses too.
"""

from __future__ import annotations

import codecs
import functools
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual._xterm_parser import XTermParser
from textual.message import Message

# Re-exported: the error log lived here before it moved to the core.
from wardpanel.core.errorlog import (
    configure_logging,
    describe_error,
    log_location,
    log_unexpected,
    safe_message,
    unwrap,
)
from wardpanel.core.textclean import without_terminal_codes

if TYPE_CHECKING:
    from wardpanel.app.application import WardpanelApp

__all__ = [
    "PasteGuardParser",
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


PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class PasteGuardParser(XTermParser):
    """Textual's terminal parser, given every bracketed paste whole and clean."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._pasting = False
        self._held = ""  # the part of the input not yet handed on (a paste, a marker)
        self._recent = ""  # the last characters handed on, where a marker may begin

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input: hand on whatever was held back
            held, self._held = self._held, ""
            if held:
                yield from super().feed(held)
            yield from super().feed(data)
            return
        ready = self._guard(data)
        if ready:  # an empty feed would tell the parser the input has ended
            yield from super().feed(ready)

    def _guard(self, data: str) -> str:
        """What the parser may read now: everything outside a paste, and a paste only
        once its end has arrived."""
        text = self._held + data
        self._held = ""
        ready: list[str] = []
        while text:
            if self._pasting:
                end = text.find(PASTE_END)
                if end < 0:
                    self._held = text  # the paste goes on in the next read
                    break
                ready.append(without_terminal_codes(text[:end]) + PASTE_END)
                text = text[end + len(PASTE_END) :]
                self._pasting = False
                continue
            # A marker may have begun in what was handed on already (a lone escape).
            seen = self._recent
            start = (seen + text).find(PASTE_START)
            if start < 0:
                kept = _partial_marker(seen + text, len(text))
                self._hand_on(ready, text[: len(text) - kept])
                self._held = text[len(text) - kept :]
                break
            after = start + len(PASTE_START) - len(seen)
            self._hand_on(ready, text[:after])
            text = text[after:]
            self._pasting = True
            self._recent = ""
        return "".join(ready)

    def _hand_on(self, ready: list[str], text: str) -> None:
        ready.append(text)
        self._recent = (self._recent + text)[-(len(PASTE_START) - 1) :]


def _partial_marker(text: str, new: int) -> int:
    """How many of the last `new` characters of `text` may be the start of a paste
    marker cut by the read. A lone escape is handed on at once: it may be the Escape
    key, which must not wait for the next key."""
    for length in range(len(PASTE_START) - 1, 1, -1):
        if text.endswith(PASTE_START[:length]):
            return min(length, new)
    return 0


def tolerate_bad_input_bytes() -> None:
    """Make Textual's terminal drivers replace undecodable input instead of dying, and
    read bracketed pastes whole (see the module docstring)."""
    from textual.drivers import linux_driver

    linux_driver.getincrementaldecoder = _lenient_decoder_factory
    linux_driver.XTermParser = PasteGuardParser


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
