"""One dialog for every record a chair types: fields, a save key, drafts kept as typed.

The fields scroll inside the dialog, so a form taller than the window (80x24 over SSH)
still shows the field being typed in, with its label; a refused save says why on the
line above the keys, which never scrolls away.

While the dialog is open, what is typed is written as a draft at most a second after
each keystroke (app/common/draftkeeper), so a crash or a closed laptop loses nothing.
The draft is dropped in the same transaction that saves the record, and comes back when
the dialog is reopened; Escape on a changed form asks whether to keep it.

Tab, shift+tab and Enter (in a one-line field) move between fields at once, before any
key typed after them is handed on: over SSH keys arrive in bursts, and a character
typed just after Tab must land in the next field, not the one being left.

A dialog opens and keeps what is typed whatever the database is doing (with the server
away, without suggestions): a save that cannot be made says "Not saved" (the words are
in save_messages) and leaves the text in the dialog; when even a draft cannot be kept,
the text is also written to a file of its own (`unsaved_copy`), and the dialog says where.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

import peewee
from rich.text import Text
from textual import events
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from wardpanel import services
from wardpanel.app.common import save_messages as saying
from wardpanel.app.common.draftkeeper import DRAFT_INTERVAL, keeper
from wardpanel.app.common.fields import (
    OPENED,
    CurrentValues,
    Field,
    SaveCallback,
    unsaved_copy,
)
from wardpanel.app.common.typing import LineBox, TextBox
from wardpanel.core.errors import WardpanelError
from wardpanel.core.files import shown_path
from wardpanel.core.storage.database import friendly_error
from wardpanel.core.storage.postgres import ConnectionLost
from wardpanel.core.storage.targets import (
    DATABASE_FAULTS,
    DatabaseReplaced,
    DatabaseUnavailable,
)

log = logging.getLogger("wardpanel.form")
LONG_TEXT_ROWS = 12
HINT = "[b]ctrl+s[/] save   [b]tab[/] next field   [b]esc[/] close"


class FormScreen(ModalScreen[Any]):
    """Collects a record's fields and saves it through a service; stays open on errors."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        # Not a priority binding: it must wait behind the keys already typed, or a fast
        # typist (or a batched SSH link) would save before the last words arrive.
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Close"),
        Binding("ctrl+d", "discard", "Discard draft", show=False),
        # Priority bindings run as the key is read, before the next key is handed to a
        # field (see the module docstring).
        Binding("tab", "next_field", "Next field", show=False, priority=True),
        Binding("shift+tab", "previous_field", "Previous field", show=False, priority=True),
        Binding("enter", "enter", "Next field", show=False, priority=True),
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
        draft_label: str = "",
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
        # How the recovery list names this form's draft: "Response to question 12".
        self.draft_label = draft_label or title
        self._draft_timer: Timer | None = None
        self._dirty = False  # typed since the last draft write
        self._drafted = False  # a draft of this form exists (restored or written)
        self._ready = False
        self._finished = False
        self._opened_with: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Label(self.form_title, id="form-title", markup=False)
            if self.intro:
                yield Static(self.intro, id="form-intro", markup=False)
            with VerticalScroll(id="form-fields", can_focus=False):
                for field in self.fields:
                    with Vertical(classes="field-group", id=f"group-{field.name}"):
                        if field.kind != "flag":
                            label = field.label + (" *" if field.required else "")
                            yield Label(label, classes="field-label", markup=False)
                        yield self._widget_for(field)
            with Vertical(id="form-foot"):
                yield Static("", id="form-error")
                yield Static(HINT, id="form-hint")

    def _widget_for(self, field: Field) -> Widget:
        value = self.values.get(field.name)
        widget_id = f"field-{field.name}"
        if field.kind == "text":
            area = TextBox(str(value or ""), id=widget_id, soft_wrap=True, classes="long")
            area.show_line_numbers = False
            area.placeholder = Content(field.placeholder)
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
        return LineBox(
            str(value or ""), placeholder=field.placeholder, id=widget_id, suggester=suggester
        )

    def on_mount(self) -> None:
        self._opened_with = self.collect()
        try:
            restored = services.load_draft(self.draft_key) if self.draft_key else None
        except DATABASE_FAULTS as error:
            restored = None
            self._show_error(f"An earlier draft cannot be read now: {friendly_error(error)}")
        if restored:
            self._drafted = True
            # A draft of an edit form carries what the form opened with back then.
            self.opened = restored.pop(OPENED, None) or self.opened
            self._fill(restored, from_draft=True)
            self.notify(
                "Your unsaved text from last time is back.", title="Draft restored", markup=False
            )
        first = self.query_one(f"#field-{self.fields[0].name}")
        first.focus()
        self.call_after_refresh(self._mark_ready)
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Give the fields what the window has left once the title, the introduction,
        the message and the keys are shown: the fields scroll, the rest never hides."""
        box = self.query_one("#form-box")
        fixed = sum(
            child.outer_size.height
            for child in box.children
            if child.id != "form-fields" and child.display
        )
        frame = box.styles.gutter.height
        room = max(3, self.size.height - frame - fixed)
        fields = self.query_one("#form-fields")
        if fields.styles.max_height is None or fields.styles.max_height.value != room:
            fields.styles.max_height = room
            # Less room (a message appeared): the field being typed in stays in view.
            self.call_after_refresh(self._show_focused)
        # A long-text box: twelve rows, or two fifths of a small window, so the fields
        # around it stay in reach.
        rows = max(4, min(LONG_TEXT_ROWS, self.size.height * 2 // 5))
        for area in self.query("#form-fields TextArea.long"):
            if area.styles.height is None or area.styles.height.value != rows:
                area.styles.height = rows

    def _mark_ready(self) -> None:
        self._ready = True

    def _fill(self, values: dict[str, Any], *, from_draft: bool = False) -> None:
        """Show these values in their fields; a draft fills only the fields it keeps."""
        for field in self.fields:
            if field.name not in values or (from_draft and not field.drafted):
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
            elif isinstance(widget, Input):
                widget.value = str(value or "")

    def collect(self) -> dict[str, Any]:
        """The values as typed, by field name."""
        values: dict[str, Any] = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, TextArea):
                values[field.name] = widget.text
            elif isinstance(widget, Input | Select | Checkbox):
                values[field.name] = widget.value
        return values

    def changed(self) -> bool:
        """Whether anything differs from what the form opened with."""
        return self.collect() != self._opened_with

    # -- moving between fields -------------------------------------------------------

    def action_next_field(self) -> None:
        self.focus_next()

    def action_previous_field(self) -> None:
        self.focus_previous()

    async def action_enter(self) -> None:
        """Enter in a one-line field moves on; in the last field, or a form of one-line
        fields only, it saves. Elsewhere (a long text, a choice) Enter is the field's."""
        focused = self.focused
        if not isinstance(focused, Input) or not self.is_active:
            raise SkipAction()
        fields = [
            widget for widget in self.query("#form-fields .field-group > *") if widget.can_focus
        ]
        if (fields and focused is fields[-1]) or not any(f.kind == "text" for f in self.fields):
            await self.action_save()
        else:
            self.focus_next()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_focused()

    def _show_focused(self) -> None:
        """Scroll the focused field into view with its label above it."""
        group = self.focused.parent if self.focused is not None else None
        if isinstance(group, Widget) and group.has_class("field-group"):
            self.query_one("#form-fields", VerticalScroll).scroll_to_widget(
                group, animate=False, top=False
            )

    # -- drafts --------------------------------------------------------------------

    def _changed(self) -> None:
        if not self._ready or not self.draft_key or self._finished:
            return
        self._dirty = True
        # Not restarted by later keys: steady typing is written every interval, not only
        # after a pause (which a chair at meeting pace never makes).
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_INTERVAL, self._write_draft)

    def on_input_changed(self) -> None:
        self._changed()

    def on_text_area_changed(self) -> None:
        self._changed()

    def on_select_changed(self) -> None:
        self._changed()

    def on_checkbox_changed(self) -> None:
        self._changed()

    def _draft_fields(self) -> dict[str, Any]:
        values = self.collect()
        fields = {f.name: values[f.name] for f in self.fields if f.drafted}
        if self.current is not None:
            fields[OPENED] = self.opened
        return fields

    def _write_draft(self) -> None:
        """Hand what is typed to the draft writer (it writes off the UI thread)."""
        self._draft_timer = None
        if not self._dirty or not self.draft_key or self._finished:
            return
        self._dirty = False
        self._drafted = True
        keeper.keep(
            self.draft_key,
            self._draft_fields(),
            self.draft_label,
            self.meeting_id,
            failed=self._draft_failed,
        )

    def _draft_failed(self, reason: str) -> None:
        if not self._finished:
            self._dirty = True
            self._show_error(f"Draft not kept: {reason}")

    def _stop_drafts(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def keep_draft(self) -> bool:
        """Write what is typed to the database now, on this thread; False if it could
        not be kept."""
        self._stop_drafts()
        if not self.draft_key:
            return True
        keeper.settle()
        if not self._dirty and not (self._drafted or self.changed()):
            return True
        try:
            services.save_draft(
                self.draft_key, self._draft_fields(), self.draft_label, self.meeting_id
            )
        except DATABASE_FAULTS as error:
            self._show_error(f"Draft not kept: {friendly_error(error)}")
            return False
        self._dirty = False
        self._drafted = True
        return True

    def keep_typed_text(self) -> bool:
        """Keep what is typed now, without waiting for the timer: the app calls this when
        an unexpected error strikes. False if it could not be kept."""
        if self._finished or not self.changed():
            return True
        return self.keep_draft()

    # -- saving and closing ----------------------------------------------------------

    def _show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Text(message))
        error.add_class("visible")
        self.call_after_refresh(self._fit)

    def _save(self, values: dict[str, Any]) -> Any:
        if self.current is None:
            return self.save_callback(values, self.draft_key)
        return services.save_edit(
            self.current,
            self.opened,
            values,
            lambda merged: self.save_callback(merged, self.draft_key),
        )

    async def action_save(self) -> None:
        # Keys typed before ctrl+s reached their fields first (it is not a priority
        # binding); a field handed keys just before a Tab may still be inserting them.
        for _ in range(20):
            if all(w._message_queue.empty() for w in self.query("#form-fields .field-group > *")):
                break
            await asyncio.sleep(0)
        if self._finished:
            return
        values = self.collect()
        self._stop_drafts()
        # A draft write in flight must land before the save drops the draft.
        keeper.settle()
        try:
            result = services.save_dropping_draft(lambda: self._save(values), self.draft_key)
        except services.ChangedElsewhere as change:
            self._dirty = True
            self._changed_elsewhere(change, values)
            return
        except services.InputError as error:
            self._show_error(f"{error.field.capitalize()}: {error.message}")
            self._focus_field(error.field)
            self._dirty = True
            return
        except (peewee.DatabaseError, peewee.InterfaceError, DatabaseUnavailable) as error:
            log.warning("save failed: %s", type(error).__name__)
            self._dirty = True
            self._show_error(self._not_saved(error))
            return
        except WardpanelError as error:  # a refusal the chair can act on
            self._dirty = True
            self._show_error(str(error))
            return
        self._finished = True
        self.dismiss(result)

    def _changed_elsewhere(self, change: services.ChangedElsewhere, typed: dict[str, Any]) -> None:
        """Say what changed since the form opened, show the item as it is now wherever the
        chair had not changed it, and keep what the chair typed where they had."""
        if change.now is None:
            self._show_error(saying.ITEM_GONE)
            return
        for field in self.fields:
            was, now = self.opened.get(field.name), change.now.get(field.name)
            if field.name not in change.clashes and typed.get(field.name) == was and now != was:
                self._fill({field.name: now})
        labels = {field.name: field.label for field in self.fields}
        clashing = ", ".join(f"'{labels.get(name, name)}'" for name in change.clashes)
        self.opened = dict(change.now)
        self._show_error(saying.changed_elsewhere(clashing))

    def _not_saved(self, error: Exception) -> str:
        """What to tell the chair when the database did not take the save, having kept
        the typed text wherever it could be kept."""
        replaced = isinstance(error, DatabaseReplaced)
        # A draft written to a replaced file is as lost as the save.
        kept = bool(self.draft_key) and self.keep_draft() and not replaced
        # A server lost during COMMIT cannot tell if it saved; its message says so.
        unsure = isinstance(error, ConnectionLost) and error.saved is None
        # No draft either (a full disk, the server away, the file replaced): the open form
        # is all there is, so a copy goes to a file of its own as well.
        copy = None if kept else unsaved_copy(self.form_title, self.fields, self.collect())
        return saying.not_saved(
            friendly_error(error),
            kept=kept,
            unsure=unsure,
            copy=shown_path(copy) if copy else "",
            retry=not replaced,
        )

    def _focus_field(self, field_name: str) -> None:
        wanted = field_name.replace(" ", "_").lower()
        for field in self.fields:
            if field.name == wanted or field.label.lower().startswith(field_name.lower()):
                self.query_one(f"#field-{field.name}").focus()
                return

    def action_cancel(self) -> None:
        """Close; a form with changes asks first whether to keep them as a draft."""
        if not self.changed():
            self._close_discarding()
            return
        if not self.draft_key:
            from wardpanel.app.common.confirm import ConfirmScreen

            def answered(leave: bool | None) -> None:
                if leave:
                    self._close_discarding()

            self.app.push_screen(
                ConfirmScreen(
                    "Close without saving?",
                    "What you typed here will be lost.",
                    yes="Close",
                    no="Back to the form",
                ),
                answered,
            )
            return
        from wardpanel.app.common.confirm import KeepOrDiscardScreen

        def chosen(choice: str | None) -> None:
            if choice == "keep":
                if self.keep_draft():
                    self.notify(
                        "Kept as a draft: it comes back when you open this again.", markup=False
                    )
                    self._finished = True
                    self.dismiss(None)
            elif choice == "discard":
                self._close_discarding()

        self.app.push_screen(KeepOrDiscardScreen(self.form_title), chosen)

    def _close_discarding(self) -> None:
        self._stop_drafts()
        self._finished = True
        if self.draft_key and self._drafted:
            keeper.settle()
            try:
                services.discard_draft(self.draft_key)
            except DATABASE_FAULTS as error:
                # The chair chose to drop the text; a draft the database cannot drop
                # now is offered back at the next start, never lost silently.
                log.warning("draft not discarded: %s", type(error).__name__)
        self.dismiss(None)

    def action_discard(self) -> None:
        self._close_discarding()
