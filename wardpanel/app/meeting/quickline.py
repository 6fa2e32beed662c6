"""The quick-entry line: one line typed, Enter files it.

It wraps over as many rows as a long answer needs (up to six; the meeting screen's
stylesheet says so), so 200 characters can be proof-read at 80 columns; up and down on
its first or last row walk back through the lines entered in this meeting, as a shell's
history does, and back to the line being typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message

from wardpanel.app.common.typing import TextBox

# Lines kept for up and down: a whole meeting's worth.
HISTORY_LENGTH = 500


class QuickLine(TextBox):
    """A line that wraps; Enter submits it; up/down recall earlier lines."""

    @dataclass
    class Submitted(Message):
        """Enter was pressed: `value` is the line as typed."""

        line: QuickLine
        value: str

        @property
        def control(self) -> QuickLine:
            return self.line

    def __init__(self, *, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(
            "",
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            compact=True,
            highlight_cursor_line=False,
        )
        self.show_line_numbers = False
        self.placeholder = Content(placeholder)  # words in [brackets] are not markup
        self.earlier_lines: list[str] = []
        self._browsing: int | None = None  # the history entry shown, while walking it
        self._typed = ""  # what was being typed before walking the history

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.load_text(text)
        self.move_cursor(self.document.end)

    def remember(self, line: str) -> None:
        """Add a line entered to the history (once, as the newest)."""
        if line.strip():
            if line in self.earlier_lines:
                self.earlier_lines.remove(line)
            self.earlier_lines.append(line)
            del self.earlier_lines[:-HISTORY_LENGTH]
        self._browsing = None

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._browsing = None
            self.post_message(self.Submitted(self, self.text))
            return
        await super()._on_key(event)

    def action_cursor_up(self, select: bool = False) -> None:
        if select or not self.navigator.is_first_wrapped_line(self.cursor_location):
            super().action_cursor_up(select)
            return
        self._walk(-1)

    def action_cursor_down(self, select: bool = False) -> None:
        if select or not self.navigator.is_last_wrapped_line(self.cursor_location):
            super().action_cursor_down(select)
            return
        self._walk(1)

    def _walk(self, step: int) -> None:
        """Show the previous (-1) or next (+1) line of the history."""
        if not self.earlier_lines:
            return
        if self._browsing is None:
            if step > 0:
                return
            self._typed = self.text
            index = len(self.earlier_lines) - 1
        else:
            index = self._browsing + step
        if index < 0:
            return
        if index >= len(self.earlier_lines):
            self._browsing = None
            self.value = self._typed
            return
        self._browsing = index
        self.value = self.earlier_lines[index]

    def mark(self, fault: str) -> None:
        """Select the part of the line at fault (all of it when it cannot be found), so
        the chair sees it and can type over it."""
        text = self.text
        start = text.find(fault) if fault else -1
        if start < 0:
            self.select_all()
            return
        end = start + len(fault)
        self.selection = self._selection_of(start, end)

    def _selection_of(self, start: int, end: int):
        from textual.widgets.text_area import Selection

        return Selection(self._location_of(start), self._location_of(end))

    def _location_of(self, index: int) -> tuple[int, int]:
        before = self.text[:index]
        row = before.count("\n")
        column = index - (before.rfind("\n") + 1)
        return row, column
