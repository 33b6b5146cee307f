"""Find byline text in the DOM when structured data names no author.

Cheap markup signals only: ``itemprop="author"``, ``rel="author"``, then class/id words such
as ``byline`` or ``author``. Runs after pruning, so comment sections and author-bio boxes are
gone; elements inside what is left of them are skipped too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain, dropwhile

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.extraction.authors import has_prose_part as _has_prose_part
from crawler.extraction.authors import name_key, respell, split_names

_SPLIT = re.compile(r"[^a-z0-9]+")
BYLINE_WORDS = frozenset({"byline", "author", "authors", "writer", "autor", "autore", "auteur"})
_BYLINE_HINT = re.compile("byline|author|writer|autor|auteur")
NOT_BYLINE_WORDS = frozenset({
    "bio", "box", "avatar", "img", "image", "photo", "description", "about", "info", "comment",
    "comments", "reply", "respond", "social", "follow",
})
MAX_CHARS = 100
MAX_CANDIDATES = 3
MAX_MARKED = 10
# "By A, B and C" with dates and labels: a byline's length, not a teaser list's
MAX_BYLINE_GROUP_CHARS = 300


def find_bylines(tree: HtmlElement) -> list[str]:
    """Up to three short byline texts, most explicit markup first."""
    found = [_text(el) for el in _marked(tree)]
    if not any(found):
        found = [_text(el) for el in _CLASS_OR_ID(tree) if _is_byline(el)]
    return [t for t in found if t and len(t) <= MAX_CHARS][:MAX_CANDIDATES]


def dom_author(tree: HtmlElement, guess: str | None) -> str | None:
    """The byline when structured data named no author: trafilatura's ``guess`` (measured
    better on the shared set) spelt as the page's byline markup spells it, else the first
    byline markup that holds a name."""
    bylines = find_bylines(tree)
    line = text_byline(tree)
    if line and guess:
        line_names = split_names(line)
        shown = {name_key(n) for n in line_names}
        guessed_keys = {name_key(n) for n in split_names(guess)}
        if not shown & guessed_keys or guessed_keys < shown:
            # a byline the text introduces ("Posted by …") over a guess that names
            # someone else (the site, a name from a widget) or only its first author
            return "; ".join(line_names)
    if guess and split_names(guess):
        guessed = split_names(respell(guess, bylines))
        # several rel=author / itemprop=author links: the guess often holds only the first
        marked = [n for b in _explicit(tree) for n in split_names(b)]
        if len(marked) > len(guessed) and set(guessed) <= set(marked):
            return "; ".join(dict.fromkeys(marked))
        return "; ".join(guessed)
    found = next((b for b in bylines if split_names(b)), None)
    return found or line


# A line that introduces its author: "Von Lisa Petrich", "By: Jane Doe | 12/10/2020",
# "Par Matthieu Hy le 7 mai", "Autorin: Uta Staschewski", "Written by: Julie Mollins",
# "Eine Kolumne von Nils Berg", "Door Jan de Vries", "Av Anna Lund", "di Mario Rossi",
# "Penulis: Budi Santoso", "Yazan: Ayşe Kaya", "Szerző: Kiss Anna", "بقلم: محمد عمر",
# "Текст: Олег Ким", "Автор: Ірина Коваль", "文/张伟", "記者 山田太郎". A line of prose that
# starts so ("Par ailleurs, …") is no byline: text_byline checks the rest.
_TEXT_BY = re.compile(
    r"^(?:(?:(?:written|posted|text|story|a\s+story)\s+)?"
    r"(?:by|von|par|por|door|av|af|di|a\s+cura\s+di|penulis|yazan|yazar|szerző|teksti"
    r"|autor|autorin|autoren|auteur|auteure|autore|autora|author"
    r"|authors|auteurs|autores"
    r"|escrito\s+por|publicado\s+por|écrit\s+par|scritto\s+da|автор|автори|авторка"
    r"|بقلم|كتب)\b\s*:?"
    r"|eine?\s+(?:artikel|beitrag|gastbeitrag|kommentar|kolumne|analyse|reportage|interview)"
    r"\s+von\b\s*:?"
    r"|(?:text|texto|testo|tekst|текст|作者|文|撰文|记者|記者)\s*[:：/／]"
    r"|(?:记者|記者)\s"
    # a credit line closing a wire story: "(Reporting by Jane Doe; Editing by …)"
    r"|\(?(?:additional\s+)?reporting\s+by\b:?)\s*(?=[^\W\d_]|$)",
    re.IGNORECASE,
)
# A date, then the author: "11.12.2019 - Amelie Loewen", "06.11.2023 13:30 von Olga Berg",
# "2024-05-17 | Jane Doe". Names after a date need two words ("12.03.2020 - Berlin" is a
# dateline's place).
_DATE_BY = re.compile(
    r"^(?:\d{1,2}[./]\s?\d{1,2}[./]\s?(?:\d{4}|\d\d)|\d{4}-\d\d-\d\d)"
    r"(?:,?\s+\d{1,2}[:.]\d\d(?:\s*(?:Uhr|h))?)?\s*"
    r"(?:[-–—|·•]|(?:by|von|par|por|door|av)\b:?)\s*(?=[^\W\d_])",
    re.IGNORECASE,
)
_CJK_REPORTER = re.compile(r"^(?:记者|記者|通讯员|通訊員)\s*(?=[^\W\d_])")
_PARTICLE_LABEL = re.compile(r"(?:von|di|af|av|door)\b", re.IGNORECASE)
_CREDIT = re.compile(r"\(?(?:additional\s+)?reporting\s+by\b", re.IGNORECASE)
# Where the reporters of a credit line end: "…; Editing by …", "…)".
# The spaces before a delimiter are taken from their start only: a match tried from each
# space of a long run is quadratic.
_CREDIT_END = re.compile(r"(?<!\s)\s*(?:[;)]|\b(?:editing|edited)\s+by\b)", re.IGNORECASE)
_CJK_REPORTS = re.compile(r"(?<!\s)\s*(?:报道|報道|摄影|攝影|摄|攝)\s*$")
_FOLLOWING = XPath("following::*")
MAX_TEXT_BYLINE_CHARS = 120
MAX_TEXT_BYLINE_LOOKS = 400
# A teaser's or a comment's markup wraps its byline closely; classes further up name the
# page's layout ("with-navigation", "one-sidebar-second", the <body>'s "has-menu"), and the
# story's own byline sits inside them too.
TEASER_DEPTH = 4
TEASER_WORDS = frozenset({
    "comment", "comments", "related", "teaser", "teasers", "sidebar", "footer", "nav",
    "navigation", "menu", "widget", "recommended", "more", "aside", "caption", "figcaption",
})


def text_byline(tree: HtmlElement) -> str | None:
    """The first short element after the page's first ``<h1>`` whose text introduces a
    name ("Von Lisa Petrich Mi, 18. Oktober"): many bylines carry no byline markup at all.
    Teasers, comments and captions are skipped; a long text is a sentence, not a byline,
    and so is a line whose name part is prose ("Von Anna Berg mit Fotos aus Graz"). A
    label alone ("By", "Autor:") takes the text after it. Returned without the label."""
    looked = 0
    for el in _from_first_h1(tree):
        if not isinstance(el.tag, str) or el.tag == "h1" or not el.text:
            continue
        text = el.text.strip()
        dated = bool(_DATE_BY.match(text))
        if not text or not (dated or _TEXT_BY.match(text)):
            continue
        looked += 1
        if looked > MAX_TEXT_BYLINE_LOOKS:
            break
        if el.tag in ("a", "figcaption", "option", "script", "style", "textarea") or any(
                a.tag in ("figcaption", "aside", "nav", "footer", "a", "button")
                or (depth < TEASER_DEPTH and _tokens(a) & TEASER_WORDS)
                for depth, a in enumerate(el.iterancestors())):
            continue
        line = " ".join(el.text_content().split())
        if _TEXT_BY.fullmatch(line):  # a label alone ("By"): the name is the next text
            line = f"{line} {_next_text(el)}"
        rest = line
        for _ in range(2):  # "文/记者王敬照": a label, then the reporter's title
            label = _DATE_BY.match(rest) or _TEXT_BY.match(rest) or _CJK_REPORTER.match(rest)
            # the label is known to be one: "Von Jessie" is no name "Von Jessie"
            rest = rest[label.end():] if label else rest
        rest = _CJK_REPORTS.sub("", rest)  # "记者 王建国 报道": "reports" closes the byline
        if _CREDIT.match(line):  # the editors of a credit line are not its authors
            rest = _CREDIT_END.split(rest, maxsplit=1)[0]
        if len(line) > MAX_TEXT_BYLINE_CHARS or _first_part_prose(rest):
            continue
        names = split_names(rest)
        if names and not (dated and any(len(n.split()) < 2 for n in names)) and not (
                _PARTICLE_LABEL.match(line)
                and (len(rest.split()) == 1 or rest[:1].islower())):
            # "Von Trier", "Di Stefano", "Von der Leyen": a name with its particle, or "by"
            # and a given name? Unsure, so none (a name never loses its particle)
            return rest
    return None


def _from_first_h1(tree: HtmlElement) -> Iterable[HtmlElement]:
    """``tree``'s elements from its first ``<h1>`` on, in document order (all of them when
    it has none). A page's menus and headers come before its headline: walked in Python,
    they were most of this search's cost on a page with a large menu."""
    first = tree.find(".//h1")
    if first is None:
        return tree.iter()
    if tree.getparent() is None:  # the whole page: what follows the <h1> is in it
        return chain(first.iter(), _FOLLOWING(first))
    return dropwhile(lambda el: el is not first, tree.iter())


