"""Whether Redis is on is decided in one place: the add-on. The rest reads class paths."""

from __future__ import annotations

import ast
from pathlib import Path

from scrapy.settings import Settings
from scrapy.utils.misc import load_object

from crawler.distributed.addon import RedisAddon
from crawler.distributed.ledger import RedisLedger
from crawler.state.factory import open_state_store
from crawler.state.redis_store import RedisStateStore
from crawler.state.sqlite_store import SqliteStateStore
from tests.conftest import ROOT, project_settings

# Where REDIS_URL may be read: the add-on's package, and the Redis store that connects to it.
READERS = {"crawler/distributed", "crawler/state/redis_store.py"}
UNREACHABLE = "redis://127.0.0.1:1/0"  # clients connect lazily: nothing is contacted


def settings_after_addon(**overrides: object) -> Settings:
    settings = Settings(project_settings(**overrides), priority="project")
    RedisAddon().update_settings(settings)
    return settings


def test_single_machine_by_default(tmp_path: Path) -> None:
    settings = settings_after_addon(CRAWLER_STATE_DIR=str(tmp_path))
    store = open_state_store(settings)
    try:
        assert isinstance(store, SqliteStateStore)
    finally:
        store.close()
    assert not settings.get("CRAWLER_EXPORT_LEDGER")
    assert "WorkerExtension" not in str(settings.getdict("EXTENSIONS"))


def test_redis_url_switches_every_piece() -> None:
    settings = settings_after_addon(REDIS_URL=UNREACHABLE, CRAWLER_REDIS_PREFIX="t1:")
    store = open_state_store(settings)
    try:
        assert isinstance(store, RedisStateStore)
        assert store.key == "t1:state:urls"
    finally:
        store.close()
    assert load_object(settings["CRAWLER_EXPORT_LEDGER"]) is RedisLedger
    assert settings["SCHEDULER"] == "crawler.distributed.scheduler.ReliableRedisScheduler"
    assert "crawler.distributed.worker.WorkerExtension" in settings.getdict("EXTENSIONS")


def test_command_line_still_wins_over_the_addon(tmp_path: Path) -> None:
    settings = Settings(project_settings(REDIS_URL=UNREACHABLE), priority="project")
    settings.set("CRAWLER_STATE_STORE", "crawler.state.sqlite_store.SqliteStateStore",
                 priority="cmdline")
    settings.set("CRAWLER_STATE_DIR", str(tmp_path), priority="cmdline")
    RedisAddon().update_settings(settings)
    store = open_state_store(settings)
    try:
        assert isinstance(store, SqliteStateStore)
    finally:
        store.close()


def _reads_redis_url(path: Path) -> bool:
    tree = ast.parse(path.read_text("utf-8"))
    return any(isinstance(node, ast.Call)
               and any(isinstance(arg, ast.Constant) and arg.value == "REDIS_URL"
                       for arg in node.args)
               for node in ast.walk(tree))


def test_only_the_addon_package_reads_redis_url() -> None:
    readers = {path.relative_to(ROOT).as_posix()
               for path in (ROOT / "crawler").rglob("*.py") if _reads_redis_url(path)}
    assert readers, "the scan finds nothing: it is broken"
    assert {r for r in readers if not any(r.startswith(allowed) for allowed in READERS)} == set()
