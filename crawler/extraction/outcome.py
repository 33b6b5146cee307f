"""Why a fetched page gave no article, or gave only part of one: blocked, paywalled, needs
JavaScript, consent wall. From the status, the raw bytes and the page's structured data.

Pure and cheap: regular expressions over the raw bytes, no second parse of the page. It runs
in the crawl process on every HTML response, so the common case (an ordinary page: nothing
matches the one pre-check) costs one regex scan. The tables of markers are data, apart from
the decision in :func:`detect_outcome`; none names a site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- outcome names (stats keys ``outcome/<name>`` and ``site/<domain>/outcome/<name>``) ---
EXPORTED = "exported"
UNCHANGED = "unchanged"
DUPLICATE = "duplicate"
NOT_ARTICLE = "not_article"  # followed by /<reason>
DROPPED = "dropped"  # followed by /<DropItem subclass>
TOO_OLD = "too_old"
BLOCKED = "blocked"
PAYWALLED = "paywalled"
NEEDS_JAVASCRIPT = "needs_javascript"
CONSENT_WALL = "consent_wall"
FAILED = "failed"  # followed by /<exception or http_NNN>
OUTCOMES = (EXPORTED, UNCHANGED, DUPLICATE, NOT_ARTICLE, DROPPED, TOO_OLD, BLOCKED, PAYWALLED,
            NEEDS_JAVASCRIPT, CONSENT_WALL, FAILED)
# Outcomes that say the site did not let us read the page (their share is monitored).
WALLS = (BLOCKED, PAYWALLED, NEEDS_JAVASCRIPT, CONSENT_WALL)

BLOCKING_STATUSES = frozenset({401, 403, 429, 503})
RATE_LIMITED = 429
VISIBLE_TEXT_SHELL = 600  # an app shell or a consent wall shows less text than this
CONSENT_MAX_LINKS = 5  # a consent dialog links to its policy and settings, not to stories
MAX_WALL_LINKS = 40  # more links than this: a listing or an article, not a wall
TEASER_CHARS = 1500  # a body this short ending at a subscribe prompt was cut off

# Every pattern below runs on the lower-cased bytes (IGNORECASE on a 200 KB page costs
# ~50 ms; lower() costs ~0.1 ms), and only after a plain substring test (``in``) found one
# of its trigger words, so an ordinary page costs a few substring scans.
_S = re.DOTALL


def _alternation(*words: str) -> bytes:
    return b"|".join(re.escape(w.lower().encode()) for w in words)


# Bot walls and challenge interstitials (bot-management vendors' markup and their words).
CHALLENGE_WORDS = (
    "captcha", "challenge-platform", "cf-challenge", "cf-browser-verification", "cf_chl_",
    "_incapsula_resource", "datadome", "px-block", "perimeterx", "checking your browser",
    "verify you are human", "verify you are a human", "are you a robot", "unusual traffic",
    "access denied", "request blocked", "request unsuccessful", "attention required",
    "bot detection", "please enable cookies and reload", "automated access",
    "pardon our interruption",
)
CHALLENGE = re.compile(_alternation(*CHALLENGE_WORDS))
# schema.org says the article is not free (JSON-LD, or microdata).
NOT_FREE = re.compile(
    rb'"isaccessibleforfree"\s*:\s*"?(?:false|no)\b'
    rb"|itemprop=[\"']?isaccessibleforfree[\"']?[^<>]*content=[\"']?(?:false|no)\b"
    rb"|content=[\"']?(?:false|no)[\"']?[^<>]*itemprop=[\"']?isaccessibleforfree"
)
# Known paywall containers: class or id tokens of paywall products and themes.
PAYWALL_TOKENS = ("paywall", "pay-wall", "tp-modal", "tp-container-inner", "regwall",
                  "meteredcontent", "subscriber-only", "subscribers-only", "premium-content",
                  "article-locked", "content-locked", "plus-teaser")
# Containers only: a stylesheet or script named after a paywall plugin is not a paywall.
PAYWALL_CONTAINER = re.compile(
    rb"<(?:div|section|aside|article|span|p|form|dialog|h[1-6])\b[^<>]*?\b(?:class|id)\s*=\s*"
    rb"""["'][^"'<>]*(?:""" + _alternation(*PAYWALL_TOKENS) + rb")"
)
# A subscribe prompt where the story stops (English, German, French, Spanish, Italian,
# Portuguese, Dutch, Russian).
SUBSCRIBE_PROMPT = re.compile(_alternation(
    "subscribe to continue", "subscribe to read", "to continue reading", "subscribers only",
    "for subscribers", "exclusive to subscribers", "weiterlesen mit", "nur für abonnenten",
    "réservé aux abonnés", "exclusivo para suscriptores", "riservato agli abbonati",
    "exclusivo para assinantes", "alleen voor abonnees", "доступно подписчикам",
))
# An app shell: an empty mount point, or a <noscript> asking for JavaScript.
SHELL_IDS = (b"root", b"app", b"__next", b"__nuxt", b"svelte", b"main-app", b"react-root")
APP_SHELL = re.compile(
    rb"""<div[^<>]+id=["']?(?:""" + b"|".join(SHELL_IDS) + rb""")["']?[^<>]*>\s*</div>"""
    rb"|<noscript[^<>]*>[^<]*(?:<[^<>]*>[^<]*){0,4}?(?:"
    + _alternation("enable javascript", "javascript is required", "javascript is disabled",
                   "requires javascript", "turn on javascript", "javascript aktivieren",
                   "activez javascript", "activa javascript")
    + rb")",
    _S,
)
# Cookie / consent walls: the vocabulary of a consent dialog (three groups must appear).
CONSENT_WORDS = tuple(re.compile(w) for w in (
    rb"cookie", rb"consent|einwilligung|consentement|consentimiento|consenso",
    rb"accept all|agree|alle akzeptieren|zustimmen|tout accepter|accepter|aceptar|accetta",
    rb"privacy|datenschutz|confidentialit|privacidad|partners|partner",
))
CONSENT_HOST = re.compile(r"^https?://(?:consent|cmp|privacy|cookies?)[.-]", re.IGNORECASE)
# Everything a reader would not see as text.
# Openings only: each element's end is found with bytes.find (a lazy ``.*?`` to the closing
# tag is quadratic on a page of unclosed openings).
_INVISIBLE_OPEN = re.compile(rb"<(script|style|noscript|template|svg)\b|<!--")
_TAG = re.compile(rb"<[^<>]*>")
_SPACE = re.compile(rb"\s+")
_LINK = re.compile(rb"<a\s")
_CONTROL = re.compile(rb"<button|<form|role=[\"']?(?:alert)?dialog")
_JSONLD_BODY = re.compile(rb'"articlebody"\s*:\s*"(?:[^"\\]|\\.){200}', _S)
_ARTICLE_TYPE = re.compile(
    rb"og:type[\"']\s+content=[\"']article"
    rb'|"@type"\s*:\s*"(?:news|blog)?(?:article|posting)"'
)
# Words that make a page without an article worth a closer look.
_WALL_TRIGGERS = (b"captcha", b"challenge", b"robot", b"denied", b"blocked", b"unusual",
                  b"interruption", b"consent", b"noscript", b"paywall", b"subscri", b"abonn")


