"""A one-line progress bar on a terminal: ``extract:  45% [#####     ] 12.3/27.1 MB``."""

from __future__ import annotations

import time
from typing import TextIO

BAR_WIDTH = 30
REDRAW_SECONDS = 0.2  # redrawing on every record would cost more than the bar is worth


class ProgressBar:
    """Counts bytes consumed out of ``total``; redraws in place with ``\\r``."""

    def __init__(self, total: int, stream: TextIO, label: str = "extract") -> None:
        self.total = max(1, total)
        self.stream = stream
        self.label = label
        self.done = 0
        self._last = 0.0

    def update(self, count: int) -> None:
        self.done = min(self.total, self.done + count)
        now = time.monotonic()
        if now - self._last >= REDRAW_SECONDS or self.done == self.total:
            self._last = now
            self._draw()

    def render(self) -> str:
        share = self.done / self.total
        filled = int(share * BAR_WIDTH)
        mb = 1024 * 1024
        return (f"{self.label}: {share:4.0%} [{'#' * filled}{' ' * (BAR_WIDTH - filled)}] "
                f"{self.done / mb:.1f}/{self.total / mb:.1f} MB")

    def _draw(self) -> None:
        self.stream.write("\r" + self.render())
        self.stream.flush()

    def close(self) -> None:
        self._draw()
        self.stream.write("\n")
        self.stream.flush()
