"""Writing files: all at once or not at all, never over an earlier one unasked.

Tests run as root, for whom chmod does not make a folder read-only; failures are made
with a path under a regular file, a missing folder, or a failing system call.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from wardpanel.core import files
from wardpanel.core.files import (
    ExportError,
    check_destination,
    write_atomically,
    write_numbered,
)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_the_bytes_and_returns_the_path(tmp_path: Path) -> None:
    target = tmp_path / "minutes.docx"
    assert write_atomically(target, b"content", force=False) == target
    assert target.read_bytes() == b"content"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077, 0o277])
def test_new_files_are_the_owners_only_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    earlier = tmp_path / "b.docx"
    earlier.write_bytes(b"earlier")
    earlier.chmod(0o666)
    previous = os.umask(umask)
    try:
        write_atomically(tmp_path / "a.docx", b"x", force=False)
        write_numbered(tmp_path / "a.docx", b"y")
        write_atomically(earlier, b"replaced", force=True)
    finally:
        os.umask(previous)
    for name in ("a.docx", "a-2.docx", "b.docx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "minutes.docx"
    target.write_bytes(b"earlier")
    with pytest.raises(ExportError) as caught:
        write_atomically(target, b"new", force=False)
    assert caught.value.status == 2
    assert str(target) in str(caught.value)
    assert "--force" in str(caught.value)
    assert target.read_bytes() == b"earlier"
    assert leftovers(tmp_path) == []
    write_atomically(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "minutes.docx"
    with pytest.raises(ExportError) as caught:
        write_atomically(target, b"x", force=True)
    assert caught.value.status == 2
    assert "does not exist" in str(caught.value)
    assert str(target) in str(caught.value)


def test_a_path_under_a_regular_file_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder")
    with pytest.raises(ExportError) as caught:
        write_atomically(blocker / "minutes.docx", b"x", force=True)
    assert caught.value.status == 2
    assert "not a folder" in str(caught.value)
    assert blocker.read_text() == "a file, not a folder"
    assert leftovers(tmp_path) == []


def test_a_folder_is_not_a_file_name(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        write_atomically(tmp_path, b"x", force=True)
    assert caught.value.status == 2


def test_a_full_disk_leaves_the_earlier_document_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "minutes.docx"
    target.write_bytes(b"earlier")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(ExportError) as caught:
        write_atomically(target, b"new" * 1000, force=True)
    assert caught.value.status == 1
    assert "disk is full" in str(caught.value)
    assert str(target) in str(caught.value)
    assert target.read_bytes() == b"earlier"
    assert leftovers(tmp_path) == []


def test_a_read_only_folder_is_the_users_to_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "minutes.docx"
    target.write_bytes(b"earlier")
    real_open = os.open

    def refuse(path, flags, mode=0o777, *args, **kwargs):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, mode, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", refuse)
    with pytest.raises(ExportError) as caught:
        write_atomically(target, b"new", force=True)
    assert caught.value.status == 2
    assert "read-only" in str(caught.value)
    assert target.read_bytes() == b"earlier"


def test_a_failed_rename_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "minutes.docx"
    target.write_bytes(b"earlier")

    def refuse(source, destination):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(ExportError) as caught:
        write_atomically(target, b"new", force=True)
    assert caught.value.status == 1
    assert "Input/output error" in str(caught.value)
    assert target.read_bytes() == b"earlier"
    assert leftovers(tmp_path) == []


def test_interrupted_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "minutes.docx", b"new", force=False)
    assert list(tmp_path.iterdir()) == []


def test_file_systems_without_hard_links_still_never_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source, destination):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    target = tmp_path / "minutes.docx"
    write_atomically(target, b"first", force=False)
    assert target.read_bytes() == b"first"
    with pytest.raises(ExportError):
        write_atomically(target, b"second", force=False)
    assert target.read_bytes() == b"first"
    assert write_numbered(target, b"third").name == "minutes-2.docx"
    assert leftovers(tmp_path) == []


def test_numbered_names_never_replace_earlier_documents(tmp_path: Path) -> None:
    base = tmp_path / "2026-04-10-hoe-street-ward-panel-minutes.docx"
    written = [write_numbered(base, f"v{n}".encode()) for n in range(1, 4)]
    assert [p.name for p in written] == [
        "2026-04-10-hoe-street-ward-panel-minutes.docx",
        "2026-04-10-hoe-street-ward-panel-minutes-2.docx",
        "2026-04-10-hoe-street-ward-panel-minutes-3.docx",
    ]
    assert [p.read_bytes() for p in written] == [b"v1", b"v2", b"v3"]
    assert leftovers(tmp_path) == []


def test_check_destination_refuses_early(tmp_path: Path) -> None:
    existing = tmp_path / "there.docx"
    existing.write_bytes(b"x")
    with pytest.raises(ExportError):
        check_destination(existing, force=False)
    check_destination(existing, force=True)
    check_destination(tmp_path / "new.docx", force=False)
    for bad in (tmp_path / "missing" / "a.docx", existing / "a.docx", tmp_path):
        with pytest.raises(ExportError) as caught:
            check_destination(bad, force=True)
        assert caught.value.status == 2


# -- only regular files, and paths told safely ------------------------------------------


def _device_node(folder: Path) -> Path:
    """A character device like /dev/null, made in a temporary folder (needs root)."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    node = folder / "null"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    return node


def test_a_device_node_is_never_replaced_even_with_force(tmp_path: Path) -> None:
    node = _device_node(tmp_path)
    for write in (
        lambda: write_atomically(node, b"minutes", force=True),
        lambda: write_atomically(node, b"minutes", force=False),
        lambda: check_destination(node, force=True),
    ):
        with pytest.raises(ExportError) as caught:
            write()
        assert caught.value.status == 2
        assert "not a regular file" in str(caught.value)
        assert stat.S_ISCHR(node.lstat().st_mode)
    assert leftovers(tmp_path) == []


def test_a_pipe_is_never_replaced_or_written_into(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(ExportError, match="not a regular file"):
        write_atomically(pipe, b"minutes", force=True)
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_a_link_is_replaced_itself_never_what_it_points_to(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"someone else's file")
    link = tmp_path / "minutes.docx"
    link.symlink_to(elsewhere)
    with pytest.raises(ExportError, match="already exists"):
        write_atomically(link, b"minutes", force=False)
    write_atomically(link, b"minutes", force=True)
    assert not link.is_symlink() and link.read_bytes() == b"minutes"
    assert elsewhere.read_bytes() == b"someone else's file"


def test_an_over_long_name_is_refused_in_one_short_line(tmp_path: Path) -> None:
    target = tmp_path / ("m" * 5000 + ".docx")
    for write in (
        lambda: write_atomically(target, b"x", force=True),
        lambda: check_destination(target, force=False),
    ):
        with pytest.raises(ExportError) as caught:
            write()
        assert caught.value.status == 2
        assert "too long" in str(caught.value)
        assert len(str(caught.value)) < 400


def test_a_path_with_an_escape_sequence_is_shown_harmlessly(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "\x1b]0;owned\x07.docx"
    with pytest.raises(ExportError) as caught:
        write_atomically(target, b"x", force=False)
    assert "\x1b" not in str(caught.value) and "\x07" not in str(caught.value)
    assert "\\u001b" in str(caught.value)
