"""Loading a meeting file's JSON, from a regular file of bounded size only.

A clerk's script may hand `wardpanel import` anything: a FIFO nobody writes to, a
device such as /dev/zero or /dev/urandom, a folder, a file that never stops growing.
None of them may make an import wait or read forever. So the path is opened without
waiting (O_NONBLOCK: opening a FIFO does not wait for a writer), what was opened is
checked to be a regular file no larger than MAX_FILE_BYTES, and at most one byte more
than that is ever read. Anything else is refused with one line naming the file.

The JSON is read keeping what Python's reader would silently take or choke on: a key
twice in one object, numbers as written (decimals and very long ones are not turned
into floats or ints here) and NaN/Infinity, so that the checker names the key at fault.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any, NoReturn

from wardpanel.interchange.format import (
    LONGEST_NUMBER,
    MAX_FILE_BYTES,
    InterchangeError,
    JsonConstant,
    JsonNumber,
    printable,
)

_CHUNK = 1024 * 1024
# What each kind of file that is not a regular one is called in a refusal.
_NOT_A_FILE = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class _JsonObject(dict):  # type: ignore[type-arg]
    """A JSON object that remembers the first key it held twice, if any."""

    repeated: str | None = None


def _object_from_pairs(pairs: list[tuple[str, Any]]) -> _JsonObject:
    result = _JsonObject()
    for key, value in pairs:
        if key in result and result.repeated is None:
            result.repeated = key
        result[key] = value
    return result


def _integer(literal: str) -> int | JsonNumber:
    return int(literal) if len(literal) <= LONGEST_NUMBER else JsonNumber(literal)


def _size(count: int) -> str:
    """'64 MiB (67,108,864 bytes)', '1.5 MiB (1,572,864 bytes)'."""
    mib = count / 2**20
    # A file one byte over the limit reads "64.0 MiB", never "64 MiB", the limit itself.
    shown = f"{mib:,.0f}" if mib == int(mib) else f"{mib:,.1f}"
    return f"{shown} MiB ({count:,} bytes)"


def _what_it_is(mode: int) -> str | None:
    """What a file that is not a regular one is ('a folder', 'a device'...), else None."""
    for test, name in _NOT_A_FILE:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def read_file_bytes(path: Path, label: str) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES; InterchangeError otherwise."""

    def refuse(problem: str) -> NoReturn:
        raise InterchangeError(f"{label}: {problem}", file=label)

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        refuse("no such file")
    except IsADirectoryError:
        refuse("is a folder, not a meeting file")
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
            refuse("is a socket or a device, not a meeting file")
        refuse(f"cannot be read: {error.strerror or error}")
    try:
        status = os.fstat(descriptor)
        kind = _what_it_is(status.st_mode)
        if kind is not None:
            refuse(f"is {kind}, not a meeting file")
        if status.st_size > MAX_FILE_BYTES:
            refuse(
                f"is {_size(status.st_size)}; a meeting file may be at most {_size(MAX_FILE_BYTES)}"
            )
        chunks: list[bytes] = []
        taken = 0
        while taken <= MAX_FILE_BYTES:
            chunk = os.read(descriptor, min(_CHUNK, MAX_FILE_BYTES + 1 - taken))
            if not chunk:
                break
            chunks.append(chunk)
            taken += len(chunk)
        if taken > MAX_FILE_BYTES:  # it grew while being read
            refuse(
                f"grew past {_size(MAX_FILE_BYTES)} while it was read: "
                "import it once it is complete"
            )
    except OSError as error:
        refuse(f"cannot be read: {error.strerror or error}")
    finally:
        os.close(descriptor)
    return b"".join(chunks)


def load_json(path: Path) -> tuple[str, Any]:
    """The file's label (as messages name it) and its parsed JSON."""
    label = printable(str(path))

    def refuse(problem: str) -> NoReturn:
        raise InterchangeError(f"{label}: {problem}", file=label)

    raw = read_file_bytes(path, label)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        refuse(
            f"is not UTF-8 text (byte 0x{raw[error.start]:02x} at position {error.start}); "
            "save it as UTF-8"
        )
    try:
        data = json.loads(
            text,
            object_pairs_hook=_object_from_pairs,
            parse_constant=JsonConstant,
            parse_float=JsonNumber,
            parse_int=_integer,
        )
    except json.JSONDecodeError as error:
        refuse(f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}")
    except RecursionError:
        refuse("is not a meeting file: its JSON is nested too deeply")
    return label, data
