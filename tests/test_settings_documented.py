"""Every setting of ours that the code reads is in the README's settings table."""

from __future__ import annotations

import ast
import re

import crawler.settings
from tests.conftest import ROOT

OURS = re.compile(r"(CRAWLER_[A-Z_]+|REDIS_URL)")


def settings_read_by_the_code() -> set[str]:
    """Our setting names used as string constants anywhere in crawler/ (settings.get("…"),
    settings["…"], getattr(settings, "…")...)."""
    names: set[str] = set()
    for path in (ROOT / "crawler").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and OURS.fullmatch(value):
                names.add(value)
    return names


def readme_table() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    start = text.index("### Settings")
    return text[start:text.index("\n## ", start)]


def test_the_scan_sees_settings() -> None:
    assert {"CRAWLER_STATE_DIR", "REDIS_URL", "CRAWLER_WORKER_ID"} <= settings_read_by_the_code()


def test_every_setting_read_is_documented() -> None:
    table = set(re.findall(r"`([A-Z_]+)`", readme_table()))
    assert sorted(settings_read_by_the_code() - table) == []


def test_every_setting_of_ours_in_settings_py_is_documented() -> None:
    defined = {name for name in vars(crawler.settings) if OURS.fullmatch(name)}
    table = set(re.findall(r"`([A-Z_]+)`", readme_table()))
    assert sorted(defined - table) == []
