"""Choose each metadata field from the page's evidence: JSON-LD, then OpenGraph/meta, then
trafilatura's guesses. Values are normalised to the record's formats (see ``crawler.items``)."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement

from crawler.cleaning.titles import match_heading, site_tokens, strip_site_suffix
from crawler.dates import (
    DateCandidate,
    candidates,
    choose_date,
    format_date,
    htmldate_candidates,
    in_future,
    parse_date,
    url_date,
)
from crawler.extraction.authors import (
    choose_case,
    clean_authors,
    name_key,
    split_names,
    unaccent,
)
from crawler.extraction.byline import text_byline
from crawler.extraction.structured import PageMeta
from crawler.extraction.trafilatura_adapter import TrafilaturaResult

MAX_HEADINGS = 5
MAX_HEADING_CHARS = 300


@dataclass
class PageEvidence:
    """What :func:`choose_metadata` reads from the page beyond its markup metadata."""

    dates: list[DateCandidate] = field(default_factory=list)
    """htmldate's reading of the page (:func:`crawler.dates.htmldate_candidates`)."""
    headings: list[str] = field(default_factory=list)
    """The first ``<h1>`` texts, for the headline."""
    tree: HtmlElement | None = None
    """The page, unpruned, for :meth:`shown`; None when unknown (then every name counts as
    shown)."""
    _shown: str | None = field(default=None, repr=False)
    _byline: list[str] | None = field(default=None, repr=False)

    def byline(self) -> list[str]:
        """The names of the byline the page shows in its text (:func:`text_byline`), read
        once and only when asked."""
        if self.tree is not None and self._byline is None:
            line = text_byline(self.tree)
            self._byline = split_names(line) if line else []
        return self._byline or []

    def shown(self) -> str | None:
        """The text a reader sees (:func:`shown_text`), read once and only when a name is
        to be checked (most pages need it not: ~2 ms a page)."""
        if self.tree is not None and self._shown is None:
            self._shown = shown_text(self.tree)
        return self._shown


def read_page_evidence(tree: HtmlElement, url: str) -> PageEvidence:
    """Dates by htmldate, the ``<h1>`` headings and the text a reader sees; run before
    pruning (dates, the headline and the byline can sit in what pruning removes)."""
    headings = []
    for el in tree.iter("h1"):
        text = " ".join(el.text_content().split())
        if text and len(text) <= MAX_HEADING_CHARS:
            headings.append(text)
            if len(headings) >= MAX_HEADINGS:
                break
    return PageEvidence(htmldate_candidates(tree, url), headings, tree)


_HIDDEN = frozenset({"script", "style", "template"})  # lxml's HTML parser lower-cases tags
_TEXT_NODES = etree.XPath("descendant-or-self::text()", smart_strings=False)


