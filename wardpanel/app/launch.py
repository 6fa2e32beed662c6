"""Opening the app: what `wardpanel` does with no command, and what the tests build.

Nothing here needs the command line's parser or its batch commands (click and
wardpanel.cli): `wardpanel` and `wardpanel --db DB` open the app without loading them
(wardpanel.command), about 12 ms of a start of some 300 ms.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

from wardpanel.core import paths

if TYPE_CHECKING:
    from wardpanel.app.application import WardpanelApp


def make_app(db: str | None = None) -> WardpanelApp:
    """The app, on an opened and migrated database (`db` as `--db` takes it). Raises
    DatabaseUnavailable, with a plain message, when the database cannot be used."""
    from wardpanel.app.application import WardpanelApp
    from wardpanel.core.storage.database import open_database
    from wardpanel.core.storage.targets import shown

    target = paths.database_target(db)
    open_database(target)
    # The title bar is often projected: a URL's password never reaches it.
    return WardpanelApp(database_label=shown(target))


def start_app(db: str | None = None) -> WardpanelApp:
    """The app as the `wardpanel` command starts it: with Python's cycle collector paused.

    Start-up makes a few hundred thousand objects that live as long as the app (modules,
    classes, styles, widgets), and the collector would walk them again and again: about
    45 ms before the first paint. The app resumes it once its first screen is painted,
    with those objects frozen out of later collections (WardpanelApp.on_mount).
    """
    gc.disable()
    return make_app(db)


def open_app(db: str | None = None) -> int:
    """Run the app in the terminal; returns the exit status. A database that cannot be
    opened, or a bug, ends it in one line on stderr, as any command would end."""
    try:
        from wardpanel.app.terminal import run_app

        return run_app(start_app(db))
    except KeyboardInterrupt:  # ctrl+c before the app took the keyboard
        print("Aborted!", file=sys.stderr)
        return 1
    except Exception as error:
        from wardpanel.core.failures import explain, failure_line

        message, status = explain(error, "in the app")
        print(failure_line(message), file=sys.stderr)
        return status
