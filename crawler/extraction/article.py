"""(html, url) -> Article: parse once, read metadata, prune chrome, extract the body."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import UTC, datetime

import lxml.html
from lxml.etree import Comment, ParserError, ProcessingInstruction, strip_elements, strip_tags
from lxml.html import HtmlElement

from crawler.extraction.body_filters import (
    anchor_keys,
    drop_headline_repeat,
    drop_link_lines,
    link_keys,
)
from crawler.extraction.byline import dom_author
from crawler.extraction.detect import Verdict, judge
from crawler.extraction.language import choose_language
from crawler.extraction.metadata import (
    Metadata,
    choose_metadata,
    metadata_complete,
    read_page_evidence,
)
from crawler.extraction.options import ExtractOptions
from crawler.extraction.parser import HTML_PARSER
from crawler.extraction.payload_body import find_payloads, prefer_payload
from crawler.extraction.prune import EMBEDDED_POST_MARK, prune_chrome
from crawler.extraction.second_opinion import (
    doubtful,
    extends,
    line_keys,
    line_keys_of,
    merge_bodies,
    readability_opinion,
    teasers,
)
from crawler.extraction.structured import read_page_meta
from crawler.extraction.trafilatura_adapter import (
    TrafilaturaResult,
    guess_author,
    guess_date,
    run_trafilatura,
)
from crawler.items import Article


@dataclass
class ExtractionResult:
    """The article (None when the page is not one), the verdict, and what pruning fired."""

    article: Article | None
    verdict: Verdict
    pruned: Counter[str] = field(default_factory=Counter)


# lxml refuses a str that starts with an encoding declaration (XHTML pages); the text is
# decoded already, so the declaration says nothing any more.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")


def parse_html(html: str) -> HtmlElement | None:
    """Parse with lxml; None for documents lxml cannot make a tree of."""
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(html, parser=HTML_PARSER)
    except (ParserError, ValueError):
        return None
    return tree


def extract_article(
    html: str, url: str, options: ExtractOptions | None = None, now: datetime | None = None
) -> ExtractionResult:
    """Extract one article from decoded HTML. Never raises on bad markup."""
    tree = parse_html(html)
    if tree is None:
        return ExtractionResult(None, Verdict(False, "unparsable_html"))
    return extract_from_tree(tree, url, options, now, html)


def extract_from_tree(
    tree: HtmlElement, url: str, options: ExtractOptions | None = None, now: datetime | None = None,
    html: str | None = None,
) -> ExtractionResult:
    """Like :func:`extract_article` on a parsed tree, which it modifies (pruning, readability).

    ``html`` is the text ``tree`` was parsed from: given, a page where the extractors disagree
    is parsed again for trafilatura's fallback instead of copying every tree up front.
    """
    options = options or ExtractOptions()
    page_meta = read_page_meta(tree)
    found = read_page_evidence(tree, url)  # before pruning: dates sit in chrome too
    meta = choose_metadata(url, page_meta, None, now, found)
    if not metadata_complete(meta):
        # DOM heuristics only for the missing fields, before pruning: many themes mark the
        # byline itself "author-info", which the author-box table removes
        meta = choose_metadata(url, page_meta, dom_metadata(tree, url, meta), now, found)
    payloads = find_payloads(tree)  # before pruning, which drops scripts
    pruned_blocks: list[tuple[str, str]] | None = [] if options.audit else None
    removed: list[int] = []
    removed_prose: list[int] = []
    pruned = prune_chrome(tree, audit=pruned_blocks, removed_chars=removed,
                          removed_prose=removed_prose)
    titles = (meta.headline, page_meta.meta.get("og:title"), page_meta.title_tag)
    body, source = extract_body(tree, url, options, titles, html)
    if html is not None and pruning_may_have_taken_story(removed, removed_prose, body):
        body, source = _rescue_pruned(body, source, html, url, options)
    # an app shell's DOM may hold a teaser or nothing, its script payload the story
    body, source = prefer_payload(body, source, payloads)
    body = drop_headline_repeat(body, titles)
    verdict = judge(url, page_meta, body, options.min_body_chars)
    if not verdict.is_article and options.require_article:
        return ExtractionResult(None, verdict, pruned)
    # scrapy extract: every page gets its record; one a crawl would drop says why
    signal = "articleSignal" if verdict.is_article else "verdict"
    record_meta = {"dateDownloaded": _utc_now(now), "dateSource": meta.date_source or "none",
                   signal: verdict.reason}
    if body:
        record_meta["bodySource"] = source
    if meta.headline_suffix_removed:
        record_meta["headlineCut"] = "site_suffix"
    if meta.authors_not_shown:
        record_meta["authorsLeftOut"] = "not_shown"
    article = Article(
        url=url,
        canonicalUrl=meta.canonical_url,
        headline=meta.headline,
        articleBody=body,
        authors=meta.author_items(),
        datePublished=meta.date_published,
        dateModified=meta.date_modified,
        inLanguage=choose_language(meta.language, body),
        description=meta.description,
        mainImage={"url": meta.image} if meta.image else None,
        siteName=meta.site_name,
        keywords=meta.keywords,
        metadata=record_meta,
        # Audit: blocks pruned from the DOM; the chrome pipeline adds the text-rule lines.
        removedLines=[{"rule": f"pruned/{rule}", "text": text}
                      for rule, text in pruned_blocks] if pruned_blocks else None,
    )
    return ExtractionResult(article, verdict, pruned)


def verdict_record(url: str, reason: str, now: datetime | None = None) -> Article:
    """The record of a page that yielded no article (``scrapy extract``): its verdict only."""
    return Article(url=url, metadata={"dateDownloaded": _utc_now(now), "verdict": reason})


def dom_metadata(tree: HtmlElement, url: str, meta: Metadata) -> TrafilaturaResult:
    """Author and date read from the page body, for what structured data did not give.

    trafilatura's byline heuristics first (measured better on the shared set), our byline
    markup search when they find nothing.
    """
    author = None
    # an organisation as author (JSON-LD) is a fallback: the byline may name a person
    if not [a for a in meta.authors or [] if a not in meta.organisations]:
        author = dom_author(tree, guess_author(tree))
    date = None if meta.date_published else guess_date(tree, url)
    return TrafilaturaResult(text=None, title=None, author=author, date=date, sitename=None,
                             description=None, image=None, language=None, tags=[],
                             categories=[])


def extract_body(
    tree: HtmlElement, url: str, options: ExtractOptions, titles: Sequence[str | None] = (),
    html: str | None = None,
) -> tuple[str | None, str]:
    """trafilatura's body, merged with readability's where they disagree (see options).

    Returns the body and where it came from (``bodySource``): ``trafilatura`` (fast, merged
    with readability), or ``trafilatura_fallback`` when the fast body was in doubt (see
    :func:`~crawler.extraction.second_opinion.doubtful`) and trafilatura's own fallback was
    asked to decide.
    """
    # HTML comments inside a paragraph make trafilatura drop the text after them (its own
    # parser removes comments; a tree handed to it keeps them): remove, keeping their tails
    strip_tags(tree, Comment, ProcessingInstruction)
    traf = run_trafilatura(tree, url, options, with_metadata=False)  # on its own copy
    body = normalise_body(traf.text if traf else None)
    headings = line_keys_of(traf.headings if traf else ())
    # a table of contents in absolute links names the story's subheadings: not navigation
    links = link_keys(tree) - anchor_keys(tree, url)
    source = "trafilatura"
    if options.second_opinion:
        keep = line_keys(tree.xpath(f"//*[@{EMBEDDED_POST_MARK}]"))
        # readability modifies the tree it reads: keep a copy only when there is no text
        pristine = deepcopy(tree) if html is None else None
        paragraphs = _paragraph_chars(tree)  # before readability takes the tree apart
        # readability drops every <nav> (keeping its tail) before it reads the page, and
        # trafilatura has run: no body line comes from one. Dropped now, the dek walk below
        # skips a header's mega-menu (~400 links on big news pages).
        strip_elements(tree, "nav", with_tail=False)
        deks = line_keys(dek_elements(tree))
        second, placed = readability_opinion(tree, copy=False)
        if doubtful(body, second, titles):
            # trafilatura's fallback compares its body with readability's and jusText's
            fallback = _fallback_body(pristine if pristine is not None else as_served(html), url,
                                      options)
            if fallback:
                # the two disagreed: readability's block is no evidence against the lines
                # the fast body found, which the merge keeps as known content
                keep |= line_keys_of((body or "").split("\n"))
            body, source = fallback or body, "trafilatura_fallback"
        elif html is not None and teasers(body, second, paragraphs):
            # both bodies are a small part of the page's paragraphs: the fallback may find
            # the rest of the story, and it wins only when it holds the body we have
            fallback = _fallback_body(as_served(html), url, options)
            if fallback and len(fallback) > len(body or "") and extends(body, fallback):
                body, source = fallback, "trafilatura_fallback"
        body = normalise_body(merge_bodies(body, second, keep, headings, deks, placed=placed))
    return drop_link_lines(body, links), source


# A dek (the summary under a headline) sits in the page's <header> beside the headline, or is
# named so: it restates the story (the record's description holds it), it does not open it.
# The class test is a cheap substring match first, the whole-word check in Python.
_DEKS = "//header|//*[contains(@class, 'dek')]"
_CLASS_WORD = re.compile(r"[^a-z0-9]+")


def dek_elements(tree: HtmlElement) -> list[HtmlElement]:
    """The page header(s) and the elements whose class names a ``dek``."""
    return [el for el in tree.xpath(_DEKS)
            if el.tag == "header" or "dek" in _CLASS_WORD.split((el.get("class") or "").lower())]


RESCUE_MIN_CHARS = 500
"""Pruning that removed less text than this cannot have taken a story worth a second pass."""
RESCUE_RATIO = 2.0
"""The unpruned page's body replaces ours when it is this many times longer."""
RESCUE_MAX_BODY_CHARS = 2000
"""A body this long (~300 words) is a story of its own, not the residue pruning leaves when it
takes one (a lead, a caption, a teaser: the pages the rescue changed on both dev sets kept
151-924 characters). Above it the whole-page pass, the dearest step of an extraction, is not
run (on ScrapingHub it ran on 28 of 181 pages, 11 of them this long, and changed none)."""
RESCUE_MIN_PROSE_SHARE = 0.1
"""Pruning whose removed text outside links is less than this share of the body we kept
removed navigation (menus, link farms), not a story: no whole-page pass."""


