"""Private servers for the tests: scrapyd and redis-server, each on a free 127.0.0.1 port
in a temporary directory, stopped (and waited for) when the ``with`` block ends."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """Block until something accepts on ``port``; fail if ``proc`` exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def stop(proc: subprocess.Popen[bytes], timeout: float = 10) -> None:
    """SIGTERM, then SIGKILL if the process lingers."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)


@dataclass
class Scrapyd:
    url: str
    username: str
    password: str
    workdir: Path

    @property
    def auth(self) -> tuple[str, str]:
        return (self.username, self.password)


@contextmanager
def scrapyd_server(workdir: Path, username: str = "tester", password: str = "s3cret") -> Iterator[Scrapyd]:
    """A real scrapyd bound to 127.0.0.1 with basic auth, all its dirs under ``workdir``."""
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    # No items_dir: scrapyd would then replace the FEEDS a job is scheduled with by its own
    # items_dir/<project>/<spider>/<job>.jl.
    dirs = {name: workdir / name for name in ("eggs", "logs", "dbs")}
    (workdir / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\nusername = {username}\npassword = {password}\n"
        + "".join(f"{name}_dir = {path}\n" for name, path in dirs.items())
        + "poll_interval = 0.5\nmax_proc = 2\n",
        "utf-8",
    )
    proc = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=workdir,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, proc)
        yield Scrapyd(f"http://127.0.0.1:{port}", username, password, workdir)
    finally:
        stop(proc)


def redis_server_binary() -> str:
    """The ``redis-server`` executable, or skip (CI installs it: see ``.ci/run``)."""
    path = shutil.which("redis-server")
    if path is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    return path


@contextmanager
def redis_server(workdir: Path) -> Iterator[str]:
    """A private redis-server on a free loopback port, no persistence; yields its URL."""
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    args = [redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1",
            "--dir", str(workdir), "--save", "", "--appendonly", "no",
            "--protected-mode", "yes", "--daemonize", "no"]
    proc = subprocess.Popen(args, cwd=workdir, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ})
    try:
        wait_for_port(port, proc)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(proc)
