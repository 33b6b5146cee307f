"""Remove site chrome from the DOM before extraction.

The clutter itself is data in :mod:`crawler.extraction.prune_tables`; this module is the
algorithm. Each table entry that removes something is counted under its name.
"""

from __future__ import annotations

from collections import Counter

from lxml.html import HtmlElement

from crawler.extraction.prune_tables import PRUNE_XPATHS


def prune_chrome(tree: HtmlElement) -> Counter[str]:
    """Delete nodes matched by the named XPath tables; return how often each name fired."""
    fired: Counter[str] = Counter()
    for name, xpath in PRUNE_XPATHS:
        for node in tree.xpath(xpath):
            parent = node.getparent()
            if parent is None:
                continue
            _drop_keep_tail(node, parent)
            fired[name] += 1
    return fired


def _drop_keep_tail(node: HtmlElement, parent: HtmlElement) -> None:
    """Remove ``node`` but keep the text that follows it (its tail)."""
    tail = node.tail
    if tail and tail.strip():
        prev = node.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)