def pruning_may_have_taken_story(
    removed: Sequence[int], removed_prose: Sequence[int], body: str | None
) -> bool:
    """Is the whole-page pass (:func:`_rescue_pruned`, trafilatura with its fallbacks on the
    page parsed again: about twice the cost of the first extraction) worth running?

    Only when pruning removed more text than the body we kept (and at least
    ``RESCUE_MIN_CHARS``), the body is short (``RESCUE_MAX_BODY_CHARS``) and some of the
    removed text was prose: on pages with a mega-menu and footer link
    farms, pruning removes more text than the story has, nearly all of it link text. The
    prose test costs microseconds (the lengths come from pruning); it skipped no rescue
    that changed a record on either shared dev set (``benchmarks/README.md``).
    """
    total, kept = sum(removed), len(body or "")
    if total < RESCUE_MIN_CHARS or total <= kept or kept >= RESCUE_MAX_BODY_CHARS:
        return False
    return sum(removed_prose) >= RESCUE_MIN_PROSE_SHARE * kept


def _rescue_pruned(
    body: str | None, source: str, html: str, url: str, options: ExtractOptions
) -> tuple[str | None, str]:
    """trafilatura (fallback on) on the page as it came, when pruning removed more text than
    the body we kept: a class word on the story's own container ("comments" on a live
    ticker, "caption" on a lead block) then took the story. Its body wins only when much
    longer than ours; the test is rare (most pages keep far more text than they prune).
    """
    tree = parse_html(html)
    if tree is None:
        return body, source
    strip_tags(tree, Comment, ProcessingInstruction)
    whole = _fallback_body(tree, url, options)
    if whole and len(whole) >= RESCUE_RATIO * len(body or ""):
        links = link_keys(tree) - anchor_keys(tree, url)
        return drop_link_lines(whole, links), "trafilatura_unpruned"
    return body, source


