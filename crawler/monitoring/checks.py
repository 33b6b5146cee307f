"""What the monitors judge, as pure functions of the crawl's stats and the thresholds.

Each check returns :class:`Finding` s, one per failing site and field (or outcome), with the
figures before and after; the spidermon monitors in :mod:`crawler.monitoring.monitors` only
log and record them. The per-site stats read here are written by the spider (outcomes,
articles) and by :class:`crawler.monitoring.extension.SiteMonitoring` (items, coverage and
the baselines from the site's recent runs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

MONITORED_FIELDS = ("headline", "articleBody", "datePublished", "authors", "inLanguage")


@dataclass(frozen=True)
class Thresholds:
    """The monitors' limits (settings ``CRAWLER_MONITOR_*``, see crawler/settings.py)."""

    coverage_floor: Mapping[str, float] = field(default_factory=dict)
    coverage_drop: float = 0.2
    min_items: int = 5
    min_pages: int = 10
    max_share: Mapping[str, float] = field(default_factory=dict)
    max_error_rate: float = 0.05


@dataclass(frozen=True)
class Finding:
    """One failing check: ``site`` (or ``"crawl"``), ``subject`` (a field or an outcome)."""

    monitor: str
    site: str
    subject: str
    before: float | None
    after: float
    message: str


@dataclass
class SiteFacts:
    """One site's figures in this run, read back from the stats."""

    items: int = 0
    articles: int = 0
    skipped_seen: int = 0
    coverage: dict[str, float] = field(default_factory=dict)
    coverage_before: dict[str, float] = field(default_factory=dict)
    coverage_runs: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    share_before: dict[str, float] = field(default_factory=dict)
    share_runs: dict[str, int] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return sum(self.outcomes.values())


def site_facts(stats: Mapping[str, Any]) -> dict[str, SiteFacts]:
    """Per-site figures from the flat stats (``site/<domain>/…``)."""
    sites: dict[str, SiteFacts] = defaultdict(SiteFacts)
    for key, value in stats.items():
        if not key.startswith("site/") or not isinstance(value, int | float):
            continue
        domain, _, name = key[5:].partition("/")
        kind, _, rest = name.partition("/")
        facts = sites[domain]
        if name in ("items", "articles", "skipped_seen"):
            setattr(facts, name, int(value))
        elif kind == "outcome":
            facts.outcomes[rest.partition("/")[0]] += int(value)
        elif kind in ("coverage", "coverage_before", "share_before"):
            getattr(facts, kind)[rest] = float(value)
        elif kind in ("coverage_runs", "share_runs"):
            getattr(facts, kind)[rest] = int(value)
    return dict(sites)


def _since(runs: int) -> str:
    return "since the last run" if runs == 1 else f"since the last {runs} runs"


def coverage_findings(sites: Mapping[str, SiteFacts], th: Thresholds) -> list[Finding]:
    """Per site and field: under the floor, or fallen by more than the allowed drop."""
    out = []
    for domain, facts in sorted(sites.items()):
        if facts.items < th.min_items:
            continue  # a handful of articles says nothing about a share
        for name in MONITORED_FIELDS:
            after = facts.coverage.get(name, 0.0)
            before = facts.coverage_before.get(name)
            if before is not None and before - after > th.coverage_drop:
                runs = facts.coverage_runs.get(name, 1)
                out.append(Finding("coverage", domain, name, before, after,
                                   f"site {domain}: {name} coverage {before:.2f} → {after:.2f} "
                                   f"{_since(runs)}"))
            elif after < th.coverage_floor.get(name, 0.0):
                floor = th.coverage_floor[name]
                out.append(Finding("coverage", domain, name, before, after,
                                   f"site {domain}: {name} coverage {after:.2f}, below the "
                                   f"floor {floor:.2f} ({facts.items} articles)"))
    return out


def article_findings(sites: Mapping[str, SiteFacts], expected: Iterable[str]) -> list[Finding]:
    """Every crawled site gave at least one article (exported now, or known unchanged)."""
    out = []
    for domain in sorted(set(expected)):
        facts = sites.get(domain, SiteFacts())
        found = facts.articles + facts.skipped_seen
        if found == 0:
            out.append(Finding("articles", domain, "articles", None, 0.0,
                               f"site {domain}: no article found ({facts.pages} pages fetched)"))
    return out


def share_findings(sites: Mapping[str, SiteFacts], th: Thresholds) -> list[Finding]:
    """Per site: the share of blocked / paywalled / needs-JavaScript / consent-wall / failed
    pages above its limit."""
    out = []
    for domain, facts in sorted(sites.items()):
        total = facts.pages
        if total < th.min_pages:
            continue
        for outcome, limit in sorted(th.max_share.items()):
            count = facts.outcomes.get(outcome, 0)
            after = round(count / total, 3)
            if after <= limit:
                continue
            before = facts.share_before.get(outcome)
            trend = (f"{before:.2f} → {after:.2f} {_since(facts.share_runs.get(outcome, 1))}"
                     if before is not None else f"{after:.2f}")
            label = outcome.replace("_", " ")
            out.append(Finding("share", domain, outcome, before, after,
                               f"site {domain}: {label} share {trend} ({count} of {total} "
                               f"pages), above {limit:.2f}"))
    return out


def error_findings(stats: Mapping[str, Any], th: Thresholds) -> list[Finding]:
    """ERROR lines in the log per fetched page (the crawl as a whole)."""
    errors = int(stats.get("log_count/ERROR", 0))
    pages = int(stats.get("response_received_count", 0))
    rate = round(errors / max(1, pages), 3)
    if errors and rate > th.max_error_rate:
        return [Finding("errors", "crawl", "errors", None, rate,
                        f"crawl: error rate {rate:.2f} ({errors} ERROR lines for {pages} "
                        f"pages), above {th.max_error_rate:.2f}")]
    return []
