"""A story body read from a framework's script payload (``__NEXT_DATA__``, ``__NUXT__``...).

App-shell pages (Next.js, Nuxt, Redux or Apollo stores) may render only a teaser, or nothing,
in the DOM and carry the whole story as JSON in a script. This module finds those payloads,
parses them with size and node caps, and returns the longest prose-like text in them, to be
used only when the DOM body is empty or clearly a teaser (:func:`prefer_payload`).

Every step is linear in the script's size and bounded: scripts above ``MAX_SCRIPT_CHARS`` are
skipped, the JSON walk stops after ``MAX_NODES`` values, and only the few longest strings are
converted from HTML and judged.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement

# A payload larger than this is skipped: parsing it would cost more than a page is worth.
MAX_SCRIPT_CHARS = 8_000_000
# JSON values visited per payload (a 5 MB store holds ~10^5), and payload scripts per page.
MAX_NODES = 300_000
MAX_PAYLOADS = 8
# Strings (or joined paragraph lists) judged per page, the longest first.
MAX_CANDIDATES = 8
# One candidate's HTML converted at most to this many characters.
MAX_CANDIDATE_CHARS = 400_000
# Shorter than this, a payload text is no story (a title, a description, a caption).
MIN_PAYLOAD_CHARS = 500

# The DOM body is a teaser when the payload text is this many times longer, and longer by
# at least TEASER_MARGIN characters (a short story rendered whole stays the DOM's).
TEASER_RATIO = 3.0
TEASER_MARGIN = 800
# A DOM body this long is a story or its start: the payload's text must continue it.
TEASER_MIN_CHARS = 150
# Share of a teaser's text that the payload story must contain (a paywall line may not be).
TEASER_AGREEMENT = 0.5
_MIN_LINE_KEY = 20
_LINE_KEY = 60
# A DOM body longer than this is no teaser: the payload is not even parsed.
TEASER_MAX_CHARS = 2000

# Keys that name a story's text in the stores we know of (Next.js page props, Arc XP
# content_elements, WordPress REST, Contentful...); a string under one of them is preferred.
_BODY_KEY = re.compile(r"(?i)body|content|article|text|story|html")
# Keys whose text is about the story, never the story.
_NOT_BODY_KEY = re.compile(
    r"(?i)desc|summary|excerpt|teaser|subtitle|dek|caption|seo|meta|css|style")
_KEY_BONUS = 1.5

# `window.__INITIAL_STATE__ = {...}`, `__APOLLO_STATE__=`, `window.__NUXT__=`: the known
# names give the source label; an unknown name ending in STATE/DATA/PROPS is `payload_state`.
_ASSIGNMENT = re.compile(r"(__[A-Z][A-Z0-9_]{0,40}__)\s*=(?!=)\s*")
_KNOWN = {
    "__NEXT_DATA__": "payload_next_data",
    "__INITIAL_STATE__": "payload_initial_state",
    "__APOLLO_STATE__": "payload_apollo_state",
    "__NUXT__": "payload_nuxt",
    "__PRELOADED_STATE__": "payload_preloaded_state",
    "__INITIAL_DATA__": "payload_initial_data",
    "__INITIAL_PROPS__": "payload_initial_props",
}
# JSON-LD (schema.org) names the story's text: only `articleBody` is read there, never the
# `description` or the `text` of a comment or a review.
JSONLD_SOURCE = "jsonld"
_JSONLD_BODY_KEY = "articleBody"
_GENERIC_NAME = re.compile(r"__[A-Z0-9_]*(?:STATE|DATA|PROPS)__")
_JSON_PARSE = re.compile(r"JSON\.parse\(\s*")
_ASSIGNMENTS_PER_SCRIPT = 4

# HTML inside a JSON string: block ends become line breaks before the tags go.
_HTML_MARK = re.compile(r"<(?:p|br|div|h[1-6]|li|blockquote)\b", re.IGNORECASE)
_BLOCK_END = re.compile(r"<(?:br\s*/?|/(?:p|div|h[1-6]|li|blockquote|figure|ul|ol|table|tr))\s*>",
                        re.IGNORECASE)
_DROP_TAGS = ("script", "style", "noscript", "iframe", "figure", "svg", "template")

_URL = re.compile(r"https?://|www\.")
_CODE_CHARS = frozenset("{}<>;=|\\[]$#_/")
_SENTENCE_END = frozenset(".!?。！？।؟")


@dataclass(frozen=True)
class Payload:
    """A script that may hold a payload: ``__NEXT_DATA__`` JSON (``source`` set) or a script
    to scan for ``__NAME__ = ...`` assignments (``source`` empty)."""

    source: str
    text: str


@dataclass(frozen=True)
class PayloadBody:
    """The story text found in a payload and where it came from (``bodySource``)."""

    text: str
    source: str


def find_payloads(tree: HtmlElement) -> list[Payload]:
    """The scripts of a page that may carry a payload: call before pruning drops scripts.

    Only references to the scripts' text are kept; nothing is scanned or parsed until a
    body needs it (:func:`prefer_payload`).
    """
    payloads: list[Payload] = []
    for script in tree.iter("script"):
        text = script.text
        if not text or script.get("src") or len(text) > MAX_SCRIPT_CHARS:
            continue
        if script.get("id") == "__NEXT_DATA__":
            payloads.append(Payload(_KNOWN["__NEXT_DATA__"], text))
        elif (script.get("type") or "").strip().lower() == "application/ld+json":
            if _JSONLD_BODY_KEY in text:
                payloads.append(Payload(JSONLD_SOURCE, text))
        elif "__" in text and "=" in text:
            payloads.append(Payload("", text))
    return payloads


def _values(payload: Payload) -> Iterator[tuple[str, object]]:
    """``(source, parsed JSON)`` of a payload script."""
    if payload.source:
        # JSON-LD is hand-written often: raw line breaks inside strings are common there
        data = _raw_json(payload.text, _first_char(payload.text, 0),
                         strict=payload.source != JSONLD_SOURCE)
        if data is not None:
            yield payload.source, data
        return
    text = payload.text
    # the pattern starts with a literal, so the regex engine skips ahead by fast search
    for found, match in enumerate(_ASSIGNMENT.finditer(text)):
        if found >= _ASSIGNMENTS_PER_SCRIPT:
            return
        name = match.group(1)
        source = _KNOWN.get(name) or ("payload_state" if _GENERIC_NAME.fullmatch(name) else None)
        if source is None:
            continue
        start = match.end()
        parse_call = _JSON_PARSE.match(text, start)
        if parse_call:  # window.__STATE__ = JSON.parse("{\"story\": ...}")
            inner = _raw_json(text, parse_call.end())
            data = _raw_json(inner, _first_char(inner, 0)) if isinstance(inner, str) else None
        elif text.startswith(("{", "["), start):
            data = _raw_json(text, start)
        else:
            data = None  # a function call (Nuxt's minified form) or an expression: not JSON
        if data is not None:
            yield source, data


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _raw_json(text: str, start: int, strict: bool = True) -> object:
    try:
        value, _ = json.JSONDecoder(strict=strict).raw_decode(text, start)
    except (ValueError, RecursionError):
        return None
    return value


def payload_body(
    payloads: list[Payload], min_chars: int = MIN_PAYLOAD_CHARS, teaser: str | None = None
) -> PayloadBody | None:
    """The longest prose-like text of at least ``min_chars`` in the payloads (key-weighted);
    given a DOM ``teaser``, only a text that continues it (:func:`continues`)."""
    candidates: list[tuple[float, str, str]] = []  # (score, text, source)
    for payload in payloads[:MAX_PAYLOADS]:
        if len(payload.text) < min_chars:
            continue
        for source, data in _values(payload):
            jsonld = source == JSONLD_SOURCE
            for key, found in _strings(data, min_chars):
                text = found
                if jsonld:
                    if key != _JSONLD_BODY_KEY:
                        continue
                    # entities are escaped in JSON-LD as often as not ("&amp;", "&#8217;")
                    text = html.unescape(text) if "&" in text and "<" not in text else text
                elif _NOT_BODY_KEY.search(key):
                    continue
                bonus = _KEY_BONUS if _story_key(key) else 1.0
                candidates.append((len(text) * bonus, text, source))
    candidates.sort(key=lambda c: c[0], reverse=True)
    for _, raw, source in candidates[:MAX_CANDIDATES]:
        plain = _as_text(raw[:MAX_CANDIDATE_CHARS])
        if plain and len(plain) >= min_chars and prose_like(plain) and (
                not teaser or continues(plain, teaser)):
            return PayloadBody(plain, source)
    return None


def _strings(data: object, min_chars: int) -> Iterator[tuple[str, str]]:
    """``(key, text)`` for every string of at least ``min_chars`` in ``data``, and for every
    list of paragraphs joined with line breaks (blocks stored one per item); at most
    ``MAX_NODES`` values visited.

    Iterative: a deep payload cannot exhaust the stack. Only containers are stacked, so the
    many short scalars of a store cost one type check each.
    """
    stack: list[tuple[str, object]] = [("", data)]
    visited = 0
    while stack and visited < MAX_NODES:
        key, value = stack.pop()
        if isinstance(value, dict):
            visited += len(value)
            children: Iterable[tuple[str, object]] = ((str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            visited += len(value)
            joined = _joined_paragraphs(value, min_chars)
            if joined:
                yield key, joined
            children = ((key, v) for v in value)
        else:
            if isinstance(value, str) and len(value) >= min_chars:
                yield key, value  # the payload is one string
            continue
        for child_key, child in children:
            if isinstance(child, str):
                if len(child) >= min_chars:
                    yield child_key, child
            elif isinstance(child, (dict, list)):
                stack.append((child_key, child))


@lru_cache(maxsize=4096)
def _story_key(key: str) -> bool:
    """A key named like a story's text (``body``, ``content``...) and not like its summary."""
    return bool(_BODY_KEY.search(key)) and not _NOT_BODY_KEY.search(key)


