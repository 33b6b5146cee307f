"""Inline SVG charts: horizontal bars, so labels stay readable on a phone. Each chart is an
``<svg class="chart">`` with a ``viewBox`` (it scales to its column) and a ``<title>``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

WIDTH = 360  # about a card's width on a laptop and on a phone: text stays ~12 px
ROW = 30  # a label line above each bar (long labels stay readable on a phone)
BAR = 11
SPAN = 290  # the longest bar; the value is written after it
PALETTE = {
    "exported": "#2e7d32", "duplicate": "#7cb342", "unchanged": "#9e9e9e",
    "not_article": "#90a4ae", "dropped": "#8d6e63", "too_old": "#bcaaa4",
    "blocked": "#c62828", "paywalled": "#ef6c00", "needs_javascript": "#6a1b9a",
    "consent_wall": "#ad1457", "failed": "#37474f",
}
DEFAULT_COLOUR = "#1565c0"
BEFORE_COLOUR = "#b0bec5"
FAIL_COLOUR = "#c62828"


def _svg(title: str, height: int, body: str) -> str:
    return (f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
            f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">'
            f"<title>{escape(title)}</title>{body}</svg>")


def _label(y: float, text: str, colour: str = "#37474f") -> str:
    weight = ' font-weight="bold"' if colour == FAIL_COLOUR else ""
    return f'<text x="0" y="{y:.1f}" font-size="12" fill="{colour}"{weight}>{escape(text)}</text>'


def bar_chart(title: str, rows: Sequence[tuple[str, float]], *, colours: dict[str, str] | None
              = None, fmt: str = "{:,.0f}") -> str:
    """One bar per row, lengths relative to the largest value."""
    colours = colours or {}
    top = max((v for _, v in rows), default=0) or 1
    parts = []
    for i, (name, value) in enumerate(rows):
        y = i * ROW
        length = max(2.0, SPAN * value / top) if value else 0
        colour = colours.get(name.partition("/")[0], DEFAULT_COLOUR)
        parts.append(_label(y + 11, name.replace("_", " ")))
        parts.append(f'<rect x="0" y="{y + 15}" width="{length:.1f}" height="{BAR}" rx="2" '
                     f'fill="{colour}"/>')
        parts.append(f'<text x="{length + 4:.1f}" y="{y + 25}" font-size="11">'
                     f"{fmt.format(value)}</text>")
    return _svg(title, max(1, len(rows)) * ROW + 4, "".join(parts))


def coverage_chart(title: str, fields: Sequence[str], now: dict[str, float],
                   before: dict[str, float], failing: set[str]) -> str:
    """Per field, this run's share (red when its monitor failed) over the recent runs' mean
    (a grey bar behind it, ending in a dark tick)."""
    parts = []
    for i, name in enumerate(fields):
        y = i * ROW
        value = now.get(name, 0.0)
        text = f"{name}: {value:.2f}" + (f" (recent runs {before[name]:.2f})"
                                         if name in before else "")
        parts.append(_label(y + 11, text, FAIL_COLOUR if name in failing else "#37474f"))
        parts.append(f'<rect x="0" y="{y + 14}" width="{SPAN}" height="{BAR + 2}" rx="2" '
                     'fill="#eceff1"/>')
        if name in before:
            x = SPAN * before[name]
            parts.append(f'<rect x="0" y="{y + 14}" width="{x:.1f}" height="{BAR + 2}" rx="2" '
                         f'fill="{BEFORE_COLOUR}"/>')
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 12}" y2="{y + 29}" '
                         'stroke="#263238" stroke-width="2"/>')
        colour = FAIL_COLOUR if name in failing else "#2e7d32"
        parts.append(f'<rect x="0" y="{y + 17}" width="{max(2.0, SPAN * value):.1f}" '
                     f'height="{BAR - 4}" rx="1" fill="{colour}"/>')
    return _svg(title, max(1, len(fields)) * ROW + 4, "".join(parts))


def stacked_chart(title: str, rows: Sequence[tuple[str, Mapping[str, int]]]) -> str:
    """One full-width bar per row, split by share of each part (outcome families), with a
    legend of the parts shown."""
    parts, used = [], []
    for i, (name, counts) in enumerate(rows):
        y = i * ROW
        total = sum(counts.values()) or 1
        parts.append(_label(y + 11, f"{name} ({sum(counts.values()):,} pages)"))
        x = 0.0
        for part, count in sorted(counts.items(), key=lambda kv: -kv[1]):
            if part not in used:
                used.append(part)
            width = SPAN * count / total
            colour = PALETTE.get(part, DEFAULT_COLOUR)
            parts.append(f'<rect x="{x:.1f}" y="{y + 15}" width="{width:.1f}" height="{BAR}" '
                         f'fill="{colour}"><title>{escape(part)}: {count:,}</title></rect>')
            x += width
    legend_y = len(rows) * ROW + 8
    for j, part in enumerate(used):
        lx, ly = (j % 3) * 120, legend_y + (j // 3) * 18
        parts.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" '
                     f'fill="{PALETTE.get(part, DEFAULT_COLOUR)}"/>')
        parts.append(f'<text x="{lx + 14}" y="{ly + 9}" font-size="11">'
                     f'{escape(part.replace("_", " "))}</text>')
    height = legend_y + ((len(used) + 2) // 3) * 18 + 4
    return _svg(title, height, "".join(parts))


def series_chart(title: str, labels: Sequence[str], series: Mapping[str, Sequence[float]]) -> str:
    """Lines across runs (comparison of several stats files), values 0..1."""
    height, left, right, top, bottom = 190, 28, 92, 10, 30
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    steps = max(1, len(labels) - 1)
    parts = [f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" '
             'stroke="#90a4ae"/>',
             f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" font-size="10">1.0</text>',
             f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" font-size="10">0</text>']
    colours = list(PALETTE.values())
    for i, (name, values) in enumerate(series.items()):
        colour = colours[i % len(colours)]
        points = " ".join(f"{left + plot_w * j / steps:.1f},{top + plot_h * (1 - v):.1f}"
                          for j, v in enumerate(values))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" '
                     f'points="{points}"/>')
        for j, v in enumerate(values):
            parts.append(f'<circle cx="{left + plot_w * j / steps:.1f}" '
                         f'cy="{top + plot_h * (1 - v):.1f}" r="3" fill="{colour}"/>')
        parts.append(f'<text x="{left + plot_w + 6}" y="{top + 12 + i * 15}" font-size="11" '
                     f'fill="{colour}">{escape(name)}</text>')
    for j, label in enumerate(labels):
        parts.append(f'<text x="{left + plot_w * j / steps:.1f}" y="{height - 10}" '
                     f'text-anchor="middle" font-size="10">{escape(label[-12:])}</text>')
    return _svg(title, height, "".join(parts))
