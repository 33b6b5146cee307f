"""Subscription, donation and follow-us appeals, in several languages.

Four shapes: a short line that opens with an appeal ("Subscribe to X on Google News",
"Follow us on Telegram"), a short line that asks to follow the site on a platform ("Follow
The Ledger on Google News", "Folgen Sie X auf Google News"), a short line that names a
Google News product with a follow/read verb first or, in verb-final languages, last ("Følg X
på Google Nyheder", "X'i Google Haberler'de takip edin"), or a line of any length with
at least two different appeal cues and a first-person-plural word ("support us … donate!
Also subscribe to our page …").
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
    # Italian
    r"iscriviti\b",
    r"abbonati\b",
    r"seguici\b",
    r"sostienici\b",
    r"fai una donazione\b",
    # Portuguese
    r"assine\b",
    r"inscreva-se\b",
    r"siga-nos\b",
    r"apoie\b",
    r"faça uma doação\b",
    # Polish
    r"subskrybuj\b",
    r"zapisz się\b",
    r"obserwuj nas\b",
    r"wesprzyj nas\b",
    r"śledź nas\b",
    # Dutch
    r"abonneer\b",
    r"volg ons\b",
    r"steun ons\b",
    r"schrijf je in\b",
    r"meld je aan\b",
    # Turkish, Czech
    r"abone ol\b",
    r"bizi takip edin\b",
    r"sledujte nás\b",
    r"podpořte nás\b",
)

FOLLOW_VERBS = (
    r"follow", r"subscribe to",
    r"folgen sie", r"folge", r"abonnieren sie",
    r"suivez", r"abonnez-vous à", r"retrouvez",
    r"síguenos en", r"sigue a", r"sigue", r"suscríbete a",
    r"segui", r"seguici su", r"iscriviti a",
    r"siga", r"acompanhe", r"inscreva-se no",
    r"obserwuj", r"śledź", r"subskrybuj",
    r"volg", r"abonneer je op",
    r"следите за", r"подписывайтесь на", r"подпишитесь на",
    r"стежте за", r"підписуйтесь на", r"підпишіться на",
    r"takip edin", r"sledujte",
    r"följ", r"følg", r"seuraa", r"ακολουθήστε", r"ακολούθησε", r"urmăriți", r"urmăriţi",
    r"urmareste", r"pratite", r"kövesse", r"kövessen", r"kövess",
)
# Verbs that may open an appeal that names a Google News product (read: "Читайте X в Google
# Новини"); the product name makes "read" safe here, unlike for any platform.
GOOGLE_VERBS = (*FOLLOW_VERBS, r"read", r"add", r"читайте", r"добавьте", r"додайте",
                r"lesen sie", r"lisez", r"lee", r"leggi", r"leia", r"czytaj")
GOOGLE_NEWS = (
    r"google news", r"google новост\w*", r"google новин\w*", r"google actualités",
    r"google noticias", r"google notizie", r"google notícias", r"google wiadomości\w*",
    r"google nieuws", r"google haberler\w*", r"google zprávy\w*", r"google správy\w*",
    r"google nyheter", r"google nyheder", r"google uutis\w*", r"google hírek\w*",
    r"google vijest\w*", r"google vesti\w*", r"google știri", r"google stiri",
    r"google ειδήσεις", r"google ニュース", r"google 新闻", r"google 新聞", r"google 뉴스",
    r"google discover",
)
# Languages whose verb ends the sentence: "X'i Google Haberler'de takip edin",
# "Google ニュースで X をフォロー".
FINAL_VERBS = (r"takip edin", r"takip et", r"abone olun", r"abone ol", r"フォロー\w*",
               r"팔로우\w*", r"구독\w*", r"关注\w*", r"關注\w*", r"订阅\w*", r"訂閱\w*")
_LEAD = (r"(?:(?:stay (?:up to date|informed|tuned)|never miss (?:a|any) (?:story|update))"
         r"[\s:,!.–—-]*)?")
_ON = r"\b(?:on|auf|sur|en|su|no|na|w|op|на|в|у|in|på|pe|στο|στα|a|em|im|dans)\s+"
# Finnish and Hungarian say "on" with a case ending: "Google Uutisissa", "a Google Hírekben"
# (Hungarian "a" is an article, allowed above).
_LOCATIVES = (r"google uutisissa", r"google uutisista", r"google hírekben")
GOOGLE_NEWS_APPEAL = short_pattern_rule(
    200,
    _LEAD + alternation(GOOGLE_VERBS) + r"\b[^.!?\n]{0,100}?(?:" + _ON
    + alternation(GOOGLE_NEWS) + r"|\s" + alternation(_LOCATIVES) + r")[^.!?\n]{0,80}[.!]?",
    r"[^.!?\n]{0,100}?" + alternation(GOOGLE_NEWS) + r"[^.!?\n]{0,60}?"
    + alternation(FINAL_VERBS) + r"[\s.!。！]*",
)
"""A short line asking to follow the site on Google News, in any word order."""
PLATFORMS = (
    r"google news", r"google новости", r"google новини", r"google actualités",
    r"google noticias", r"google notizie", r"google notícias", r"google wiadomości",
    r"google nieuws", r"google haberler", r"google zprávy", r"google discover",
    r"telegram", r"телеграм\w*", r"whatsapp", r"viber", r"дзен\w*", r"яндекс\.?\s?дзен\w*",
    r"facebook", r"instagram", r"twitter", r"threads", r"tiktok", r"youtube",
    r"linkedin", r"vk", r"вконтакте", r"ok\.ru", r"одноклассниках", r"mastodon", r"bluesky",
)
FOLLOW_ON_PLATFORM = short_pattern_rule(
    200,
    alternation(FOLLOW_VERBS)
    + r"\b[^.!?\n]{0,80}?\b(?:on|auf|sur|en|su|no|na|w|op|на|в|у|in|på|pe|στο|στα)\s+"
    + alternation(PLATFORMS) + r"\b[^.!?\n]{0,80}[.!]?",
)
"""A short line asking to follow the site (or us) on a platform: "Follow X on Google News"."""

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
    return (OPENING_APPEAL(line) or FOLLOW_ON_PLATFORM(line) or GOOGLE_NEWS_APPEAL(line)
            or _many_cues(line))
