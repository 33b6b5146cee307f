"""Headless Chromium (Debian's ``chromium``) for tests that render a page.

Where it is missing the test fails in CI (``.ci/run`` installs it; CI sets ``CI=true``) and
is skipped elsewhere, with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0")


def chromium_binary() -> str:
    found = shutil.which("chromium") or next(
        (p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()), None)
    if found:
        return found
    message = "chromium is not installed (apt-get install chromium; .ci/run does)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def run_chromium(url: str, *args: str, window: tuple[int, int] = (1100, 2400),
                 timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """One headless run on ``url`` with its own throw-away profile."""
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        cmd = [chromium_binary(), *FLAGS, f"--user-data-dir={profile}",
               f"--window-size={window[0]},{window[1]}", *args, url]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              check=False, stdin=subprocess.DEVNULL)


def console_lines(stderr: str) -> list[str]:
    """Console messages and uncaught errors the page produced (Chromium logs each)."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]
