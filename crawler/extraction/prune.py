"""Remove site chrome from the DOM before extraction.

The clutter itself is data in :mod:`crawler.extraction.prune_tables`; this module is the
algorithm: one walk over the tree, matching class/id tokens against the named rules. Each
rule that removes something is counted under its name.

Guard: a class word is weak evidence. WordPress and many CMSs put words like ``share`` or
``tag-politics`` on the article wrapper itself, so a node that holds a large part of the
page's paragraph text is never removed (counted as ``guarded/<name>`` instead).
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree
from lxml.html import HtmlElement

from crawler.extraction.prune_tables import (
    EMBEDDED_POST_WORDS,
    HEADING_TAGS,
    MAX_HEADING_CHARS,
    NEVER_PRUNE_TAGS,
    PRUNE_RULES,
    SECTION_RULES,
    PruneRule,
)

EMBEDDED_POST_MARK = "data-embedded-post"
"""Set on unmarked embedded posts, so later steps know their lines are content."""
_SPLIT = re.compile(r"[^a-z0-9]+")
GUARD_SHARE = 0.3
"""A candidate holding this share of the page's paragraph text is kept."""
GUARD_MIN_CHARS = 400
"""…and at least this much of it: tiny pages have no clear main block to protect."""


def class_tokens(el: HtmlElement) -> list[str]:
    """Lower-cased class/id tokens in order."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return [t for t in _SPLIT.split(raw) if t]


class RuleIndex:
    """The tables compiled for lookup: token -> rules, phrase head token -> (phrase, rule)."""

    def __init__(self, rules: tuple[PruneRule, ...]) -> None:
        self.rules = rules
        self.by_token: dict[str, list[int]] = {}
        self.by_head: dict[str, list[tuple[str, int]]] = {}
        self.by_tag: dict[str, int] = {}
        for i, rule in enumerate(rules):
            for word in rule.words:
                parts = word.split("-")
                if len(parts) == 1:
                    self.by_token.setdefault(word, []).append(i)
                else:
                    self.by_head.setdefault(parts[0], []).append((f" {' '.join(parts)} ", i))
            for tag in rule.always_tags:
                self.by_tag.setdefault(tag, i)

    def match(self, el: HtmlElement, cache: dict[tuple[str, str], str | None]) -> str | None:
        """Name of the first rule (in table order) ``el`` matches, or None.

        ``cache`` maps (tag, class+id) to the answer: pages repeat the same classes a lot.
        """
        tag = el.tag
        if not isinstance(tag, str) or tag in NEVER_PRUNE_TAGS:
            return None
        raw = f"{el.get('class') or ''} {el.get('id') or ''}"
        key = (tag, raw)
        if key not in cache:
            cache[key] = self._match(tag, raw)
        return cache[key]

    def _match(self, tag: str, raw: str) -> str | None:
        hits = [self.by_tag[tag]] if tag in self.by_tag else []
        tokens = [t for t in _SPLIT.split(raw.lower()) if t]
        joined = f" {' '.join(tokens)} "
        for token in tokens:
            hits += self.by_token.get(token, ())
            hits += [i for phrase, i in self.by_head.get(token, ()) if phrase in joined]
        for i in sorted(set(hits)):
            rule = self.rules[i]
            if tag in rule.always_tags or rule.tags is None or tag in rule.tags:
                return rule.name
        return None


_DEFAULT_INDEX = RuleIndex(PRUNE_RULES)
_CANDIDATES = "//*[@class or @id]|//{}".format("|//".join(
    sorted({t for r in PRUNE_RULES for t in r.always_tags})))


def match_rule(el: HtmlElement, rules: tuple[PruneRule, ...] = PRUNE_RULES) -> str | None:
    """Name of the first rule ``el`` matches, or None."""
    index = _DEFAULT_INDEX if rules is PRUNE_RULES else RuleIndex(rules)
    return index.match(el, {})


AUDIT_TEXT_CHARS = 300  # an audited pruned block shows at most this much of its text


def prune_chrome(tree: HtmlElement, rules: tuple[PruneRule, ...] = PRUNE_RULES,
                 audit: list[tuple[str, str]] | None = None,
                 removed_chars: list[int] | None = None,
                 removed_prose: list[int] | None = None) -> Counter[str]:
    """Delete nodes matched by the named tables; return how often each name fired. With an
    ``audit`` list, append ``(rule, text)`` of every removed block (``CRAWLER_AUDIT``); with
    ``removed_chars``, append the length of each removed block's text, and with
    ``removed_prose`` the length of its text outside links (the caller checks that pruning
    did not take the story: see ``article.extract_from_tree``)."""
    index = _DEFAULT_INDEX if rules is PRUNE_RULES else RuleIndex(rules)
    fired: Counter[str] = Counter()
    fired.update(unmark_embedded_posts(tree))
    total = _paragraph_chars(tree)
    removed: set[HtmlElement] = set()
    cache: dict[tuple[str, str], str | None] = {}
    for el in tree.xpath(_CANDIDATES):
        name = index.match(el, cache)
        if name is None or any(a in removed for a in el.iterancestors()):
            continue
        if _holds_main_text(el, total):
            fired[f"guarded/{name}"] += 1
            continue
        parent = el.getparent()
        if parent is not None:
            headings = _drop_section_headings(el, parent) if name in SECTION_RULES else 0
            if headings:
                fired["section_heading"] += headings
            if audit is not None or removed_chars is not None:
                text = " ".join(el.text_content().split())
                if text and audit is not None:
                    audit.append((name, text[:AUDIT_TEXT_CHARS]))
                if removed_chars is not None:
                    removed_chars.append(len(text))
            if removed_prose is not None:
                removed_prose.append(prose_chars(el))
            _drop_keep_tail(el, parent)
            removed.add(el)
            fired[name] += 1
    return fired


_OUTSIDE_LINKS = etree.XPath("descendant::text()[not(ancestor::a)]", smart_strings=False)


def prose_chars(el: HtmlElement) -> int:
    """Characters of ``el``'s text outside links, whitespace collapsed: a menu or a link farm
    has almost none, a story almost all of its text. (One XPath call: the anchors are
    filtered in C, not read one by one.)"""
    return len(" ".join("".join(_OUTSIDE_LINKS(el)).split()))


def _drop_section_headings(el: HtmlElement, parent: HtmlElement) -> int:
    """Remove the headings (and a count line such as "3 comments") just before ``el``."""
    dropped = 0
    prev = el.getprevious()
    while prev is not None and dropped < 2 and _is_section_title(prev):
        before = prev.getprevious()
        _drop_keep_tail(prev, parent)
        dropped += 1
        prev = before
    return dropped


def _is_section_title(el: HtmlElement) -> bool:
    if not isinstance(el.tag, str) or (el.tail and el.tail.strip()):
        return False
    text = el.text_content().strip()
    if len(text) > MAX_HEADING_CHARS:
        return False
    # a heading, or a short counter line ("12 comments") that is not a sentence
    return el.tag in HEADING_TAGS or (el.tag == "p" and "comment" in text.lower()
                                      and not text.endswith("."))


def unmark_embedded_posts(tree: HtmlElement) -> Counter[str]:
    """Strip the class of embedded-post blockquotes so they are extracted as quotes."""
    fired: Counter[str] = Counter()
    for quote in tree.iter("blockquote"):
        classes = (quote.get("class") or "").lower().split()
        if any(c in EMBEDDED_POST_WORDS for c in classes):
            _unmark_wrappers(quote)
            quote.set(EMBEDDED_POST_MARK, "1")
            fired["kept/embedded_post"] += 1
    return fired


def _unmark_wrappers(quote: HtmlElement) -> None:
    """Drop class/id from the quote and the wrappers that hold nothing else
    (``<div class="social-media-embed">``: extractors discard it for the word)."""
    own = len(quote.text_content())
    el: HtmlElement | None = quote
    while el is not None and el.tag not in NEVER_PRUNE_TAGS:
        if len(el.text_content()) > own * 1.2 + 50:
            break
        el.attrib.pop("class", None)
        el.attrib.pop("id", None)
        el = el.getparent()


def _paragraph_chars(el: HtmlElement) -> int:
    return sum(len(p.text_content().strip()) for p in el.iter("p"))


def _holds_main_text(el: HtmlElement, total: int) -> bool:
    if total >= GUARD_MIN_CHARS:
        return _paragraph_chars(el) >= GUARD_SHARE * total
    # Pages without <p> paragraphs (text in <br>-separated divs): compare all text instead.
    body = el.getroottree().getroot()
    return len(el.text_content()) >= 2 * GUARD_SHARE * len(body.text_content())


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
