"""Generate a small news site in a directory: a home page, section pages, N articles.

Every article has a unique headline and body long enough to be judged an article, so a
crawl of the site must export exactly the paths :func:`write_site` returns.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

PER_SECTION = 20
_TEXT = (
    "council river bridge budget school library market station museum harbour valley "
    "mayor residents engineers teachers farmers volunteers funding plan vote report "
    "summer winter festival road traffic railway repairs flood storm park hospital "
    "museum archive children students families workers owners visitors officials"
)
_WORDS = _TEXT.split()


def _paragraph(rng: random.Random, number: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(40)]
    return f"Paragraph {number} of the story: " + " ".join(words).capitalize() + "."


def _article_html(index: int, rng: random.Random) -> str:
    headline = f"Story number {index}: {rng.choice(_WORDS)} {rng.choice(_WORDS)} update"
    body = "\n".join(f"<p>{_paragraph(rng, n)} Reference {index}-{n}.</p>" for n in range(5))
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": headline, "datePublished": "2026-11-20T09:15:00+01:00",
                     "author": [{"@type": "Person", "name": "Test Writer"}]})
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline}</title>'
        f'<meta property="og:type" content="article">'
        f'<script type="application/ld+json">{ld}</script></head><body>'
        f'<main><article><h1>{headline}</h1><div class="story-body">{body}</div></article>'
        f'</main><footer><a href="/">Home</a></footer></body></html>'
    )


def article_path(index: int) -> str:
    """The URL path of article ``index``."""
    return f"/2026/11/20/story-number-{index:04d}.html"


def write_site(root: Path, articles: int, seed: int = 1) -> set[str]:
    """Write the site under ``root``; return the URL paths of its articles."""
    rng = random.Random(seed)
    paths = {article_path(i) for i in range(articles)}
    sections = (articles + PER_SECTION - 1) // PER_SECTION
    links = "".join(f'<li><a href="/section/p{s}.html">Page {s}</a></li>' for s in range(sections))
    (root / "section").mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text(
        f"<html><head><title>Test News</title></head><body><ul>{links}</ul></body></html>", "utf-8"
    )
    for s in range(sections):
        items = range(s * PER_SECTION, min(articles, (s + 1) * PER_SECTION))
        lis = "".join(f'<li><a href="{article_path(i)}">Story {i}</a></li>' for i in items)
        (root / "section" / f"p{s}.html").write_text(
            f"<html><head><title>Page {s}</title></head><body><ul>{lis}</ul></body></html>",
            "utf-8",
        )
    for i in range(articles):
        target = root / article_path(i).lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_article_html(i, rng), "utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", "utf-8")
    return paths
