"""Drafts written beside the typing, never in its way.

A draft is one small write, but a durable one: SQLite's `synchronous=FULL` waits for the
disk (4 ms typical, 10 ms at the 95th percentile here), and a key that arrived during it
would wait too. So drafts are written on a thread of their own, one at a time and in
the order they were asked for, each on its own short-lived connection (a connection
left open on that thread would outlive the app's database in tests and on a server).

Every open editor asks for a write at most `DRAFT_INTERVAL` after its first unsaved
keystroke, and again while typing goes on, so at meeting speed nothing older than a
second is lost to a crash, a kill or a flat battery. Before an editor saves, it waits
for its writes in flight (`settle`), so a late draft can never reappear after the save
that dropped it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import peewee

from wardpanel import services
from wardpanel.core.storage.database import db, friendly_error

log = logging.getLogger("wardpanel.drafts")

# Seconds from a keystroke to the draft's write being started: the write itself takes
# a few milliseconds, so what is typed is on disk well within a second.
DRAFT_INTERVAL = 0.5
# How long a save waits for a draft write in flight before going ahead regardless.
SETTLE_TIMEOUT = 5.0

Failure = Callable[[str], None]


class DraftKeeper:
    """One writer thread for every draft of the app."""

    def __init__(self) -> None:
        self._executor: ThreadPoolExecutor | None = None
        self._last: Future[None] | None = None
        self._lock = threading.Lock()

    def keep(
        self,
        key: str,
        fields: dict[str, Any],
        label: str,
        meeting_id: int | None,
        failed: Failure | None = None,
    ) -> None:
        """Write the draft soon, off the UI thread; `failed` hears why, on the UI thread,
        if it could not be written."""
        loop = asyncio.get_running_loop() if failed else None

        def write() -> None:
            try:
                with db.connection_context():
                    services.save_draft(key, fields, label, meeting_id)
            except (peewee.DatabaseError, peewee.InterfaceError) as error:
                log.warning("draft not kept: %s", type(error).__name__)
                if failed is not None and loop is not None and not loop.is_closed():
                    loop.call_soon_threadsafe(failed, friendly_error(error))

        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="draft-keeper")
            self._last = self._executor.submit(write)

    def settle(self, timeout: float = SETTLE_TIMEOUT) -> bool:
        """Wait for every draft write asked for so far; False if one is still running."""
        with self._lock:
            last = self._last
        if last is None:
            return True
        try:
            last.result(timeout)
        except TimeoutError:
            return False
        return True


# One writer for the whole process: drafts keep their order across editors.
keeper = DraftKeeper()
