"""Bodies the fault site serves: good articles, and every kind of bad input."""

from __future__ import annotations

import gzip
import json
import random
from functools import cache

import brotli

SENTENCES = (
    "The harbour authority confirmed on Monday that the northern pier will close for repairs",
    "Engineers found corrosion in the steel piles during a routine inspection last spring",
    "Fishing crews will moor at the southern basin while the work goes on through the winter",
    "The mayor said the town would cover the cost of extra berths from its reserve fund",
    "Local businesses near the pier fear a quiet season but welcome the long-term investment",
    "A public meeting on the timetable is planned for the town hall next Thursday evening",
    "Residents asked whether the historic lamp posts on the pier would be kept after the work",
    "The contractor expects to finish the first phase before the spring tides arrive",
)


def article_html(slug: str, title: str, seed: int, charset: str = "utf-8") -> str:
    """A news article that every layer should accept; text varies with ``seed``."""
    rng = random.Random(seed)
    paras = []
    for i in range(6):
        words = rng.sample(SENTENCES, 3)
        paras.append(f"<p>{'. '.join(words)}. Report {seed}-{i}.</p>")
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
          "datePublished": "2026-11-20T09:15:00+01:00", "inLanguage": "en",
          "author": [{"@type": "Person", "name": "Ada Fielding"}]}
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}">'
        f"<title>{title} - The Harbour Times</title>"
        '<meta property="og:type" content="article">'
        f'<link rel="canonical" href="/news/2026/11/20/{slug}.html">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
        f'<main><article><h1>{title}</h1><div class="story-body">{"".join(paras)}</div>'
        "</article></main></body></html>"
    )


def home_html(links: list[str]) -> bytes:
    items = "".join(f'<li><a href="{u}">{u}</a></li>' for u in links)
    return f"<!DOCTYPE html><html><head><title>Home</title></head><body><ul>{items}</ul></body></html>".encode()


@cache
def gzip_bomb(size: int = 64 * 1024 * 1024) -> bytes:
    """``size`` zero bytes gzipped: ~64 KB that inflate to 64 MB."""
    return gzip.compress(b"\0" * size, compresslevel=9)


@cache
def brotli_bomb(size: int = 64 * 1024 * 1024) -> bytes:
    return brotli.compress(b"\0" * size, quality=5)


def deep_html(depth: int = 10_000) -> bytes:
    return ("<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>").encode()


def unclosed_html() -> bytes:
    return b"<html><head><title>Unclosed<body><div><p><b><i><table><tr><td>" * 500


def nul_html() -> bytes:
    return b"<html><body><p>nul\x00bytes\x00</p>" + b"\x00" * 5000 + b"</body></html>"


def binary_body(size: int = 200_000) -> bytes:
    return random.Random(7).randbytes(size)


XXE_SITEMAP = """<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY ext SYSTEM "{other}/xxe">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/xxe/&xxe;</loc></url><url><loc>{base}/ext/&ext;</loc></url>
</urlset>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>{base}/bomb/&lol9;</link></item></channel></rss>"""


@cache
def url_bomb(count: int = 8_000_000) -> bytes:
    """~70 KB of gzip that inflate to ``count`` empty ``<url/>`` elements (48 MB: under the
    50 MiB inflate cap, so only an element limit stops it)."""
    return gzip.compress(b'<?xml version="1.0"?><urlset>' + b"<url/>" * count + b"</urlset>", 6)


def big_sitemap(base: str, count: int = 50_000) -> bytes:
    """A sitemap at the protocol's limit: ``count`` article URLs, all last modified in 2020."""
    urls = "".join(f"<url><loc>{base}/2020/01/01/story-number-{i}-of-the-day.html</loc>"
                   "<lastmod>2020-01-01</lastmod></url>" for i in range(count))
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode()
