"""A PostgreSQL server for the tests: the one named by ``TACITUS_TEST_POSTGRES`` (CI starts it, see .ci/run),
else a throwaway cluster started from the PostgreSQL binaries on this machine, else none (tests skip, except
under CI, where a missing server is a failure)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

ENV = "TACITUS_TEST_POSTGRES"


def pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """initdb + pg_ctl in a temporary folder, as the ``postgres`` user when run as root (PostgreSQL refuses
    to run as root)."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="tacitus-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        self.run(pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                 "--no-sync")  # fmt: skip
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off -c full_page_writes=off"
        self.run(pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", "start")
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self.run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def server_url() -> tuple[str | None, Cluster | None, str]:
    """(admin URL, cluster to stop or None, reason when there is no server)."""
    if os.environ.get(ENV):
        return os.environ[ENV], None, ""
    if not (pg_bin("initdb") and pg_bin("pg_ctl")):
        return None, None, f"no PostgreSQL: set {ENV} or install postgresql (bash .ci/run does)"
    cluster = Cluster()
    try:
        return cluster.start(), cluster, ""
    except (subprocess.SubprocessError, OSError) as error:
        cluster.stop()
        return None, None, f"could not start a throwaway PostgreSQL: {error}"


def new_database(admin_url: str) -> tuple[str, str]:
    """A fresh, empty database on the server; returns (its URL, its name)."""
    import psycopg

    name = "tacitus_test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    base, _, _ = admin_url.rpartition("/")
    query = ""
    if "?" in admin_url:
        query = "?" + admin_url.split("?", 1)[1]
    return f"{base}/{name}{query}", name


def drop_database(admin_url: str, name: str) -> None:
    import psycopg

    for _ in range(20):
        try:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            return
        except psycopg.Error:
            time.sleep(0.2)
