"""Ad labels: the word a page prints above or inside an ad slot, left alone on its line.

The DOM pruning removes ad containers it recognises by class; the label is often a sibling
outside the slot (``<p class="ad-label">Anzeige</p>``, a bare ``<span>Реклама</span>``), and
reaches the text. Only a whole line that is nothing but such a label is chrome (a story may
well say "the advertisement was pulled"), optionally with a "scroll to continue" tail.
"""

from __future__ import annotations

from crawler.cleaning.base import alternation, short_pattern_rule

AD_LABELS = (
    # English
    r"advertisement", r"advertising", r"advert", r"ad", r"sponsored", r"sponsored content",
    r"paid content", r"paid post", r"promoted", r"promoted content",
    r"story continues below(?: this)? advertisement",
    r"(?:article|story) continues (?:below|after)(?: the| this)? (?:ad|advertisement)",
    r"continue reading (?:below|after)(?: the| this)? (?:ad|advertisement)",
    # German
    r"anzeige", r"werbung", r"gesponsert", r"weiter nach der anzeige",
    r"(?:der )?artikel (?:geht|wird) (?:nach|unter) der (?:anzeige|werbung) (?:weiter|fortgesetzt)",
    # Russian, Ukrainian, Bulgarian, Serbian (Cyrillic)
    r"реклама", r"рекламa", r"на правах рекламы", r"партнерский материал",
    r"партнерський матеріал", r"на правах реклами", r"реклама 18\+", r"реклама\. 18\+",
    # Spanish, Portuguese, Italian, French, Catalan
    r"publicidad", r"publicidade", r"pubblicità", r"publicité", r"publicitat", r"anuncio",
    r"contenido patrocinado", r"conteúdo patrocinado", r"contenuto sponsorizzato",
    r"contenu sponsorisé",
    # Polish, Czech, Slovak, Slovenian, Croatian, Lithuanian, Latvian, Turkish, Swedish...
    r"reklama", r"reklamy", r"reklamní sdělení", r"oglas", r"oglasi", r"reklāma", r"reklam",
    r"reklame", r"annons", r"annonse", r"mainos", r"advertentie", r"advertenties",
    r"reclame", r"reclamă", r"publicitate", r"hirdetés", r"διαφήμιση", r"διαφημιση",
    # Asian and Middle Eastern scripts
    r"广告", r"廣告", r"広告", r"광고", r"إعلان", r"اعلان", r"פרסומת", r"โฆษณา",
    r"विज्ञापन", r"quảng cáo", r"iklan",
)
_EDGE = r"[\s\-–—:|·•*_()\[\]]*+"  # possessive: never backtracks (linear on any input)

AD_LABEL = short_pattern_rule(
    80,
    _EDGE + alternation(AD_LABELS) + r"(?:" + _EDGE + r"(?:scroll|continue)[\w\s]{0,30})?"
    + _EDGE + r"\.?",
)
"""A line that is only an ad label ("Advertisement", "Реклама", "— Anzeige —")."""
