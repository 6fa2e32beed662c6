"""Throwaway PostgreSQL servers for the tests: the one helper behind both uses.

- The suite's shared server, started by `scripts/postgres-for-tests start FOLDER` (this
  module's command line, run by the Makefile and .ci/run) and named to the tests by
  WARDPANEL_TEST_POSTGRES; stopped, with its data deleted, by `... stop FOLDER`.
- A server of a test session's own, which tests may stop, start and restart at will
  (tests/server_faults.py), since the shared one must stay up for every other test.

Each server lives in a FOLDER holding its socket, logs and what the command line needs
to find it again (`datadir`, `port`, `url`); its data lives in memory (/dev/shm) when
there is room and that is asked for, as the tests copy a database for every test and a
busy disk makes each copy ten times slower; otherwise in FOLDER/data. It keeps nothing
safe across a crash (fsync is off) and never vacuums: it exists for the tests only.
Its role `wardpanel` logs in with a password over TCP on 127.0.0.1, may create
databases and may end other sessions (tests drop their databases WITH (FORCE)), and
owns the database `wardpanel`; like a borough's, it is not a superuser.

PostgreSQL refuses to run as root, so under root the server runs as the 'postgres'
user (or 'nobody'). PGBIN names the folder holding initdb and pg_ctl when they are not
in /usr/lib/postgresql/<version>/bin or on PATH.

Only the standard library is imported here: the command line runs under the system's
python3, before the project's virtual environment may exist.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ADMIN = "postgres"
ROLE = "wardpanel"
DATABASE = "wardpanel"
MEMORY = Path("/dev/shm")
MEMORY_NEEDED = 1024**3  # bytes free in memory before the data is put there
MEMORY_PREFIX = "wardpanel-postgres-data."
# Speed over safety (see above); little WAL, so memory is not filled with it.
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "autovacuum": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "max_wal_size": "'256MB'",
    "max_connections": "200",
}
START_TRIES = 3  # another program may take the port between choosing and binding it


class ServerUnavailable(Exception):
    """No server could be had; the message says why, in plain words."""


def find_bin() -> Path:
    """The folder holding initdb and pg_ctl: PGBIN, Debian's newest version, or PATH."""
    if os.environ.get("PGBIN"):
        folder = Path(os.environ["PGBIN"])
        if not (folder / "initdb").exists():
            raise ServerUnavailable(f"PGBIN={folder} holds no initdb")
        return folder
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda path: int(path.split("/")[-2]) if path.split("/")[-2].isdigit() else 0,
        reverse=True,
    )
    for folder in map(Path, debian):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    raise ServerUnavailable(
        "no PostgreSQL server programs (initdb, pg_ctl) are installed: install Debian's "
        "'postgresql' package or set PGBIN"
    )


