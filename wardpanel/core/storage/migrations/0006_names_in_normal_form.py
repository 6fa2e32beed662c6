"""Names stored before they were normalised are put in their normal form.

Until now a name was stored as typed or pasted, so "Jo Bright" and "Jo Bright" followed
by an invisible mark (U+200E, U+200B, U+FEFF, a soft hyphen...) were two people, and
`wardpanel forget "Jo Bright"` left the second behind for the minutes to print. Names
are now stored in their normal form (wardpanel.core.people.normal_name): NFKC, Unicode
format characters removed, one space between words, the curly apostrophe straight.
Here the names already stored are brought to it: people's, organisations', panels' and
meetings' chairs, and the names the search index holds for people.

Two organisations or panels whose names become the same are both left as they were
(their names must stay unique); merging them is the user's decision.

The normal form is frozen here as it was written when this migration was made, so that
the migration means the same whatever the application's code later becomes (see 0001).
"""

import unicodedata


def _normal(text):
    if not text:
        return text
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")
    return " ".join(visible.replace("\u2019", "'").split())


def _changes(db, table, column="name"):
    """(id, stored, normal) for every row whose value is not in its normal form."""
    rows = db.execute_sql(f'SELECT id, "{column}" FROM "{table}"').fetchall()
    return [(row_id, value, _normal(value)) for row_id, value in rows if value != _normal(value)]


def _rename(db, table, changes, *, unique):
    taken = set()
    if unique:
        taken = {value.casefold() for _, value in db.execute_sql(f'SELECT id, name FROM "{table}"')}
    done = []
    for row_id, stored, normal in changes:
        if unique and normal.casefold() in taken and normal.casefold() != stored.casefold():
            continue  # another row already has that name: left for the user to merge
        db.execute_sql(
            f'UPDATE "{table}" SET name = {db.param} WHERE id = {db.param}', (normal, row_id)
        )
        taken.add(normal.casefold())
        done.append((stored, normal))
    return done


def up(migrator, db):
    renamed = _rename(db, "person", _changes(db, "person"), unique=False)
    _rename(db, "organisation", _changes(db, "organisation"), unique=True)
    _rename(db, "panel", _changes(db, "panel"), unique=True)
    for row_id, _, normal in _changes(db, "meeting", "chair"):
        db.execute_sql(
            f"UPDATE meeting SET chair = {db.param} WHERE id = {db.param}", (normal, row_id)
        )
    # The index holds each item's person's name as it was stored.
    for stored, normal in dict.fromkeys(renamed):
        db.execute_sql(
            f"UPDATE search_entry SET names = {db.param} WHERE names = {db.param}", (normal, stored)
        )


def down(migrator, db):
    # A name in its normal form is a valid name for every earlier version: nothing to
    # undo, and the invisible characters taken out are not worth putting back.
    pass
