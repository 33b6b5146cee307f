"""Each site's field coverage and outcomes in its recent runs, kept in ``CRAWLER_STATE_DIR``.

One JSON file per spider (``monitoring/<spider>.json``): ``{site: [run, …]}``, oldest first,
each run ``{"time", "items", "coverage": {field: share}, "outcomes": {name: count}}``.
Only crawls that finished normally are recorded, so an interrupted run never becomes the
baseline. Plain file IO: no Scrapy import.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


@dataclass
class SiteRun:
    """One site in one run."""

    time: str
    items: int
    coverage: dict[str, float] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)


@dataclass
class Baseline:
    """A field's mean share over a site's recent runs."""

    share: float
    runs: int


class History:
    """Per-site runs, read once when the crawl opens and written once when it closes."""

    def __init__(self, path: Path, runs: dict[str, list[SiteRun]] | None = None) -> None:
        self.path = path
        self.runs: dict[str, list[SiteRun]] = runs or {}

    @classmethod
    def load(cls, path: Path) -> History:
        """The history at ``path``; empty when missing or unreadable (said once in the log)."""
        try:
            data = json.loads(path.read_text("utf-8"))
            runs = {site: [SiteRun(**run) for run in entries] for site, entries in data.items()}
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            logger.warning("monitoring history %s unreadable (%s): starting a new one", path, exc)
            return cls(path)
        return cls(path, runs)

    def baseline(self, site: str, name: str, last: int, min_items: int) -> Baseline | None:
        """Mean share of ``name`` over the site's last ``last`` runs with enough items."""
        usable = [r for r in self.runs.get(site, []) if r.items >= min_items
                  and name in r.coverage][-last:]
        if not usable:
            return None
        return Baseline(round(sum(r.coverage[name] for r in usable) / len(usable), 3),
                        len(usable))

    def add(self, site: str, run: SiteRun, keep: int) -> None:
        self.runs.setdefault(site, []).append(run)
        del self.runs[site][:-keep]

    def save(self) -> None:
        """Write atomically: a crash mid-write leaves the previous history."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data: dict[str, Any] = {site: [asdict(r) for r in runs]
                                for site, runs in sorted(self.runs.items())}
        # One temporary file per process: workers of a distributed crawl may close together
        # (the last one's runs are kept; the file is never a mix of two).
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), "utf-8")
        os.replace(tmp, self.path)
