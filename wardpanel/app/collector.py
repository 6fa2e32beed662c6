"""Python's cycle collector, kept away from the chair's keystrokes.

`wardpanel` starts with the collector paused (app.launch.start_app): start-up builds a
few hundred thousand objects that last as long as the app. After the first paint they
are frozen out of every later collection and the collector runs again.

The young generations are collected as Python always does them: a millisecond or less.
A collection of the oldest generation walks everything the app made since start-up
(meeting screens, tables, cached lines): 50 to 130 ms on a meeting of 200 questions at
160x48, and Python starts one whenever its counts say so, in the middle of a save as
readily as anywhere. Measured (benchmarks/saving.py): three saves in thirty waited for
one, painting in 70 to 130 ms instead of 25. So while the app runs, the oldest
generation is collected here, once no key has come for a couple of seconds (a chair
listening to an answer), and never by Python of its own accord. When the app stops,
the collector's settings are handed back as they were.

Textual 8.2 keeps gone widgets alive: `StylesCache.get_inner_outer` is a method under
`functools.lru_cache`, so the cache holds the last 1,024 widgets' style caches, and
every line they drew, long after their screen has closed (Textualize/textual#6665):
after eighteen UI tests' worth of screens, 280,000 objects where 25,000 are in use, each
walked again by every collection of the oldest generation. That cache is emptied
whenever the app is idle, and when it stops.
"""

from __future__ import annotations

import gc
import time

from textual._styles_cache import StylesCache

# Collections of the middle generation before Python would walk the oldest: so many
# that it never does while the app runs (about one comes with each save).
NEVER = 10**9
CHECK_EVERY = 5.0  # seconds between looks at whether the app is idle
IDLE_AFTER = 2.0  # seconds without a key or a click that make the app idle


class IdleCollector:
    """Collects the oldest generation when the app is idle; see the module docstring."""

    def __init__(self) -> None:
        self.last_input = time.monotonic()
        self._threshold: tuple[int, int, int] | None = None

    def start(self) -> None:
        """After the first paint: start-up's garbage collected once, what it built to
        last frozen, the collector running again with its oldest generation left to
        `collect_if_idle`."""
        gc.collect()
        gc.freeze()
        self._threshold = gc.get_threshold()
        young, middle, _ = self._threshold
        gc.set_threshold(young, middle, NEVER)
        gc.enable()

    def stop(self) -> None:
        """The app has stopped: what it drew let go, Python's own settings back, as
        they were."""
        let_go_of_gone_widgets()
        if self._threshold is not None:
            gc.set_threshold(*self._threshold)
            self._threshold = None

    def saw_input(self) -> None:
        self.last_input = time.monotonic()

    def collect_if_idle(self) -> bool:
        """Collect every generation if nothing was typed for IDLE_AFTER seconds and the
        oldest has anything new to look at; True if it did. Gone widgets are let go
        whenever the app is idle."""
        if self._threshold is None or time.monotonic() - self.last_input < IDLE_AFTER:
            return False
        let_go_of_gone_widgets()
        if gc.get_count()[2] == 0:  # no middle-generation collection since the last
            return False
        gc.collect()
        return True


def let_go_of_gone_widgets() -> None:
    """Empty the cache that keeps closed screens' widgets alive (module docstring). It
    holds two colours per widget, worked out again in a microsecond when next drawn."""
    StylesCache.get_inner_outer.cache_clear()
