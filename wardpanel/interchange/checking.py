"""Reading one value of a parsed meeting file, strictly, or refusing it by its key path.

Dates only as YYYY-MM-DD, times only as HH:MM, enumerations spelled exactly, numbers
only where numbers belong, no unknown keys and no key twice in one object. Text is
cleaned the way the app cleans what a chair types (wardpanel.core.fields). Optional
values may be `null`, absent or blank text, which all mean "none".

Each reader takes the object holding the key, so that `null` and absent are one, and
the path of that object, so that a refusal names the key: `actions[3].due`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, NoReturn

from wardpanel.core.errors import InputError
from wardpanel.core.fields import figure_value, line, long_text
from wardpanel.interchange.format import (
    InterchangeError,
    JsonConstant,
    JsonNumber,
    Keys,
    child,
    printable,
    show,
)

# ASCII digits only, and the whole value: `\d` would take other scripts' digits, and `$`
# a final newline, letting "19:00\n" or "１９:００" into a field that promises HH:MM.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"([0-9]{2}):([0-9]{2})")


class Checker:
    """Reads the values of one parsed file of a given version, refusing at the first fault."""

    def __init__(self, label: str, version: int = 1) -> None:
        self.label = label
        self.version = version

    def refuse(self, path: str, problem: str) -> NoReturn:
        where = f"{path}: " if path else ""
        raise InterchangeError(f"{self.label}: {where}{problem}", file=self.label, key=path)

    # -- objects and lists --

    def obj(self, value: Any, path: str, keys: Keys) -> dict[str, Any]:
        """An object holding only the keys this file's version allows."""
        if not isinstance(value, dict):
            self.refuse(path, f"{show(value)} should be an object {{...}}")
        repeated = getattr(value, "repeated", None)
        if repeated is not None:
            self.refuse(child(path, repeated), "this key appears twice in the same object")
        allowed = keys.of(self.version)
        for key in value:
            if key in allowed:
                continue
            where = child(path, printable(key))
            if key in keys.added:
                self.refuse(
                    where,
                    f'is a version 2 key, but this file says "version": {self.version} '
                    '(write "version": 2 to use it)',
                )
            self.refuse(where, f"unknown key (expected one of: {', '.join(allowed)})")
        return value

    def section(self, holder: dict[str, Any], key: str, path: str, keys: Keys) -> dict[str, Any]:
        """An object inside another, such as `panel`; absent or null reads as empty."""
        value = holder.get(key)
        return {} if value is None else self.obj(value, child(path, key), keys)

    def items(self, holder: dict[str, Any], key: str, path: str) -> list[tuple[str, Any]]:
        """A list's entries with their paths; an absent or null list is empty."""
        where = child(path, key)
        value = holder.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.refuse(where, f"{show(value)} should be a list [...]")
        return [(f"{where}[{position}]", item) for position, item in enumerate(value, start=1)]

    # -- text --

    def _raw_text(self, holder: dict[str, Any], key: str, path: str, required: bool) -> Any:
        value = holder.get(key)
        if value is None:
            if required:
                self.refuse(child(path, key), "is required but missing")
            return None
        if not isinstance(value, str):
            self.refuse(child(path, key), f"{show(value)} should be text in quotes")
        return value

    def _token(self, holder: dict[str, Any], key: str, path: str, required: bool) -> str | None:
        """A date, time or enumeration value: blank text counts as absent."""
        value = self._raw_text(holder, key, path, required)
        if value is not None and not value.strip():
            if required:
                self.refuse(child(path, key), f"{show(value)} cannot be empty")
            return None
        return value

    def _read(
        self, reader: Callable[..., Any], value: Any, where: str, required: bool, shown: Any = None
    ) -> Any:
        """`value` read by one of wardpanel.core.fields' readers; its refusal quotes
        `shown` (the value as the file wrote it) or the value itself."""
        try:
            return reader(value, where, required=required)
        except InputError as error:
            self.refuse(where, f"{show(value if shown is None else shown)} {error.message}")

    def line(self, holder: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
        value = self._raw_text(holder, key, path, required)
        return self._read(line, value, child(path, key), required)

    def text(self, holder: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
        value = self._raw_text(holder, key, path, required)
        return self._read(long_text, value, child(path, key), required)

    # -- dates, times, choices, flags, numbers --

    def date(
        self, holder: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> dt.date | None:
        value = self._token(holder, key, path, required)
        if value is None:
            return None
        where = child(path, key)
        if not _DATE.fullmatch(value):
            self.refuse(where, f"{show(value)} is not a date in YYYY-MM-DD form")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.refuse(where, f"{show(value)} is not a real date")

    def time(self, holder: dict[str, Any], key: str, path: str) -> str:
        value = self._token(holder, key, path, False)
        if value is None:
            return ""
        match = _TIME.fullmatch(value)
        where = child(path, key)
        if not match:
            self.refuse(where, f"{show(value)} is not a time in HH:MM form, e.g. 19:00")
        if int(match[1]) > 23 or int(match[2]) > 59:
            self.refuse(where, f"{show(value)} is not a real time")
        return value

    def choice(
        self, holder: dict[str, Any], key: str, path: str, allowed: tuple[str, ...]
    ) -> str | None:
        value = self._token(holder, key, path, False)
        if value is None:
            return None
        if value not in allowed:
            self.refuse(child(path, key), f"{show(value)} is not one of {', '.join(allowed)}")
        return value

    def maybe_flag(self, holder: dict[str, Any], key: str, path: str) -> bool | None:
        """true, false, or None when the file does not say."""
        value = holder.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.refuse(child(path, key), f"{show(value)} should be true or false")
        return value

    def flag(self, holder: dict[str, Any], key: str, path: str) -> bool:
        return bool(self.maybe_flag(holder, key, path))

    def position(
        self, holder: dict[str, Any], key: str, path: str, what: tuple[str, str], count: int
    ) -> int | None:
        """A 1-based position in one of this file's lists; `what` names its entries, one
        and several: ("question", "questions")."""
        one, several = what
        value = holder.get(key)
        if value is None:
            return None
        where = child(path, key)
        if type(value) is not int:
            self.refuse(where, f"{show(value)} should be a {one}'s position in this file, from 1")
        if not 1 <= value <= count:
            self.refuse(
                where,
                f"{value} is not a {one} in this file "
                f"({several} count from 1; the file has {count})",
            )
        return value

    def figure(
        self, holder: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> str | None:
        """A JSON number, whole or decimal, as wardpanel.core.fields stores a figure."""
        value = holder.get(key)
        where = child(path, key)
        if value is None:
            if required:
                self.refuse(where, "is required but missing")
            return None
        if isinstance(value, JsonConstant):
            self.refuse(where, f"{value.name} is not a number a figure can be: write the number")
        if isinstance(value, bool):
            self.refuse(where, f"{show(value)} should be a number such as 43 or 38.5")
        if isinstance(value, str):
            self.refuse(where, f"{show(value)} should be a number without quotes, e.g. 43 or 38.5")
        if isinstance(value, JsonNumber):
            literal = value.literal
        elif isinstance(value, int):
            literal = str(value)
        else:
            self.refuse(where, f"{show(value)} should be a number such as 43 or 38.5")
        return self._read(figure_value, literal, where, required, shown=value)
