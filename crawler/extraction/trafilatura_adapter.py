"""The only module that calls trafilatura: one options object in, plain values out."""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

import trafilatura
import trafilatura.metadata
import trafilatura.xml
from htmldate import find_date
from lxml.html import HtmlElement

from crawler.extraction.options import ExtractOptions


@dataclass
class TrafilaturaResult:
    """Body and metadata as trafilatura saw them; fields are None when it found nothing."""

    text: str | None
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None
    description: str | None
    image: str | None
    language: str | None
    tags: list[str]
    categories: list[str]
    headings: tuple[str, ...] = ()
    """Texts trafilatura marked as headings (``<head>``) in the body it kept."""


def run_trafilatura(
    tree: HtmlElement | str, url: str, options: ExtractOptions, with_metadata: bool = True,
    fallback: bool | None = None,
) -> TrafilaturaResult | None:
    """Run ``bare_extraction`` with our fixed choice of options.

    With a second opinion, trafilatura runs in fast mode by default: its own fallbacks
    (readability, jusText) would duplicate the work the merge does, at the same cost again.
    ``fallback=True`` asks for them: the caller does so where the fast body and the second
    opinion disagree. trafilatura works on its own copy of ``tree``.
    """
    fast = options.second_opinion if fallback is None else not fallback
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        favor_precision=options.favor_precision,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=with_metadata,
        deduplicate=False,
    )
    if doc is None:
        return None
    return _result(doc)


def guess_author(tree: HtmlElement) -> str | None:
    """trafilatura's DOM byline heuristics: what ``trafilatura.metadata.extract_author``
    returns, read in one pass over the page (:func:`_markup_author`)."""
    try:
        author = _markup_author(tree) if tree.getparent() is None else (
            trafilatura.metadata.extract_author(tree))  # its XPaths see the whole page
    except Exception:  # a heuristic guess; never worth losing the page over
        return None
    return str(author) if author else None


# trafilatura's author XPaths (``trafilatura.xpaths.AUTHOR_XPATHS``, 2.3), as plain tests
# of an element's name and attributes; ``tests/test_trafilatura_author.py`` holds them to
# trafilatura's own on every kind of markup they name. XPath ``re:test`` is a search.
_AUTHOR_NAME_CLASS = re.compile("author-?name|AuthorName|authorName")
_AUTHOR_ID = re.compile("author|zuozhe|bianji|xiaobian")
_AUTHOR_CLASS = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_ANY_AUTHOR_ID = re.compile("[Aa]uthor")
_ANY_AUTHOR_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
# Each of the class (id) patterns above matches only where one of these does.
_CLASS_HINT = re.compile(
    "uthor|yline|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
    "|screenname|writer")
_ID_HINT = re.compile("uthor|zuozhe|bianji|xiaobian")
# and its AUTHOR_DISCARD_XPATHS: what it deletes before it looks
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    "|article-(?:share|support)|print|category|meta-date|meta-reviewer")
_SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})


def _markup_author(tree: HtmlElement) -> str | None:
    """``extract_author`` without its XPaths and its copy of the page.

    trafilatura copies the page, deletes what its discard XPaths match (comments, dates,
    figures…, each element's tail kept), then takes the first match of its three author
    XPaths, in turn, whose text is short: ~5.5 ms a ScrapingHub page, the XPaths' regex
    tests calling back into Python for each element. Here one walk sorts the elements;
    a match inside a deleted element is skipped, and one with a deleted element inside is
    copied and pruned as trafilatura prunes it (its text changes as trafilatura's does)."""
    discarded, found = _sort_elements(tree)
    holders: set[HtmlElement] | None = None  # elements something deleted sits in
    for matches in found:
        for el in matches:
            if el in discarded or any(a in discarded for a in el.iterancestors()):
                continue
            if holders is None:
                holders = {a for d in discarded for a in d.iterancestors()}
            pruned = _pruned_copy(el, discarded) if el in holders else el
            content = trafilatura.metadata.trim(" ".join(pruned.itertext()))
            if content and 2 < len(content) < 120:
                return trafilatura.metadata.normalize_authors(None, content)
    return None


