"""wardpanel: run community-safety ward-panel meetings and follow them up."""

import sys

__version__ = "0.1.0"


def _import_peewee_without_its_server_driver() -> None:
    """Import peewee before anything else does, without its PostgreSQL driver.

    peewee imports psycopg2 at its own import whenever it is installed: about 15 ms of
    every start, which a chair on a SQLite file never needs. The driver is hidden for
    that one import; the PostgreSQL engine loads it when a server database is first
    made (core/storage/postgres.py, `load_driver`). (psycopg 3, which wardpanel does not
    install, is left to peewee as it was.)
    """
    if "peewee" in sys.modules or "psycopg2" in sys.modules:
        return
    sys.modules["psycopg2"] = None  # type: ignore[assignment]  # "import" raises ImportError
    try:
        import peewee  # noqa: F401
    finally:
        if sys.modules.get("psycopg2", ...) is None:  # psycopg2cffi may have put itself there
            del sys.modules["psycopg2"]


_import_peewee_without_its_server_driver()
