"""Running the app in a real terminal: input that cannot break it, errors to a log.

Textual 8.2 decodes terminal input as strict UTF-8, so one byte that is not UTF-8 (a
paste from a Latin-1 terminal, line noise over SSH) kills its input thread and leaves
the app frozen (Textual issue 6456). We give its driver a decoder that replaces such
bytes with U+FFFD instead.
"""

from __future__ import annotations

import codecs
import functools
import logging
from typing import TYPE_CHECKING

from wardpanel import paths

if TYPE_CHECKING:
    from wardpanel.app import WardpanelApp


def _lenient_decoder_factory(encoding: str, errors: str = "strict"):
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def tolerate_bad_input_bytes() -> None:
    """Make Textual's terminal drivers replace undecodable input instead of dying."""
    from textual.drivers import linux_driver

    linux_driver.getincrementaldecoder = _lenient_decoder_factory


def configure_logging() -> None:
    """Errors go to the log file, owner-readable only; never names or meeting text."""
    target = paths.log_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(target, encoding="utf-8")
        target.chmod(0o600)
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("wardpanel")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def run_app(app: WardpanelApp) -> int:
    """Run the app in the terminal and return the process exit status."""
    tolerate_bad_input_bytes()
    configure_logging()
    app.run()
    return app.return_code or 0
