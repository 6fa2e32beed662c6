"""Every file location the product uses, in one place.

Precedence everywhere: a command-line option, then an environment variable, then a
folder under the current working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "WARDPANEL_DB"
LOG_ENV = "WARDPANEL_LOG"
SETTINGS_ENV = "WARDPANEL_SETTINGS"


def database_target(option: str | None = None) -> str:
    """The database the user asked for: a SQLite path or a database URL."""
    if option:
        return option
    from_env = os.environ.get(DB_ENV, "").strip()
    if from_env:
        return from_env
    return str(Path.cwd() / "db" / "wardpanel.db")


def exports_dir() -> Path:
    """Where documents go when no `-o` is given."""
    return Path.cwd() / "exports"


def log_file() -> Path:
    """The error log: beside the default database, never in the user's exports."""
    from_env = os.environ.get(LOG_ENV, "").strip()
    if from_env:
        return Path(from_env)
    return Path.cwd() / "db" / "wardpanel.log"


def settings_file() -> Path:
    """This user's preferences (who is using the app), beside the default database."""
    from_env = os.environ.get(SETTINGS_ENV, "").strip()
    if from_env:
        return Path(from_env)
    return Path.cwd() / "db" / "wardpanel-settings.json"
