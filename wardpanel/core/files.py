"""Putting a finished file on disk: whole or not at all, private, and never over what it must not.

One helper for every file wardpanel writes that holds residents' names: the Word
documents, meeting-file dumps and database backups.

- **Whole or not at all.** The bytes go to a hidden temporary file in the destination
  folder, are flushed to the disk, and only then take the file's name: a full disk, a
  killed process or a power cut leaves either the earlier file untouched or the new one
  complete, and no half-written file behind.
- **Never over an earlier file unasked.** Without `force` the final step is a hard
  link, which the file system refuses atomically when the name is taken, so two
  exports started at once never overwrite each other.
- **Only files.** A name that is a device, a pipe or a socket is never replaced, even
  with `force` and even as root (`-o /dev/null --force` would otherwise replace the
  device node with a document). A symbolic link is replaced itself, never followed.
- **Owner-only.** Every file is created readable and writable by its owner only
  (0600), whatever the umask, like the database; a folder created for it (exports/,
  backups/) is owner-only too.
- **One set of messages**, each naming the path, with one exit status for each kind of
  fault: 2 when the user can put it right (the name is taken, a folder is missing or
  read-only, the name is a folder or a device, the name is too long), 1 otherwise (the
  disk is full, anything else).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from wardpanel.core.errors import OTHER_FAILURE, USER_FAULT, WardpanelError
from wardpanel.core.textclean import excerpt

MAX_NUMBERED = 999
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
# How much of a path a message shows: enough to recognise it, never a screenful.
SHOWN_PATH = 160

_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


class WriteError(WardpanelError):
    """A file could not be written; the message names the path and says why.

    `status` is the exit status a command should end with: 2 when the user can fix it
    (the file exists, the folder they named is missing or read-only), 1 otherwise.
    """


# The name the exporting code and its callers know it by.
ExportError = WriteError

# Fills a temporary file (created owner-only) with the content to be written.
Filler = Callable[[Path], None]


class _NameTaken(Exception):
    pass


def shown_path(path: Path | str) -> str:
    """A path as a message shows it: every character printable, a long one cut short."""
    return excerpt(str(path), SHOWN_PATH)


def check_destination(path: Path, *, force: bool, what: str = "") -> None:
    """Refuse early, before a document is built, a path that cannot be written."""
    path = Path(path)
    _refuse_unwritable_name(path, force=force, what=what)
    parent = path.parent
    try:
        if parent.exists() and not parent.is_dir():
            raise WriteError(
                f"cannot write {_named(path, what)}: {shown_path(parent)} is a file, not a folder",
                USER_FAULT,
            )
        if not parent.exists():
            raise WriteError(
                f"cannot write {_named(path, what)}: the folder {shown_path(parent)} does not "
                "exist",
                USER_FAULT,
            )
    except OSError as error:
        raise explain(error, path, what) from None


def write_atomically(path: Path, data: bytes, *, force: bool, what: str = "") -> Path:
    """Write `data` to `path` all at once; an existing file is replaced only with `force`.

    Raises WriteError (naming the path) when the folder is missing or read-only, the
    disk is full, the name is a folder or a device, or the file exists and `force` is
    false; nothing is changed then.
    """
    return place_file(Path(path), _bytes_filler(data), force=force, what=what)


def write_numbered(path: Path, data: bytes, *, what: str = "") -> Path:
    """Write `data` under `path`, or `name-2.ext`, `name-3.ext`... when that name is taken.

    Returns the path actually written. Used for default destinations, where the user
    named no file and an earlier one must never be replaced.
    """
    return place_numbered(Path(path), _bytes_filler(data), what=what)


def place_file(path: Path, fill: Filler, *, force: bool, what: str = "") -> Path:
    """Write a file by `fill`ing a private temporary file beside `path`, then give it
    `path`'s name (replacing an existing regular file only with `force`)."""
    _refuse_unwritable_name(path, force=force, what=what)
    temp = _filled_temporary(path, fill, what)
    try:
        if force:
            _refuse_unwritable_name(path, force=True, what=what)
            os.replace(temp, path)
        else:
            _place_without_replacing(temp, path)
    except _NameTaken:
        raise _exists(path, what) from None
    except OSError as error:
        raise explain(error, path, what) from None
    finally:
        _remove_quietly(temp)
    _sync_folder(path.parent)
    return path


def place_numbered(path: Path, fill: Filler, *, what: str = "") -> Path:
    """`place_file` under `path` or the first free `name-N.ext`, never replacing a file."""
    temp = _filled_temporary(path, fill, what)
    try:
        for number in range(1, MAX_NUMBERED + 1):
            candidate = path if number == 1 else numbered(path, number)
            try:
                _place_without_replacing(temp, candidate)
            except _NameTaken:
                continue
            except OSError as error:
                raise explain(error, candidate, what) from None
            _sync_folder(path.parent)
            return candidate
    finally:
        _remove_quietly(temp)
    raise WriteError(
        f"cannot write {_named(path, what)}: {MAX_NUMBERED} files of that name already exist "
        f"in {shown_path(path.parent)}; move some away or give a file name",
        USER_FAULT,
    )