def _owner() -> str | None:
    """Whom the server runs as: None for ourselves; under root an unprivileged user."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise ServerUnavailable("running as root, with no 'postgres' or 'nobody' user to run as")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _in_memory() -> Path | None:
    """A new folder for the data in memory, when there is room; else None."""
    try:
        room = shutil.disk_usage(MEMORY).free
    except OSError:
        return None
    if room < MEMORY_NEEDED or not os.access(MEMORY, os.W_OK):
        return None
    return Path(tempfile.mkdtemp(prefix=MEMORY_PREFIX, dir=MEMORY))


class Server:
    """One throwaway server, found again from its FOLDER by any process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.bin_dir = find_bin()
        self.user = _owner()

    # -- what FOLDER records ------------------------------------------------------------

    def _recorded(self, name: str) -> str | None:
        path = self.folder / name
        return path.read_text().strip() if path.exists() else None

    @property
    def data(self) -> Path | None:
        recorded = self._recorded("datadir")
        return Path(recorded) if recorded else None

    @property
    def port(self) -> int:
        return int(self._recorded("port") or 0)

    def url(self, database: str = DATABASE) -> str:
        """The URL of one of the server's databases, as the role logs in to it."""
        recorded = self._recorded("url")
        if recorded is None:
            raise ServerUnavailable(f"{self.folder} holds no server")
        return recorded.rsplit("/", 1)[0] + f"/{database}"

    # -- running the server's programs ----------------------------------------------------

    def _command(self, program: str, *args: str) -> list[str]:
        return self._as_owner([str(self.bin_dir / program), *args])

    def _as_owner(self, command: list[str]) -> list[str]:
        """The command, run as the server's user."""
        if self.user is None:
            return command
        if shutil.which("runuser"):
            return ["runuser", "-u", self.user, "--", *command]
        entry = pwd.getpwnam(self.user)
        ids = [f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups"]
        return ["setpriv", *ids, "--", *command]

    def _run(self, program: str, *args: str, log: str | None = None, stdin: str = "") -> bool:
        """Run one of the server's programs; whether it succeeded. Its output goes to a
        file, never a pipe: a server that pg_ctl starts inherits it and would hold a pipe
        open for as long as it runs."""
        output = self.folder / (log or f"{program}.out")
        with open(output, "w") as out:
            done = subprocess.run(
                self._command(program, *args),
                input=stdin.encode(),
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=120,
            )
        return done.returncode == 0

    def _said(self, name: str, lines: int = 20) -> str:
        path = self.folder / name
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    # -- life ----------------------------------------------------------------------------

    def create(self, *, in_memory: bool) -> str:
        """Make the server's data, start it, and create its role and database; its URL.

        A start that fails leaves no server and no data behind, only FOLDER and its logs.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.data is not None:
            raise ServerUnavailable(f"{self.folder} holds a server already: stop it first")
        data = (_in_memory() if in_memory else None) or self.folder / "data"
        data.mkdir(mode=0o700, exist_ok=True)
        (self.folder / "datadir").write_text(f"{data}\n")
        try:
            self._create(data)
        except BaseException:
            self.destroy(keep_folder=True)
            raise
        return self.url()

    def _create(self, data: Path) -> None:
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            for path in (self.folder, data):
                os.chown(path, entry.pw_uid, entry.pw_gid)
            os.chmod(data, 0o700)
            # Every folder above FOLDER must be passable for the server's user.
            if subprocess.run(self._as_owner(["test", "-x", str(self.folder)])).returncode:
                raise ServerUnavailable(
                    f"{self.user} cannot reach {self.folder}: choose another FOLDER"
                )
        access = ["-U", ADMIN, "--auth-local=trust", "--auth-host=scram-sha-256"]
        text = ["--encoding=UTF8", "--locale=C.UTF-8"]
        if not self._run("initdb", "-D", str(data), *access, *text, log="initdb.log"):
            raise ServerUnavailable(
                f"initdb failed (log: {self.folder / 'initdb.log'}):\n{self._said('initdb.log')}"
            )
        settings = {**SETTINGS, "unix_socket_directories": f"'{self.folder}'"}
        with (data / "postgresql.conf").open("a") as conf:
            conf.write("\n# throwaway server for wardpanel's tests\n")
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())
        self._start(choose_port=True)
        password = secrets.token_hex(16)
        script = (
            f"CREATE ROLE {ROLE} LOGIN CREATEDB PASSWORD '{password}';\n"
            f"GRANT pg_signal_backend TO {ROLE};\n"
            f"CREATE DATABASE {DATABASE} OWNER {ROLE};\n"
        )
        connect = ["-h", str(self.folder), "-p", str(self.port), "-U", ADMIN, "-d", "postgres"]
        if not self._run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", *connect, stdin=script):
            raise ServerUnavailable(
                f"the role and database could not be created:\n{self._said('psql.out')}"
            )
        url = self.folder / "url"
        url.touch(mode=0o600)
        url.write_text(f"postgresql://{ROLE}:{password}@127.0.0.1:{self.port}/{DATABASE}\n")

    def _start(self, *, choose_port: bool) -> None:
        for attempt in range(1, START_TRIES + 1):
            if choose_port:
                (self.folder / "port").write_text(f"{_free_port()}\n")
            log = ["-l", str(self.folder / "server.log"), "-o", f"-p {self.port}"]
            if self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), *log):
                return
            said = self._said("server.log")
            if not choose_port or attempt == START_TRIES or "could not bind" not in said:
                raise ServerUnavailable(
                    f"the server did not start (log: {self.folder / 'server.log'}):\n{said}"
                )

    def start(self) -> None:
        """Start the server again on its port, after stop()."""
        self._start(choose_port=False)

    def stop(self) -> None:
        """A fast shutdown, as an administrator's restart does: open sessions are ended."""
        if not self._run("pg_ctl", "stop", "-w", "-t", "60", "-m", "fast", "-D", str(self.data)):
            raise ServerUnavailable(f"the server did not stop:\n{self._said('pg_ctl.out')}")

    def restart(self) -> None:
        log = ["-l", str(self.folder / "server.log")]
        if not self._run(
            "pg_ctl", "restart", "-w", "-t", "60", "-m", "fast", "-D", str(self.data), *log
        ):
            raise ServerUnavailable(f"the server did not restart:\n{self._said('server.log')}")

    def is_running(self) -> bool:
        data = self.data
        if data is None or not data.exists():
            return False
        command = self._command("pg_ctl", "status", "-D", str(data))
        return subprocess.run(command, capture_output=True).returncode == 0

    def destroy(self, *, keep_folder: bool = False) -> None:
        """Stop the server and delete its data, and FOLDER unless asked to keep it."""
        data = self.data
        if data is not None and (data / "postmaster.pid").exists():
            for mode, wait in (("fast", "60"), ("immediate", "30")):
                if self._run("pg_ctl", "stop", "-w", "-t", wait, "-m", mode, "-D", str(data)):
                    break
            else:
                said = f"postgres-for-tests: the server in {self.folder} did not stop cleanly"
                print(said, file=sys.stderr)
        # Only ever delete what was made here.
        if data is not None and (
            data == self.folder / "data"
            or (data.parent == MEMORY and data.name.startswith(MEMORY_PREFIX))
        ):
            shutil.rmtree(data, ignore_errors=True)
        if keep_folder:
            (self.folder / "datadir").unlink(missing_ok=True)
        else:
            shutil.rmtree(self.folder, ignore_errors=True)

    def new_database(self) -> str:
        """A new, empty database on this server, owned by the role; its URL."""
        import psycopg2

        name = f"wardpanel_{uuid.uuid4().hex[:12]}"
        connection = psycopg2.connect(self.url(), connect_timeout=10)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')
        finally:
            connection.close()
        return self.url(name)


# -- the command line: scripts/postgres-for-tests ------------------------------------------

USAGE = """usage: scripts/postgres-for-tests start [FOLDER] | stop FOLDER

  start [FOLDER]  start a server (FOLDER: by default a new one under $TMPDIR) and print
                  its URL on stdout; a second start with a FOLDER whose server still runs
                  prints the same URL
  stop FOLDER     stop it and delete FOLDER and its data"""


def _start(folder_name: str | None) -> int:
    find_bin()  # no folder is made where no server can run
    if folder_name:
        folder = Path(folder_name)
        folder.mkdir(parents=True, exist_ok=True)
    else:
        folder = Path(tempfile.mkdtemp(prefix="wardpanel-postgres."))
    server = Server(folder)
    if (server.folder / "url").exists() and server.is_running():
        print(server.url())
        return 0
    if server.data is not None:
        raise ServerUnavailable(
            f"{server.folder} holds a server that is not running: stop it first"
        )
    print(server.create(in_memory=True))
    print(
        f"postgres-for-tests: running in {server.folder}; "
        f"stop it with: scripts/postgres-for-tests stop {server.folder}",
        file=sys.stderr,
    )
    return 0


def _stop(folder_name: str) -> int:
    folder = Path(folder_name)
    if not folder.is_dir():
        return 0
    server = Server(folder)
    if any((server.folder / name).exists() for name in ("datadir", "initdb.log", "port")):
        server.destroy()
    else:
        with contextlib.suppress(OSError):
            folder.rmdir()  # an empty folder made for a server that never started
        if folder.exists():
            print(f"postgres-for-tests: {folder} holds no server: left as it is", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    try:
        if argv[:1] == ["start"] and len(argv) <= 2:
            return _start(argv[1] if len(argv) == 2 else None)
        if argv[:1] == ["stop"] and len(argv) == 2:
            return _stop(argv[1])
    except (ServerUnavailable, OSError, subprocess.SubprocessError) as error:
        print(f"postgres-for-tests: {error}", file=sys.stderr)
        return 1
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