def _joined_paragraphs(items: list[object], min_chars: int) -> str | None:
    """A list of blocks (strings, or objects with a text-like string each) as one text."""
    if len(items) < 2:
        return None
    parts: list[str] = []
    size = 0
    for item in items:
        text = None
        if isinstance(item, str):
            text = item
        elif isinstance(item, dict):
            texts = [v for k, v in item.items() if isinstance(v, str) and _story_key(str(k))]
            text = max(texts, key=len) if texts else None
        if text:
            parts.append(text)
            size += len(text)
    if len(parts) < 2 or size < min_chars:
        return None
    return "\n".join(parts)


def _as_text(raw: str) -> str | None:
    """Plain text, one paragraph per line; HTML converted, link-heavy HTML refused."""
    if not _HTML_MARK.search(raw):
        return _lines(raw)
    try:
        root = lxml.html.fragment_fromstring(_BLOCK_END.sub("\n", raw), create_parent="div")
    except (ParserError, ValueError):
        return None
    for element in list(root.iter(*_DROP_TAGS)):
        element.drop_tree()
    text = root.text_content()
    link_chars = sum(len(a.text_content()) for a in root.iter("a"))
    if text and link_chars > 0.5 * len(text):
        return None  # a menu or a list of related links
    return _lines(text)


