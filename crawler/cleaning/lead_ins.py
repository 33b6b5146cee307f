"""Inline promotions ("Read also: <headline>") and the headers of related-link blocks.

A lead-in fires only when the phrase opens the line and is followed by a separator (colon,
dash with spaces) or ends the line, so "Read the full report, the minister said" stays.
"""

from __future__ import annotations

from crawler.cleaning.base import alternation, short_pattern_rule

LEAD_IN_PHRASES = (
    # English
    "read also",
    "also read",
    "read more",
    "see also",
    "related",
    "related articles?",
    "related stories",
    "related news",
    "related coverage",
    "related content",
    "you may (?:also )?(?:be interested in|like)",
    "you might (?:also )?(?:be interested in|like)",
    "on the subject",
    "on the topic",
    "more on (?:this|the) (?:story|topic|subject)",
    "don't miss",
    "do not miss",
    "must read",
    "further reading",
    "recommended",
    "editor's picks?",
    # Russian
    "читайте также",
    "читайте еще",
    "читайте ещё",
    "читать также",
    "смотрите также",
    "см\\. также",
    "по теме",
    "на тему",
    "ещё по теме",
    "еще по теме",
    "материалы по теме",
    "вам может быть интересно",
    "вас может заинтересовать",
    "рекомендуем",
    "интересное по теме",
    # Ukrainian
    "читайте також",
    "дивіться також",
    "див\\. також",
    "за темою",
    "по темі",
    "вас може зацікавити",
    "вам може бути цікаво",
    "рекомендуємо",
    "також читайте",
    # German
    "lesen sie auch",
    "lesen sie mehr",
    "mehr zum thema",
    "auch interessant",
    "siehe auch",
    "das könnte sie auch interessieren",
    "zum thema",
    "empfehlungen der redaktion",
    # French
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "lisez aussi",
    "voir aussi",
    "à voir aussi",
    "lire également",
    "à lire également",
    "sur le même sujet",
    "vous aimerez aussi",
    "vous pourriez aussi aimer",
    "notre sélection",
    # Spanish
    "lea también",
    "lee también",
    "leer también",
    "ver también",
    "vea también",
    "te puede interesar",
    "le puede interesar",
    "también te puede interesar",
    "noticias relacionadas",
    "contenido relacionado",
    "sobre el tema",
    # Azerbaijani, Turkish
    "həmçinin oxuyun",
    "bunu da oxuyun",
    "ayrıca okuyun",
    "ilginizi çekebilir",
)
"""Phrases that introduce a promoted headline (regex source, matched case-insensitively)."""

HEADER_ONLY_PHRASES = (
    "more stories",
    "more news",
    "latest news",
    "top stories",
    "most read",
    r"more from \S[^:\n]{0,40}",
    r"also on \S[^:\n]{0,40}",
    "most popular",
    "trending",
    "other news",
    "recommended for you",
    "you may have missed",
    "другие новости",
    "последние новости",
    "самое читаемое",
    "популярное",
    "інші новини",
    "останні новини",
    "найпопулярніше",
    "більше новин",
    "weitere artikel",
    "meistgelesen",
    "das könnte sie auch interessieren",
    "les plus lus",
    "à lire",
    "dans la même rubrique",
    "más noticias",
    "lo más leído",
    "otras noticias",
    "últimas noticias",
)
"""Phrases that head a related-links block only when alone on their line."""

_SEP = r"(?:\s*[:：]|\s*[—–]|\s+-|\s*»|\s*\.{3}|\s*…)"
_SOURCE = r"(?:\s+(?:on|at|in|from|на|в|у|auf|bei|sur|dans|en|sobre)\s+[^:\n]{1,40}?)?"

LEAD_IN = short_pattern_rule(400, alternation(LEAD_IN_PHRASES) + _SOURCE + _SEP + r"(?:\s.*|\S.*)?")
"""A promoted headline introduced by a lead-in phrase, or the phrase with a colon alone."""

RELATED_HEADER = short_pattern_rule(
    80,
    alternation(LEAD_IN_PHRASES + HEADER_ONLY_PHRASES) + _SOURCE + r"\s*[:：.…»]?",
)
"""A line that is only a related-block header ("Read also on ForumDaily:", "Related")."""
