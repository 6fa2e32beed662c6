"""Figures: the numbers reported at the meeting, each beside the previous period's and
with a small trend of its category across the panel's meetings."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from wardpanel import queries, services
from wardpanel.app.common.form import Field
from wardpanel.app.meeting.section import Row, Section, cell, plural
from wardpanel.core.dates import format_date
from wardpanel.core.models import Figure
from wardpanel.queries.figures import FigureRow, figures_of, panel_figures, trend

SPARKS = "▁▂▃▄▅▆▇█"
COMMON = ("Burglary", "Robbery", "Anti-social behaviour", "Vehicle crime", "Stop and search")


def sparkline(values: list) -> str:
    """Values as a row of bars, lowest to highest: '▁▃█'."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low
    if not span:
        return SPARKS[3] * len(values)
    return "".join(SPARKS[int((v - low) / span * (len(SPARKS) - 1))] for v in values)


def _typed(v: dict[str, Any]) -> tuple[Any, ...]:
    """The form's values in the order the figure services take them."""
    return (v["category"], v["value"], v["previous"] or None, v["period"], v["unit"], v["note"])


class FiguresSection(Section):
    title = "Figures"
    short_title = "Fig"
    columns = ("Category", "This period", "Previous", "Change", "Period")
    widths = (11, 11, 8, 16)
    empty_hint = "No figures yet: press a, or type  : fig Burglary 14 was 20"

    def load(self) -> list[Row]:
        rows = []
        for row in figures_of(self.meeting):
            key = str(row.id)
            self.items[key] = row
            unit = row.unit
            previous = f"{row.previous}{unit}" if row.previous is not None else ""
            change_style = "red" if row.change.startswith("+") else "green"
            rows.append(
                (
                    key,
                    (
                        cell(row.category, self.flex(), "bold"),
                        cell(f"{row.value}{unit}", 11),
                        cell(previous, 11, "dim" if row.previous_from else ""),
                        cell(f"{row.change}{unit}" if row.change else "", 8, change_style),
                        cell(row.period, self.fit(16)),
                    ),
                )
            )
        return rows

    def summary(self) -> str:
        return f"{plural(len(self.items), 'figure')} · previous from the panel's last meeting"

    def detail(self, key: str) -> Text:
        row: FigureRow = self.items[key]
        text = Text()
        text.append(f"{row.category}\n\n", "bold")
        text.append(f"This period: {row.value}{row.unit}")
        text.append(f"  ({row.period})\n" if row.period else "\n")
        if row.previous is not None:
            source = f" (from {format_date(row.previous_from)})" if row.previous_from else ""
            text.append(f"Previous: {row.previous}{row.unit}{source}, change {row.change}\n")
        if row.note:
            text.append(f"\n{row.note}\n")
        history = trend(panel_figures([self.meeting.panel_id]), row.category)
        if len(history) > 1:
            values = [value for _, value in history]
            text.append(f"\nAcross {len(history)} meetings: ", "dim")
            text.append(sparkline(values), "cyan")
            text.append(
                f"  {format_date(history[0][0])} {values[0]} → "
                f"{format_date(history[-1][0])} {values[-1]}",
                "dim",
            )
        return text

    def _form(self, title: str, values: dict[str, Any], save, draft_key: str, current=None):
        fields = [
            Field("category", "Category", required=True, suggestions=COMMON),
            Field("value", "This period (a number)", required=True, placeholder="e.g. 14"),
            Field(
                "previous",
                "Previous period",
                placeholder="blank: the panel's last meeting with this category",
            ),
            Field("period", "Period", placeholder="e.g. since the last meeting"),
            Field("unit", "Unit", placeholder="e.g. %"),
            Field("note", "Note", "text"),
        ]
        return self.form(title, fields, values, save, draft_key, current)

    def action_add(self) -> None:
        def save(v: dict[str, Any], draft_key: str | None) -> Any:
            return services.add_figure(self.meeting.id, *_typed(v))

        form = self._form("New figure", {}, save, f"meeting{self.meeting.id}:figures:add")
        self.app.push_screen(form, lambda f: f and self.saved(str(f.id), "Figure saved"))

    def action_edit(self) -> None:
        row: FigureRow | None = self.selected()
        if row is None:
            return

        def save(v: dict[str, Any], draft_key: str | None) -> Any:
            return services.update_figure(row.id, *_typed(v))

        def now() -> dict[str, Any] | None:
            fresh = queries.record_by_id(Figure, row.id)
            if fresh is None:
                return None
            return {
                "category": fresh.category,
                "value": fresh.value,
                "previous": fresh.previous or "",
                "period": fresh.period,
                "unit": fresh.unit,
                "note": fresh.note,
            }

        if (values := self.fresh(now)) is None:
            return
        form = self._form("Edit figure", values, save, f"figure{row.id}:edit", now)
        self.app.push_screen(form, lambda f: f and self.saved(str(f.id), "Figure saved"))

    def action_delete(self) -> None:
        row: FigureRow | None = self.selected()
        if row is None:
            return
        self.confirm_delete(
            f"Delete the figure '{row.category}'?",
            f"{row.value}{row.unit} {row.period}".strip(),
            lambda: services.delete_figure(row.id),
            "Figure deleted",
        )
