"""Action references per panel: a panel's code, and the numbers it gives its actions.

How a reference reads ("HS-12") is wardpanel.core.words; here is how one is given,
always inside the transaction that writes the action (these functions never commit):

- A panel's code comes from its name's initials when it is made, unique among panels
  whatever the case; the clerk may change it. Changing it never changes a reference
  already given: references are stored with their actions.
- A panel counts its references in `panel.last_action_number`, which only goes up, so
  a number is never given twice, not even after its action was deleted. Raising it
  first thing locks the panel's row until the transaction ends (every write on SQLite,
  the panel's row on PostgreSQL), so two programs adding actions to one panel at once
  are given different numbers.
- A number whose reference the panel already holds (one imported, or given under a code
  the panel has since changed back to) is passed over.
"""

from __future__ import annotations

from collections.abc import Iterable

import peewee as pw

from wardpanel.core.errors import InputError
from wardpanel.core.models import Action, Meeting, Panel
from wardpanel.core.words import (
    number_in_ref,
    numbered_ref,
    panel_code,
    panel_code_problem,
    ref_key,
)


def new_panel_code(name: str) -> str:
    """The code a new panel called `name` takes: its initials, unique among panels."""
    return panel_code(name, _codes_taken())


def checked_panel_code(typed: str, panel_id: int | None = None) -> str:
    """A panel code as typed, in capitals; InputError (field "code") when it is empty,
    has other characters than letters and digits, or is another panel's."""
    code = ref_key(typed or "")
    problem = panel_code_problem(code)
    if problem:
        raise InputError("code", problem)
    holder = Panel.get_or_none((pw.fn.UPPER(Panel.code) == code) & (Panel.id != (panel_id or 0)))
    if holder is not None:
        raise InputError("code", f"'{code}' is already the code of {holder.name}")
    return code


def _codes_taken(but_not: int | None = None) -> set[str]:
    query = Panel.select(Panel.code).where(Panel.id != (but_not or 0))
    return {ref_key(code) for (code,) in query.tuples() if code}


def refs_held(panel_id: int, refs: Iterable[str] | None = None) -> set[str]:
    """The references (as `ref_key`) the panel's actions hold: all of them, or those of
    `refs` only."""
    query = (
        Action.select(Action.ref)
        .join(Meeting, on=Action.meeting == Meeting.id)
        .where(Meeting.panel == panel_id)
    )
    if refs is not None:
        keys = sorted({ref_key(ref) for ref in refs})
        if not keys:
            return set()
        # Every stored reference is in capitals (core.words.ref_key): the index answers.
        query = query.where(Action.ref.in_(keys))
    return {ref_key(ref) for (ref,) in query.tuples()}


def _lock(panel_id: int) -> tuple[str, int]:
    """Lock the panel's row for the rest of the transaction (a write to it: a second
    writer waits here until this transaction ends); its code and its count."""
    Panel.update(last_action_number=Panel.last_action_number).where(Panel.id == panel_id).execute()
    code, number = (
        Panel.select(Panel.code, Panel.last_action_number).where(Panel.id == panel_id).tuples()
    ).get()
    if not code:
        # A panel made without the services (an old script's insert): it gets its code now.
        name = Panel.get_by_id(panel_id).name
        code = panel_code(name, _codes_taken(but_not=panel_id))
        Panel.update(code=code).where(Panel.id == panel_id).execute()
    return code, number


def take_refs(panel_id: int, count: int = 1) -> list[str]:
    """The panel's next `count` references, for actions written in this transaction."""
    if count <= 0:
        return []
    code, last = _lock(panel_id)
    given: list[str] = []
    while len(given) < count:
        batch = [numbered_ref(code, last + n) for n in range(1, count - len(given) + 1)]
        held = refs_held(panel_id, batch)
        given.extend(ref for ref in batch if ref_key(ref) not in held)
        last += len(batch)
    Panel.update(last_action_number=last).where(Panel.id == panel_id).execute()
    return given


def take_ref(panel_id: int) -> str:
    """The panel's next reference, for one action written in this transaction."""
    return take_refs(panel_id, 1)[0]


def keep_refs(panel_id: int, refs: Iterable[str]) -> None:
    """References a file gave its actions are kept: the panel's count moves past any of
    them in its own code's form, so a number is never given twice."""
    code, last = _lock(panel_id)
    highest = max((n for n in (number_in_ref(ref, code) for ref in refs) if n), default=0)
    if highest > last:
        Panel.update(last_action_number=highest).where(Panel.id == panel_id).execute()