def _first_part_prose(line: str) -> bool:
    """Is the line's first part (its name, up to a comma) a sentence ("Von PUBLIC VOICE
    mit osAlliance zur ALLMENDA")? Later parts may describe the author ("Uta Doe,
    Projektleiterin der Stiftung in Tunis")."""
    return _has_prose_part(re.split(r"[,;|/]", line, maxsplit=1)[0])


def _next_text(el: HtmlElement) -> str:
    """The text after ``el``: its tail, else the element after it (or after its nearest
    ancestor that has one, three levels up at most): a byline's name after its "By" label.
    "" when it is long."""
    tail = " ".join((el.tail or "").split())
    if tail:  # "<h5>Autor:</h5>Peter Maahn"
        return tail if len(tail) <= MAX_CHARS else ""
    node: HtmlElement | None = el
    for _ in range(4):
        if node is None or node.getnext() is not None:
            break
        node = node.getparent()
    after = node.getnext() if node is not None else None
    while after is not None and not isinstance(after.tag, str):
        after = after.getnext()
    if after is None:
        return ""
    text = " ".join(after.text_content().split())
    return text if len(text) <= MAX_CHARS else ""


def _explicit(tree: HtmlElement) -> list[str]:
    """The texts of the ``rel``/``itemprop="author"`` elements that share the first one's
    byline: co-authors are named side by side; the same markup further away is the byline
    of a teaser, a related story or a team list, not this story's."""
    marked = _marked(tree)[:MAX_MARKED]
    if not marked:
        return []
    first = marked[0]
    together = [first] + [el for el in marked[1:] if _same_byline(first, el)]
    found = (_text(el) for el in together)
    return [t for t in found if t and len(t) <= MAX_CHARS]


