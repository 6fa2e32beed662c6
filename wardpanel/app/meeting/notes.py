"""Notes: the police update, figures, any other business, each under a heading."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding

from wardpanel import queries, services
from wardpanel.app.common.form import Field, FormScreen
from wardpanel.app.meeting.section import Row, Section, cell, plural
from wardpanel.core.models import Note

HEADINGS = ("Police update", "Crime figures", "Council update", "Any other business")


class NotesSection(Section):
    title = "Notes"
    columns = ("Heading", "Text")
    widths = (24, 0)
    empty_hint = "No notes yet: press a for the police update, figures or any other business."
    internal_kind = "note"
    needs_selection = frozenset({"edit", "delete", "internal"})
    # Add, Edit and Delete come from Section; `i` is in "?" and the palette.
    BINDINGS = [Binding("i", "internal", "Internal or public", show=False)]

    def load(self) -> list[Row]:
        rows = []
        for note in queries.notes_of(self.meeting.id):
            key = str(note.id)
            self.items[key] = note
            rows.append(
                (key, (cell(note.heading, self.fit(24), "bold"), cell(note.text, self.flex())))
            )
        return rows

    def summary(self) -> str:
        words = sum(len(n.text.split()) for n in self.items.values())
        return f"{plural(len(self.items), 'note')} · {plural(words, 'word')}"

    def detail(self, key: str) -> Text:
        note: Note = self.items[key]
        text = Text()
        text.append(note.heading or "Note", "bold")
        if note.internal:
            text.append("  internal: left out of published minutes", "italic")
        text.append("\n\n")
        text.append(note.text)
        return text

    def _form(
        self, title: str, values: dict[str, Any], save, draft_key: str, current=None
    ) -> FormScreen:
        fields = [
            Field("heading", "Heading", placeholder=f"e.g. {HEADINGS[0]}", suggestions=HEADINGS),
            Field("text", "Text (blank line between paragraphs)", "text"),
        ]
        return self.form(title, fields, values, save, draft_key, current)

    def action_add(self) -> None:
        def save(v: dict[str, Any], draft_key: str | None) -> Note:
            return services.add_note(self.meeting.id, v["heading"], v["text"])

        self.app.push_screen(
            self._form("New note", {}, save, f"meeting{self.meeting.id}:notes:add"),
            lambda n: n and self.saved(str(n.id), "Note saved"),
        )

    def action_edit(self) -> None:
        note: Note | None = self.selected()
        if note is None:
            return

        def save(v: dict[str, Any], draft_key: str | None) -> Note:
            return services.update_note(note.id, v["heading"], v["text"])

        def now() -> dict[str, Any] | None:
            fresh = queries.record_by_id(Note, note.id)
            return None if fresh is None else {"heading": fresh.heading, "text": fresh.text}

        if (values := self.fresh(now)) is None:
            return
        self.app.push_screen(
            self._form("Edit note", values, save, f"note{note.id}:edit", now),
            lambda n: n and self.saved(str(n.id), "Note saved"),
        )

    def action_delete(self) -> None:
        note: Note | None = self.selected()
        if note is None:
            return
        self.confirm_delete(
            f"Delete the note '{note.heading or 'Note'}'?",
            note.text[:300],
            lambda: services.delete_note(note.id),
            "Note deleted",
        )
