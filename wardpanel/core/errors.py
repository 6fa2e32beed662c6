"""The errors wardpanel tells its users about, each with one plain line and an exit status.

Every refusal and failure a user can meet is a `WardpanelError`: its message is one
line that names what is at fault (a field, a file, a value) in words a chair or a
clerk can act on, and `status` is what a command exits with. The command line catches
them in one place and the app in one place; nothing else translates errors.

- `UserError` (status 2): bad input or usage that the user can put right: an empty
  field, an impossible date, an unknown name, a file that already exists, locked minutes.
- `WardpanelError` itself (status 1): anything else: a database that cannot be reached,
  a full disk, a copy that did not check out.

The subclasses live beside the code that raises them (ExportError with the file
writer, InterchangeError with the meeting file...), all built on these.
"""

from __future__ import annotations

USER_FAULT = 2
OTHER_FAILURE = 1


class WardpanelError(Exception):
    """A failure told to the user in one line; `status` is the exit status to end with."""

    status: int = OTHER_FAILURE

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status

    @property
    def message(self) -> str:
        return str(self)


class UserError(WardpanelError):
    """Bad input or usage that the user can put right; nothing was stored or written."""

    status = USER_FAULT


class InputError(UserError, ValueError):
    """Input refused before anything was stored; `field` names what was wrong.

    Shown as "field: message", e.g. "due: '2026-02-30' is not a real date".
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message

    @property
    def message(self) -> str:  # type: ignore[override]
        return self.reason
