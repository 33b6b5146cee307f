"""Links of a page: the remembered path (:class:`KnownLinks`) gives what the plain path does,
and a site's repeated links are returned once per process."""

from __future__ import annotations

import pytest

from crawler.extraction import PageInput, process_page
from crawler.extraction import links as links_module
from crawler.extraction.article import parse_html
from crawler.extraction.links import KnownLinks, Links, page_links, site_of

BASES = (
    "https://news.example/2026/11/20/story.html",
    "https://news.example/2026/11/21/other.html?page=2#top",
    "https://news.example/2026/11/20/next-story.html",
    "https://news.example/2026/11/20/",
    "https://news.example/2026/11/",
    "https://news.example",
    "http://news.example/a/b;params?q=1",
    "https://other.example/x/y/z",
    "https://NEWS.example:8443/%7Euser/index.html",
)
HREFS = (
    "/section/world/", "section/world/", "../section/", "./a.html", "../../../../x", "?page=3",
    "?", ";p=1", "//cdn.example/a.js", "//news.example/b", "https://news.example/c#frag",
    "HTTPS://News.Example/D", "http:relative", "https:other", "ftp://files.example/f",
    "mailto:desk@news.example", "/caf\u00e9/\u00fcber?q=\u00e4", "a b/c d.html", "#only-frag",
    "/path#frag", "http://[::1", "https://news.example:99999/", "", "   /padded/   ",
)
BASE_TAGS = (None, "/base/dir/", "https://elsewhere.example/q/", "?only=query")


def _page(hrefs: list[str], base_tag: str | None = None) -> str:
    head = f'<base href="{base_tag}">' if base_tag else ""
    feeds = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    anchors = "".join(f'<a href="{h}">x</a>' for h in hrefs)
    return f"<html><head>{head}{feeds}</head><body>{anchors}<a href='/n' rel='nofollow'>n</a>" \
           "</body></html>"


def _links(html: str, base: str, known: KnownLinks | None = None) -> Links:
    tree = parse_html(html)
    assert tree is not None
    return page_links(tree, base, known)


@pytest.mark.parametrize("order", [1, -1])
def test_resolved_table_gives_what_urljoin_gives(order: int) -> None:
    # One table across pages of every base: a shared entry must never be wrong for another.
    # (Nothing is remembered as returned, so every link comes back.)
    known = KnownLinks()
    pages = [(base, tag) for base in BASES for tag in BASE_TAGS][::order]
    for base, tag in pages:
        for hrefs in (list(HREFS), list(reversed(HREFS))):
            html = _page(hrefs, tag)
            plain = _links(html, base)
            cached = _links(html, base, known)
            assert (cached.anchors, cached.feeds) == (plain.anchors, plain.feeds), (base, tag)


def test_site_links_are_returned_once_and_counted_after() -> None:
    menu = ["/section/world/", "/section/sport/", "https://partner.example/"]
    known = KnownLinks()
    first = _links(_page([*menu, "/2026/11/20/one.html"]), BASES[0], known)
    known.remember(site_of(BASES[0]), first)
    second = _links(_page([*menu, "/2026/11/21/two.html"]), BASES[1], known)
    assert first.known == 0 and len(first.anchors) == 4 and first.feeds
    assert second.anchors == ["https://news.example/2026/11/21/two.html"]
    assert second.feeds == []
    assert second.known == 4  # three menu links and the feed
    # another site starts with nothing returned
    other = _links(_page(menu), "https://other.example/x/y/z", known)
    assert other.known == 0 and len(other.anchors) == 3


def test_links_of_a_page_not_remembered_come_back() -> None:
    known = KnownLinks()
    html = _page(["/section/world/"])
    _links(html, BASES[0], known)  # no remember(): as if the page never reached the crawl
    again = _links(html, BASES[0], known)
    assert again.anchors == ["https://news.example/section/world/"] and again.known == 0


def test_process_page_remembers_only_with_a_memory() -> None:
    body = (_page(["/section/world/"]) + "<p>" + "Words of a story. " * 40 + "</p>").encode()
    page = PageInput(BASES[0], body, "utf-8")
    assert process_page(page).links == process_page(page).links != []
    known = KnownLinks()
    first, second = process_page(page, known=known), process_page(page, known=known)
    assert first.links == ["https://news.example/section/world/"]
    assert second.links == [] and second.feeds == [] and second.known_links == 2


def test_memory_is_bounded(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import crawler.extraction.links as links_module

    monkeypatch.setattr(links_module, "MAX_REMEMBERED", 10)
    known = KnownLinks()
    for i in range(5):
        hrefs = [f"/p/{i}/{k}" for k in range(4)]
        known.remember("https://news.example", _links(_page(hrefs), BASES[0], known))
    assert sum(len(s) for s in known.returned.values()) <= 10
    assert len(known.resolved) <= 10 + 6  # cleared once past the bound, then one page's worth


PLAIN = (
    "https://news.example/a/b.html", "http://news.example/it's", "https://a.example/x;p?q=1&r=2",
    "https://a.example//double", "https://a.example/x?y", "https://a.example/x/?a=b/c",
    "https://a.example/x#frag", "http://1.2.3.4/x", "https://a-b.example/(x)*~u/$!",
)
NOT_PLAIN = (
    "https://a.example/a?b=c'd", "https://A.example/x", "HTTPS://a.example/x",
    "https://a.example:8080/x", "https://u@a.example/x", "https://xn--caf-dma.example/x",
    "https://a.example/a/../b", "https://a.example/./b", "https://a.example/x?",
    "https://a.example/caf\u00e9", "https://a.example/a b", "https://a.example/%7Eu",
    "https://a.example", "https://-a.example/x", "https://a.example/x|y",
)


@pytest.mark.parametrize("href", PLAIN + NOT_PLAIN + HREFS)
@pytest.mark.parametrize("base", BASES)
def test_plain_url_shortcut_gives_what_w3lib_gives(base: str, href: str) -> None:
    from urllib.parse import urljoin, urlsplit

    from w3lib.url import safe_url_string

    from crawler.extraction.links import _PLAIN_URL, _absolute

    try:
        url = safe_url_string(urljoin(base, href.strip())).split("#", 1)[0]
        expected = url if urlsplit(url).scheme in {"http", "https"} else ""
    except ValueError:
        expected = ""
    assert _absolute(base, href.strip()) == expected
    if href in PLAIN:
        assert _PLAIN_URL.fullmatch(href.split("#", 1)[0])  # the shortcut was taken
    if href in NOT_PLAIN:
        assert not _PLAIN_URL.fullmatch(href)


def test_memory_of_hrefs_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # hrefs that never reach the resolved table (javascript:, fragments) are remembered too
    monkeypatch.setattr(links_module, "MAX_REMEMBERED", 50)
    known = KnownLinks()
    for page in range(20):
        hrefs = [f"javascript:open({page}, {i})" for i in range(10)]
        hrefs += [f"#part-{page}-{i}" for i in range(10)]
        _links(_page(hrefs), f"https://site{page % 3}.example/a/", known)
        assert sum(len(table) for table in known.by_origin.values()) <= 50 + 21
