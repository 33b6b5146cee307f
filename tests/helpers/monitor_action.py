"""A spidermon action for the tests: appends the failing monitors' messages to the file named
by the ``TEST_MONITOR_ACTION_FILE`` setting (what an email or Slack action would send)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spidermon.core.actions import Action


class RecordFailures(Action):
    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = Path(path)

    @classmethod
    def from_crawler_kwargs(cls, crawler: Any) -> dict[str, Any]:
        return {"path": crawler.settings.get("TEST_MONITOR_ACTION_FILE")}

    def run_action(self) -> None:
        failed = [str(r.error) for r in self.result.monitors_failed_results]
        with self.path.open("a", encoding="utf-8") as out:
            out.write("\n".join(failed) + "\n")
