"""The one transaction every change a user makes runs in: the `transaction` decorator."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from wardpanel.core.storage.database import db
from wardpanel.core.storage.postgres import ServerDatabase, run_surviving_restart

T = TypeVar("T")


def transaction(fn: Callable[..., T]) -> Callable[..., T]:
    """Run the use case in one write transaction (BEGIN IMMEDIATE on SQLite).

    On a PostgreSQL server, a use case whose connection is lost (the server restarted)
    is run again once on a new connection, and a server that stays away raises
    ConnectionLost saying plainly whether the change was saved (wardpanel.core.storage.postgres).
    A use case called inside another one is part of that one's transaction.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        database = db.obj
        if isinstance(database, ServerDatabase) and not database.in_transaction():
            return run_surviving_restart(database, lambda: fn(*args, **kwargs))
        with db.atomic():
            return fn(*args, **kwargs)

    return wrapper