def make_private_folder(folder: Path, what: str = "") -> bool:
    """Create `folder` (and its parents) owner-only if missing; True if it was created.

    Raises WriteError naming the folder when it cannot be made.
    """
    folder = Path(folder)
    if folder.is_dir():
        return False
    try:
        folder.mkdir(mode=PRIVATE_FOLDER, parents=True)
    except FileExistsError:
        if folder.is_dir():
            return False
        raise WriteError(
            f"cannot create the folder {shown_path(folder)}: a file has that name", USER_FAULT
        ) from None
    except OSError as error:
        raise explain(error, folder / (what or "file"), what) from None
    return True


def remove_empty_folder(folder: Path) -> None:
    """Take away a folder made for a file that was then not written (if still empty)."""
    with contextlib.suppress(OSError):
        folder.rmdir()


def numbered(path: Path, number: int) -> Path:
    """`name-N.ext` beside `path`."""
    return path.with_name(f"{path.stem}-{number}{path.suffix}")


def _bytes_filler(data: bytes) -> Filler:
    def fill(temp: Path) -> None:
        with open(temp, "wb") as handle:
            handle.write(data)

    return fill


def _refuse_unwritable_name(path: Path, *, force: bool, what: str) -> None:
    """A name held by a folder, a device, a pipe or a socket is refused; one held by a
    file (or a link) only without `force`."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as error:
        if error.errno in (errno.ENOTDIR, errno.ENAMETOOLONG, errno.ELOOP):
            raise explain(error, path, what) from None
        return  # unreadable: the write itself will say why
    if stat.S_ISDIR(info.st_mode) or (stat.S_ISLNK(info.st_mode) and path.is_dir()):
        raise WriteError(f"{shown_path(path)} is a folder: give a file name", USER_FAULT)
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
        raise WriteError(
            f"{shown_path(path)} is not a regular file (a device, a pipe or a socket): "
            "give the name of a file",
            USER_FAULT,
        )
    if not force:
        raise _exists(path, what)


def _filled_temporary(path: Path, fill: Filler, what: str) -> Path:
    """A new hidden owner-only file beside `path`, filled and flushed to the disk."""
    temp = path.with_name(f".{path.name[:200]}.{secrets.token_hex(4)}.tmp")
    try:
        # O_EXCL: a fresh file of ours, never one planted under this name. The mode is
        # set again afterwards, as the umask may have narrowed it but never widens it.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        os.close(fd)
    except OSError as error:
        raise explain(error, path, what) from None
    try:
        fill(temp)
        with open(temp, "rb+") as handle:
            os.fchmod(handle.fileno(), PRIVATE_FILE)
            os.fsync(handle.fileno())
    except OSError as error:
        _remove_quietly(temp)
        raise explain(error, path, what) from None
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
        # Some file systems (FAT on a memory stick, some network shares) have no hard links.
        if error.errno not in _NO_HARD_LINKS:
            raise
        if os.path.lexists(path):
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


def _named(path: Path, what: str) -> str:
    return f"{what} {shown_path(path)}" if what else shown_path(path)


def _exists(path: Path, what: str) -> WriteError:
    return WriteError(f"{_named(path, what)} already exists: use --force to replace it", USER_FAULT)


def explain(error: OSError, path: Path, what: str = "") -> WriteError:
    """A plain, one-line reason for a failed write that a clerk can act on, with the exit
    status to use."""
    parent = shown_path(Path(path).parent)
    code = error.errno
    reason = error.strerror or type(error).__name__
    target = f"cannot write {_named(path, what)}"
    if code == errno.ENOENT:
        return WriteError(f"{target}: the folder {parent} does not exist", USER_FAULT)
    if code in (errno.ENOTDIR, errno.EEXIST):
        return WriteError(f"{target}: part of that path is a file, not a folder", USER_FAULT)
    if code == errno.EISDIR:
        return WriteError(f"{shown_path(path)} is a folder: give a file name", USER_FAULT)
    if code in _READ_ONLY:
        return WriteError(
            f"{target}: the folder {parent} is read-only or not yours ({reason})", USER_FAULT
        )
    if code in _DISK_FULL:
        return WriteError(f"{target}: the disk is full, no room in {parent} ({reason})")
    if code == errno.EFBIG:
        # A quota or a limit on file size set for this account, or a small file system.
        return WriteError(f"{target}: the file is larger than {parent} allows ({reason})")
    if code == errno.ENAMETOOLONG:
        return WriteError(f"{target}: the file name is too long", USER_FAULT)
    if code == errno.ELOOP:
        return WriteError(f"{target}: too many symbolic links in that path", USER_FAULT)
    return WriteError(f"{target}: {reason}", OTHER_FAILURE)
