"""A throwaway PostgreSQL server for tests and benchmarks.

Runs the Debian server binaries (``/usr/lib/postgresql/*/bin``) on a temporary
data directory, listening on 127.0.0.1 only, on a free port. PostgreSQL refuses
to run as root, so under root the server runs as the ``postgres`` system user the
Debian package creates. Durability is traded for speed (``fsync=off``): the data
is deleted when the server stops.

    >>> with TempPostgres() as pg:
    ...     store = open_store(pg.url())
"""

from __future__ import annotations

import glob
import logging
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from ..errors import StoreError

log = logging.getLogger(__name__)

SERVER_USER = "postgres"


def find_bindir() -> Path | None:
    """The newest installed PostgreSQL server's bin directory, or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/postgres"),
        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0,
    )
    if os.environ.get("SAIDWHAT_PG_BINDIR"):
        return Path(os.environ["SAIDWHAT_PG_BINDIR"])
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TempPostgres:
    """A PostgreSQL server on a temporary data directory; ``stop()`` deletes it."""

    def __init__(self, bindir: Path | None = None) -> None:
        self.bindir = bindir or find_bindir()
        if self.bindir is None:
            raise StoreError(
                "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin "
                "(install the Debian package 'postgresql')"
            )
        self.port = 0
        self.root: Path | None = None
        self._user: pwd.struct_passwd | None = None

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        assert self.bindir is not None  # checked in __init__
        cmd = [str(self.bindir / args[0]), *args[1:]]
        user = self._user
        preexec = None
        if user is not None:  # root: drop to the postgres user in the child only

            def preexec() -> None:
                os.setgid(user.pw_gid)
                os.setuid(user.pw_uid)

        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        if user is not None:
            env.update(HOME=user.pw_dir, USER=user.pw_name, LOGNAME=user.pw_name)
        return subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            preexec_fn=preexec,
            env=env,
            cwd=str(self.root),
            check=False,
            timeout=120,
        )

    def start(self) -> TempPostgres:
        """Initialise and start the server.

        Raises:
            StoreError: the server could not be set up or did not start.
        """
        self.root = Path(tempfile.mkdtemp(prefix="saidwhat-pg-"))
        if os.geteuid() == 0:
            try:
                self._user = pwd.getpwnam(SERVER_USER)
            except KeyError:
                raise StoreError(
                    f"running as root and there is no '{SERVER_USER}' user to run PostgreSQL as"
                ) from None
            os.chown(self.root, self._user.pw_uid, self._user.pw_gid)
        data = self.root / "data"
        done = self._run(
            "initdb",
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C.UTF-8",
        )
        if done.returncode:
            raise StoreError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        for _ in range(5):  # a port taken between probing and binding: try another
            self.port = _free_port()
            options = (
                f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB "
                "-c max_connections=100"
            )
            done = self._run(
                "pg_ctl",
                "-D",
                str(data),
                "-l",
                str(self.root / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            )
            if done.returncode == 0:
                log.info("PostgreSQL started on 127.0.0.1:%d (%s)", self.port, data)
                return self
        log_text = (
            (self.root / "server.log").read_text(errors="replace")
            if (self.root / "server.log").exists()
            else ""
        )
        raise StoreError(f"PostgreSQL did not start: {done.stderr.strip()} {log_text[-2000:]}")

    def url(self, database: str = "postgres", schema: str | None = None) -> str:
        """A connection URL (in ``schema`` when given)."""
        url = f"postgresql://postgres@127.0.0.1:{self.port}/{database}"
        return url + (f"?options=-csearch_path%3D{schema}" if schema else "")

    def stop(self) -> None:
        """Stop the server and delete its data."""
        if self.root is None:
            return
        if self.port:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
