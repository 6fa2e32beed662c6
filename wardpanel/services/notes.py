"""Notes under a heading (the police update, figures, any other business), and the
quick-entry lines that could not be understood, kept as unfiled notes."""

from __future__ import annotations

from wardpanel.core import fields
from wardpanel.core.errors import InputError
from wardpanel.core.fields import get_or_refuse, line, long_text
from wardpanel.core.models import UNFILED_HEADING, Note
from wardpanel.services import indexing
from wardpanel.services.locking import meeting_to_change, refuse_if_approved
from wardpanel.services.transactions import transaction


@transaction
def add_note(meeting_id: int, heading: str, text: str = "") -> Note:
    """A note under a heading: the police update, figures, any other business."""
    meeting = meeting_to_change(meeting_id)
    heading = line(heading, "heading")
    text = long_text(text, "note")
    if not heading and not text:
        raise InputError("note", "write a heading or some text")
    note = Note.create(meeting=meeting, heading=heading, text=text)
    indexing.index_note(note.id)
    return note


@transaction
def update_note(note_id: int, heading: str, text: str = "") -> Note:
    """Edit a note's heading and text; one of them must be left."""
    note = get_or_refuse(Note, note_id, "note")
    refuse_if_approved(note.meeting_id)
    heading = line(heading, "heading")
    text = long_text(text, "note")
    if not heading and not text:
        raise InputError("note", "write a heading or some text")
    note.heading, note.text = heading, text
    note.save()
    indexing.index_note(note.id)
    return note


@transaction
def delete_note(note_id: int) -> None:
    """Remove one note."""
    note = get_or_refuse(Note, note_id, "note")
    refuse_if_approved(note.meeting_id)
    indexing.unindex_note(note.id)
    note.delete_instance()


@transaction
def keep_unfiled(meeting_id: int, entry: str) -> Note:
    """Keep a quick-entry line that could not be understood, so no word is lost."""
    meeting = meeting_to_change(meeting_id)
    text = long_text(entry, "entry", required=True)
    note = (
        Note.select()
        .where(Note.meeting == meeting, Note.heading == UNFILED_HEADING)
        .order_by(Note.id.desc())
        .first()
    )
    # A new note once the last one is full, so a clerk can still edit each one. The
    # limit is looked up in fields each time, so it is always the one long_text applies.
    if note is None or len(note.text) + len(text) + 2 > fields.MAX_TEXT:
        note = Note.create(meeting=meeting, heading=UNFILED_HEADING, text=text)
    else:
        note.text = f"{note.text}\n\n{text}" if note.text else text
        note.save()
    indexing.index_note(note.id)
    return note
