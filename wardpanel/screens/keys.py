"""Every key that works where the user is, and the quick-entry grammar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static


class KeysScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        rows: list[str] = []
        seen: set[tuple[str, str]] = set()
        for _key, active in self.under.active_bindings.items():
            binding = active.binding
            if not binding.description:
                continue
            display = binding.key_display or self.app.get_key_display(binding)
            if (display, binding.description) in seen:
                continue
            seen.add((display, binding.description))
            rows.append(f"[b]{display:>12}[/]  {binding.description}")
        extra = getattr(self.under, "KEYS_HELP", "")
        with Vertical(id="keys-box"):
            yield Label("Keys", id="keys-title")
            with VerticalScroll():
                yield Static("\n".join(rows) or "No keys here.")
                if extra:
                    yield Static(extra, id="keys-extra")
                yield Static(
                    "\n[b]ctrl+p[/] opens the command palette: every command by name.\n"
                    "[b]esc[/] always backs out.",
                )

    def action_close(self) -> None:
        self.dismiss(None)
