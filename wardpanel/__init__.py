"""wardpanel: run community-safety ward-panel meetings and follow them up."""

import sys

__version__ = "0.1.0"


def _import_peewee_without_server_drivers() -> None:
    """Import peewee before anything else does, without its PostgreSQL drivers.

    peewee imports psycopg2 (or psycopg) at its own import whenever one is installed:
    about 15 ms of every start, which a chair on a SQLite file never needs. The drivers
    are hidden for that one import; the PostgreSQL engine loads psycopg2 when a server
    database is first made (core/storage/postgres.py, `load_driver`).
    """
    if "peewee" in sys.modules:
        return
    hidden = [name for name in ("psycopg2", "psycopg") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # "import" raises ImportError
    try:
        import peewee  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]


_import_peewee_without_server_drivers()
