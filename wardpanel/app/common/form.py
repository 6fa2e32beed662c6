"""One dialog for every record a chair types: fields, a save key, drafts kept as typed.

While the dialog is open, what is typed is saved as a draft in the database a moment
after each change, so a crash or a closed laptop loses nothing; the draft goes in the
same transaction that saves the record, and comes back when the dialog is reopened.

A dialog opens, and keeps what is typed, whatever the database is doing: with the
server away, suggestions are left out and the dialog says why; a save that cannot be
made says "Not saved" and leaves the dialog open with the text. When even a draft
cannot be kept (the server is away, the database file was deleted or replaced), the
text is also written to a file of its own (`unsaved_copy`), and the dialog says where.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from wardpanel import services
from wardpanel.core import paths
from wardpanel.core.errors import WardpanelError
from wardpanel.core.files import WriteError, make_private_folder, shown_path, write_numbered
from wardpanel.core.storage.database import friendly_error
from wardpanel.core.storage.postgres import ConnectionLost
from wardpanel.core.storage.targets import (
    DATABASE_FAULTS,
    DatabaseReplaced,
    DatabaseUnavailable,
)

log = logging.getLogger("wardpanel.form")
DRAFT_DELAY = 0.4


def offered(read: Callable[..., Sequence[str]], *args: Any, **kwargs: Any) -> Sequence[str]:
    """Suggestions for a field, or none when the database cannot be read just now: a form
    must open even while the server is away."""
    try:
        return read(*args, **kwargs)
    except DATABASE_FAULTS as error:
        log.warning("suggestions left out: %s", type(error).__name__)
        return ()


def unsaved_copy(title: str, fields: Sequence[Field], values: dict[str, Any]) -> Path | None:
    """Write what a form holds to a file of its own (owner-only, beside the error log),
    for when neither the record nor its draft can be stored; None if that fails too."""
    lines = [title, ""]
    for field in fields:
        value = values.get(field.name)
        if field.kind == "flag":
            value = "yes" if value else "no"
        lines += [f"{field.label}:", str(value or ""), ""]
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    folder = paths.log_file().parent
    try:
        make_private_folder(folder)
        return write_numbered(folder / f"wardpanel-unsaved-{stamp}.txt", "\n".join(lines).encode())
    except WriteError as error:
        log.warning("unsaved copy not written: %s", type(error).__name__)
        return None


@dataclass(frozen=True)
class Field:
    """One field of a form. kind: line, text (several paragraphs), choice or flag."""

    name: str
    label: str
    kind: str = "line"
    required: bool = False
    choices: Sequence[tuple[str, str]] = ()
    placeholder: str = ""
    suggestions: Sequence[str] = ()


SaveCallback = Callable[[dict[str, Any], str | None], Any]
# Reads the item an edit form shows, as the form's values, as stored now (None: gone).
CurrentValues = Callable[[], dict[str, Any] | None]
# Where a draft of an edit form keeps the values the form opened with (no field's name).
OPENED = "_opened"


class FormScreen(ModalScreen[Any]):
    """Collects a record's fields and saves it through a service; stays open on errors."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        # Not a priority binding: it must wait behind the keys already typed, or a fast
        # typist (or a batched SSH link) would save before the last words arrive.
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Close"),
        Binding("ctrl+d", "discard", "Discard draft", show=False),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        values: dict[str, Any] | None = None,
        *,
        save: SaveCallback,
        draft_key: str | None = None,
        meeting_id: int | None = None,
        intro: str = "",
        current: CurrentValues | None = None,
    ) -> None:
        """`current`, for a form that edits a stored item: reads the item as it is now,
        so that a save never undoes what changed since the form opened
        (services.save_edit); `values` are then the item as the form opens it."""
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.values = dict(values or {})
        self.current = current
        self.opened = dict(self.values)
        self.save_callback = save
        self.draft_key = draft_key
        self.meeting_id = meeting_id
        self.intro = intro
        self._draft_timer: Timer | None = None
        self._dirty = False
        self._ready = False

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Label(self.form_title, id="form-title", markup=False)
            if self.intro:
                yield Static(self.intro, id="form-intro", markup=False)
            # Above the fields: on a small terminal (80x24) a tall form is cut at the
            # bottom, and why a save was refused must always show.
            yield Static("", id="form-error")
            with VerticalScroll(id="form-fields"):
                for field in self.fields:
                    label = field.label + (" *" if field.required else "")
                    if field.kind != "flag":
                        yield Label(label, classes="field-label", markup=False)
                    yield self._widget_for(field)
            yield Static(
                "[b]ctrl+s[/] save   [b]esc[/] close (typed text is kept as a draft)",
                id="form-hint",
            )

    def _widget_for(self, field: Field):
        value = self.values.get(field.name)
        widget_id = f"field-{field.name}"
        if field.kind == "text":
            area = TextArea(str(value or ""), id=widget_id, soft_wrap=True, classes="long")
            area.show_line_numbers = False
            return area
        if field.kind == "choice":
            choices = [(label, key) for key, label in field.choices]
            initial = value if value in {key for key, _ in field.choices} else field.choices[0][0]
            return Select(choices, value=initial, allow_blank=False, id=widget_id)
        if field.kind == "flag":
            return Checkbox(field.label, value=bool(value), id=widget_id)
        suggester = (
            SuggestFromList(field.suggestions, case_sensitive=False) if field.suggestions else None
        )
        return Input(
            str(value or ""), placeholder=field.placeholder, id=widget_id, suggester=suggester
        )

    def on_mount(self) -> None:
        try:
            restored = services.load_draft(self.draft_key) if self.draft_key else None
        except DATABASE_FAULTS as error:
            restored = None
            self._show_error(f"An earlier draft cannot be read now: {friendly_error(error)}")
        if restored:
            # A draft of an edit form carries what the form opened with back then.
            self.opened = restored.pop(OPENED, None) or self.opened
            self._fill(restored)
            self.notify(
                "Your unsaved text from last time is back.", title="Draft restored", markup=False
            )
        first = self.query_one(f"#field-{self.fields[0].name}")
        first.focus()
        self.call_after_refresh(self._mark_ready)

    def _mark_ready(self) -> None:
        self._ready = True

    def _fill(self, values: dict[str, Any]) -> None:
        for field in self.fields:
            if field.name not in values:
                continue
            widget = self.query_one(f"#field-{field.name}")
            value = values[field.name]
            if isinstance(widget, TextArea):
                widget.load_text(str(value or ""))
            elif isinstance(widget, Select):
                if value in {key for key, _ in field.choices}:
                    widget.value = value
            elif isinstance(widget, Checkbox):
                widget.value = bool(value)
            else:
                widget.value = str(value or "")

    def collect(self) -> dict[str, Any]:
        """The values as typed, by field name."""
        values: dict[str, Any] = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, TextArea):
                values[field.name] = widget.text
            else:
                values[field.name] = widget.value
        return values

    # -- drafts --------------------------------------------------------------------

    def _changed(self) -> None:
        if not self._ready or not self.draft_key:
            return
        self._dirty = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)

    def on_input_changed(self) -> None:
        self._changed()

    def on_text_area_changed(self) -> None:
        self._changed()

    def on_select_changed(self) -> None:
        self._changed()

    def on_checkbox_changed(self) -> None:
        self._changed()

    def keep_draft(self) -> bool:
        """Write what is typed to the database now; False if it could not be kept."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if not self._dirty or not self.draft_key:
            return True
        fields = self.collect()
        if self.current is not None:
            fields[OPENED] = self.opened
        try:
            services.save_draft(self.draft_key, fields, self.form_title, self.meeting_id)
        except DATABASE_FAULTS as error:
            self._show_error(f"Draft not kept: {friendly_error(error)}")
            return False
        self._dirty = False
        return True

    def keep_typed_text(self) -> bool:
        """Keep what is typed now, without waiting for the timer: the app calls this when
        an unexpected error strikes. False if it could not be kept."""
        return self.keep_draft()

    # -- actions -------------------------------------------------------------------

    def _show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Text(message))
        self.query_one("#form-error").add_class("visible")

    def _save(self, values: dict[str, Any]) -> Any:
        if self.current is None:
            return self.save_callback(values, self.draft_key)
        return services.save_edit(
            self.current,
            self.opened,
            values,
            lambda merged: self.save_callback(merged, self.draft_key),
        )

    def action_save(self) -> None:
        values = self.collect()
        try:
            result = self._save(values)
        except services.ChangedElsewhere as change:
            self._changed_elsewhere(change, values)
            return
        except services.InputError as error:
            self._show_error(f"{error.field.capitalize()}: {error.message}")
            self._focus_field(error.field)
            return
        except (peewee.DatabaseError, peewee.InterfaceError, DatabaseUnavailable) as error:
            log.warning("save failed: %s", type(error).__name__)
            self._show_error(self._not_saved(error))
            return
        except WardpanelError as error:  # a refusal the chair can act on
            self._show_error(str(error))
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._dirty = False
        self.dismiss(result)

    def _changed_elsewhere(self, change: services.ChangedElsewhere, typed: dict[str, Any]) -> None:
        """Say what changed since the form opened, show the item as it is now wherever the
        chair had not changed it, and keep what the chair typed where they had."""
        if change.now is None:
            self._show_error(
                "Not saved: this item no longer exists. It was deleted, or its person's "
                "records erased, since this form was opened. Your text is still here; "
                "esc keeps it as a draft."
            )
            return
        for field in self.fields:
            was, now = self.opened.get(field.name), change.now.get(field.name)
            if field.name not in change.clashes and typed.get(field.name) == was and now != was:
                self._fill({field.name: now})
        labels = {field.name: field.label for field in self.fields}
        clashing = ", ".join(f"'{labels.get(name, name)}'" for name in change.clashes)
        self.opened = dict(change.now)
        self._show_error(
            f"Not saved: while this form was open, {clashing} changed elsewhere too (another "
            "user's edit, or a person's records erased). Fields you had not changed now show "
            "what is stored; what you typed is kept. ctrl+s saves your version over the "
            "other; esc keeps it as a draft."
        )

    def _not_saved(self, error: Exception) -> str:
        """What to tell the chair when the database did not take the save, having kept
        the typed text wherever it could be kept."""
        replaced = isinstance(error, DatabaseReplaced)
        # A draft written to a replaced file is as lost as the save.
        kept = bool(self.draft_key) and self.keep_draft() and not replaced
        # A server lost during COMMIT cannot tell if it saved; its message says so.
        unsure = isinstance(error, ConnectionLost) and error.saved is None
        verdict = "" if unsure else "Not saved. "
        reason = friendly_error(error)
        if kept:
            return f"{verdict}{reason} Your text is kept as a draft; ctrl+s tries again."
        # No draft either (a full disk, the server away, the file replaced): the open form
        # is all there is, so a copy goes to a file of its own as well.
        copy = unsaved_copy(self.form_title, self.fields, self.collect())
        where = f", and copied to {shown_path(copy)}" if copy else ": keep this form open"
        retry = "" if replaced else "; ctrl+s tries again"
        return f"{verdict}{reason} Your text is still here{where}{retry}."

    def _focus_field(self, field_name: str) -> None:
        wanted = field_name.replace(" ", "_").lower()
        for field in self.fields:
            if field.name == wanted or field.label.lower() == field_name.lower():
                self.query_one(f"#field-{field.name}").focus()
                return

    def action_cancel(self) -> None:
        if self._dirty and self.keep_draft():
            self.notify("Kept as a draft: it comes back when you open this again.", markup=False)
        self.dismiss(None)

    def action_discard(self) -> None:
        if self.draft_key:
            services.discard_draft(self.draft_key)
        self._dirty = False
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a one-line field moves on; in the last field, it saves."""
        event.stop()
        inputs = [w for w in self.query("#form-fields > *") if w.can_focus]
        if (inputs and event.input is inputs[-1]) or not any(f.kind == "text" for f in self.fields):
            self.action_save()
        else:
            self.focus_next()
