"""Action references per panel: a panel's code and a number, e.g. "HS-12".

Until now an action was printed as "A" and its id, numbered across the whole database,
so a borough server printed "A21" at a panel's first meeting. From here each panel
numbers its own actions from 1 under its code.

- `panel.last_action_number`: the number of the last reference the panel gave. It only
  ever goes up (a deleted action's number is never given again), and raising it is
  how two programs adding actions to one panel at once are kept from taking the same
  number: the row is locked until the first one's transaction ends.
- Every panel without a code gets one from its name's initials ("Hoe Street Ward
  Panel" -> "HS"), unique among panels ("HS2" for a second one); an index then keeps
  codes unique whatever their case, even between two programs making panels at once.
- Every action without a stored reference gets the one it was printed with, "A" and
  its id (0005 did this for the actions of its day; the ones added since had none
  stored and were printed so), so nothing printed before changes.

The initials rule is frozen here as it was when this migration was made (see 0001).
"""

import re
import unicodedata

from peewee import SQL, IntegerField

_SKIP = {"ward", "panel", "the", "and", "of", "for", "safer", "neighbourhood", "group"}


def _initials(name, taken):
    plain = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[A-Za-z0-9]+", plain) if w.lower() not in _SKIP]
    code = "".join(w[0] for w in words).upper()[:4] or "P"
    if not code[0].isalpha():
        code = f"P{code}"[:4]
    number = 2
    found = code
    while found in taken:
        found = f"{code}{number}"
        number += 1
    return found


def up(migrator, db):
    migrator.migrate(
        migrator.add_column(
            "panel",
            "last_action_number",
            IntegerField(default=0, constraints=[SQL("DEFAULT 0")]),
            allow_not_null=True,
        )
    )
    p = db.param
    panels = db.execute_sql("SELECT id, name, code FROM panel ORDER BY id").fetchall()
    taken = {code.upper() for _, _, code in panels if code}
    for panel_id, name, code in panels:
        if code:
            continue
        code = _initials(name, taken)
        taken.add(code)
        db.execute_sql(f"UPDATE panel SET code = {p} WHERE id = {p}", (code, panel_id))
    db.execute_sql("UPDATE action SET ref = 'A' || CAST(id AS VARCHAR(20)) WHERE ref = ''")
    db.execute_sql("CREATE UNIQUE INDEX panel_code_once ON panel (upper(code)) WHERE code <> ''")


def down(migrator, db):
    # The codes and references stay: "A" and an id is what an earlier version prints.
    db.execute_sql("DROP INDEX panel_code_once")
    migrator.migrate(migrator.drop_column("panel", "last_action_number"))
