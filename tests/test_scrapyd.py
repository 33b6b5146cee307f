"""Deploy the project to a real scrapyd (egg built by scrapyd-deploy), schedule `news` with
arguments through the HTTP API, and read the feed the job wrote."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from crawler.demo.server import serve
from crawler.schema import schema_errors
from tests.conftest import ROOT, read_jsonl
from tests.helpers.servers import Scrapyd, scrapyd_server
from tests.helpers.site import write_site

pytestmark = pytest.mark.slow

ARTICLES = 12


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[Scrapyd]:
    with scrapyd_server(tmp_path / "scrapyd") as server:
        yield server


def build_egg(target: Path) -> Path:
    """The egg exactly as ``scrapyd-deploy`` builds it for a deploy."""
    cmd = [sys.executable, "-m", "scrapyd_client.deploy", "--build-egg", str(target)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return target


def api(server: Scrapyd, endpoint: str, **kwargs: Any) -> dict[str, Any]:
    method = "POST" if "data" in kwargs or "files" in kwargs else "GET"
    resp = requests.request(method, f"{server.url}/{endpoint}", auth=server.auth, timeout=30,
                            **kwargs)
    resp.raise_for_status()
    body: dict[str, Any] = resp.json()
    assert body.get("status") == "ok", body
    return body


def wait_finished(server: Scrapyd, job: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = api(server, "listjobs.json", params={"project": "crawler"})
        if any(j["id"] == job for j in jobs["finished"]):
            return
        time.sleep(0.5)
    raise TimeoutError(f"scrapyd job {job} still running after {timeout}s")


def test_api_refuses_requests_without_credentials(scrapyd: Scrapyd) -> None:
    resp = requests.get(f"{scrapyd.url}/daemonstatus.json", timeout=10)
    assert resp.status_code == 401


def test_deploy_schedule_and_read_feed(scrapyd: Scrapyd, tmp_path: Path) -> None:
    egg = build_egg(tmp_path / "crawler.egg")
    with egg.open("rb") as fh:
        api(scrapyd, "addversion.json", data={"project": "crawler", "version": "1"},
            files={"egg": fh})
    spiders = api(scrapyd, "listspiders.json", params={"project": "crawler"})["spiders"]
    assert "news" in spiders

    site_root = tmp_path / "site"
    expected = write_site(site_root, ARTICLES)
    feed = tmp_path / "feeds" / "news.jsonl"
    feeds = json.dumps({str(feed): {"format": "jsonlines", "encoding": "utf-8"}})
    with serve(site_root) as site:
        job = api(scrapyd, "schedule.json", data={
            "project": "crawler", "spider": "news", "url": f"{site.base_url}/",
            "setting": [f"FEEDS={feeds}", "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False",
                        "CRAWLER_EXTRACT_WORKERS=1", f"CRAWLER_STATE_DIR={tmp_path / 'state'}"],
        })["jobid"]
        wait_finished(scrapyd, job)
    log = next((scrapyd.workdir / "logs" / "crawler" / "news").glob(f"{job}.log")).read_text()
    assert feed.exists(), log[-3000:]
    records = read_jsonl(feed)
    assert sorted(r["url"].removeprefix(site.base_url) for r in records) == sorted(expected)
    for record in records:
        assert schema_errors(record) == []
    assert "'finish_reason': 'finished'" in log
