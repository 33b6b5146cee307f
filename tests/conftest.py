"""Shared fixtures: the repo root, a local site server, and running scrapy commands."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.demo.server import DEMO_SITE, SiteServer, serve
from tests.helpers.command_server import run_command

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def demo_site() -> Iterator[SiteServer]:
    """The bundled demo news site on a free 127.0.0.1 port."""
    with serve(DEMO_SITE) as server:
        yield server


def child_env(warnings: str = "error") -> dict[str, str]:
    """The environment of a child crawl: warnings are errors there too, as pytest makes
    them here (``filterwarnings = error``), so none escapes by running in a subprocess."""
    return {**os.environ, "PYTHONWARNINGS": warnings}


@pytest.fixture(scope="session", autouse=True)
def output_untouched() -> Iterator[None]:
    """The suite writes nothing into the project's output/ (feeds go under tmp_path)."""
    def listing() -> set[Path]:
        return set((ROOT / "output").rglob("*")) if (ROOT / "output").exists() else set()

    before = listing()
    yield
    assert sorted(listing() - before) == [], "tests wrote into output/"


def run_scrapy(args: list[str], tmp_path: Path, timeout: float = 120,
               warnings: str = "error") -> subprocess.CompletedProcess[str]:
    """Run ``scrapy ARGS`` from the project root with state kept under ``tmp_path``, and the
    default feed too (never the project's output/; ARGS may override it). Like
    ``subprocess.run(..., capture_output=True, text=True)``: a CompletedProcess, or
    TimeoutExpired."""
    env = child_env(warnings)
    command, *rest = args
    args = [command,
            "-s", f"CRAWLER_DEFAULT_FEED={tmp_path / 'output'}/%(name)s/%(time)s.jsonl", *rest,
            "-s", f"CRAWLER_STATE_DIR={tmp_path / 'state'}"]
    # `python -m scrapy.cmdline ARGS`, forked from a process that has imported Scrapy and the
    # crawler already (~0.6 s of CPU saved a command; see tests/helpers/command_server.py).
    return run_command(args, env, timeout)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every line must be one JSON object: a broken line fails the test."""
    lines = path.read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def project_settings(**overrides: Any) -> dict[str, Any]:
    """The project's settings module as a dict, with overrides (for get_crawler)."""
    import crawler.settings as module

    values = {k: getattr(module, k) for k in dir(module) if k.isupper()}
    return {**values, **overrides}


def python_tracebacks(log: str) -> list[str]:
    """Log records that hold a Python traceback, except spidermon's monitor reports (a failed
    monitor is reported unittest-style, with the assertion's traceback)."""
    records = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d )", log)
    return [r for r in records if "Traceback" in r and "[Spidermon]" not in r]