# Relative paths over the page's elements; the values are compared in Python. An absolute
# "//*[@itemprop='author' or …]" costs libxml2 about twice as much (~0.4 ms a page each).
_CLASS_OR_ID = XPath("descendant-or-self::*[@class or @id]")
_ITEMPROP_OR_REL = XPath("descendant-or-self::*[@itemprop or @rel]")


def _marked(tree: HtmlElement) -> list[HtmlElement]:
    """The elements marked ``itemprop="author"`` or ``rel="author"``, in document order."""
    return [el for el in _ITEMPROP_OR_REL(tree)
            if el.get("itemprop") == "author" or el.get("rel") == "author"]


def _same_byline(a: HtmlElement, b: HtmlElement) -> bool:
    """Is the smallest element holding both ``a`` and ``b`` no longer than a byline?"""
    # a list, not ids: it keeps lxml's element proxies alive, so identity holds
    ancestors = [a, *a.iterancestors()]
    common = next((el for el in (b, *b.iterancestors()) if el in ancestors), None)
    if common is None:
        return False
    # text_content of a large ancestor is costly; stop as soon as it is too long
    length = 0
    for chunk in common.itertext():
        length += len(chunk.strip())
        if length > MAX_BYLINE_GROUP_CHARS:
            return False
    return True


def _text(el: HtmlElement) -> str:
    names = el.xpath(".//*[@itemprop='name']")
    node = names[0] if names else el
    value = node.get("content") or node.text_content()
    return " ".join(value.split())


def _tokens(el: HtmlElement) -> set[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return {t for t in _SPLIT.split(raw) if t}


def _is_byline(el: HtmlElement) -> bool:
    # every byline word holds one of these: most elements are ruled out before tokenising
    if not _BYLINE_HINT.search(f"{el.get('class') or ''} {el.get('id') or ''}".lower()):
        return False
    tokens = _tokens(el)
    if not tokens & BYLINE_WORDS or tokens & NOT_BYLINE_WORDS:
        return False
    return not any(_tokens(a) & NOT_BYLINE_WORDS for a in el.iterancestors())
