"""Author strings -> person names: no "By", no role lines, no site names, sensible case.

Bylines arrive as "By TOM KRISHER, AP Auto Writer", "Text: Jane Doe", "Jane Doe and John Roe",
"ERIC TUCKER Associated Press". :func:`clean_authors` turns the raw strings of every source
into a list of names; :func:`choose_case` prefers the best-cased spelling another source has.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

_BY_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|published|reported|story|words|text|photos?)\s+by|by|von|par|por"
    r"|di|door|av|af|text|texto|testo|текст|автор|author|autor|auteur)\b\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
# Separators between several names; a period only when it ends a word, not an initial ("J.").
# (?<!\s): a match may start only at the first space of a run, which keeps this linear.
_SPLIT = re.compile(
    r"(?<!\s)\s*(?:;|,|\||&|\s\band\b\s|\s\bund\b\s|(?<=\w\w\w)\.\s)\s*", re.IGNORECASE
)
_ROLE_WORDS = frozenset({
    "writer", "writers", "editor", "editors", "correspondent", "correspondents", "reporter",
    "reporters", "staff", "contributor", "contributors", "columnist", "producer", "bureau",
    "desk", "wire", "wires", "services", "service", "published", "updated", "team", "newsroom",
    "redaktion", "redacción", "redação", "rédaction",
})
_USERNAME = re.compile(r"admin|administrator|webmaster|editor", re.IGNORECASE)
_DOMAIN = re.compile(r"\w\.(?:com|net|org|co|info|news|io|de|fr|ru|uk|in|br|it|es)\b", re.I)
_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "la", "le", "bin", "al",
    "el", "y", "e", "dos", "das", "do", "ter", "ten", "zu",
})
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
# Bylines often run on into the date line: cut at "Published", a weekday, "Nov 19" or a number.
_DATELINE = re.compile(
    r"(?:\b(?:published|updated|posted|modified)\b"
    r"|(?:\b|(?<=[a-z]))(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    rf"|(?:\b|(?<=[a-z])){_MONTH}\.?(?:\s+\d|\s*$)|\s\d).*$",
    re.IGNORECASE | re.DOTALL,
)
_DATE_WORD = re.compile(rf"{_MONTH}\.?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day", re.I)
_CAPS_GLUE = re.compile(r"(?<=[A-Z]{2})(?=[A-Z][a-z])")
_SITE_SUFFIXES = frozenset({
    "news", "online", "daily", "times", "post", "today", "media", "tv", "radio", "mag",
    "magazine", "digital", "web", "net", "info", "press", "herald", "journal", "live",
})
_MAX_WORDS = 5
MAX_BYLINE_CHARS = 300
_WORD_RUN = re.compile(r"[^\W\d_]+")


def clean_authors(raw: Iterable[str | None], site_keys: set[str]) -> list[str]:
    """Names from raw author strings, in order, deduplicated; site/role strings dropped."""
    out: list[str] = []
    seen: set[str] = set()
    for value in raw:
        for name in split_names(value):
            key = _squash(name)
            if key and key not in seen and not _is_site(name, site_keys):
                seen.add(key)
                out.append(name)
    return out


def split_names(value: str | None) -> list[str]:
    """One raw author string -> the person names it holds (possibly none)."""
    if not value:
        return []
    text = " ".join(html.unescape(value).split())
    # a byline is short; a long string is page text picked up by mistake (and would make
    # the splitting regexes slow)
    if len(text) > MAX_BYLINE_CHARS or text.startswith(("http://", "https://")):
        return []
    names = []
    text = _CAPS_GLUE.sub(" ", text)  # "ERIC TUCKERAssociated Press": split the glued words
    text = _DATELINE.sub("", _BY_PREFIX.sub("", text))
    for part in _SPLIT.split(text):
        name = _BY_PREFIX.sub("", part).strip(" .:-–—")
        name = _drop_caps_tail(_caps_name_before_affiliation(name))
        if name and _looks_like_name(name):
            names.append(name)
    return names


def choose_case(names: list[str], spellings: Iterable[str]) -> list[str]:
    """Replace an ALL-CAPS name by another source's spelling of it, else by title case."""
    by_key: dict[str, str] = {}
    for spelling in spellings:
        for name in split_names(spelling):
            if not _is_all_caps(name):
                by_key.setdefault(name.casefold(), name)
    return [
        by_key.get(n.casefold(), _title_case(n)) if _is_all_caps(n) else n for n in names
    ]


def _caps_name_before_affiliation(text: str) -> str:
    """"ERIC TUCKER Associated Press" -> "ERIC TUCKER": caps words, then a cased affiliation."""
    words = text.split()
    caps = 0
    while caps < len(words) and _is_all_caps(words[caps]):
        caps += 1
    if caps >= 2 and caps < len(words) and not _is_all_caps(" ".join(words[caps:])):
        return " ".join(words[:caps])
    return text


def _drop_caps_tail(text: str) -> str:
    """"Kevin McCoy USA TODAY" -> "Kevin McCoy": a cased name, then an all-caps affiliation."""
    words = text.split()
    end = len(words)
    while end > 0 and _is_all_caps(words[end - 1]) and len(words[end - 1]) > 1:
        end -= 1
    if 2 <= end < len(words):
        return " ".join(words[:end])
    return text


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not words or len(words) > _MAX_WORDS or len(text) > 60 or _DOMAIN.search(text):
        return False
    if not any(c.isalpha() for c in text) or _DATE_WORD.fullmatch(text):
        return False
    lowered = {w.lower().strip(".,") for w in words}
    if lowered & _ROLE_WORDS or words[0].lower() in {"the", "a", "an"}:
        return False
    # one word: a username ("admin") or an acronym ("AP", "KWCH"), not a person's byline
    if len(words) == 1 and (_USERNAME.search(text) or _is_all_caps(text)):
        return False
    # cased scripts: every word capitalised, an initial, or a particle ("van", "de")
    return all(
        not w[0].isalpha() or not w[0].islower() or w.lower() in _PARTICLES for w in words
    )


def _is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _title_case(name: str) -> str:
    return _WORD_RUN.sub(lambda m: m[0][0].upper() + m[0][1:].lower(), name)


def _is_site(name: str, site_keys: set[str]) -> bool:
    """The site signing as author: its name or host label ("Gazette"), the label plus a section
    ("Gazette Sport"), a one-word prefix of the label ("Vortex" at vortexcannon.example), or
    the label is the name's first word plus a generic suffix ("Orbit International" at
    orbitnews.example)."""
    words = name.split()
    key = _squash(name)
    first = _squash(words[0]) if words else ""
    for s in site_keys:
        if key == s or (len(first) >= 4 and first == s):
            return True
        if (len(first) >= 4 and s.startswith(first)
                and (len(words) == 1 or s[len(first):] in _SITE_SUFFIXES)):
            return True
    return False


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())
