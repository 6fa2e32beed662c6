"""What a form says when a save does not go through: the words, kept apart from the
form's mechanics so each reads whole."""

from __future__ import annotations

ITEM_GONE = (
    "Not saved: this item no longer exists. It was deleted, or its person's records "
    "erased, since this form was opened. Your text is still here; esc keeps it as a draft."
)


def changed_elsewhere(clashing: str) -> str:
    """The fields (`clashing`, quoted labels) changed by someone else while the form was
    open, and what the chair can do."""
    return (
        f"Not saved: while this form was open, {clashing} changed elsewhere too (another "
        "user's edit, or a person's records erased). Fields you had not changed now show "
        "what is stored; what you typed is kept. ctrl+s saves your version over the "
        "other; esc keeps it as a draft."
    )


def not_saved(reason: str, *, kept: bool, unsure: bool, copy: str, retry: bool) -> str:
    """The database did not take the save: why, and where the typed text is (a draft,
    a copy in a file, or only the open form). `unsure`: a server lost while committing
    cannot say whether it saved, and its reason says so."""
    verdict = "" if unsure else "Not saved. "
    if kept:
        return f"{verdict}{reason} Your text is kept as a draft; ctrl+s tries again."
    where = f", and copied to {copy}" if copy else ": keep this form open"
    again = "; ctrl+s tries again" if retry else ""
    return f"{verdict}{reason} Your text is still here{where}{again}."
