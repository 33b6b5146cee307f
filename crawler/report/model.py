"""A stats file (``<feed>.stats.json``, written by crawler.extensions.summary) read into
what the report shows."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.monitoring.checks import MONITORED_FIELDS

FUNNEL = ("discovered", "fetched", "articles", "items")
FUNNEL_LABELS = {"discovered": "discovered", "fetched": "fetched", "articles": "articles",
                 "items": "exported"}


@dataclass
class Failure:
    """A failing monitor as recorded in the stats: ``monitors/failed/<monitor>/<site>/<x>``."""

    monitor: str
    site: str
    subject: str
    message: str


@dataclass
class SiteReport:
    domain: str
    funnel: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    coverage: dict[str, float] = field(default_factory=dict)
    coverage_before: dict[str, float] = field(default_factory=dict)
    coverage_runs: dict[str, int] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return sum(self.outcomes.values())


@dataclass
class RunReport:
    """One crawl, as the report shows it."""

    name: str
    finish_reason: str = "unknown"
    finished_at: str = ""
    duration: float = 0.0
    pages_fetched: int = 0
    articles_exported: int = 0
    failures: list[Failure] = field(default_factory=list)
    monitors_failed_total: int = 0
    sites: dict[str, SiteReport] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)
    chrome_removed: dict[str, int] = field(default_factory=dict)
    chrome_pruned: dict[str, int] = field(default_factory=dict)


def load_run(path: Path) -> RunReport:
    """Read a stats file; raises ValueError with a one-line reason when it is not one."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read ({exc.__class__.__name__}: {exc})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("stats"), dict):
        raise ValueError(f"{path}: not a crawl stats file (no \"stats\" object)")
    return run_from_summary(path.name.removesuffix(".stats.json"), data)


def run_from_summary(name: str, data: dict[str, Any]) -> RunReport:
    stats: dict[str, Any] = data["stats"]
    run = RunReport(
        name=name,
        finish_reason=str(data.get("finish_reason", stats.get("finish_reason", "unknown"))),
        finished_at=str(stats.get("finish_time", "")),
        duration=float(data.get("duration_seconds", 0) or 0),
        pages_fetched=int(data.get("pages_fetched", 0) or 0),
        articles_exported=int(data.get("articles_exported", 0) or 0),
    )
    run.dropped = _group(stats, "item_dropped_reasons_count/")
    run.chrome_removed = _group(stats, "chrome/removed/")
    run.chrome_pruned = _group(stats, "chrome/pruned/")
    run.outcomes = _group(stats, "outcome/")
    for key, value in sorted(stats.items()):
        if key.startswith("monitors/failed/"):
            monitor, site, subject = [*key[16:].split("/", 2), "", ""][:3]
            run.failures.append(Failure(monitor, site, subject, str(value)))
        elif key.startswith("site/"):
            _site_stat(run, key[5:], value)
    if stats.get("finish_reason", "finished") != "finished" or run.finish_reason != "finished":
        run.failures.insert(0, Failure("finish", "crawl", "finish_reason",
                                       f"crawl: finished with \"{run.finish_reason}\", "
                                       "expected \"finished\""))
    return run


def _group(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {k[len(prefix):]: int(v) for k, v in sorted(stats.items())
            if k.startswith(prefix) and isinstance(v, int | float)}


def _site_stat(run: RunReport, key: str, value: Any) -> None:
    domain, _, name = key.partition("/")
    if not isinstance(value, int | float):
        return
    site = run.sites.setdefault(domain, SiteReport(domain))
    kind, _, rest = name.partition("/")
    if name in FUNNEL:
        site.funnel[name] = int(value)
    elif kind == "outcome":
        site.outcomes[rest] = int(value)
    elif kind == "coverage" and rest in MONITORED_FIELDS:
        site.coverage[rest] = float(value)
    elif kind == "coverage_before" and rest in MONITORED_FIELDS:
        site.coverage_before[rest] = float(value)
    elif kind == "coverage_runs":
        site.coverage_runs[rest] = int(value)


def outcome_families(outcomes: dict[str, int]) -> dict[str, int]:
    """``not_article/listing_url`` and ``not_article/xml`` summed under ``not_article``."""
    out: dict[str, int] = defaultdict(int)
    for name, count in outcomes.items():
        out[name.partition("/")[0]] += count
    return dict(out)
