"""One start-up, in a fresh process: run an app headless until its first screen is painted.

    python benchmarks/startup_probe.py bare
    python benchmarks/startup_probe.py wardpanel DB

When the first screen (wardpanel's home, or the bare app's only screen) has been
mounted and refreshed once, the probe records the monotonic clock (shared by every
process on Linux, so the parent can subtract its own start time), the resident memory
and which heavy modules are loaded, exits the app, and prints them as one JSON line,
with the clock when the probe began and when the app was built, to split the time.
"""

from __future__ import annotations

import time

# The first thing the probe does: what came before is the interpreter starting up.
STARTED = time.monotonic()

import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

SIZE = (160, 48)
HEAVY_MODULES = ("docx", "lxml", "wardpanel.exporting", "wardpanel.interchange")

painted: dict[str, object] = {}


def resident_kib() -> int:
    """VmRSS of this process, in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def record_paint(app) -> None:
    painted["painted"] = time.monotonic()
    painted["rss_kib"] = resident_kib()
    painted["screen"] = type(app.screen).__name__
    painted["heavy_modules"] = [name for name in HEAVY_MODULES if name in sys.modules]
    app.exit()


def bare_app():
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    class BareScreen(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("A bare Textual app.")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(record_paint, self.app)

    class BareApp(App[None]):
        def on_mount(self) -> None:
            # Pushed from on_mount, as wardpanel pushes its home screen.
            self.push_screen(BareScreen())

    return BareApp()


def wardpanel_app(database: str):
    from wardpanel.app.launch import start_app

    # Built exactly as the `wardpanel` command builds it (cycle collector paused).
    app = start_app(database)
    from wardpanel.app.home import home

    shown = home.HomeScreen.on_mount

    def on_mount(screen: home.HomeScreen) -> None:
        shown(screen)
        screen.call_after_refresh(record_paint, screen.app)

    # The probe's only change to the app: the home screen reports its first paint.
    home.HomeScreen.on_mount = on_mount
    return app


def main() -> None:
    which = sys.argv[1]
    app = bare_app() if which == "bare" else wardpanel_app(sys.argv[2])
    painted["started"] = STARTED
    painted["built"] = time.monotonic()  # imports done, database opened and migrated
    app.run(headless=True, size=SIZE)
    if "painted" not in painted:
        sys.exit(f"startup_probe: {which} exited before its first screen was painted")
    # Printed after the app has stopped, so Textual's capture of stdout is out of the way.
    print(json.dumps(painted))


if __name__ == "__main__":
    main()