def _sort_elements(
    tree: HtmlElement,
) -> tuple[set[HtmlElement], tuple[list[HtmlElement], ...]]:
    """What trafilatura's discard XPaths match, and what each of its author XPaths
    matches (document order), in one walk of the page."""
    discarded: set[HtmlElement] = set()
    found: tuple[list[HtmlElement], ...] = ([], [], [])
    for el in tree.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        keys = el.keys()
        # a child <rel> is XPath's rel='me' (looked up in C: it is all but never there)
        rel_me = bool(len(el)) and tag in _SPECIFIC_TAGS and el.find("rel") is not None and any(
            c.text_content() == "me" for c in el.iterchildren("rel"))
        if not keys:  # most elements: only their name can match
            if tag in ("time", "figure"):
                discarded.add(el)
            if tag == "author" or rel_me:
                found[0].append(el)
            continue
        get = el.get
        cls, ident = get("class"), get("id")
        # attributes besides class and id are few: read only where there are some
        more = len(keys) > (cls is not None) + (ident is not None)
        component = (get("data-component") or "") if more else ""
        itemprop = (get("itemprop") or "") if more else ""
        if tag in ("time", "figure") or (el is not tree and tag in _DISCARD_TAGS and (
                ident == "comments" or cls in ("comments", "title", "date")
                or (ident is not None and _DISCARD_ID.search(ident))
                or (cls is not None and _DISCARD_CLASS.search(cls))
                or "Figure" in component)):
            discarded.add(el)
        # most classes and ids name nothing of an author: one search rules them out
        cls_hint = cls is not None and _CLASS_HINT.search(cls)
        id_hint = ident is not None and _ID_HINT.search(ident)
        if tag == "author" or rel_me or (tag in _SPECIFIC_TAGS and (
                ident == "author" or cls == "author"
                or (more and (get("rel") == "author" or itemprop == "author name"
                              or get("data-testid") in ("AuthorCard", "AuthorURL")))
                or (cls_hint and _AUTHOR_NAME_CLASS.search(cls)))):
            found[0].append(el)
        if tag in _GENERIC_TAGS and (
                cls in ("byline", "username", "byl", "BBL") or "author" in itemprop
                or (id_hint and _AUTHOR_ID.search(ident))
                or (cls_hint and _AUTHOR_CLASS.search(cls))):
            found[1].append(el)
        if ("Byline" in component or "author" in itemprop
                or (id_hint and _ANY_AUTHOR_ID.search(ident))
                or (cls_hint and _ANY_AUTHOR_CLASS.search(cls))):
            found[2].append(el)
    return discarded, found


def _pruned_copy(el: HtmlElement, discarded: set[HtmlElement]) -> HtmlElement:
    """A copy of ``el`` without its discarded descendants, deleted as trafilatura does."""
    copy = deepcopy(el)
    doomed = [c for o, c in zip(el.iter(), copy.iter(), strict=True) if o in discarded]
    for c in doomed:
        trafilatura.xml.delete_element(c)
    return copy


def guess_date(tree: HtmlElement, url: str) -> str | None:
    """htmldate's reading of the page (its dates in text and markup), fast mode."""
    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=False)
    except Exception:  # a heuristic guess; never worth losing the page over
        return None
    return str(found) if found else None


def _headings(doc: Any) -> tuple[str, ...]:
    """The body's ``<head>`` texts: subheadings are short lines the merge would otherwise
    judge as chrome; trafilatura saw them as headings of the story."""
    body = getattr(doc, "body", None)
    if body is None:
        return ()
    return tuple(text for el in body.iter("head")
                 if (text := " ".join("".join(el.itertext()).split())))


def _result(doc: Any) -> TrafilaturaResult:
    data: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return TrafilaturaResult(
        headings=_headings(doc),
        text=data.get("text") or None,
        title=data.get("title") or None,
        author=data.get("author") or None,
        date=data.get("date") or None,
        sitename=data.get("sitename") or None,
        description=data.get("description") or None,
        image=data.get("image") or None,
        language=data.get("language") or None,
        tags=_as_list(data.get("tags")),
        categories=_as_list(data.get("categories")),
    )


def _as_list(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]