def as_served(html: str | None) -> HtmlElement | None:
    """``html`` parsed again, not pruned, for trafilatura's fallback.

    The fallback is asked only where the fast body and readability disagree on the pruned
    tree: pruning may be what misled one of them, so the fallback (which compares
    trafilatura, readability and jusText itself) judges the page as it came. Measured on
    both dev sets: one page changed (a story the pruned tree's fallback lost), none worse.
    """
    tree = parse_html(html or "")
    if tree is not None:
        strip_tags(tree, Comment, ProcessingInstruction)
    return tree


def _fallback_body(tree: HtmlElement | None, url: str, options: ExtractOptions) -> str | None:
    if tree is None:
        return None
    fallback = run_trafilatura(tree, url, options, with_metadata=False, fallback=True)
    return normalise_body(fallback.text if fallback else None)


def _paragraph_chars(tree: HtmlElement) -> int:
    """Characters of the page's ``<p>`` text (after pruning): what a story body could hold."""
    return sum(len(p.text_content()) for p in tree.iter("p"))


def normalise_body(text: str | None) -> str | None:
    """One paragraph per line, inner whitespace collapsed, empty lines dropped, Unicode NFC.

    NFC: the same letter written precomposed or as base + combining mark (common in Indic
    scripts, Vietnamese, text pasted from macOS) must compare equal downstream; NFC is the
    form the web's specifications recommend, and what trafilatura gives on its own.
    """
    if not text:
        return None
    text = unicodedata.normalize("NFC", text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    body = "\n".join(line for line in lines if line)
    return body or None


def _utc_now(now: datetime | None) -> str:
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")
