"""The meeting's tables (app/common/table.py) keep the lines they drew: what they show
after rows are added and the cursor moves is what a table drawn afresh shows."""

from __future__ import annotations

from textual.app import App, ComposeResult

from wardpanel.app.common.table import RowTable

ROWS = [(f"Q{n}", f"Question {n} about the station car park") for n in range(1, 9)]


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield RowTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        table.add_columns("No.", "Question")
        for row in ROWS[:5]:
            table.add_row(*row, key=row[0])


def drawn(table: RowTable) -> list[str]:
    """Each line as drawn: its text and the style of each run of it."""
    return [
        "".join(f"[{segment.style}]{segment.text}" for segment in table.render_line(y))
        for y in range(table.size.height)
    ]


async def fresh_drawing(rows: int, cursor: int, focused: bool) -> list[str]:
    """The same table built from scratch with `rows` rows and the cursor on `cursor`."""
    app = OneTable()
    async with app.run_test(size=(60, 14)) as pilot:
        table = app.query_one(RowTable)
        for row in ROWS[5:rows]:
            table.add_row(*row, key=row[0])
        table.move_cursor(row=cursor, animate=False)
        if focused:
            table.focus()
        else:
            app.set_focus(None)
        await pilot.pause()
        return drawn(table)


async def test_lines_kept_across_saves_match_a_table_drawn_afresh():
    app = OneTable()
    async with app.run_test(size=(60, 14)) as pilot:
        table = app.query_one(RowTable)
        table.focus()
        await pilot.pause()
        first = drawn(table)
        assert first == await fresh_drawing(5, 0, focused=True)

        # A save: a row appended and the cursor moved onto it, twice over.
        for number, row in enumerate(ROWS[5:7], start=5):
            table.add_row(*row, key=row[0])
            table.move_cursor(row=number, animate=False)
            await pilot.pause()
            assert drawn(table) == await fresh_drawing(number + 1, number, focused=True)

        moved = drawn(table)
        assert moved[1] != first[1], "the row the cursor left is drawn without it"
        assert "Q7" in moved[7] and "Q7" not in "".join(first)

        # Back to the top with Home, and the focus elsewhere: still as drawn afresh.
        await pilot.press("home")
        assert drawn(table) == await fresh_drawing(7, 0, focused=True)
        app.set_focus(None)
        await pilot.pause()
        assert drawn(table) == await fresh_drawing(7, 0, focused=False)
