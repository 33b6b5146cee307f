"""Which link lines are navigation (dropped) and which are the story's own text (kept)."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from crawler.extraction import body_filters
from crawler.extraction.body_filters import drop_link_lines, link_keys

P1 = ("The council voted five to two on Tuesday night to approve a budget that raises spending "
      "on road repairs and public libraries while trimming the parks department by a fifth.")
P2 = ("Opponents argued that the cuts to the parks department would fall hardest on families "
      "in the eastern districts, where public pools are the only affordable summer option.")


def _keys(body_html: str) -> set[str]:
    return link_keys(lxml.html.document_fromstring(f"<html><body>{body_html}</body></html>"))


def test_link_with_its_description_after_a_break_is_story() -> None:
    # a list of places written as "name<br>how to get there": the name alone is a line
    html = ("<p><a href='https://elsewhere.example/'>Harbour Climbing Hall</a><br>"
            "two minutes on foot from the central station</p>"
            "<ul><li><a href='/news'>Harbour Climbing Hall</a></li></ul>")
    body = f"{P1}\nHarbour Climbing Hall\ntwo minutes on foot from the central station\n{P2}"
    # the same text as a menu item elsewhere on the page: navigation after all
    assert drop_link_lines(body, _keys(html)) == (
        f"{P1}\ntwo minutes on foot from the central station\n{P2}")
    inline_only = _keys(html.split("<ul>", maxsplit=1)[0])
    assert drop_link_lines(body, inline_only) == body


def test_link_in_a_list_item_with_prose_is_story() -> None:
    html = ("<ol><li>Work out the mass of a glass block 4 cm by 3 cm by 7 cm. Answer: 210 g"
            "<br><a href='/files/answer-1.pdf'>Worked solution</a></li></ol>")
    assert "worked solution" not in _keys(html)


def test_menu_items_and_labelled_links_stay_navigation() -> None:
    html = ("<ul><li><a href='/a'>Storm closes the harbour bridge</a></li>"
            "<li><a href='/b'>Council approves the budget</a> <span>12.03.2024</span></li></ul>"
            "<p>Listen: <a href='/ep/615'>Episode six hundred and fifteen</a><br>"
            "Download: <a href='/ep/615.mp3'>Episode six hundred and fifteen mp3</a></p>"
            "<p>Read more: <a href='/c'>Five things to do this weekend in the old town</a></p>")
    assert _keys(html) == {
        "storm closes the harbour bridge", "council approves the budget",
        "episode six hundred and fifteen", "episode six hundred and fifteen mp3",
        "five things to do this weekend in the old town",
    }


def test_headline_link_over_a_teaser_block_stays_navigation() -> None:
    # the teaser is a block of its own inside the item: not prose beside the link
    html = ("<ul><li><a href='/d'>Storm closes the harbour bridge</a>"
            "<p>The bridge will stay shut until the wind drops, the port authority said.</p>"
            "</li></ul>")
    assert _keys(html) == {"storm closes the harbour bridge"}


def test_table_row_of_several_cells_is_not_a_link_line() -> None:
    html = "<table><tr><td><a href='/win'>Desktop app for Windows</a></td><td></td></tr></table>"
    body = f"{P1}\n| Platform | x86 | arm |\n| Desktop app for Windows | | |\n{P2}"
    assert drop_link_lines(body, _keys(html)) == body
    assert drop_link_lines(f"{P1}\nDesktop app for Windows", _keys(html)) == P1


@pytest.mark.parametrize("href", [
    "https://shop.example.com/item?id=1", "http://Example.ORG", "HTTPS://a.example:8443/x#y",
    "//cdn.example.net/p", "https://user:pw@host.example/p", "https://host.example?x=1",
    "https://host.example#top", "http://[::1]/x", "http://[broken/x", "https://bücher.example/",
    "https://ho\tst.example/", "https:/one-slash.example/x", "https:relative/path",
    "httpfoo/bar", "http://", "//", "https://host.example/a//b", "/local/path", "?q=1",
])
def test_host_reads_what_urlsplit_reads(href: str) -> None:
    base = "https://www.news.example/section/story.html"
    try:
        expected: str | None = urlsplit(urljoin(base, href)).netloc
    except ValueError:
        expected = None
    try:
        got: str | None = body_filters._host(href, base)
    except ValueError:
        got = None
    assert got == expected
