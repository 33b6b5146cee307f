"""Where a block sits among the story's paragraphs: evidence that a short line is story.

A story's own subheadings and lists are written among its paragraphs, siblings of them in
one container; a related-links box, a newsletter form or a caption is a block of its own
(a ``<div>``, an ``<aside>``, a ``<figure>``) or sits before or after the paragraphs. The
shape of a short line (a subheading, a product name, a list item) says little about
whether it is story; its place in the DOM says more, and in every language.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

_WORD = re.compile(r"\w+")
PROSE_TOKENS = 5
"""A paragraph counts as the story's prose with at least this many words (an empty spacer
or an image paragraph does not)."""
STRUCTURE = frozenset({"h2", "h3", "h4", "h5", "h6", "ol", "ul"})
"""Blocks a story sets among its paragraphs: subheadings and lists."""


def _prose(el: HtmlElement) -> bool:
    return el.tag == "p" and len(_WORD.findall(el.text_content())) >= PROSE_TOKENS


def among_paragraphs(root: HtmlElement) -> list[HtmlElement]:
    """The subheadings and lists under ``root`` that sit between two prose paragraphs of the
    same container (see the module doc)."""
    found: list[HtmlElement] = []
    for parent in root.iter():
        children = [ch for ch in parent if isinstance(ch.tag, str)]
        prose = [_prose(ch) for ch in children]
        if sum(prose) < 2:
            continue
        first, last = prose.index(True), len(prose) - 1 - prose[::-1].index(True)
        found.extend(ch for ch in children[first + 1:last] if ch.tag in STRUCTURE)
    return found

