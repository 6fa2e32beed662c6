"""The one error a quick-entry line can be refused with."""

from __future__ import annotations

from wardpanel.core.errors import UserError


class QuickEntryError(UserError, ValueError):
    """A line that cannot be understood; the message says what to type instead, and
    `fault`, when known, is the part of the line that is wrong (for the screen to mark)."""

    def __init__(self, message: str, fault: str = "") -> None:
        super().__init__(message)
        self.fault = fault
