"""The crawl report in a real browser (headless Chromium): no console errors, every chart
drawn (its area in a screenshot is not blank), the failing monitors visible at the top, and
no sideways scrolling on a phone-sized screen."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image

from crawler.report.model import run_from_summary
from crawler.report.render import render_report
from tests.helpers.browser import console_lines, run_chromium

pytestmark = pytest.mark.slow

FAILURE = "site news.example: authors coverage 0.94 → 0.05 since the last 5 runs"
MARK = "REPORT-METRICS "
# Logs every chart's box, the monitors box and the page width through the console.
MEASURE = ("<script>const box = e => {const r = e.getBoundingClientRect(); "
           "return [r.x, r.y, r.width, r.height];};"
           f"console.log('{MARK}' + JSON.stringify({{charts: [...document.querySelectorAll("
           "'svg.chart')].map(box), monitors: box(document.getElementById('monitors')), "
           "scroll: document.documentElement.scrollWidth, inner: window.innerWidth}));</script>")


def summary() -> dict:
    stats: dict[str, object] = {
        "finish_reason": "finished", "finish_time": "2026-12-02 08:00:00+00:00",
        "item_dropped_reasons_count/BodyTooShort": 3, "chrome/removed/share": 12,
        "chrome/removed/related": 5, "monitors/failed/coverage/news.example/authors": FAILURE,
    }
    for domain, (blocked, exported) in {"news.example": (2, 30), "other.example": (9, 4)}.items():
        stats.update({f"site/{domain}/discovered": 60, f"site/{domain}/fetched": 45,
                      f"site/{domain}/articles": exported + 2, f"site/{domain}/items": exported,
                      f"site/{domain}/outcome/exported": exported,
                      f"site/{domain}/outcome/blocked": blocked,
                      f"site/{domain}/outcome/not_article/listing_url": 6})
        for name, value in {"headline": 1.0, "articleBody": 1.0, "datePublished": 0.9,
                            "authors": 0.05, "inLanguage": 1.0}.items():
            stats[f"site/{domain}/coverage/{name}"] = value
            stats[f"site/{domain}/coverage_before/{name}"] = 0.94 if name == "authors" else value
            stats[f"site/{domain}/coverage_runs/{name}"] = 5
    for key, value in list(stats.items()):
        if key.startswith("site/") and "/outcome/" in key:
            stats["outcome/" + key.split("/outcome/")[1]] = value
    return {"finish_reason": "finished", "duration_seconds": 42.0, "pages_fetched": 90,
            "articles_exported": 34, "stats": stats}


def measured(html: str, path: Path, window: tuple[int, int], action: str
             ) -> tuple[dict, list[str]]:
    """Render a copy of the page with the measuring script (``action``: --screenshot=FILE or
    --dump-dom): its figures, and the other console lines."""
    path.write_text(html.replace("</body>", MEASURE + "</body>"), "utf-8")
    proc = run_chromium(path.as_uri(), action, window=window)
    lines = console_lines(proc.stderr)
    metrics = [line for line in lines if MARK in line]
    assert metrics, proc.stderr[-2000:]
    found = re.search(re.escape(MARK) + r"(\{.*\})", metrics[0])
    assert found, metrics[0]
    return json.loads(found.group(1)), [line for line in lines if MARK not in line]


def test_report_renders_in_chromium(tmp_path: Path) -> None:
    html = render_report([run_from_summary("run", summary())])
    assert "<script" not in html and "http" not in html.replace("http://www.w3.org/2000/svg", "")
    shot = tmp_path / "report.png"
    window = (1100, 1600)
    metrics, errors = measured(html, tmp_path / "measure.html", window, f"--screenshot={shot}")
    assert errors == []
    # overview: outcomes, outcomes per site, drop reasons, chrome removed; each site:
    # coverage, funnel, outcomes
    assert len(metrics["charts"]) == 4 + 2 * 3
    image = Image.open(shot).convert("RGB")
    scale = image.width / window[0]

    def region(x: float, y: float, width: float, height: float) -> list[tuple[int, int, int]]:
        box = (int(x * scale), int(y * scale), int((x + width) * scale), int((y + height) * scale))
        crop = image.crop(box)
        return [crop.getpixel((i, j)) for j in range(crop.height) for i in range(crop.width)]

    for x, y, width, height in metrics["charts"]:
        assert width > 100 and height > 30
        assert y + height <= window[1], "chart below the screenshot: make the window taller"
        pixels = region(x, y, width, height)
        inked = [p for p in pixels if p != (255, 255, 255)]
        assert len(inked) > 0.03 * len(pixels), (x, y)
        assert len(set(inked)) > 2, (x, y)
    x, y, width, height = metrics["monitors"]
    assert y < 200, "failing monitors are at the top"
    box = region(x, y, width, height)
    assert sum(1 for r, g, b in box if r > 150 and g < 90 and b < 90) > 200  # red text and border


def test_report_fits_a_phone(tmp_path: Path) -> None:
    html = render_report([run_from_summary("run", summary())])
    metrics, errors = measured(html, tmp_path / "phone.html", (390, 1200), "--dump-dom")
    assert errors == []
    assert metrics["scroll"] <= metrics["inner"]  # no sideways scrolling
    assert all(x + w <= metrics["inner"] for x, _, w, _ in metrics["charts"]), metrics


def test_console_check_catches_page_errors(tmp_path: Path) -> None:
    """The check above can fail: a page with an error in its script is caught."""
    page = tmp_path / "broken.html"
    page.write_text("<html><body><p>x</p><script>notDefined();</script></body></html>", "utf-8")
    proc = run_chromium(page.as_uri(), "--dump-dom", window=(400, 300))
    assert any("notDefined" in line for line in console_lines(proc.stderr))
