"""Collapsed "read more" story containers made visible before extraction.

Many themes render the whole story but hide its second half until a button is pressed:
``<div class="article-body-hideable">``, ``class="collapsed"``, ``truncated``,
``aria-hidden="true"``, ``hidden`` or ``style="display:none"`` on the story wrapper.
trafilatura discards every node marked hidden (``display:none``, ``aria-hidden``, ``hidden``
in a class or id), so the story was cut where the button sat. Here a hidden container that
holds story paragraphs loses its hiding marks; one holding no prose (a menu, a form, a
modal's buttons), comments, or a copy of text the page already shows (a mobile duplicate)
stays hidden and goes as before.

Cost: one XPath over the tree's attributes; the paragraph test runs only on hidden nodes.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

# Candidates: cheap attribute tests; _hiding() below decides.
_CANDIDATES = XPath(
    "//*[@aria-hidden='true' or @hidden or contains(@style, 'none') or "
    "contains(@style, 'hidden') or contains(@class, 'hid') or contains(@class, 'collaps') or "
    "contains(@class, 'truncat') or contains(@class, 'more') or contains(@id, 'hidden')]")
# Class tokens that hide a block until it is expanded ("story-hideable", "is-collapsed",
# "read-more-content", "truncated"); a token is matched whole or as a dash/underscore part.
_HIDING_TOKEN = re.compile(
    r"(?i)^(?:.*[-_])?(?:hidden|hideable|hide|collapsed|collapse|collapsible|truncated|"
    r"truncate|readmore|read-more|more-content|expandable)(?:[-_].*)?$")
_HIDING_STYLE = re.compile(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden|max-height\s*:\s*0")
# A hidden block with these words is not the story: comments, modals, consent, newsletters.
_NOT_STORY = re.compile(
    r"(?i)comment|reply|replies|modal|popup|pop-up|dialog|cookie|consent|newsletter|signup|"
    r"sign-up|login|nav|menu|sidebar|related|recommend|footer|header|share|social|cart")
_SKIP_TAGS = frozenset({"nav", "aside", "footer", "header", "form", "dialog", "menu", "template",
                        "script", "style", "noscript", "button", "select"})
# Story paragraphs: at least this many, each this long, together this long.
MIN_PARAGRAPHS = 2
MIN_PARAGRAPH_CHARS = 80
MIN_STORY_CHARS = 300
# Share of a hidden block's text in links above which it is a list of links, not a story.
MAX_LINK_SHARE = 0.3
_SENTENCE_END = frozenset(".!?。！？।؟»\"”")
_KEY_CHARS = 60


def reveal_hidden_story(tree: HtmlElement) -> int:
    """Remove the hiding marks of hidden containers that hold story paragraphs; the count."""
    revealed = 0
    shown: str | None = None  # the page's text outside hidden blocks, built on first need
    for el in _CANDIDATES(tree):
        if not isinstance(el, HtmlElement) or not _hiding(el) or _not_story(el):
            continue
        key = _story_key(el)
        if key is None:
            continue
        if shown is None:
            shown = _visible_keys(tree)
        if key in shown:
            continue  # a copy of text the page already shows (a mobile or print duplicate)
        _unhide(el)
        revealed += 1
    return revealed


def _hiding(el: HtmlElement) -> bool:
    if el.get("aria-hidden") == "true" or el.get("hidden") is not None:
        return True
    if _HIDING_STYLE.search(el.get("style") or ""):
        return True
    if "hidden" in (el.get("id") or "").lower():
        return True
    return any(_HIDING_TOKEN.match(token) for token in (el.get("class") or "").split())


def _not_story(el: HtmlElement) -> bool:
    node: HtmlElement | None = el
    depth = 0
    while node is not None and depth < 4:  # the block and its near ancestors
        if not isinstance(node.tag, str) or node.tag in _SKIP_TAGS:
            return True
        if _NOT_STORY.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
        node = node.getparent()
        depth += 1
    return False


def _story_key(el: HtmlElement) -> str | None:
    """The first story paragraph's letters when ``el`` holds story paragraphs, else None."""
    paragraphs = []
    total = 0
    for p in el.iter("p"):
        text = " ".join(p.text_content().split())
        if len(text) >= MIN_PARAGRAPH_CHARS and text[-1] in _SENTENCE_END:
            paragraphs.append(text)
            total += len(text)
    if len(paragraphs) < MIN_PARAGRAPHS or total < MIN_STORY_CHARS:
        return None
    text_chars = len(el.text_content())
    link_chars = sum(len(a.text_content()) for a in el.iter("a"))
    if text_chars and link_chars > MAX_LINK_SHARE * text_chars:
        return None
    return _alnum(paragraphs[0])[:_KEY_CHARS] or None


def _visible_keys(tree: HtmlElement) -> str:
    """Letters of the page's paragraphs that sit in no hidden block."""
    keys = []
    for p in tree.iter("p"):
        if any(_hiding(a) for a in p.iterancestors() if isinstance(a, HtmlElement)):
            continue
        keys.append(_alnum(p.text_content()))
    return "\n".join(keys)


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _unhide(el: HtmlElement) -> None:
    for attr in ("aria-hidden", "hidden", "style"):
        el.attrib.pop(attr, None)
    if "hidden" in (el.get("id") or "").lower():
        el.attrib.pop("id")
    classes = el.get("class")
    if classes:
        kept = [token for token in classes.split() if not _HIDING_TOKEN.match(token)]
        if kept:
            el.set("class", " ".join(kept))
        else:
            el.attrib.pop("class")
