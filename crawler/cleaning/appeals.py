"""Subscription, donation and follow-us appeals, in several languages.

Two shapes: a short line that opens with an appeal ("Subscribe to X on Google News",
"Follow us on Telegram"), or a line of any length with at least two different appeal cues
and a first-person-plural word ("support us … donate! Also subscribe to our page …").
"""

from __future__ import annotations

import re

from crawler.cleaning.base import FLAGS, alternation, short_pattern_rule

OPENING_APPEALS = (
    # English
    r"subscribe\b",
    r"sign up (?:for|to|now)\b",
    r"follow us\b",
    r"join us\b",
    r"join our\b",
    r"support us\b",
    r"support (?:our|independent) journalism",
    r"donate\b",
    r"become a (?:patron|member|subscriber|supporter)\b",
    r"like us on\b",
    r"get our\b",
    r"(?:please )?consider (?:supporting|subscribing|donating)\b",
    r"read us on\b",
    r"we are on\b",
    r"find us on\b",
    # Russian
    r"подписывайтесь\b",
    r"подпишитесь\b",
    r"поддержите\b",
    r"присоединяйтесь\b",
    r"следите за (?:нами|новостями)\b",
    r"читайте нас\b",
    r"мы в (?:telegram|телеграм)",
    # Ukrainian
    r"підписуйтесь\b",
    r"підпишіться\b",
    r"підписуйтеся\b",
    r"підтримайте\b",
    r"приєднуйтесь\b",
    r"приєднуйтеся\b",
    r"стежте за\b",
    r"читайте нас\b",
    # German
    r"abonnieren sie\b",
    r"folgen sie uns\b",
    r"unterstützen sie\b",
    r"jetzt (?:abonnieren|spenden|unterstützen)\b",
    r"newsletter (?:abonnieren|bestellen)\b",
    # French
    r"abonnez-vous\b",
    r"suivez-nous\b",
    r"soutenez-nous\b",
    r"soutenez\b",
    r"faites un don\b",
    r"inscrivez-vous\b",
    r"rejoignez-nous\b",
    # Spanish
    r"suscríbete\b",
    r"suscribete\b",
    r"suscríbase\b",
    r"síguenos\b",
    r"siguenos\b",
    r"apóyanos\b",
    r"apoyanos\b",
    r"haz una donación\b",
    r"únete\b",
    r"regístrate\b",
)

APPEAL_CUES = (
    r"\bsupport us\b",
    r"\bdonat(?:e|ion)\b",
    r"\bsubscribe\b",
    r"\bfollow us\b",
    r"\bjoin (?:us|our|thousands)\b",
    r"\bsign up\b",
    r"\bnewsletter\b",
    r"подпис\w+",
    r"поддерж\w+ нас",
    r"підпис\w+",
    r"підтрима\w+ нас",
    r"\babonnier\w*",
    r"\bfolgen sie uns\b",
    r"\bspende\w*",
    r"\babonnez\b",
    r"\bsuivez-nous\b",
    r"\bfaites un don\b",
    r"\bsuscr[ií]b\w+",
    r"\bs[ií]guenos\b",
    r"\bap[óo]yanos\b",
    r"\bdonaci[óo]n\b",
)
_WE = re.compile(r"\b(?:us|our|нас|наш\w*|uns|unser\w*|nous|notre|nos|nuestr\w+)\b", FLAGS)
_CUES = [re.compile(c, FLAGS) for c in APPEAL_CUES]

OPENING_APPEAL = short_pattern_rule(300, alternation(OPENING_APPEALS) + r".*")
"""A short line opening with an appeal."""


def _many_cues(line: str) -> bool:
    if len(line) > 3000 or _WE.search(line) is None:
        return False
    hits = 0
    for cue in _CUES:
        if cue.search(line):
            hits += 1
            if hits >= 2:
                return True
    return False


def appeal(line: str) -> bool:
    """True for subscription, donation and follow-us appeals."""
    return OPENING_APPEAL(line) or _many_cues(line)
