"""Headlines: the one site-name rule, and the page's own heading as a cross-check.

:func:`strip_site_suffix` removes the site's name from a page title: a trailing segment
after " - ", " | ", " – ", " — ", " : ", " · ", " • ", " » ", " :: " that names the site
("Story - ForumDaily", "Story | BBC News" on bbc.co.uk), or a leading one ("Site: Story").
A segment names the site when its letters and digits contain the registered domain's label
or the site name (``og:site_name``, JSON-LD publisher). Any other segment is story
("Ukraine - the war at one year"). Extraction applies it once, to the chosen title.

:func:`match_heading` then compares the title with the page's ``<h1>`` headings: a heading
that is one side of a separator of the title ("Kicker: Story", "Story | Blog name") is the
headline, and a heading equal to the title but for typography ("..." / "…", '"' / "„“")
gives its own spelling, the one readers see.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlsplit

from crawler.cleaning.site_names import site_label

# (?<!\s): a match may start only at the first space of a run, which keeps this linear.
_SEPARATORS = re.compile(r"(?<!\s)\s+(?:[-|–—:•·»«/]|::)\s+")
_LEADING_COLON = re.compile(r"^([^:]{2,40}):\s+(?=\S)")
MAX_TITLE_CHARS = 400
MIN_HEADING_CHARS = 12
_SQUASH = re.compile(r"[\W_]+")
_NOT_NAMES = frozenset({"www", "m", "amp", "edition", "mobile"})


def squash(text: str) -> str:
    """Letters and digits only, lower case: how site names are compared."""
    return _SQUASH.sub("", text.lower())


def site_tokens(site: str | None, url: str | None, min_len: int = 3) -> set[str]:
    """The squashed site name, the registered domain's label ("bbc" for news.bbc.co.uk) and
    the host's other labels but the last; short ones are too ambiguous for substring tests."""
    tokens: set[str] = set()
    if url:
        host = urlsplit(url).hostname or ""
        labels = [lab for lab in host.split(".") if lab not in _NOT_NAMES]
        tokens = {squash(lab) for lab in labels[:-1]} | {squash(site_label(url))}
    if site:
        tokens.add(squash(site))
    return {t for t in tokens if len(t) >= min_len}


def _looks_like_site(part: str, names: set[str], loose: bool = False) -> bool:
    """Is ``part`` the site's name? Leading parts must be the name give or take a few letters
    ("The", "News"); a trailing part may say more ("Vortex Cannon Entertainment")."""
    squashed = squash(part)
    if len(squashed) < 3 or len(part.split()) > 6:
        return False
    slack = len(squashed) if loose else 6
    return any((n in squashed and len(squashed) <= len(n) + slack) or squashed in n
               for n in names)


def strip_site_suffix(title: str, site: str | None, url: str | None) -> str:
    """Drop a trailing (or leading) site name: "Story - ForumDaily" -> "Story".

    Only the outermost segment is tested, so "A - B | Site" keeps "A - B".
    """
    title = " ".join(html.unescape(title).split())
    if len(title) > MAX_TITLE_CHARS:  # not a headline; and keeps the separator regex linear
        return title
    names = site_tokens(site, url)
    colon = _LEADING_COLON.match(title)
    if colon and _looks_like_site(colon.group(1), names):  # "Site: Story"
        return title[colon.end() :]
    seps = list(_SEPARATORS.finditer(title))
    if not seps:
        return title
    head, tail = title[: seps[-1].start()].strip(), title[seps[-1].end() :]
    if head and _looks_like_site(tail, names, loose=True):
        return head
    first, rest = title[: seps[0].start()], title[seps[0].end() :].strip()
    if rest and _looks_like_site(first, names):
        return rest
    return title


def clean_headline(
    title: str, url: str | None = None, site_name: str | None = None
) -> tuple[str, list[tuple[str, str]]]:
    """:func:`strip_site_suffix`, with the removed part as ("site_suffix", part)."""
    cleaned = strip_site_suffix(title, site_name, url)
    if cleaned == " ".join(html.unescape(title).split()):
        return title, []
    return cleaned, [("site_suffix", title)]


def _typography_key(text: str) -> str:
    """Equal for spellings that differ only in quotes, dashes, ellipses and spaces."""
    text = unicodedata.normalize("NFKC", text)  # "…" -> "..."
    return re.sub(r"[\W_]+", "", text).casefold()


def match_heading(title: str, headings: list[str]) -> str | None:
    """The heading that the title is made of, or None.

    A heading counts when it equals the title but for typography, or when it is the whole
    of the title on one side of a separator (the other side being a kicker or the site).
    """
    key = _typography_key(title)
    best: str | None = None
    for raw in headings:
        heading = " ".join(raw.split())
        hkey = _typography_key(heading)
        if _width(heading) < MIN_HEADING_CHARS or not hkey:
            continue
        if hkey == key:
            return heading
        if len(title) <= MAX_TITLE_CHARS and _is_title_side(title, heading) and (
                best is None or len(heading) > len(best)):
            best = heading
    return best


def _width(text: str) -> int:
    """Display width: a CJK character counts as two, as it holds about a word's worth."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_SEPARATOR_CHARS = frozenset("-|–—:•·»«/_｜：")


def _is_title_side(title: str, heading: str) -> bool:
    # unspaced separators too: "北京市发布新的交通计划-新闻网"
    norm_title, norm_heading = (unicodedata.normalize("NFKC", t) for t in (title, heading))
    after = norm_title.removeprefix(norm_heading)
    before = norm_title.removesuffix(norm_heading)
    if after != norm_title and after.strip()[:1] in _SEPARATOR_CHARS:
        return True
    if before != norm_title and before.strip()[-1:] in _SEPARATOR_CHARS:
        return True
    hkey = _typography_key(heading)
    for sep in _SEPARATORS.finditer(title):
        left, right = title[: sep.start()], title[sep.end() :]
        if hkey in (_typography_key(left), _typography_key(right)):
            return True
    return False
