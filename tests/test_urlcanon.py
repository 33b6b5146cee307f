"""URL canonicalisation: variants of one article share one key."""

from __future__ import annotations

import pytest

from crawler.urlcanon import canonical_url, same_article, url_key

SAME = [
    ("https://news.example/2026/11/20/story.html",
     "https://news.example/2026/11/20/story.html?utm_source=twitter&utm_medium=social"),
    ("https://news.example/a/story", "https://news.example/a/story?fbclid=IwAR0abc&gclid=xyz"),
    ("https://news.example/a/story", "https://news.example/a/story/"),
    ("https://news.example/a/story", "https://news.example/a/story#comments"),
    ("https://news.example/a/story", "HTTPS://NEWS.EXAMPLE:443/a/story"),
    ("http://news.example/a/story", "http://news.example:80/a/story"),
    ("https://news.example/a/story", "http://www.news.example/a/story"),
    ("https://news.example/a/story", "https://m.news.example/a/story"),
    ("https://news.example/a/story", "https://news.example/a/story/amp/"),
    ("https://news.example/a/story", "https://news.example/amp/a/story"),
    ("https://news.example/a/story", "https://news.example/a/story?amp"),
    ("https://news.example/a/story", "https://news.example/a/story?amp=1"),
    ("https://news.example/a/story.html", "https://news.example/a/story.amp.html"),
    ("https://news.example/a/story", "https://news.example/a/story;jsessionid=ABC123"),
    ("https://news.example/a/story?id=5", "https://news.example/a/story?PHPSESSID=1&id=5"),
    ("https://news.example/a?b=2&a=1", "https://news.example/a?a=1&b=2"),
    ("https://news.example/caf%C3%A9", "https://news.example/café"),
]
DIFFERENT = [
    ("https://news.example/a/story?id=5", "https://news.example/a/story?id=6"),
    ("https://news.example/a/story", "https://other.example/a/story"),
    ("https://news.example/a/story", "https://news.example:8443/a/story"),
    ("https://news.example/campus/story", "https://news.example/camp/story"),
    ("https://m.example/a", "https://example/a"),  # "m.example" is a domain, not a mobile host
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_variants_share_a_key(a: str, b: str) -> None:
    assert url_key(a) == url_key(b)
    assert same_article(a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_articles_keep_different_keys(a: str, b: str) -> None:
    assert url_key(a) != url_key(b)


def test_canonical_url_is_a_url() -> None:
    url = "HTTP://WWW.News.Example:80/a/b/?utm_campaign=x&q=1#top"
    assert canonical_url(url) == "http://www.news.example/a/b?q=1"
    assert canonical_url("https://news.example") == "https://news.example/"


@pytest.mark.parametrize("junk", ["", "not a url", "mailto:x@y.z", "http://[::1", "ftp://x/y"])
def test_junk_never_raises(junk: str) -> None:
    assert isinstance(url_key(junk), str)
