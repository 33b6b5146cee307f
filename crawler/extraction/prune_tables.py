"""Named tables of site chrome, pruned from the DOM before extraction.

Data, not code: add an entry to cover a new kind of clutter. Names are stat keys
(``chrome/pruned/<name>``). The algorithm is in :mod:`crawler.extraction.prune`.

Matching is on class/id *tokens*: the attribute values are lower-cased and split on
anything that is not a letter or digit, so ``related`` matches ``class="related-posts"`` and
``id="related_links"`` but never ``class="unrelated"``. A hyphenated entry
(``more-stories``) is a *phrase*: consecutive tokens, so it matches
``class="block more-stories-list"``. A ``tags`` restriction limits a rule to those elements.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PruneRule:
    """One kind of chrome: which class/id words (or tag names) mark it, on which elements."""

    name: str
    words: frozenset[str] = frozenset()
    """Single tokens and hyphenated phrases looked for in class and id."""
    tags: frozenset[str] | None = None
    """Only elements with these tag names; None: any element."""
    always_tags: frozenset[str] = frozenset()
    """Elements removed by tag name alone (e.g. ``figcaption``)."""


def _rule(
    name: str, words: str = "", tags: str | None = None, always: str = ""
) -> PruneRule:
    """Build a rule from whitespace-separated word lists (keeps the table readable)."""
    return PruneRule(
        name=name,
        words=frozenset(words.split()),
        tags=frozenset(tags.split()) if tags is not None else None,
        always_tags=frozenset(always.split()),
    )


# Containers chrome lives in; inline elements (span, a, p) rarely hold a whole widget, and a
# class word on a <p> is far more often styling than chrome.
_BLOCKS = "div section aside ul ol nav footer header form figure dl table"

PRUNE_RULES: tuple[PruneRule, ...] = (
    _rule(
        "related",
        "related relatedposts related-posts related-articles related-stories related-content "
        "related-links recommended recommendations more-stories more-articles more-news "
        "most-read mostread most-popular most-viewed trending popular-posts also-read "
        "read-next readnext read-more-links you-may-like outbrain taboola yarpp zergnet "
        "jp-relatedposts",
        _BLOCKS,
    ),
    _rule(
        "share_bar",
        "share sharing sharebar share-bar share-buttons sharethis addthis shareaholic "
        "social-share social-links social-icons socialshare social-buttons ssba a2a",
        _BLOCKS,
    ),
    # inline elements only by unambiguous names: a bare "share" on a <span> may be a
    # "share-price" figure inside a sentence
    _rule(
        "share_bar",
        "sharebar share-bar share-buttons share-button share-link share-links sharethis "
        "addthis shareaholic social-share socialshare social-buttons ssba a2a",
        "span p a li",
    ),
    _rule(
        "newsletter",
        "newsletter newsletters subscribe subscription signup sign-up optin opt-in",
        _BLOCKS,
    ),
    _rule(
        "comments",
        "comments comment-list commentlist comment-respond comments-area disqus respond "
        "comment-form",
        _BLOCKS,
    ),
    _rule("tag_list", "tags tagcloud tag-cloud tag-list post-tags entry-tags article-tags "
                      "keywords", _BLOCKS + " p"),
    _rule(
        "author_box",
        "author-bio authorbio author-box authorbox about-author about-the-author author-info "
        "author-card author-details author-profile bio-box",
        _BLOCKS,
    ),
    _rule(
        "caption",
        "caption wp-caption-text image-caption photo-caption img-caption image-credit "
        "photo-credit credit credits legend legende bildunterschrift",
        _BLOCKS + " p span div",
        always="figcaption",
    ),
    _rule("live_ticker", "ticker news-ticker breaking-ticker live-ticker marquee", _BLOCKS,
          always="marquee"),
    _rule("ads", "ad ads advert adverts advertisement advertising sponsored dfp ad-slot "
                 "ad-container adsbygoogle", _BLOCKS + " ins"),
)

NEVER_PRUNE_TAGS = frozenset({"html", "body", "main", "head"})
"""The page and its main landmark are never chrome, whatever their classes say."""

EMBEDDED_POST_WORDS = frozenset({"twitter-tweet", "instagram-media", "tiktok-embed"})
"""Class names of embedded social posts (``<blockquote class="twitter-tweet">``). Their text
is quoted article content, but extractors drop them for the class word; the class is removed
so they are read as the plain quotes they are."""

SECTION_RULES = frozenset({"related", "comments", "newsletter"})
"""Chrome that comes with a title outside its container (``<h3>Comments</h3><div
class="comments">``): headings right before a removed block of these kinds go with it."""
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
MAX_HEADING_CHARS = 80
