"""Named XPath tables of site chrome, pruned from the DOM before extraction.

Data, not code: add an entry to cover a new kind of clutter. Names are stat keys
(``chrome/pruned/<name>``). Matching is on class/id tokens, so "related" matches
``class="related-posts"`` but the tokenisation keeps "unrelated" safe.
"""

from __future__ import annotations


def _tokens(*words: str) -> str:
    """XPath predicate: a class or id containing one of the words as a hyphen/underscore token."""
    tests = []
    for w in words:
        for attr in ("@class", "@id"):
            norm = f"concat(' ', translate({attr}, '_-ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
            norm += "'  abcdefghijklmnopqrstuvwxyz'), ' ')"
            tests.append(f"contains({norm}, ' {w} ')")
    return " or ".join(tests)


PRUNE_XPATHS: tuple[tuple[str, str], ...] = (
    ("related", f"//*[self::div or self::section or self::aside or self::ul][{_tokens('related', 'recommended', 'more-stories', 'read-more', 'readmore')}]"),
    ("share_bar", f"//*[{_tokens('share', 'sharing', 'social', 'sharebar')}][not(self::body)]"),
    ("newsletter", f"//*[self::div or self::section or self::aside or self::form][{_tokens('newsletter', 'subscribe', 'subscription', 'signup')}]"),
    ("comments", f"//*[self::div or self::section][{_tokens('comments', 'comment', 'disqus')}]"),
    ("figure_caption", "//figcaption"),
    ("tag_list", f"//*[self::div or self::ul or self::p][{_tokens('tags', 'tag', 'tagcloud', 'keywords')}]"),
)
