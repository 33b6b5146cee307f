"""A second extractor's opinion, and how two bodies are merged where they disagree.

trafilatura (rule-based, good recall) and readability-lxml (scores the densest text block)
fail differently: trafilatura keeps short chrome lines around the article (teasers,
"Read more" links, bylines), readability occasionally misses a paragraph trafilatura kept or
finds one it dropped. :func:`merge_bodies` keeps what the two agree on, keeps long lines only
one of them found (a long run of prose is rarely chrome), and drops short lines only one of
them found (the typical shape of chrome) -- but only when the second opinion covers most of
the primary's prose: a second opinion that holds only part of the story (readability's
densest block of a story split in several) is no evidence against the rest.

When the two saw different blocks altogether (:func:`disagree`), neither is evidence about
the other; when the second opinion is much longer, the primary may be a teaser. In both cases
(:func:`doubtful`) the caller asks trafilatura's own fallback (readability and jusText
compared on length) unless the headline tells: the story follows its headline. When both
bodies are a small share of the page's paragraph text (:func:`teasers`: a lead above a
paywall, a teaser both stopped at), the fallback is asked too, and its body is taken only
when it holds ours (:func:`extends`).

Agreement is measured the way the yardstick measures overlap: ``\\w+`` tokens and 4-token
shingles, so it is language-independent.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from copy import deepcopy
from functools import lru_cache

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from crawler.extraction.readability_fast import FastDocument
from crawler.extraction.story_structure import among_paragraphs

_WORD = re.compile(r"\w+")
SHINGLE = 4
SUPPORT_SHARE = 0.5
"""A line is supported by the other text when this share of its shingles occurs there."""
SHORT_PRIMARY = 30
"""Primary (trafilatura) lines up to this many tokens need support to stay."""
SHORT_SECOND = 40
"""Second-opinion lines must be longer than this (and unsupported) to be added."""
MIN_AGREEMENT = 0.3
"""Below this overlap the extractors saw different blocks: the second opinion is ignored."""
MIN_COVER = 0.5
"""Short primary-only lines are dropped only when the second opinion supports at least this
share of the primary's prose tokens (lines of ``PROSE_TOKENS`` or more)."""
PROSE_TOKENS = 5
"""Lines shorter than this (menus, counters, dates) do not count towards coverage."""
SENTENCE_TOKENS = 5
"""A short primary-only line inside the story is kept when it is a sentence of this many
tokens (or a list item)."""
_SENTENCE_END = re.compile(r"[.!?…:。！？]['\"”’»)\]]*$")
LEAD_TOKENS = 12
"""A standfirst line has at least this many tokens (a label or byline has fewer)."""
LEAD_LINES = 2
"""At most this many standfirst lines are kept right before the first supported line."""
LEAD_LETTER_SHARE = 0.85
TITLE_CASE_SHARE = 0.7
"""A line whose words after the first start with a capital this often is in title case."""
LONGER_SECOND = 1.5
"""A second opinion this many times longer than the primary puts the primary in doubt."""
FAR_LONGER_SECOND = 5.0
"""A second opinion this many times longer outweighs the headline test: a teaser block may
open with the headline too (a page's summary box above the story)."""
MENU_MIN_LINES = 10
MENU_SHARE = 0.3
"""A body of at least MENU_MIN_LINES lines with this share of its characters in lines
shorter than PROSE_TOKENS reads like a menu (see :func:`menu_like`)."""
HEADLINE_LINES = 3
"""The headline is looked for in this many first lines of a body."""
TEASER_SHARE = 0.3
"""Bodies below this share of the page's paragraph text (both extractors') may be teasers."""

_BLOCK_TAGS = frozenset({
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "blockquote", "pre",
    "section", "article", "table", "ul", "ol", "dl", "dd", "dt", "figure", "header", "footer",
    "aside", "main",
})  # table cells stay inline: a row is one line, like trafilatura's rows


_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)


# Elements that never hold article prose; dropping them up front also saves scoring time.
_NEVER_TEXT = ("script", "style", "link", "noscript", "svg", "iframe", "button", "select",
               "input", "textarea", "nav", "footer")