def shown_text(tree: HtmlElement) -> str:
    """The text of the page's ``<body>`` outside scripts and styles, folded for matching
    names (:func:`_fold`).

    Every text node of the body (one XPath, in C), less those of its scripts, styles and
    templates, as a multiset: a walk of every element in Python, or an XPath that looks
    up each text node's ancestors, cost 3 to 4 times as much (~1.1 ms a heavy page). Each
    text node is a piece of its own and names are matched word by word
    (:func:`name_shown`), so the order of the pieces changes no match."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    pieces = Counter(_TEXT_NODES(root))
    for el in root.iter(*_HIDDEN):
        if not any(a.tag in _HIDDEN for a in el.iterancestors()):  # else counted with it
            pieces.subtract(el.itertext())
    return _fold(" ".join(pieces.elements()))


def _fold(text: str) -> str:
    """Case, accents and spacing folded: "Luis Ávila" is shown as "LUIS AVILA".

    Word by word (the same result: folding neither makes nor removes whitespace between
    words): an ASCII word is only case-folded, another is folded once per process
    (``_FOLDED``). A whole page's text went through a per-character generator before:
    ~2.5 ms a heavy page, the largest cost of the metadata stage."""
    out = []
    for word in text.casefold().split():
        if word.isascii():
            out.append(word)
            continue
        folded = _FOLDED.get(word)
        if folded is None:
            if len(_FOLDED) >= _FOLDED_MAX:
                _FOLDED.clear()
            folded = _FOLDED[word] = " ".join(unaccent(word).split())
        if folded:
            out.append(folded)
    return " ".join(out)


_FOLDED: dict[str, str] = {}
_FOLDED_MAX = 50_000
"""Words :func:`_fold` remembers before it starts afresh (memory stays bounded)."""


def name_shown(name: str, shown: str | None) -> bool:
    """Does the page's text show ``name``: each of its words, whole (in any order, as
    "Doe, Jane" writes it)? Scripts written without spaces (Chinese, Japanese) are
    matched as substrings."""
    if shown is None:
        return True
    for word in re.findall(r"\w+", _fold(name)):
        if word not in shown:
            return False
        if any(c.upper() != c.lower() for c in word) and not _whole_word(word, shown):
            return False  # a cased script: whole words
    return True


_WORD_CHAR = re.compile(r"\w")


def _whole_word(word: str, text: str) -> bool:
    r"""``re.search(rf"(?<!\w){word}(?!\w)", text)`` for a word of ``\w`` characters, with
    a pattern that starts with the word: ``re`` then scans for it in C instead of trying
    the lookbehind at every position of the page's text (~0.1 ms a name on a heavy page).
    A match rejected for the character before it spans only word characters, so no
    whole-word occurrence overlaps it."""
    for m in re.finditer(rf"{re.escape(word)}(?!\w)", text):
        if not m.start() or not _WORD_CHAR.match(text, m.start() - 1):
            return True
    return False


def choose_headline(pm: PageMeta, site: str | None, url: str, headings: list[str]) -> str | None:
    """JSON-LD ``headline``, then og/twitter title, then ``<title>``, the site's name removed
    (:func:`crawler.cleaning.titles.strip_site_suffix`); a heading the title is made of
    (:func:`crawler.cleaning.titles.match_heading`) gives the exact words; with no title,
    the first ``<h1>``. None when the page names none (a sitemap or feed title may fill it)."""
    return _headline(pm, site, url, headings)[0]


def _headline(
    pm: PageMeta, site: str | None, url: str, headings: list[str]
) -> tuple[str | None, bool]:
    """:func:`choose_headline`, and whether the site's name was cut off the title."""
    raw = (_text(pm.jsonld.get("headline")) or pm.meta.get("og:title")
           or pm.meta.get("twitter:title") or pm.title_tag)
    if raw:
        raw = " ".join(html.unescape(raw).split())
        stripped = strip_site_suffix(raw, site, url)
        cut = bool(stripped) and stripped != raw  # the site's name was part of the title
        return (match_heading(raw, headings) or stripped or None), cut
    return (headings[0] if headings else None), False


@dataclass
class Metadata:
    """Normalised metadata fields; None when the page gave no usable evidence."""

    headline: str | None = None
    headline_suffix_removed: bool = False
    """The title named the site too, and that part was cut (``fields/headline/suffix_removed``)."""
    canonical_url: str | None = None
    authors: list[str] | None = None
    date_published: str | None = None
    date_modified: str | None = None
    date_source: str | None = None
    """Which source ``date_published`` came from (a stat key: ``dates/source/<source>``)."""
    language: str | None = None
    description: str | None = None
    image: str | None = None
    site_name: str | None = None
    keywords: list[str] | None = None
    organisations: set[str] = field(default_factory=set)
    """Which of ``authors`` JSON-LD types as an Organization."""
    authors_not_shown: bool = False
    """A source named an author the page's text never shows, and no source gave one it
    shows: ``authors`` is left out (``fields/authors/not_shown``)."""

    def author_items(self) -> list[dict[str, str]] | None:
        """``authors`` as the record writes them: ``{"name": …}``, plus ``"type":
        "Organization"`` for an organisation named as author by the page's structured data."""
        if not self.authors:
            return None
        return [{"name": n, "type": "Organization"} if n in self.organisations else {"name": n}
                for n in self.authors]


def choose_metadata(
    url: str, pm: PageMeta, traf: TrafilaturaResult | None, now: datetime | None = None,
    found: PageEvidence | None = None,
) -> Metadata:
    """Pick every field from the best available source; ``found`` is what
    :func:`read_page_evidence` read from the page."""
    found = found or PageEvidence()
    ld, meta = pm.jsonld, pm.meta
    site = _text(ld_name(ld.get("publisher"))) or meta.get("og:site_name") or (
        traf.sitename if traf else None
    )
    now = now or datetime.now(UTC)
    authors, organisations, not_shown = _authors(ld, pm, traf, site, url, shown=found.shown,
                                                 byline=found.byline)
    published = choose_date(published_candidates(url, pm, traf, found.dates), now)
    headline, suffix_removed = _headline(pm, site, url, found.headings)
    return Metadata(
        headline=headline,
        headline_suffix_removed=suffix_removed,
        canonical_url=_absolute(url, pm.canonical or meta.get("og:url")),
        authors=authors,
        organisations=organisations,
        authors_not_shown=not_shown and not authors,
        date_published=format_date(published.moment, published.has_time)
        if published else None,
        date_source=published.source if published else None,
        date_modified=modified_date(ld, pm, now),
        language=language_code(
            _text(ld.get("inLanguage")) or pm.html_lang or meta.get("og:locale")
            or meta.get("content-language") or (traf.language if traf else None)
        ),
        description=_text(ld.get("description")) or meta.get("og:description")
        or meta.get("description") or (traf.description if traf else None),
        image=_absolute(url, _image(ld.get("image")) or meta.get("og:image")
                        or meta.get("twitter:image") or (traf.image if traf else None)),
        site_name=site or None,
        keywords=_keywords(ld, pm, traf),
    )


