"""Run ``python -m scrapy.cmdline ARGS`` in a process forked from one that has already
imported Scrapy and the crawler, instead of a fresh interpreter each time.

A fresh interpreter spends ~0.6 s of CPU importing Scrapy, Twisted and the crawler before a
command does anything; the suite runs ~80 such commands (on a loaded machine, CPU seconds
are what stretch). The server here is one plain Python process per pytest worker (started
with the same environment as the commands, so ``PYTHONWARNINGS`` applies to its imports as
it would to theirs), single-threaded, that imports those modules and installs no reactor.
For each command it forks; the child points fds 0/1/2 at /dev/null and two files, takes the
command's environment and working directory, and runs ``scrapy.cmdline`` exactly as
``python -m`` does (``runpy.run_module(..., run_name="__main__", alter_sys=True)``:
``sys.argv[0]``, ``__main__`` and what multiprocessing's workers see are the same), then
ends as an interpreter does (SystemExit, atexit handlers, non-daemon threads joined).

Not covered here, by design: how a fresh interpreter starts (tests that need that, or that
signal the crawl, start ``python -m scrapy.cmdline`` themselves: resume, Redis, scrapyd,
the progress bar on a terminal). ``CRAWLER_TESTS_FRESH_INTERPRETER=1`` runs every command
in a fresh interpreter, as before.

Protocol on the server's stdin/stdout: one JSON request a line; the server answers the
child's pid, then its exit code (negative: killed by that signal), one JSON line each.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import locale
import os
import pkgutil
import select
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
FRESH = os.environ.get("CRAWLER_TESTS_FRESH_INTERPRETER", "") not in ("", "0")


# --- the server's side ------------------------------------------------------------------------


def _preload() -> None:
    """Import what every command imports anyway; never the reactor, never scrapy.cmdline
    (runpy would warn that the module it runs as ``__main__`` was imported already)."""
    import scrapy.crawler
    import scrapy.utils.project  # noqa: F401
    from scrapy.settings import default_settings

    import crawler.settings as project

    names: list[str] = []
    for package in ("scrapy.commands", "crawler.commands", "crawler.spiders"):
        module = importlib.import_module(package)
        names += [f"{package}.{info.name}" for info in pkgutil.iter_modules(module.__path__)]
    for settings in (default_settings, project):
        for value in vars(settings).values():
            if isinstance(value, dict):
                names += [k.rsplit(".", 1)[0] for k in value if isinstance(k, str) and "." in k]
    for name in names:
        with contextlib.suppress(Exception):  # not a module path: the child finds out
            importlib.import_module(name)
    assert "twisted.internet.reactor" not in sys.modules, "a preloaded module installed a reactor"
    assert "scrapy.cmdline" not in sys.modules


def serve() -> dict[str, Any]:
    """The server loop; returns only in a forked child, with that child's request."""
    _preload()
    os.write(1, b'{"ready": true}\n')
    stdin = os.fdopen(0, "rb", buffering=0)
    pending = b""
    while True:
        while b"\n" not in pending:
            chunk = stdin.read(1 << 16)
            if not chunk:
                os._exit(0)  # the pytest worker went away
            pending += chunk
        line, pending = pending.split(b"\n", 1)
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            stdin.close()  # fd 0 becomes /dev/null in run_child; no unclosed-file warning
            return request
        os.write(1, json.dumps({"pid": pid}).encode() + b"\n")
        _, status = os.waitpid(pid, 0)
        os.write(1, json.dumps({"returncode": os.waitstatus_to_exitcode(status)}).encode()
                 + b"\n")


