"""Shared fixtures: every test works on a real, freshly migrated SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wardpanel.database import db, open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db" / "wardpanel.db"


@pytest.fixture
def database(db_path: Path) -> Iterator[Path]:
    """Open a new database file and bind the models to it; yields its path."""
    handle = open_database(str(db_path))
    yield db_path
    handle.close()
    db.initialize(None)


@pytest.fixture
def in_tmp_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with the current folder in tmp_path, so default db/ and exports/ land there."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WARDPANEL_DB", raising=False)
    return tmp_path