def metadata_complete(meta: Metadata) -> bool:
    """Did the page's structured data give every field trafilatura's heuristics could add?
    (Authors that are only organisations: the byline may still name a person.)"""
    persons = [a for a in meta.authors or [] if a not in meta.organisations]
    return bool(meta.headline and meta.date_published and persons)


# Generic publication-date meta names, after the OpenGraph/schema.org ones.
_DATE_META = ("datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
              "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
              "sailthru.date", "parsely-pub-date", "article.published")


def published_candidates(
    url: str, pm: PageMeta, traf: TrafilaturaResult | None, found: list[DateCandidate]
) -> list[DateCandidate]:
    """The page's own evidence for the publication date, each with its source, most
    explicit first (ties in :func:`crawler.dates.choose_date` go to the first).

    Never the crawl date: nothing here is invented.
    """
    meta = pm.meta
    values: list[tuple[str, Any]] = [
        ("jsonld", pm.jsonld.get("datePublished")),
        ("opengraph", meta.get("article:published_time")),
        ("microdata", pm.itemprop_dates.get("datepublished")),
        ("meta", next((meta[n] for n in _DATE_META if parse_date(meta.get(n))), None)),
        ("jsonld_created", pm.jsonld.get("dateCreated")),
        ("time", next((t for t in pm.time_datetimes[:3] if parse_date(t)), None)),
        ("htmldate", traf.date if traf and not found else None),
        ("url", url_date(url)),
    ]
    return candidates(values) + found


def modified_date(ld: dict[str, Any], pm: PageMeta, now: datetime) -> str | None:
    """The first last-modified value that parses and is not in the future."""
    values = [("jsonld", ld.get("dateModified")), ("opengraph", pm.meta.get(
        "article:modified_time")), ("meta", pm.meta.get("datemodified")),
        ("microdata", pm.itemprop_dates.get("datemodified")),
        ("opengraph", pm.meta.get("og:updated_time"))]
    for c in candidates(values):
        if not in_future(c, now):
            return format_date(c.moment, c.has_time)
    return None


def language_code(value: str | None) -> str | None:
    """"en-US" / "en_GB" / "ru" -> ISO 639-1 "en" / "ru"; None if not a 2-letter code."""
    if not value:
        return None
    code = re.split(r"[-_]", value.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2}", code) else None


_ORG_TYPES = frozenset({"Organization", "NewsMediaOrganization", "Corporation",
                        "GovernmentOrganization", "NGO", "EducationalOrganization"})


def _authors(
    ld: dict[str, Any], pm: PageMeta, traf: TrafilaturaResult | None, site: str | None, url: str,
    *, shown: Callable[[], str | None] = lambda: None,
    byline: Callable[[], list[str]] = list,
) -> tuple[list[str] | None, set[str], bool]:
    """Names from the first source that has any the page shows: JSON-LD, meta tags, the
    page's byline.

    Returns the names, which of them are organisations (a desk or publisher named as author,
    "DER SPIEGEL", is kept only when JSON-LD types it as an Organization), and whether a
    source named someone the page's text never shows (``shown``, see :func:`name_shown`):
    such a person is a template's default, the site owner's imprint or another item's
    author, and is left out (measured on the trafilatura corpus: of 25 pages whose names
    only markup gave, 24 had no author in the gold). An Organization typed so by JSON-LD
    is kept as one (the page's structured data says what it is).
    """
    raw = ld.get("author")
    items = raw if isinstance(raw, list) else [raw]
    orgs = [n for n in (_org_name(i) for i in items if _is_org(i)) if n]
    site_keys = site_tokens(site, url, min_len=2)  # authors compare whole names: "RT" is safe
    sources: list[list[str | None]] = [
        [ld_name(i) for i in items if not _is_org(i)],
        [*pm.meta_all.get("author", []), *pm.meta_all.get("article:author", []),
         *pm.meta_all.get("dc.creator", [])],
        [traf.author if traf else None],
    ]
    spellings = [v for vs in sources for v in vs if v]
    # a Person may share the site's name when no Organization publishes it (a personal blog)
    typed = [ld_name(i) for i in items if "Person" in _ld_types(i)]
    personal = not _is_org(ld.get("publisher"))
    found = [clean_authors(typed, site_keys, structured=personal) + clean_authors(
        [ld_name(i) for i in items if not _ld_types(i)], site_keys)]
    found += [clean_authors(values, site_keys, whole=values is sources[1])
              for values in sources[1:]]
    # a byline guess that is the story's section ("Brasília", "Sport") is its label
    sections = {name_key(v) for v in (_text(ld.get("articleSection")),
                                      pm.meta.get("article:section")) if v}
    found = [[n for n in names if len(n.split()) > 1 or name_key(n) not in sections]
             for names in found]
    not_shown = False
    for names in found:
        # co-authors stay together: one name the page shows vouches for the list
        if names and any(name_shown(n, shown()) for n in names):
            # co-authors are named together: each raw value of a source is one byline
            # (<meta name=author> "Condé Nast" beside article:author "A, B" is no third)
            bylines = found[:1] + [clean_authors([v], site_keys) for vs in sources[1:]
                                   for v in vs if v]
            chosen = complete_from_byline(_with_coauthors(names, bylines), byline())
            return choose_case(chosen, spellings), set(), not_shown
        not_shown = not_shown or bool(names)
    # an organisation only when no person is named anywhere (it is then often the desk);
    # the page's JSON-LD typing it is the evidence asked for, shown on the page or not
    if orgs:
        return orgs, set(orgs), False
    return None, set(), not_shown