@dataclass(frozen=True)
class PageFacts:
    """What the crawl knows about one fetched page."""

    url: str
    status: int
    body: bytes
    body_chars: int | None = None
    """Length of the extracted article body; None when the page gave no article."""


@dataclass(frozen=True)
class Detection:
    """A named outcome and the evidence for it (a short token, for stats and logs)."""

    outcome: str
    evidence: str


def detect_outcome(page: PageFacts) -> Detection | None:
    """The outcome a wall or block explains, or None for an ordinary page.

    A page is blocked, a consent wall, paywalled or needs JavaScript, in that order (a bot
    wall in front of a paywalled app is a bot wall). Only *paywalled* may come with an
    article (``body_chars`` given): its teaser is kept and exported with
    ``isAccessibleForFree: false``; any other outcome means the "article" is the wall.
    """
    if page.status >= 400:
        return _blocked(page)
    if page.body_chars is not None:
        return _article_page(page.body, page.body_chars)
    if CONSENT_HOST.match(page.url):
        return Detection(CONSENT_WALL, "consent_host")
    if _declared_not_free(page.body):
        return Detection(PAYWALLED, "not_accessible_for_free")
    return _wall(page.body.lower())


def _article_page(body: bytes, body_chars: int) -> Detection | None:
    """A page extraction took for an article: paywalled, or (when its "story" is short) a
    challenge or consent page whose text was mistaken for one."""
    if _declared_not_free(body):
        return Detection(PAYWALLED, "not_accessible_for_free")
    # A full body is the story whatever its markup says; only a short one can be cut.
    if body_chars >= TEASER_CHARS:
        return None
    low = body.lower()
    wall = _wall(low)
    return wall if wall is not None else _cut_short(low)


