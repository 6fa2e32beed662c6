"""A PostgreSQL server shared by a borough's panels, and what happens when it restarts.

An administrator may restart the server, or a link may drop, in the middle of a
meeting. The app keeps going:

- A read (any SELECT outside a transaction) or the BEGIN of a transaction that finds
  its connection dead is run once more on a new connection. Nothing else is repeated
  here: a write outside a transaction might already have been applied.
- A use case (services.transaction) whose connection is lost part-way is run again
  from the start, once, on a new connection: the server rolled the lost attempt back,
  so nothing is stored twice. When the connection was lost during COMMIT itself, the
  outcome is unknown to the app, so it asks the server (by the transaction's id)
  whether that transaction committed before deciding anything.
- A server that stays away raises ConnectionLost, which says plainly whether the
  change was not saved or may have been.

A new connection is tried for a moment (a restart takes a second or two), then given
up; once given up, the next attempts in the following seconds try only once each, so a
chair typing while the server is down does not wait at every pause.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

import peewee

from wardpanel.core.storage.targets import DatabaseUnavailable

T = TypeVar("T")

# How long to keep trying to reach a server that is restarting, and how long after
# giving up to try only once.
RECONNECT_PATIENCE = 3.0
GIVEN_UP_FOR = 10.0
FIRST_PAUSE = 0.1
LONGEST_PAUSE = 0.5
# A server that does not answer a new connection within this many seconds is taken to
# be away (libpq waits for ever without it). A URL's own connect_timeout wins.
CONNECT_TIMEOUT = 5

# Screens put "Not saved." before NOT_SAVED; OUTCOME_UNKNOWN says it all itself.
NOT_SAVED = "The database server cannot be reached; it may be restarting. Try again in a moment."
OUTCOME_UNKNOWN = (
    "The connection to the database server was lost just as this was being saved, and "
    "the server cannot be asked whether it was: it may or may not have been saved. "
    "Check before saving it again."
)
LOST_ERRORS = (peewee.OperationalError, peewee.InterfaceError)


class ConnectionLost(DatabaseUnavailable, peewee.OperationalError):
    """The server went away during a change and did not come back in time.

    `saved` is False when the change was certainly not stored, None when it may have
    been (the connection was lost during COMMIT and the server cannot be asked). It is
    a peewee OperationalError too, so every screen that reports a failed save (and
    keeps the typed text) reports this one.
    """

    def __init__(self, message: str, saved: bool | None = False) -> None:
        super().__init__(message)
        self.saved = saved


MISSING_DRIVER = "PostgreSQL needs its driver: pip install 'wardpanel[postgres]'."


def load_driver() -> None:
    """Give peewee the psycopg2 driver, which the package's import left out (see
    wardpanel/__init__.py): done once, when the first server database is made, exactly
    as peewee's own import would have done it. Without psycopg2, peewee uses psycopg 3
    if that is installed; with neither, DatabaseUnavailable says what to install."""
    if peewee.psycopg2 is not None:
        return
    try:
        import psycopg2
        from psycopg2 import extensions
        from psycopg2.extras import Json, register_uuid
    except ImportError:
        if peewee.psycopg is not None:
            return
        raise DatabaseUnavailable(MISSING_DRIVER) from None
    register_uuid()
    peewee.psycopg2, peewee.pg_extensions = psycopg2, extensions
    peewee.pg_register_uuid, peewee.Json_pg2 = register_uuid, Json
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN


class ServerDatabase(peewee.PostgresqlDatabase):
    """PostgreSQL with reads and BEGIN that survive a server restart."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        load_driver()
        super().__init__(*args, **kwargs)
        self._given_up_at: float | None = None

    def connect(self, reuse_if_open: bool = False) -> bool:
        opened = super().connect(reuse_if_open)
        self._given_up_at = None
        return opened

    def connection_lost(self) -> bool:
        """True when this thread's connection is gone (or could not be opened)."""
        return self.is_closed() or not self.is_connection_usable()

    def reconnect(self) -> None:
        """Drop the dead connection and open a new one, waiting a moment for a server
        that is restarting. Raises peewee.OperationalError if it stays away."""
        patient = self._given_up_at is None or time.monotonic() - self._given_up_at > GIVEN_UP_FOR
        deadline = time.monotonic() + (RECONNECT_PATIENCE if patient else 0)
        pause = FIRST_PAUSE
        while True:
            self.close()
            try:
                self.connect()
            except peewee.OperationalError:
                if time.monotonic() + pause > deadline:
                    self._given_up_at = time.monotonic()
                    raise
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
            else:
                return

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        try:
            return super().execute_sql(sql, params)
        except LOST_ERRORS:
            if self.in_transaction() or not _is_read(sql) or not self.connection_lost():
                raise
        self.reconnect()
        return super().execute_sql(sql, params)

    def begin(self, *args: Any, **kwargs: Any) -> None:
        try:
            return super().begin(*args, **kwargs)
        except LOST_ERRORS:
            if self.in_transaction() or not self.connection_lost():
                raise
        self.reconnect()
        return super().begin(*args, **kwargs)

    def transaction_id(self) -> str:
        """The id of the transaction in progress (giving it one if it has none yet)."""
        name = "pg_current_xact_id" if self.server_version >= 130000 else "txid_current"
        return str(self.execute_sql(f"SELECT {name}()::text").fetchone()[0])

    def transaction_outcome(self, transaction_id: str) -> str | None:
        """'committed', 'aborted' or 'in progress' for a recent transaction's id."""
        if self.server_version >= 130000:
            sql = "SELECT pg_xact_status(%s::xid8)"
        else:
            sql = "SELECT txid_status(%s::bigint)"
        return self.execute_sql(sql, (transaction_id,)).fetchone()[0]


def _is_read(sql: str) -> bool:
    return sql.lstrip()[:6].upper() == "SELECT"


class _Attempt:
    """One run of a use case: its result, and its transaction's id once it reached COMMIT."""

    def __init__(self) -> None:
        self.result: Any = None
        self.transaction_id: str | None = None


def run_surviving_restart(database: ServerDatabase, use_case: Callable[[], T]) -> T:
    """Run `use_case` in one transaction; if the connection is lost, run it again once on
    a new connection, unless the lost attempt is known to have committed (see the module
    docstring). Raises ConnectionLost when the server cannot be reached in time."""
    for _ in range(2):
        attempt = _Attempt()
        try:
            with database.atomic():
                attempt.result = use_case()
                # The last statement before COMMIT: an error after this point came
                # from COMMIT itself, whose outcome only the server knows.
                attempt.transaction_id = database.transaction_id()
            return attempt.result
        except LOST_ERRORS as error:
            if isinstance(error, ConnectionLost) or not database.connection_lost():
                raise
            lost = error
        if _committed_after_all(database, attempt):
            return attempt.result
    raise ConnectionLost(NOT_SAVED) from lost


def _committed_after_all(database: ServerDatabase, attempt: _Attempt) -> bool:
    """Reconnect, then tell whether the lost attempt committed (False: it certainly did
    not). ConnectionLost when the server cannot be reached or cannot tell."""
    cannot_tell = ConnectionLost(
        OUTCOME_UNKNOWN if attempt.transaction_id else NOT_SAVED,
        saved=None if attempt.transaction_id else False,
    )
    try:
        database.reconnect()
        if attempt.transaction_id is None:
            return False
        outcome = database.transaction_outcome(attempt.transaction_id)
    except LOST_ERRORS:
        raise cannot_tell from None
    if outcome == "committed":
        return True
    if outcome == "aborted":
        return False
    raise cannot_tell
