"""People and organisations, put right: rename, alias, merge, delete when unused.

Two lists (people; organisations with their aliases and counts), the keys below each,
and a form for what each change needs. Every change is one transaction, recorded
(services.identity), and the lists are read again after it.

    People (1)         e rename   m merge into another   d delete (only when nothing names them)
    Organisations (2)  l add an alias   e rename   m merge into another   d delete
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from wardpanel import services
from wardpanel.app.common.confirm import ConfirmScreen
from wardpanel.app.common.form import Field, FormScreen
from wardpanel.app.common.keybar import KeyBar
from wardpanel.core.words import plural
from wardpanel.queries.directory import (
    OrganisationListed,
    PersonListed,
    organisation_directory,
    people_directory,
)


class PeopleScreen(Screen[None]):
    """Everyone and every organisation the record knows, to be put right."""

    CSS_PATH = "../actions/actions.tcss"
    BINDINGS = [
        Binding("e", "rename", "Rename"),
        Binding("m", "merge", "Merge into…"),
        Binding("l", "alias", "Add an alias"),
        Binding("d", "delete", "Delete"),
        Binding("1", "tab('people')", "People", show=False),
        Binding("2", "tab('organisations')", "Organisations", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.people: list[PersonListed] = []
        self.organisations: list[OrganisationListed] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="people-count")
        with TabbedContent(id="people-tabs"):
            with TabPane("People", id="people"):
                yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Organisations", id="organisations"):
                yield DataTable(id="organisations-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "People and organisations"
        people = self.query_one("#people-table", DataTable)
        # Widths that fit 80 columns; longer names are cut, the whole row is in the forms.
        for label, width in (("Id", 4), ("Name", 24), ("Role", 12), ("Organisation", 20)):
            people.add_column(label, width=width)
        people.add_column("Meetings", width=8)
        orgs = self.query_one("#organisations-table", DataTable)
        for label, width in (("Name", 22), ("Kind", 7), ("Also known as", 16)):
            orgs.add_column(label, width=width)
        for label in ("People", "Answers", "Actions"):
            orgs.add_column(label, width=7)
        self.reload()
        people.focus()

    def reload(self, keep: str | None = None) -> None:
        """Read both lists again; the cursor stays on `keep` (a row key) when it is there."""
        self.people = people_directory()
        self.organisations = organisation_directory()
        people = self.query_one("#people-table", DataTable)
        people.clear()
        for p in self.people:
            name = p.name or f"{p.role} (post)"
            people.add_row(
                str(p.id),
                name,
                p.role if p.name else "",
                p.organisation,
                str(p.meetings),
                key=f"p{p.id}",
            )
        orgs = self.query_one("#organisations-table", DataTable)
        orgs.clear()
        for o in self.organisations:
            orgs.add_row(
                o.name,
                o.kind,
                ", ".join(o.aliases),
                str(o.people),
                str(o.responses),
                str(o.actions),
                key=f"o{o.id}",
            )
        self.query_one("#people-count", Static).update(
            f"{plural(len(self.people), 'person', 'people')} · "
            f"{plural(len(self.organisations), 'organisation')}"
        )
        for table in (people, orgs):
            if keep is not None and keep in table.rows:
                table.move_cursor(row=table.get_row_index(keep))

    # -- what is selected ----------------------------------------------------------------

    def _on_people(self) -> bool:
        return self.query_one(TabbedContent).active == "people"

    def _person(self) -> PersonListed | None:
        table = self.query_one("#people-table", DataTable)
        if not self.people or table.cursor_row < 0:
            return None
        return self.people[min(table.cursor_row, len(self.people) - 1)]

    def _organisation(self) -> OrganisationListed | None:
        table = self.query_one("#organisations-table", DataTable)
        if not self.organisations or table.cursor_row < 0:
            return None
        return self.organisations[min(table.cursor_row, len(self.organisations) - 1)]

    def _after(self, message: str, keep: str | None) -> None:
        self.reload(keep)
        self.notify(message, timeout=4)

    # -- the changes ------------------------------------------------------------------------

    def action_rename(self) -> None:
        if self._on_people():
            person = self._person()
            if person is None:
                return
            fields = [Field("name", "Name", required=True), Field("role", "Role or rank")]

            def save_person(v: dict[str, Any], _draft: str | None) -> Any:
                return services.rename_person(person.id, v["name"], v["role"])

            self.app.push_screen(
                FormScreen(
                    f"Rename #{person.id}",
                    fields,
                    {"name": person.name, "role": person.role},
                    save=save_person,
                    intro="Corrected everywhere the person appears; the change is recorded.",
                ),
                lambda done: done and self._after(f"Renamed {done.name}", f"p{person.id}"),
            )
            return
        organisation = self._organisation()
        if organisation is None:
            return

        def save_organisation(v: dict[str, Any], _draft: str | None) -> Any:
            return services.rename_organisation(organisation.name, v["name"])

        self.app.push_screen(
            FormScreen(
                f"Rename {organisation.name}",
                [Field("name", "Name", required=True)],
                {"name": organisation.name},
                save=save_organisation,
                intro="The old name stays as an alias, so typing it still finds it.",
            ),
            lambda done: done and self._after(f"Renamed {done.name}", f"o{organisation.id}"),
        )

    def action_merge(self) -> None:
        if self._on_people():
            person = self._person()
            if person is None:
                return
            others = [f"{p.id} {p.name}" for p in self.people if p.id != person.id and p.name]

            def save_person(v: dict[str, Any], _draft: str | None) -> Any:
                target = v["into"].strip().split(" ", 1)[0]
                if not target.isdigit():
                    raise services.InputError("into", "give the id of the person to keep")
                return services.merge_people(person.id, int(target))

            self.app.push_screen(
                FormScreen(
                    f"Merge #{person.id} {person.name or person.role} into…",
                    [Field("into", "The person to keep (id)", required=True, suggestions=others)],
                    save=save_person,
                    intro="Everything that names this person moves to the one kept; "
                    "this record is then deleted. The merge is recorded.",
                ),
                lambda kept: kept and self._after(f"Merged into #{kept.id}", f"p{kept.id}"),
            )
            return
        organisation = self._organisation()
        if organisation is None:
            return
        names = [o.name for o in self.organisations if o.id != organisation.id]

        def save_organisation(v: dict[str, Any], _draft: str | None) -> Any:
            return services.merge_organisations(organisation.name, v["into"])

        self.app.push_screen(
            FormScreen(
                f"Merge {organisation.name} into…",
                [Field("into", "The organisation to keep", required=True, suggestions=names)],
                save=save_organisation,
                intro="Its people, responses and actions move; its name becomes an alias.",
            ),
            lambda kept: kept and self._after(f"Merged into {kept.name}", f"o{kept.id}"),
        )

    def action_alias(self) -> None:
        if self._on_people():
            self.notify("Aliases are for organisations: press 2 for the Organisations tab.")
            return
        organisation = self._organisation()
        if organisation is None:
            return

        def save(v: dict[str, Any], _draft: str | None) -> Any:
            return services.add_organisation_alias(organisation.name, v["alias"])

        self.app.push_screen(
            FormScreen(
                f"Another name for {organisation.name}",
                [Field("alias", "Alias (e.g. Met, the council)", required=True)],
                save=save,
                intro="Typed anywhere a name is typed, the alias finds this organisation.",
            ),
            lambda made: (
                made
                and self._after(
                    f"'{made.alias}' now means {organisation.name}", f"o{organisation.id}"
                )
            ),
        )

    def action_delete(self) -> None:
        if self._on_people():
            person = self._person()
            if person is None:
                return
            what, remove = (
                f"#{person.id} {person.name or person.role}",
                (lambda: services.delete_person(person.id)),
            )
        else:
            organisation = self._organisation()
            if organisation is None:
                return
            what, remove = (
                organisation.name,
                (lambda: services.delete_organisation(organisation.name)),
            )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                remove()
            except services.InputError as error:
                self.notify(error.message, severity="error", timeout=6)
                return
            self._after(f"Deleted {what}", None)

        self.app.push_screen(
            ConfirmScreen(f"Delete {what}?", "Only what nothing in the record names."), answered
        )

    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        table_id = "#people-table" if event.pane.id == "people" else "#organisations-table"
        self.query_one(table_id, DataTable).focus()
