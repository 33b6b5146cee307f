"""Chrome pruning tables: what must go, what must stay, and the counts per name."""

from __future__ import annotations

import lxml.html
import pytest
from lxml.html import HtmlElement

from crawler.extraction.prune import EMBEDDED_POST_MARK, match_rule, prune_chrome

PROSE = " ".join(["The council debated the budget for many hours before the final vote."] * 8)


def _page(inner: str) -> HtmlElement:
    return lxml.html.document_fromstring(
        f"<html><body><div id='main'><p>{PROSE}</p><p>{PROSE}</p>{inner}</div></body></html>"
    )


def _text(tree: HtmlElement) -> str:
    return " ".join(tree.text_content().split())


@pytest.mark.parametrize(
    ("name", "html", "gone"),
    [
        ("related", "<aside class='related-posts'><a>Other story here</a></aside>",
         "Other story"),
        ("related", "<div class='most-read'><a>Popular thing</a></div>", "Popular thing"),
        ("share_bar", "<div class='social-share'><a>Tweet this</a></div>", "Tweet this"),
        ("share_bar", "<ul id='share_buttons'><li>Share on Facebook</li></ul>", "Facebook"),
        ("newsletter", "<form class='newsletter-form'>Sign up today</form>", "Sign up"),
        ("comments", "<section id='comments'>Great article!</section>", "Great article"),
        ("tag_list", "<div class='post-tags'>Tags: budget</div>", "Tags: budget"),
        ("author_box", "<div class='author-bio'>Jane writes about cities.</div>", "Jane writes"),
        ("caption", "<figure><img src='a.jpg'><figcaption>Photo: AP</figcaption></figure>",
         "Photo: AP"),
        ("caption", "<div class='wp-caption-text'>A caption</div>", "A caption"),
        # "legend"/"légende"/"Bildlegende": a caption's name in French, German, Italian CMSs
        ("caption", "<div class='image-box'><img src='b.jpg'><div class='legend'>The beech "
                    "forest above the lake, where the project began.</div></div>", "beech"),
        ("caption", "<div class='bild-legende'>Der Wald oberhalb des Sees</div>", "Der Wald"),
        ("live_ticker", "<div class='news-ticker'>Breaking: storm</div>", "Breaking: storm"),
        ("ads", "<div class='ad-container'>Buy now</div>", "Buy now"),
    ],
)
def test_chrome_is_removed_and_counted(name: str, html: str, gone: str) -> None:
    tree = _page(html)
    fired = prune_chrome(tree)
    assert fired[name] == 1
    assert gone not in _text(tree)
    assert "The council debated" in _text(tree)


@pytest.mark.parametrize(
    "html",
    [
        "<div class='unrelated-topic'>Kept words</div>",  # token, not substring
        "<div class='shared-services'>Kept words</div>",  # "shared" is not "share"
        "<p class='tagline'>Kept words</p>",
        "<div class='commentary'>Kept words</div>",
        "<div class='header-read'>Kept words</div>",
        "<div class='adventure'>Kept words</div>",
    ],
)
def test_lookalike_classes_stay(html: str) -> None:
    tree = _page(html)
    assert sum(prune_chrome(tree).values()) == 0
    assert "Kept words" in _text(tree)


def test_article_wrapper_with_chrome_word_is_guarded() -> None:
    tree = lxml.html.document_fromstring(
        f"<html><body><div class='entry-content article-share-enabled'><p>{PROSE}</p>"
        f"<p>{PROSE}</p></div><div class='share-bar'>Share</div></body></html>"
    )
    fired = prune_chrome(tree)
    assert fired["guarded/share_bar"] == 1
    assert fired["share_bar"] == 1
    assert "The council debated" in _text(tree)
    assert "Share" not in _text(tree)


def test_body_and_main_never_match() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body class='comments share'><main class='related'><p>x</p></main></body></html>"
    )
    assert match_rule(tree.find("body")) is None
    assert match_rule(tree.find(".//main")) is None


def test_tail_text_survives_removal() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><div><span class='share'>Share</span>tail words stay</div></body></html>"
    )
    prune_chrome(tree)
    assert "tail words stay" in _text(tree)


def test_embedded_post_is_unmarked_not_removed() -> None:
    tree = _page(
        "<div class='social-media-embed'><blockquote class='twitter-tweet'>"
        "<p>Quoted post text</p></blockquote></div>"
    )
    fired = prune_chrome(tree)
    assert fired["kept/embedded_post"] == 1
    quote = tree.find(".//blockquote")
    assert quote is not None and quote.get("class") is None
    assert quote.get(EMBEDDED_POST_MARK) == "1"
    assert quote.getparent().get("class") is None  # the wrapper held nothing else
    assert "Quoted post text" in _text(tree)


def test_section_heading_goes_with_its_section() -> None:
    tree = _page(
        "<p>Last short line of the story.</p><h3>Tell us what you think</h3>"
        "<p><span>4</span> comments</p><div class='fb-comments'>widget</div>"
    )
    fired = prune_chrome(tree)
    assert fired["comments"] == 1
    assert fired["section_heading"] == 2
    text = _text(tree)
    assert "Tell us what you think" not in text and "comments" not in text
    assert "Last short line of the story." in text  # a sentence before the heading stays


def test_heading_before_non_section_chrome_stays() -> None:
    tree = _page("<h3>Key figures</h3><div class='share-bar'>Share</div>")
    prune_chrome(tree)
    assert "Key figures" in _text(tree)


def test_counts_hold_only_rules_that_fired() -> None:
    fired = prune_chrome(_page("<div class='related-posts'><a>Other</a></div>"))
    assert dict(fired) == {"related": 1}


def test_share_word_on_inline_text_is_not_chrome() -> None:
    tree = _page("<p>Shares rose to <span class='share-price'>41.20</span> on Monday.</p>"
                 "<span class='share-button'>Share</span>")
    fired = prune_chrome(tree)
    assert "41.20" in _text(tree)
    assert fired["share_bar"] == 1


def test_removed_prose_counts_text_outside_links_only() -> None:
    menu = "".join(f"<li><a href='/s{i}'>Section number {i}</a></li>" for i in range(30))
    tree = _page(f"<div class='most-read'><b>Sections</b><ul>{menu}</ul></div>"
                 "<aside class='related-posts'><p>An unlinked teaser sentence.</p></aside>")
    chars: list[int] = []
    prose: list[int] = []
    prune_chrome(tree, removed_chars=chars, removed_prose=prose)
    assert len(chars) == len(prose) == 2
    assert prose[0] == len("Sections")  # the menu: its links do not count
    assert chars[0] > 20 * prose[0]
    assert prose[1] == chars[1] == len("An unlinked teaser sentence.")