class _Readability(FastDocument):
    """readability-lxml on a tree we own, with a cheaper cleaning step.

    readability's own ``_parse`` runs lxml's ``Cleaner``, whose javascript-link rewriting
    costs about as much as the whole scoring; only the removals that change the text are
    kept here: hidden nodes, scripts, styles, comments.

    The tree is not copied: readability's non-ruthless retry (for very short results) then
    runs on the tree as the ruthless pass left it. Copying for a faithful retry was measured:
    slower, and no better on the shared benchmark.
    """

    def _parse(self, input: HtmlElement) -> HtmlElement:
        self.encoding = "utf-8"
        doomed = [el for el in _MAYBE_HIDDEN(input) if _hidden(el)]
        for el in doomed:
            if el.getparent() is not None:
                el.drop_tree()
        etree.strip_elements(input, *_NEVER_TEXT, etree.Comment, etree.ProcessingInstruction,
                             with_tail=False)
        return input


# Only elements with one of these attributes can be hidden (see _hidden); XPath finds them in
# C, where a Python test of every element cost ~5 % of a page's extraction. Document order,
# as a walk of the tree would visit them.
_MAYBE_HIDDEN = etree.XPath("descendant-or-self::*[@hidden or @style]")


def _hidden(el: HtmlElement) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _DISPLAY_NONE.search(style))


def readability_text(tree: HtmlElement, copy: bool = True) -> str:
    """readability-lxml's main block of ``tree`` as text, one block per line ("" on failure).

    readability drops hidden nodes from the tree it is given: pass ``copy=False`` only when
    the caller is done with ``tree``.
    """
    return readability_opinion(tree, copy)[0]


def readability_opinion(tree: HtmlElement, copy: bool = True) -> tuple[str, frozenset[str]]:
    """:func:`readability_text`, and the token keys of its lines that are set among the
    story's paragraphs (see :func:`~crawler.extraction.story_structure.among_paragraphs`)."""
    try:
        summary = _Readability(deepcopy(tree) if copy else tree).summary(html_partial=True)
        fragment = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # a second opinion must never cost the page: no opinion then
        return "", frozenset()
    return block_text(fragment), line_keys(among_paragraphs(fragment))


