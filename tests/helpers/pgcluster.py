"""A throwaway PostgreSQL cluster of a test's own, to stop and start; the shared one is left alone.

The cluster lives in a temporary folder owned by the `postgres` user (initdb refuses to run as
root), listens on 127.0.0.1 on a free port with trust authentication, and is removed at the end.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

SERVER_USER = "postgres"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _pg_bin(name: str) -> str | None:
    """Find a PostgreSQL server program on PATH or in Debian's versioned folders."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(versions[-1]) if versions else None


class PgCluster:
    """A PostgreSQL server in `directory` on 127.0.0.1:`port`, started and stopped with pg_ctl."""

    def __init__(self, directory: Path, port: int, pg_ctl: str, initdb: str) -> None:
        self.directory = directory
        self.port = port
        self._pg_ctl = pg_ctl
        self._initdb = initdb
        self._as_server_user = ["runuser", "-u", SERVER_USER, "--"] if os.geteuid() == 0 else []

    @property
    def url(self) -> str:
        """The URL of the cluster's `postgres` database."""
        return f"postgresql://{SERVER_USER}@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        subprocess.run(
            [*self._as_server_user, *command], check=True, capture_output=True, timeout=120
        )

    def init(self) -> None:
        """Create the cluster's files."""
        self._run(
            self._initdb,
            "--pgdata",
            str(self.directory / "data"),
            "--username",
            SERVER_USER,
            "--auth",
            "trust",
            "--no-sync",
        )

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
        self._run(
            self._pg_ctl,
            "start",
            "--wait",
            "--pgdata",
            str(self.directory / "data"),
            "--log",
            str(self.directory / "server.log"),
            "-o",
            options,
        )

    def stop(self) -> None:
        """Stop the server at once, ending every open connection (pg_ctl's fast mode)."""
        self._run(self._pg_ctl, "stop", "--wait", "-m", "fast", "-D", str(self.directory / "data"))


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[PgCluster]:
    """Run a cluster of the test's own for the block; skip when PostgreSQL is not installed."""
    pg_ctl, initdb = _pg_bin("pg_ctl"), _pg_bin("initdb")
    if pg_ctl is None or initdb is None:
        pytest.skip("pg_ctl and initdb are not installed")
    if os.geteuid() == 0:
        try:
            server_user = pwd.getpwnam(SERVER_USER)
        except KeyError:
            pytest.skip(f"running as root, and there is no {SERVER_USER} user to run PostgreSQL")
    directory = Path(tempfile.mkdtemp(prefix="zonebot-pg-"))
    if os.geteuid() == 0:
        os.chown(directory, server_user.pw_uid, server_user.pw_gid)
    cluster = PgCluster(directory, _free_port(), pg_ctl, initdb)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)
