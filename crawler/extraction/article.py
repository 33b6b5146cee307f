"""(html, url) -> Article: parse once, read metadata, prune chrome, extract the body."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

import lxml.html
from lxml.etree import Comment, ParserError, ProcessingInstruction, strip_tags
from lxml.html import HtmlElement

from crawler.extraction.body_filters import drop_headline_repeat, drop_link_lines, link_keys
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
from crawler.extraction.prune import EMBEDDED_POST_MARK, prune_chrome
from crawler.extraction.second_opinion import line_keys, merge_bodies, readability_text
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


def parse_html(html: str) -> HtmlElement | None:
    """Parse with lxml; None for documents lxml cannot make a tree of."""
    if not html.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(html)
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
    return extract_from_tree(tree, url, options, now)


def extract_from_tree(
    tree: HtmlElement, url: str, options: ExtractOptions | None = None, now: datetime | None = None
) -> ExtractionResult:
    """Like :func:`extract_article` on a parsed tree, which it modifies (pruning, readability)."""
    options = options or ExtractOptions()
    page_meta = read_page_meta(tree)
    found = read_page_evidence(tree, url)  # before pruning: dates sit in chrome too
    meta = choose_metadata(url, page_meta, None, now, found)
    if not metadata_complete(meta):
        # DOM heuristics only for the missing fields, before pruning: many themes mark the
        # byline itself "author-info", which the author-box table removes
        meta = choose_metadata(url, page_meta, dom_metadata(tree, url, meta), now, found)
    pruned = prune_chrome(tree)
    body = extract_body(tree, url, options)
    body = drop_headline_repeat(body, (meta.headline, page_meta.meta.get("og:title"),
                                       page_meta.title_tag))
    verdict = judge(url, page_meta, body, options.min_body_chars)
    if not verdict.is_article and (options.require_article or not body):
        return ExtractionResult(None, verdict, pruned)
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
        metadata={"dateDownloaded": _utc_now(now), "dateSource": meta.date_source or "none"},
    )
    return ExtractionResult(article, verdict, pruned)


def dom_metadata(tree: HtmlElement, url: str, meta: Metadata) -> TrafilaturaResult:
    """Author and date read from the page body, for what structured data did not give.

    trafilatura's byline heuristics first (measured better on the shared set), our byline
    markup search when they find nothing.
    """
    author = None
    if not meta.authors:
        author = dom_author(tree, guess_author(tree))
    date = None if meta.date_published else guess_date(tree, url)
    return TrafilaturaResult(text=None, title=None, author=author, date=date, sitename=None,
                             description=None, image=None, language=None, tags=[],
                             categories=[])


def extract_body(tree: HtmlElement, url: str, options: ExtractOptions) -> str | None:
    """trafilatura's body, merged with readability's where they disagree (see options)."""
    # HTML comments inside a paragraph make trafilatura drop the text after them (its own
    # parser removes comments; a tree handed to it keeps them): remove, keeping their tails
    strip_tags(tree, Comment, ProcessingInstruction)
    traf = run_trafilatura(tree, url, options, with_metadata=False)  # on its own copy
    body = normalise_body(traf.text if traf else None)
    links = link_keys(tree)
    if options.second_opinion:
        keep = line_keys(tree.xpath(f"//*[@{EMBEDDED_POST_MARK}]"))
        # last use of the tree: readability may modify it in place
        second = readability_text(tree, copy=False)
        body = normalise_body(merge_bodies(body, second, keep))
    return drop_link_lines(body, links)


def normalise_body(text: str | None) -> str | None:
    """One paragraph per line, inner whitespace collapsed, empty lines dropped."""
    if not text:
        return None
    lines = [" ".join(line.split()) for line in text.splitlines()]
    body = "\n".join(line for line in lines if line)
    return body or None


def _utc_now(now: datetime | None) -> str:
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")