def block_text(root: HtmlElement) -> str:
    """Text of ``root`` with a line break at every block boundary; lines whitespace-collapsed."""
    parts: list[str] = []
    _walk(root, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(el: HtmlElement, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in {"script", "style", "noscript"}:
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if el.text and tag:
        parts.append(el.text)
    for child in el:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")


def line_keys(elements: list[HtmlElement]) -> frozenset[str]:
    """Token keys (as :func:`merge_bodies` compares ``keep``) of the lines of ``elements``."""
    keys: set[str] = set()
    for el in elements:
        keys.update(" ".join(_tokens(line)) for line in block_text(el).split("\n"))
    return frozenset(keys)


def line_keys_of(lines: Sequence[str]) -> frozenset[str]:
    """Token keys (as :func:`merge_bodies` compares them) of these lines of text."""
    return frozenset(" ".join(_tokens(line)) for line in lines)


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    if len(tokens) < SHINGLE:
        return {tuple(tokens)} if tokens else set()
    return set(zip(tokens, tokens[1:], tokens[2:], tokens[3:], strict=False))  # SHINGLE == 4


class _Text:
    """A body split into lines, with its token and shingle sets for support tests."""

    def __init__(self, text: str) -> None:
        self.lines = [(line, _tokens(line)) for line in text.split("\n")]
        self.lines = [(line, toks) for line, toks in self.lines if toks]
        self.words = {t for _, toks in self.lines for t in toks}
        # over the whole token stream, across line breaks: a table row is one line in one
        # extractor's text and one line per cell in the other's
        self.shingles = _shingles([t for _, toks in self.lines for t in toks])

    def supports(self, tokens: list[str]) -> bool:
        """Does this text contain (most of) a line with these tokens?"""
        if len(tokens) < SHINGLE:
            return all(t in self.words for t in tokens)
        shingles = list(zip(tokens, tokens[1:], tokens[2:], tokens[3:], strict=False))
        hits = sum(s in self.shingles for s in shingles)
        return hits >= SUPPORT_SHARE * len(shingles)


@lru_cache(maxsize=8)
def _text(text: str) -> _Text:
    """:class:`_Text` of ``text``, built once: :func:`doubtful` and :func:`merge_bodies`
    split the same two bodies (a ``_Text`` is never changed after it is built)."""
    return _Text(text)


def merge_bodies(
    primary: str | None, second: str | None, keep: frozenset[str] = frozenset(),
    headings: frozenset[str] = frozenset(), deks: frozenset[str] = frozenset(), *,
    placed: frozenset[str] = frozenset(),
) -> str | None:
    """Merge trafilatura's body (``primary``) with a second opinion; see the module doc.

    Order follows ``primary``; a long line only the second opinion found is inserted after
    the primary line that matched the second opinion's previous line. Primary lines whose
    whitespace-normalised text is in ``keep`` (known content, e.g. embedded posts) stay;
    so do lines in ``headings`` (token keys of what the primary marked as headings) and
    table rows that sit between story lines, and a standfirst of either text (see
    :func:`_lead_lines`) unless it is the page header's dek (``deks``: a heading there for
    the primary's lines, any line there for the second opinion's). A short second-only line
    is inserted too when the second opinion set it among the story's paragraphs (``placed``,
    see :mod:`~crawler.extraction.story_structure`) and it falls between two lines the texts share.
    """
    if not primary or not second:
        return primary or second
    prim, sec = _text(primary), _text(second)
    if not prim.shingles or not sec.shingles or not _agree(prim, sec):
        return primary
    supported = [sec.supports(toks) for _, toks in prim.lines]
    if not _covers(prim, supported):
        return "\n".join(_insert_second_only(prim.lines, sec, prim, deks, placed))
    first = supported.index(True) if True in supported else len(supported)
    last = len(supported) - 1 - supported[::-1].index(True) if True in supported else -1
    # a paragraph above the story is its lead even inside the page header; a heading there
    # is the header's dek
    lead = _lead_lines(prim.lines, first, headings & deks, headings)
    # a long line only the primary found stands as story on its own (see SHORT_PRIMARY): the
    # lead above it counts too, and may sit under subheadings of its own (a structured
    # abstract: "Purpose", "Findings"); only the story's first lines have one
    alone = next((i for i, (_, toks) in enumerate(prim.lines) if len(toks) > SHORT_PRIMARY),
                 first)
    if alone < first:
        lead |= _lead_lines(prim.lines, alone, headings & deks, headings, over=headings - deks)
    sections = _numbered_sections(prim.lines, last, headings)
    # steps numbered in sequence are the story's own parts, however short (see below)
    steps = _numbered_steps(prim.lines)
    # key points in bullets under the headline are a lead too (readability starts below them)
    lead |= _key_points(prim.lines, first, headings)
    kept = [(line, toks) for i, ((line, toks), ok) in enumerate(zip(prim.lines, supported,
                                                                      strict=True))
            if ok or len(toks) > SHORT_PRIMARY or " ".join(toks) in keep or i in lead
            or (first < i < last and (_story_shaped(line, toks) or i in steps
                                      or " ".join(toks) in headings))
            or i in sections]
    return "\n".join(_insert_second_only(kept, sec, prim, deks, placed))


def _section_number(toks: list[str], key: str, headings: frozenset[str]) -> int | None:
    """The number a heading opens with ("3 Results", "4. References"), else None."""
    if key in headings and len(toks) > 1 and toks[0].isdigit() and len(toks[0]) <= 2:
        return int(toks[0])
    return None


def _numbered_sections(
    lines: list[tuple[str, list[str]]], last: int, headings: frozenset[str]
) -> set[int]:
    """Indices of the lines after ``last`` (the last line both texts hold) that sit in
    sections numbered on from the story's own: after "2 Methods" and "3 Results" inside the
    story, "4 References" is the document's next section, not chrome after it. A
    related-links box or a footer never carries on the story's numbering. The run ends at
    the first heading that does not."""
    numbers = [n for toks in (t for _, t in lines[:last + 1])
               if (n := _section_number(toks, " ".join(toks), headings)) is not None]
    found: set[int] = set()
    if not numbers:
        return found
    expected, inside = max(numbers) + 1, False
    for i in range(last + 1, len(lines)):
        toks = lines[i][1]
        key = " ".join(toks)
        if key in headings:
            inside = _section_number(toks, key, headings) == expected
            if not inside:
                break
            expected += 1
        if inside:
            found.add(i)
    return found


# no leading \s*: tried at every position (a search, a sub) it would scan each run of
# spaces again from every start; body lines carry no leading space
_STEP = re.compile(r"(\d{1,2})[.)]\s+\w")


def _numbered_steps(lines: list[tuple[str, list[str]]]) -> set[int]:
    """Indices of lines that open with a number ("3. Prep Them", "2) Plant") counting on
    from the numbered line before them or up to the one after: the steps or numbered
    subheadings of a how-to or a list article. A story numbers its own parts in sequence;
    one stray numbered line (a date, a rank in a box) has no neighbour one apart."""
    numbered = [(i, int(m.group(1))) for i, (line, _) in enumerate(lines)
                if (m := _STEP.match(line))]
    found: set[int] = set()
    for k, (i, n) in enumerate(numbered):
        if (k > 0 and numbered[k - 1][1] == n - 1) or (
                k + 1 < len(numbered) and numbered[k + 1][1] == n + 1):
            found.add(i)
    return found


KEY_POINTS = 2
"""A run of at least this many list items opens a story as its key points."""


def _key_points(
    lines: list[tuple[str, list[str]]], first: int, headings: frozenset[str]
) -> set[int]:
    """Indices of a key-points list: list items of prose length right above the story's
    first shared line, with nothing but headings (the headline) above them. A summary in
    bullets opens many reports; a list of links or a menu above the story is preceded by
    the page's other chrome, or its items are labels."""
    i = first - 1
    while i >= 0 and lines[i][0].startswith("- ") and len(lines[i][1]) >= PROSE_TOKENS:
        i -= 1
    items = set(range(i + 1, first))
    if len(items) < KEY_POINTS or not all(" ".join(toks) in headings for _, toks in lines[:i + 1]):
        return set()
    return items


def _lead_lines(
    lines: list[tuple[str, list[str]]], first: int, deks: frozenset[str] = frozenset(),
    headings: frozenset[str] = frozenset(), over: frozenset[str] = frozenset(),
) -> set[int]:
    """Indices of a standfirst: the prose lines right before the first line the other text
    supports. One extractor often starts at the first paragraph of the story proper and
    leaves out the lead above it, which is no evidence that the lead is chrome (it works
    both ways: trafilatura's lead readability left out, readability's lead trafilatura
    missed). A lead is whole sentences: a line without a sentence end there is a headline,
    kicker or teaser label. A line in ``deks`` (the page header's dek) sits outside the
    story's text. Lines in ``over`` (subheadings) are passed over, neither lead nor end
    of it."""
    lead: set[int] = set()
    i = first - 1
    while i >= 0 and len(lead) < LEAD_LINES:
        line, toks = lines[i]
        key = " ".join(toks)
        if key in over:
            i -= 1
            continue
        if (len(toks) < LEAD_TOKENS or not _prose(line)
                or not (_SENTENCE_END.search(line) or _dek_heading(lines, i, headings))
                or key in deks):
            break
        lead.add(i)
        i -= 1
    return lead


def _dek_heading(lines: list[tuple[str, list[str]]], i: int, headings: frozenset[str]) -> bool:
    """Is line ``i`` a heading right under another heading (a standfirst set as a heading
    below the headline, often without a full stop)? The first heading is the headline. A
    standfirst is a sentence: a heading in title case is another headline (a teaser of the
    next story on a page of several)."""
    return (i > 0 and " ".join(lines[i][1]) in headings
            and " ".join(lines[i - 1][1]) in headings and not _title_case(lines[i][0]))


def _title_case(line: str) -> bool:
    """Do most words after the first start with a capital (``Keyboard Expected in First
    Half``)? Sentence case capitalises names (and German nouns), not most words; a script
    without case is never title case."""
    words = [w for w in _WORD.findall(line)[1:] if w[0].isalpha()]
    capitals = sum(w[0].isupper() for w in words)
    return bool(words) and capitals >= TITLE_CASE_SHARE * len(words)


def _prose(line: str) -> bool:
    """Mostly letters and spaces (a sentence), not a date, counter or price list."""
    letters = sum(ch.isalpha() or ch.isspace() for ch in line)
    return letters >= LEAD_LETTER_SHARE * len(line)


def _story_shaped(line: str, tokens: list[str]) -> bool:
    """Between two supported lines, a list item or a sentence is story, however short
    (ingredients, steps, a one-line paragraph); a bare label or link text is not."""
    return line.startswith(("- ", "| ")) or (len(tokens) >= SENTENCE_TOKENS
                                     and _SENTENCE_END.search(line) is not None)


def disagree(primary: str | None, second: str | None) -> bool:
    """Did the two extractors pick different blocks (or did the primary find nothing)?"""
    if not primary:
        return bool(second)
    if not second:
        return False
    prim, sec = _text(primary), _text(second)
    return bool(prim.shingles and sec.shingles) and not _agree(prim, sec)


def doubtful(primary: str | None, second: str | None, titles: Sequence[str | None]) -> bool:
    """Is the fast primary body in doubt, so that trafilatura's fallback should decide?

    In doubt: the two extractors picked different blocks, or the second opinion is much
    longer (the primary found a teaser of the story); unless the primary opens with the
    headline and the second opinion does not (the story follows its headline, a teaser
    list does not) -- and the second opinion is not many times longer still.
    """
    suspect = disagree(primary, second) or bool(
        primary and second and len(second) > LONGER_SECOND * len(primary))
    if not suspect:
        return menu_like(primary)
    if primary and second and len(second) > FAR_LONGER_SECOND * len(primary):
        return True
    return not (leads_with(primary, titles) and not leads_with(second, titles))


def teasers(primary: str | None, second: str | None, paragraphs: int) -> bool:
    """Are both bodies a small part of the page's paragraph text (``paragraphs`` characters)?

    Then both may have stopped at the same teaser, lead or paywall boundary (the fast
    body and readability agree, or the headline test kept the primary) while the page holds
    more of the story: worth asking trafilatura's fallback, whose body must still hold ours
    (see :func:`extends`).
    """
    limit = TEASER_SHARE * paragraphs
    return len(primary or "") < limit and len(second or "") < limit


def extends(primary: str | None, candidate: str | None) -> bool:
    """Does ``candidate`` hold most of ``primary``'s prose (a longer text of the same story,
    not another block of the page)?"""
    if not primary:
        return True
    if not candidate:
        return False
    prim, cand = _text(primary), _text(candidate)
    return _covers(prim, [cand.supports(toks) for _, toks in prim.lines])


def menu_like(text: str | None) -> bool:
    """Is ``text`` mostly short lines (menus, link lists, labels), as when trafilatura took
    the whole page? Then it is no story to keep, and trafilatura's fallback should decide."""
    lines = [(line, len(_tokens(line))) for line in (text or "").split("\n")]
    if len(lines) < MENU_MIN_LINES:
        return False
    short = sum(len(line) for line, n in lines if n < PROSE_TOKENS)
    return short >= MENU_SHARE * sum(len(line) for line, _ in lines)


def leads_with(text: str | None, titles: Sequence[str | None]) -> bool:
    """Does one of the first lines of ``text`` repeat one of ``titles`` (the headline)?"""
    keys = {" ".join(_tokens(t.lower())) for t in titles if t} - {""}
    lines = (text or "").split("\n")[:HEADLINE_LINES]
    return any(" ".join(_tokens(line.lower())) in keys for line in lines)


def _agree(prim: _Text, sec: _Text) -> bool:
    shared = len(prim.shingles & sec.shingles)
    return shared >= MIN_AGREEMENT * min(len(prim.shingles), len(sec.shingles))


def _covers(prim: _Text, supported: list[bool]) -> bool:
    """Does the second opinion support most of the primary's prose (see MIN_COVER)?"""
    total = hit = 0
    for (_, toks), ok in zip(prim.lines, supported, strict=True):
        if len(toks) >= PROSE_TOKENS:
            total += len(toks)
            hit += len(toks) if ok else 0
    return hit >= MIN_COVER * total


def _insert_second_only(
    kept: list[tuple[str, list[str]]], sec: _Text, prim: _Text,
    deks: frozenset[str] = frozenset(), placed: frozenset[str] = frozenset(),
) -> list[str]:
    """Interleave long second-only lines into the kept primary lines (see merge_bodies)."""
    # Each shingle's kept-line indices, ascending (appended in order). Finding the first one at
    # or after ``pos`` is a bisection: scanning them all was quadratic on pages of repeated
    # lines (1 MB of identical <li> took minutes).
    first_line: dict[tuple[str, ...], list[int]] = {}
    for i, (_, toks) in enumerate(kept):
        for shingle in _shingles(toks):
            first_line.setdefault(shingle, []).append(i)
    after: dict[int, list[str]] = {}
    supported = [prim.supports(toks) for _, toks in sec.lines]
    first = supported.index(True) if True in supported else len(supported)
    last = len(supported) - 1 - supported[::-1].index(True) if True in supported else -1
    lead = _lead_lines(sec.lines, first, deks)
    pending: list[str] = []  # the second opinion's standfirst: placed before the story's start
    pos = 0  # inserts go after kept line pos - 1
    for i, ((line, toks), ok) in enumerate(zip(sec.lines, supported, strict=True)):
        if ok:
            later = [
                idx[j]
                for s in _shingles(toks)
                if (idx := first_line.get(s)) and (j := bisect_left(idx, pos)) < len(idx)
            ]
            if later and pending:
                after.setdefault(min(later), []).extend(pending)
                pending = []
            pos = min(later) + 1 if later else pos
        elif len(toks) > SHORT_SECOND or (first < i < last and " ".join(toks) in placed):
            after.setdefault(pos, []).append(line)
        elif i in lead:
            pending.append(line)
    out = list(after.get(0, []))
    for i, (line, _) in enumerate(kept, start=1):
        out.append(line)
        out.extend(after.get(i, []))
    return out