def run_child(request: dict[str, Any]) -> None:
    """In the forked child: become ``python -m scrapy.cmdline ARGS`` (never returns)."""
    import runpy

    null = os.open(os.devnull, os.O_RDONLY)
    out = os.open(request["stdout"], os.O_WRONLY | os.O_TRUNC)
    err = os.open(request["stderr"], os.O_WRONLY | os.O_TRUNC)
    for fd, target in ((null, 0), (out, 1), (err, 2)):
        os.dup2(fd, target)
        os.close(fd)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    sys.path[0] = os.getcwd()  # `python -m` puts the working directory first; `-c` puts ''
    sys.argv = ["scrapy.cmdline", *request["args"]]  # runpy sets argv[0] to the module's file
    runpy.run_module("scrapy.cmdline", run_name="__main__", alter_sys=True)
    sys.exit(0)  # as `python -m` ends when the module returns


# --- the pytest worker's side -----------------------------------------------------------------


class CommandServer:
    """One server per pytest worker process, started on first use."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.lock = threading.Lock()
        self.dir = Path(tempfile.mkdtemp(prefix="scrapy-commands-"))
        code = ("from tests.helpers.command_server import run_child, serve; "
                "run_child(serve())")
        self.proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.pending = b""
        ready = self._read(120)
        assert ready == {"ready": True}, ready

    def alive(self) -> bool:
        return self.proc.poll() is None

    def _read(self, timeout: float | None) -> dict[str, Any] | None:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.pending:
            if not select.select([fd], [], [], timeout)[0]:
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise RuntimeError(f"command server exited ({self.proc.wait()})")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        result: dict[str, Any] = json.loads(line)
        return result

    def run(self, args: list[str], env: dict[str, str], timeout: float
            ) -> subprocess.CompletedProcess[str]:
        """Like ``subprocess.run([python, -m, scrapy.cmdline, *args], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=timeout)``."""
        with self.lock:
            out, err = self.dir / "stdout", self.dir / "stderr"
            out.write_bytes(b"")
            err.write_bytes(b"")
            request = {"args": args, "env": env, "cwd": str(ROOT),
                       "stdout": str(out), "stderr": str(err)}
            assert self.proc.stdin is not None
            self.proc.stdin.write(json.dumps(request).encode() + b"\n")
            self.proc.stdin.flush()
            started = self._read(120)
            assert started is not None and "pid" in started, started
            done = None
            try:
                done = self._read(timeout)
            finally:
                timed_out = done is None
                if timed_out:  # past the timeout, or the test was interrupted: no stray child
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(started["pid"], signal.SIGKILL)
                    done = self._read(60)
                    if done is None:  # the server is stuck too: the next call starts anew
                        self.proc.kill()
            cmd = [sys.executable, "-m", "scrapy.cmdline", *args]
            encoding = locale.getpreferredencoding(False)  # as subprocess's text mode
            stdout, stderr = out.read_text(encoding), err.read_text(encoding)
            if timed_out:
                raise subprocess.TimeoutExpired(cmd, timeout, stdout, stderr)
            assert done is not None and "returncode" in done, done
            return subprocess.CompletedProcess(cmd, done["returncode"], stdout, stderr)

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        for name in ("stdout", "stderr"):
            (self.dir / name).unlink(missing_ok=True)
        self.dir.rmdir()


_servers: dict[tuple[tuple[str, str], ...], CommandServer] = {}


def run_command(args: list[str], env: dict[str, str], timeout: float
                ) -> subprocess.CompletedProcess[str]:
    """``python -m scrapy.cmdline ARGS`` from the project root, through the server started
    with this same environment (a new one for another environment: its imports saw it)."""
    if FRESH:
        return subprocess.run([sys.executable, "-m", "scrapy.cmdline", *args], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=timeout,
                              check=False)
    # Only the interpreter's own variables act at start-up (the imports); the child takes the
    # rest of ``env`` before the command runs (PYTEST_CURRENT_TEST changes every test).
    key = tuple(sorted((k, v) for k, v in env.items() if k.startswith("PYTHON")))
    server = _servers.get(key)
    if server is None or not server.alive():
        if not _servers:
            atexit.register(_close_all)
        server = _servers[key] = CommandServer(env)
    return server.run(args, env, timeout)


def _close_all() -> None:
    while _servers:
        _servers.popitem()[1].close()