def _with_coauthors(names: list[str], found: list[list[str]]) -> list[str]:
    """A byline (one source's list, or one raw value of it) that names everyone ``names``
    does and more gives the list: JSON-LD often holds only the first author where the meta
    tags name all."""
    keys = {name_key(n) for n in names}
    for other in found:
        if keys < {name_key(n) for n in other}:
            return other
    return names



def complete_from_byline(names: list[str], byline: list[str]) -> list[str]:
    """``names`` as the page's shown byline completes them: a given name alone ("Todd",
    a CMS's display name) becomes the byline's full name that starts with it ("Todd
    Bates"), and when the byline names everyone ``names`` does and more, its co-authors
    join (structured data often holds only the first author)."""
    if not byline:
        return names
    out = []
    for name in names:
        full = None
        if len(name.split()) == 1 and all(c.upper() != c.lower() for c in name if c.isalpha()):
            # cased scripts only: "王建国" is a full name, "王建国 报道" is it and "reports"
            full = next((b for b in byline if len(b.split()) >= 2
                         and b.split()[0].casefold() == name.casefold()), None)
        out.append(full or name)
    keys = {name_key(n) for n in out}
    by_key = {name_key(b): b for b in byline}
    if keys < set(by_key):
        spelt = {name_key(n): n for n in out}
        return [spelt.get(k, b) for k, b in by_key.items()]
    return out


def _ld_types(value: Any) -> set[str]:
    if not isinstance(value, dict):
        return set()
    types = value.get("@type")
    types = types if isinstance(types, list) else [types]
    return {t.split("/")[-1] for t in types if isinstance(t, str)}


def _is_org(value: Any) -> bool:
    """A JSON-LD Organization that is not also a Person (Yoast types a blog's author as both)."""
    types = _ld_types(value)
    return bool(types & _ORG_TYPES) and "Person" not in types


def _org_name(value: Any) -> str | None:
    name = ld_name(value)
    if not name or len(name) > 100 or name.startswith(("http://", "https://")):
        return None
    return name


def ld_name(value: Any) -> str | None:
    """A JSON-LD Person/Organization's ``name``, or a bare string."""
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list) and value:
        return ld_name(value[0])
    return _text(value)


def _image(value: Any) -> str | None:
    if isinstance(value, list) and value:
        return _image(value[0])
    if isinstance(value, dict):
        return _text(value.get("url") or value.get("contentUrl"))
    return _text(value)


def _keywords(ld: dict[str, Any], pm: PageMeta, traf: TrafilaturaResult | None) -> list[str] | None:
    raw = ld.get("keywords")
    values: list[str] = []
    if isinstance(raw, str):
        values = raw.split(",")
    elif isinstance(raw, list):
        values = [str(v) for v in raw]
    values += pm.meta_all.get("article:tag", [])
    if not values and pm.meta.get("keywords"):
        values = pm.meta["keywords"].split(",")
    if not values and traf:
        values = traf.tags
    out: list[str] = []
    for v in (" ".join(v.split()) for v in values):
        if v and v not in out:
            out.append(v)
    return out or None


def _text(value: Any) -> str | None:
    """A non-empty string, entities decoded (JSON-LD often carries "&#8217;"), spaces collapsed."""
    if isinstance(value, str) and value.strip():
        return " ".join(html.unescape(value).split()) or None
    return None


def _absolute(base: str, href: str | None) -> str | None:
    if not href:
        return None
    joined = urljoin(base, href.strip())
    return joined if joined.startswith(("http://", "https://")) else None