def _lines(text: str) -> str | None:
    lines = (" ".join(line.split()) for line in text.splitlines())
    joined = "\n".join(line for line in lines if line)
    return joined or None


def prose_like(text: str) -> bool:
    """Sentences of words: not a URL list, CSS or code, base64 or an id soup."""
    length = len(text)
    if len(_URL.findall(text)) * 80 > length:
        return False
    letters = sum(ch.isalpha() for ch in text)
    if letters < 0.6 * length:
        return False
    if sum(ch in _CODE_CHARS for ch in text) > 0.02 * length:
        return False
    spaces = text.count(" ")
    # scripts written without spaces (CJK, Thai) are mostly outside the Latin blocks
    wide = sum(ord(ch) > 0x2E80 for ch in text)
    if spaces < 0.06 * length and wide < 0.3 * length:
        return False
    ends = sum(ch in _SENTENCE_END for ch in text)
    return ends >= max(2, length // 400)


def continues(story: str, teaser: str) -> bool:
    """Whether most of the teaser's text is in ``story``: the DOM showed the start of this
    story, not a short story of its own beside a longer, other text (an archive, a sidebar).

    Lines are compared on their letters and digits only: the DOM's and the payload's
    whitespace, quotes and entities differ.
    """
    haystack = _alnum(story)
    total = matched = 0
    for line in teaser.splitlines():
        key = _alnum(line)
        total += len(key)
        if len(key) >= _MIN_LINE_KEY and key[:_LINE_KEY] in haystack:
            matched += len(key)
    return total > 0 and matched >= TEASER_AGREEMENT * total


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def prefer_payload(
    body: str | None, source: str, payloads: list[Payload]
) -> tuple[str | None, str]:
    """The payload's story when the DOM body is empty or a teaser of it; else the DOM's.

    A payload is parsed only when the DOM body is short enough to be a teaser, and only its
    strings long enough to win are judged.
    """
    if not payloads:
        return body, source
    dom_len = len(body or "")
    if dom_len > TEASER_MAX_CHARS:
        return body, source
    need = max(MIN_PAYLOAD_CHARS, int(dom_len * TEASER_RATIO), dom_len + TEASER_MARGIN)
    # a DOM text of a line or two ("Loading…", a cookie notice) is no story to continue
    found = payload_body(payloads, need, body if dom_len >= TEASER_MIN_CHARS else None)
    if found is None:
        return body, source
    return found.text, found.source
