"""Every key that works where the user is, and the quick-entry grammar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
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
        rows: list[Content] = []
        seen: set[tuple[str, str]] = set()
        for _key, active in self.under.active_bindings.items():
            binding = active.binding
            if not binding.description:
                continue
            display = binding.key_display or self.app.get_key_display(binding)
            if (display, binding.description) in seen:
                continue
            seen.add((display, binding.description))
            # Built, not parsed: a key such as "[" must not be read as markup.
            rows.append(Content.assemble((f"{display:>12}", "bold"), f"  {binding.description}"))
        extra = getattr(self.under, "KEYS_HELP", "")
        with Vertical(id="keys-box"):
            yield Label("Keys", id="keys-title")
            with VerticalScroll():
                yield Static(Content("\n").join(rows) if rows else "No keys here.")
                if extra:
                    yield Static(extra, id="keys-extra")
                yield Static(
                    "\n[b]ctrl+p[/] opens the command palette: every command by name.\n"
                    "[b]esc[/] always backs out.",
                )

    def action_close(self) -> None:
        self.dismiss(None)
