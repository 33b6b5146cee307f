"""Share prompts and read-more links ("Share this article", "Click to share on Twitter")."""

from __future__ import annotations

from crawler.cleaning.base import alternation, short_pattern_rule

NETWORKS = (
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "viber",
    "email",
    "e-mail",
    "mail",
    "linkedin",
    "reddit",
    "pinterest",
    "vk",
    "vkontakte",
    "ok",
    "threads",
    "bluesky",
    "copy link",
    "print",
    "messenger",
    "tumblr",
    "flipboard",
)
SHARE_PHRASES = (
    r"share",
    r"share this(?: article| story| post| page)?",
    r"share on",
    r"share via",
    r"click to (?:share|email|print)(?: on| this)?",
    r"tweet(?: this)?",
    r"email this",
    r"pin it",
    r"print this(?: article| page)?",
    r"поделиться",
    r"поделитесь(?: новостью| статьей| материалом| с друзьями)?",
    r"поділитися",
    r"поділіться(?: новиною| статтею| матеріалом)?",
    r"teilen",
    r"(?:diesen )?artikel teilen",
    r"teilen auf",
    r"jetzt teilen",
    r"partager",
    r"partager cet article",
    r"partager sur",
    r"partagez",
    r"compartir",
    r"compartir en",
    r"compartir esta noticia",
    r"comparte",
    r"paylaş",
)
READ_MORE = (
    r"read more",
    r"continue reading",
    r"read the full (?:story|article)",
    r"weiterlesen",
    r"mehr lesen",
    r"читать далее",
    r"читати далі",
    r"lire la suite",
    r"leer más",
    r"seguir leyendo",
    r"подробнее",
    r"детальніше",
)

_NETWORK_LIST = (
    r"(?:\s*(?:[:\-–—]\s*)?" + alternation(NETWORKS) + r"(?: \(opens in new window\))?[,|/•]?)*"
)

SHARE_PROMPT = short_pattern_rule(
    160, alternation(SHARE_PHRASES) + _NETWORK_LIST + r"\s*[:.!…»›→]*"
)
"""A share prompt, optionally followed by network names."""

READ_MORE_LINK = short_pattern_rule(40, alternation(READ_MORE) + r"\s*[:.…»›→>]*")
"""A bare read-more link text."""
