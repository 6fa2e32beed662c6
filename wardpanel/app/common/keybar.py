"""The keys that work here, in one line at the foot of every screen.

Textual's Footer rebuilds a widget per key each time the keys change (six times while
a screen opens), which cost some 400 ms a screen here; this bar redraws one line.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class KeyBar(Static):
    """The active keys of the screen: key in bold, then what it does; greyed when unusable."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self._shown: tuple[object, ...] = ()
        self._pending = False
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        # The keys change four or five times while a screen opens: draw them once.
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self.show_keys)

    def on_resize(self) -> None:
        self._bindings_changed(self.screen)

    def show_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        keys: list[tuple[str, str, bool]] = []
        shown: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in shown:
                continue
            shown.add(binding.action)
            key = binding.key_display or self.app.get_key_display(binding)
            keys.append((key, binding.description, active.enabled))
        first = getattr(self.screen, "keybar_first", ("?",))
        bar = self._fitted(keys, self.size.width - 2 if self.size.width else 0, first)
        drawn = (bar.plain, *bar.spans)  # Content's own == ignores the styles
        if drawn != self._shown:  # an unchanged bar is not drawn again
            self._shown = drawn
            self.update(bar, layout=False)  # one line, docked: its size never changes

    @staticmethod
    def _fitted(
        keys: list[tuple[str, str, bool]], width: int, first: tuple[str, ...] = ("?",)
    ) -> Content:
        """The bar in `width` cells: every key with its words if they fit; else this
        screen's keys (not the app's ctrl keys), in full or by their first word; else as
        many as fit. "?" (every key, in words) is always kept."""

        def bar(entries: list[tuple[str, str, bool]], tail: bool) -> Content:
            parts: list[Content | tuple[str, str] | str] = []
            for key, words, enabled in entries:
                parts.append((key, "bold" if enabled else "dim"))
                parts.append((f" {words}  ", "" if enabled else "dim"))
            if tail:
                parts.append(("ctrl+p", "bold"))
                parts.append(" commands")
            return Content.assemble(*parts)

        full = bar(keys, True)
        if not width or full.cell_length <= width:
            return full

        # "?" lists every key in words: it goes first, so it is never the one cut, then
        # the keys the screen names as its own (`keybar_first`), then the rest of its
        # keys; the app's ctrl keys (in "?" too) go before any word.
        def rank(entry: tuple[str, str, bool]) -> int:
            return first.index(entry[0]) if entry[0] in first else len(first)

        here = sorted(
            (entry for entry in keys if not entry[0].startswith(("^", "ctrl+"))), key=rank
        )
        for attempt in (here, [(k, w.split()[0], e) for k, w, e in here]):
            fitted = bar(attempt, False)
            if fitted.cell_length <= width:
                return fitted
        short = [(k, w.split()[0], e) for k, w, e in here]
        while short and fitted.cell_length > width:
            short.pop()
            fitted = bar(short, False)
        return fitted