def _wall(low: bytes) -> Detection | None:
    """A page with no article that a wall explains (``low``: the lower-cased page)."""
    # Walls show little: a page with many links is a listing, whatever words it holds.
    if low.count(b"<a ") > MAX_WALL_LINKS or not any(w in low for w in _WALL_TRIGGERS):
        return None
    text = visible_text(low)
    if len(text) < VISIBLE_TEXT_SHELL and CHALLENGE.search(low):
        return Detection(BLOCKED, "challenge_page")
    if len(text) < VISIBLE_TEXT_SHELL * 3 and _consent_dialog(low, text):
        return Detection(CONSENT_WALL, "consent_dialog")
    paywall = _cut_short(low) if _ARTICLE_TYPE.search(low) else None
    if paywall is None and (len(text) < VISIBLE_TEXT_SHELL and APP_SHELL.search(low)
                            and not _JSONLD_BODY.search(low)):
        return Detection(NEEDS_JAVASCRIPT, "app_shell")
    return paywall


def _blocked(page: PageFacts) -> Detection | None:
    """An error status is a block when it says so (429) or shows a challenge page."""
    if page.status == RATE_LIMITED:
        return Detection(BLOCKED, "rate_limited")
    if page.status in BLOCKING_STATUSES and CHALLENGE.search(page.body.lower()):
        return Detection(BLOCKED, f"challenge_{page.status}")
    return None


def _declared_not_free(body: bytes) -> bool:
    """schema.org's ``isAccessibleForFree`` is false. Property names are case-sensitive,
    so a plain ``find`` locates them; only a window around each is read."""
    start = body.find(b"isAccessibleForFree")
    while start >= 0:
        window = body[max(0, start - 160):start + 160].lower()
        if NOT_FREE.search(window):
            return True
        start = body.find(b"isAccessibleForFree", start + 1)
    return False


def _cut_short(low: bytes) -> Detection | None:
    """A short story with a paywall container or a subscribe prompt (``low``: lower-cased)."""
    if any(token.encode() in low for token in PAYWALL_TOKENS) and PAYWALL_CONTAINER.search(low):
        return Detection(PAYWALLED, "paywall_container")
    if SUBSCRIBE_PROMPT.search(visible_text(low)):
        return Detection(PAYWALLED, "subscribe_prompt")
    return None


def _consent_dialog(low: bytes, text: bytes) -> bool:
    """Consent vocabulary, a control to answer it, and little else (a short listing page
    with a cookie notice has many links)."""
    if len(_LINK.findall(low, 0, 200_000)) > CONSENT_MAX_LINKS or not _CONTROL.search(low):
        return False
    return sum(1 for word in CONSENT_WORDS if word.search(text)) >= 3


def visible_text(body: bytes) -> bytes:
    """The page's text as a reader sees it, roughly: no scripts, styles or tags.

    ``body`` is lower-cased (closing tags are found as written in lower case)."""
    kept, pos = [], 0
    for found in _INVISIBLE_OPEN.finditer(body):
        if found.start() < pos:
            continue  # inside an element already skipped
        kept.append(body[pos:found.start()])
        closing = b"-->" if found.group(1) is None else b"</" + found.group(1)
        end = body.find(closing, found.end())
        if end < 0:
            pos = len(body)
            break
        pos = body.find(b">", end) + 1 or len(body)
    kept.append(body[pos:])
    text = _TAG.sub(b" ", b" ".join(kept))
    return _SPACE.sub(b" ", text).strip()
