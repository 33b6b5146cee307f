"""A small news site whose every page carries the site's own tagline and a menu: lines no
cleaning rule names, which only learned boilerplate can remove.

The tagline sits in the story container after the last paragraph, where extraction keeps
it (as real sites' "About us" sentences do); the menu is a list of section links.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

TAGLINE = "The Riverton Ledger keeps the valley informed, one honest story at a time."
MENU = ("Politics", "Valley life", "Sport", "Weather", "Opinion")
_TEXT = ("council river bridge budget school library market station museum harbour mayor "
         "residents engineers teachers farmers volunteers funding plan vote report summer "
         "festival road traffic railway repairs flood storm park hospital archive")
_WORDS = _TEXT.split()


def article_path(index: int) -> str:
    return f"/valley/2026/11/story-{index:03d}.html"


def _menu() -> str:
    items = "".join(f'<li><a href="/section/{n.lower().replace(" ", "-")}.html">{n}</a></li>'
                    for n in MENU)
    return f'<header><nav class="menu"><ul>{items}</ul></nav></header>'


def _article(index: int, rng: random.Random) -> str:
    headline = f"Valley report {index}: {rng.choice(_WORDS)} and {rng.choice(_WORDS)}"
    paragraphs = "".join(
        "<p>" + " ".join(rng.choice(_WORDS) for _ in range(45)).capitalize()
        + f", the {rng.choice(_WORDS)} said in report {index}-{n}.</p>" for n in range(5))
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": headline, "datePublished": "2026-11-20T09:15:00+01:00"})
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline}</title>'
        f'<meta property="og:type" content="article">'
        f'<script type="application/ld+json">{ld}</script></head><body>{_menu()}'
        f'<main><article><h1>{headline}</h1><div class="text">{paragraphs}'
        f'<p>{TAGLINE}</p></div></article></main></body></html>'
    )


def write_tagline_site(root: Path, articles: int = 30, seed: int = 7) -> list[str]:
    """Write the site under ``root``; the article paths, in the order the home page lists
    them."""
    rng = random.Random(seed)
    paths = [article_path(i) for i in range(articles)]
    links = "".join(f'<li><a href="{p}">Valley report {i}</a></li>' for i, p in enumerate(paths))
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text(
        f"<html><head><title>The Riverton Ledger</title></head><body>{_menu()}"
        f"<ul>{links}</ul><p>{TAGLINE}</p></body></html>", "utf-8")
    (root / "section").mkdir(exist_ok=True)
    for name in MENU:  # each section lists every story, as a "latest" list would
        (root / "section" / f"{name.lower().replace(' ', '-')}.html").write_text(
            f"<html><head><title>{name}</title></head><body>{_menu()}<ul>{links}</ul>"
            f"<p>{TAGLINE}</p></body></html>", "utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", "utf-8")
    for i, path in enumerate(paths):
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_article(i, rng), "utf-8")
    return paths
