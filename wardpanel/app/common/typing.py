"""The boxes a chair types into: a paste arrives whole, less terminal codes.

The terminal's own parser is given each bracketed paste whole and clean (app/terminal);
these boxes clean once more, for pastes that reach them another way, and a one-line box
keeps every line of a multi-line paste, joined by spaces, where Textual's Input keeps
only the first.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from wardpanel.core.textclean import without_terminal_codes


class LineBox(Input):
    """A one-line field: a pasted paragraph becomes one line, every word kept."""

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        text = " ".join(without_terminal_codes(event.text).splitlines())
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)


class TextBox(TextArea):
    """A long-text field: paragraphs kept as pasted, terminal codes removed."""

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        if self.read_only:
            return
        text = without_terminal_codes(event.text)
        if text and (result := self._replace_via_keyboard(text, *self.selection)):
            self.move_cursor(result.end_location)
            self.focus()
