"""Putting a finished document on disk without ever leaving half a file behind.

The bytes go to a hidden temporary file in the destination folder, are flushed to the
disk, and only then take the document's name: a full disk, a killed process or a
power cut leaves either the earlier file untouched or the new one complete. Without
`force` the final step is a hard link, which the file system refuses atomically when
the name is taken, so two exports started at once never overwrite each other.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from wardpanel.core.errors import OTHER_FAILURE, USER_FAULT, WardpanelError

MAX_NUMBERED = 999

_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}


class ExportError(WardpanelError):
    """A document or file could not be written; the message names the path and says why.

    `status` is the exit status a command should end with: 2 when the user can fix it
    (the file exists, the folder they named is missing or read-only), 1 otherwise.
    """


class _NameTaken(Exception):
    pass


def check_destination(path: Path, *, force: bool) -> None:
    """Refuse early, before a document is built, a path that cannot be written."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give a file name", USER_FAULT)
    if path.exists() and not force:
        raise ExportError(f"{path} already exists: use --force to replace it", USER_FAULT)
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise ExportError(f"cannot write {path}: {parent} is a file, not a folder", USER_FAULT)
    if not parent.exists():
        raise ExportError(f"cannot write {path}: the folder {parent} does not exist", USER_FAULT)


def write_atomically(path: Path, data: bytes, *, force: bool) -> Path:
    """Write `data` to `path` all at once; an existing file is replaced only with `force`.

    Raises ExportError (naming the path) when the folder is missing or read-only, the
    disk is full, or the file exists and `force` is false; nothing is changed then.
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give a file name", USER_FAULT)
    temp = _write_temporary(path, data)
    try:
        if force:
            os.replace(temp, path)
        else:
            _place_without_replacing(temp, path)
    except _NameTaken:
        raise ExportError(f"{path} already exists: use --force to replace it", USER_FAULT) from None
    except OSError as error:
        raise _explain(error, path) from None
    finally:
        _remove_quietly(temp)
    _sync_folder(path.parent)
    return path


def write_numbered(path: Path, data: bytes) -> Path:
    """Write `data` under `path`, or `name-2.ext`, `name-3.ext`... when that name is taken.

    Returns the path actually written. Used for default destinations, where the user
    named no file and an earlier document must never be replaced.
    """
    path = Path(path)
    temp = _write_temporary(path, data)
    try:
        for number in range(1, MAX_NUMBERED + 1):
            candidate = path if number == 1 else _numbered(path, number)
            try:
                _place_without_replacing(temp, candidate)
            except _NameTaken:
                continue
            except OSError as error:
                raise _explain(error, candidate) from None
            _sync_folder(path.parent)
            return candidate
    finally:
        _remove_quietly(temp)
    raise ExportError(
        f"cannot write {path}: {MAX_NUMBERED} documents of that name already exist in "
        f"{path.parent}; move some away or give a file name with -o",
        USER_FAULT,
    )


def _numbered(path: Path, number: int) -> Path:
    return path.with_name(f"{path.stem}-{number}{path.suffix}")


def _write_temporary(path: Path, data: bytes) -> Path:
    """The bytes in a new hidden file beside `path`, flushed to the disk."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        # 0o666 lets the umask decide, as for any file the user creates.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as error:
        raise _explain(error, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        _remove_quietly(temp)
        raise _explain(error, path) from None
    except BaseException:
        _remove_quietly(temp)
        raise
    return temp


def _place_without_replacing(temp: Path, path: Path) -> None:
    """Give the finished temporary file its name, failing if the name is taken."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise _NameTaken from None
    except OSError as error:
        # Some file systems (FAT, some network shares) have no hard links.
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if path.exists():
            raise _NameTaken from None
        os.replace(temp, path)


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry so the new name survives a power cut (POSIX only)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _explain(error: OSError, path: Path) -> ExportError:
    """A plain, one-line reason a clerk can act on, with the exit status to use."""
    parent = path.parent
    code = error.errno
    reason = error.strerror or str(error)
    if code == errno.ENOENT:
        return ExportError(f"cannot write {path}: the folder {parent} does not exist", USER_FAULT)
    if code == errno.ENOTDIR:
        return ExportError(
            f"cannot write {path}: part of that path is a file, not a folder", USER_FAULT
        )
    if code == errno.EISDIR:
        return ExportError(f"{path} is a folder: give a file name", USER_FAULT)
    if code in _READ_ONLY:
        return ExportError(
            f"cannot write {path}: the folder {parent} is read-only or not yours ({reason})",
            USER_FAULT,
        )
    if code in _DISK_FULL:
        return ExportError(
            f"cannot write {path}: the disk is full, no room in {parent} ({reason})",
            OTHER_FAILURE,
        )
    if code == errno.EFBIG:
        # A quota or a limit on file size set for this account, or a small file system.
        return ExportError(
            f"cannot write {path}: the document is larger than {parent} allows ({reason})",
            OTHER_FAILURE,
        )
    if code == errno.ENAMETOOLONG:
        return ExportError(f"cannot write {path}: the file name is too long", USER_FAULT)
    return ExportError(f"cannot write {path}: {reason}", OTHER_FAILURE)
