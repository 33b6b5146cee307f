"""Author strings -> person names: no "By", no role lines, no site names, sensible case.

Bylines arrive as "By TOM KRISHER, AP Auto Writer", "Text: Jane Doe", "Jane Doe and John Roe",
"ERIC TUCKER Associated Press". :func:`clean_authors` turns the raw strings of every source
into a list of names; :func:`choose_case` prefers the best-cased spelling another source has.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

_BY_WORDS = (r"(?:(?:written|posted|published|reported|story|words|text|photos?|posts?)\s+by|by"
             # gendered German forms first: "Autor/in: Jane Doe" is no name "in"
             r"|autor(?:[/*_]in|in(?:nen)?)|auteure|autora|autore|автора"
             r"|(?:pressemitteilung|pressemeldung|presseinformation"
             r"|ein\s+(?:artikel|beitrag|gastbeitrag|kommentar))\s+von"
             r"|von|vom|par|por|di|door|av|af|text|texto|testo|текст|автор|автори|author|autor"
             r"|auteur|geschrieben\s+von|verfasst\s+von|escrito\s+por|écrit\s+par"
             r"|(?:eingestellt|erstellt|veröffentlicht)\s+von|publicado\s+por|publié\s+par"
             r"|(?:pubblicato|scritto)\s+da"
             r"|interview|kommentar|gastbeitrag|analyse|reportage|entrevista|entretien)")
_BY_PREFIX = re.compile(rf"^\s*{_BY_WORDS}\b\s*[:\-–—]?\s*", re.IGNORECASE)
# "View all posts by", "Post author By", "Posted on May 2, 2020 by": up to six words first
_LONG_BY_PREFIX = re.compile(
    r"^\s*(?:\S+\s+){1,6}?(?:by|von|par|por|di)\b\s*[:\-–—]?\s*(?=\S)", re.IGNORECASE
)
# Separators between several names ("A, B, and C": the comma and the "and" are one), or
# between a name and its team ("Jane Doe - Chrome team"; a spaced dash, never the hyphen
# of a double name); a period only when it ends a word, not an initial ("J.").
# (?<!\s): a match may start only at the first space of a run, which keeps this linear.
_SPLIT = re.compile(
    r"(?<!\s)\s*(?:;|,(?:\s+(?:and|und|et|&)(?=\s))?|\||&|/|、|，|(?<=\s)[-–—](?=\s)|\s(?:and|und|et|ve|og|och|en|и|і|та)\s|(?<=\w\w\w)\.\s)\s*",
    re.IGNORECASE,
)
# "y", "e", "i" join co-authors ("Ana Gil y Luis Paz") and compound surnames ("Ortega y
# Gasset"): split there only when both sides are full names.
_WEAK_AND = re.compile(r"\s(?:y|e|i)\s")
_ROLE_WORDS = frozenset({
    "writer", "writers", "editor", "editors", "correspondent", "correspondents", "reporter",
    "reporters", "staff", "contributor", "contributors", "columnist", "producer", "bureau",
    "desk", "wire", "wires", "services", "service", "published", "updated", "team", "newsroom",
    "redaktion", "redacción", "redação", "rédaction", "engineer", "developer", "photographer",
    "fotograf", "foto", "fotos", "photo", "photos", "image", "images", "bild", "bilder",
    "quelle", "source", "credit", "credits", "getty", "shutterstock", "imago", "istock",
    "gmbh", "ag", "ltd", "inc", "llc", "kg", "e.v.", "sa", "plc",
    # desks in more languages, and the credits that photo captions and footers sign with
    "redakcja", "redazione", "redactie", "redaksjon", "redaktionen", "redacao", "redaccion",
    "редакция", "редакція", "редакцiя", "sekretariat", "secretariat", "secretaría",
    "courtesy", "cortesía", "cortesia", "zvg", "z.v.g.", "gemeinfrei", "domena", "publiczna",
    "dominio", "unsplash", "pixabay", "dreamstime", "keystone",
})
# Words that name an organisation, never a person: a desk or a publisher signing as a
# person ("Wirtualna Polska Media", "Noticias El Comercio", "Bundesverband WindEnergie").
# An organisation is kept only when JSON-LD types it so (see crawler.extraction.metadata).
_ORG_WORDS = frozenset({
    "media", "medien", "mídia", "медиа", "group", "gruppe", "grupo", "groupe", "verlag",
    "verband", "bundesverband", "verein", "partei", "foundation", "stiftung", "fundación",
    "fondation", "institute", "institut", "instituto", "university", "universität",
    "universidad", "université", "association", "asociación", "solutions", "noticias",
    "nachrichten", "notizie", "nouvelles", "новости", "новини", "zeitung", "magazin",
    "magazine", "revista", "news", "network", "netzwerk", "projects", "contributors",
    "ministry", "ministerium", "ministerio", "ministère", "министерство",
    "anstalt", "landesanstalt", "bundesamt", "landesamt", "behörde", "agentur", "department",
    # a company's or a project's own desks
    "marketing", "communications", "kommunikation", "pressestelle", "öffentlichkeitsarbeit",
    "fraktion",  # a parliamentary group ("CDU-Fraktion Erfurt")
    "editorial", "editora",  # a publishing house ("Casa Editorial …")
})
# Words of interface text that byline heuristics pick up: buttons, form labels, credits.
_UI_WORDS = frozenset({
    "follow", "folgen", "suivre", "seguir", "share", "teilen", "empfehlen", "recommend",
    "subscribe", "abonnieren", "said", "says", "schreibt", "wrote", "reply", "antworten",
    "name", "email", "e-mail", "unknown", "anonymous", "anonym", "guest", "gast", "user",
    "human", "themes", "theme", "wordpress", "powered", "login", "profile", "profil",
    "posts", "artikel", "articles", "comments", "kommentare", "more", "mehr", "view",
    "beiträge", "alle", "all", "author", "authors", "autor", "autoren", "auteur", "auteurs",
    "autores", "agencies", "agency", "agencia", "agentur", "agenturen", "datum", "date",
    "fecha", "data", "quelle", "min", "uhr", "unbenannt", "untitled", "anonyme", "anónimo",
    "journalist", "journalistin", "journaliste", "periodista", "журналист", "журналіст",
})
# One-word names that are not persons: function words and news agencies (organisations are
# kept only when structured data says they are, see :mod:`crawler.extraction.metadata`).
_NOT_ONE_WORD_NAMES = frozenset({
    "on", "at", "in", "am", "um", "le", "la", "el", "de", "von", "by", "und", "and",
    "red", "rd", "ред",  # "red." / "ред.": the abbreviated desk (Redaktion, redakcja, редакция)
    "stand", "hace",  # "Stand: 12.03.2020", "hace 3 horas": the date line's first word
    "reuters", "afp", "dpa", "apa", "ansa", "efe", "kna", "epd", "xinhua", "tass", "interfax",
    "ukrinform", "unian", "bloomberg", "ap", "pti", "ians", "yonhap", "kyodo", "sda", "ddp",
})
# Leading articles: a name that starts with one is a publication or a desk ("Die FURCHE",
# "Les Echos"). "La", "Le", "El" start real surnames ("Le Pen" is kept: see _PARTICLES).
_ARTICLES = frozenset({"the", "a", "an", "die", "der", "les", "los", "las", "il", "het",
                       "ein", "eine", "une"})
_USERNAME = re.compile(r"admin|administrator|webmaster|editor", re.IGNORECASE)
_DOMAIN = re.compile(r"\w\.(?:com|net|org|co|info|news|io|de|fr|ru|uk|in|br|it|es)\b", re.I)
_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "la", "le", "bin", "al",
    "el", "y", "e", "i", "dos", "das", "do", "ter", "ten", "zu", "ibn", "bint", "af", "av",
})
_CONJUNCTIONS = frozenset({"and", "und", "et", "ve", "og", "och", "en", "и", "і", "та", "&"})
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_WEEKDAY = r"(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
# Bylines often run on into the date line: cut at "Published", a weekday or a month that a
# day number follows ("Nov 19", "Monday, 18"), a number, or a trailing month name that is no
# given name. A month or weekday counts only as a whole word, or glued to the name before it
# when it is capitalised ("ArnoNovember 15"): "Natarajan", "Kumar", "Omar" stay whole.
_DATELINE = re.compile(
    r"(?:\b(?i:published|updated|posted|modified|veröffentlicht|aktualisiert|publié)\b"
    r"|\s(?:Stand|Aktualisiert|Actualizado|Mis à jour)\b:?\s*(?=\d|$)"
    rf"|(?:\b|(?<=[a-z])(?=[A-Z])){_WEEKDAY}\b,?\s+(?=\d|{_MONTH}\b)"
    rf"|(?:\b|(?<=[a-z])(?=[A-Z])){_MONTH}\.?\s+(?=\d)"
    # German, French, Spanish weekday abbreviations before a date: "Mi, 18. Oktober"
    r"|\s(?:Mo|Di|Mi|Do|Fr|Sa|So|Lu|Ma|Me|Je|Ve|Mié|Jue|Vie|Sáb|Dom)\.?,\s*(?=\d)"
    r"|\s(?:January|February|September|October|November|December)\s*$"
    # a date line glued to the name before it ("José Miguel WilsonHace 13 horas")
    r"|(?<=[a-z])(?=(?:Hace|Vor|Publicado|Actualizado|Updated|Published|Posted)\b)"
    # a number that starts a date or time; not one inside a name ("Bündnis 90/Die Grünen")
    # "… le 3 mai", "… am 3. Mai", "… on 3 May": the word that introduces the date goes too
    r"|\s(?i:le|am|on|el|il|em|den|op|w|в|у)\s+(?=\d)"
    r"|\s\d(?!\d*/[^\W\d_])).*$",
    re.DOTALL,
)
_DATE_WORD = re.compile(rf"{_MONTH}\.?|{_WEEKDAY}", re.I)
_CAPS_GLUE = re.compile(r"(?<=[A-Z]{2})(?=[A-Z][a-z])")
_SITE_SUFFIXES = frozenset({
    "news", "online", "daily", "times", "post", "today", "media", "tv", "radio", "mag",
    "magazine", "digital", "web", "net", "info", "press", "herald", "journal", "live",
})
# Words after which a trailing period belongs to the name ("Perry Bacon Jr.").
_KEEPS_PERIOD = frozenset({"jr", "sr", "dr", "st", "jun", "sen"})
_MAX_WORDS = 5
# What may stand before or after a name but is no part of it: not a letter, digit, period
# (an initial), apostrophe (O'Donnell) or bracket (kept for the credit check); a leading
# "@" stays so that a handle is recognised as one.
_EDGE_MARKS = re.compile(r"^[^\w.'’()\[\]@]+|[^\w.'’()\[\]]+$")
MAX_BYLINE_CHARS = 300
_WORD_RUN = re.compile(r"[^\W\d_]+")


def clean_authors(
    raw: Iterable[str | None], site_keys: set[str], *, structured: bool = False,
    whole: bool = False,
) -> list[str]:
    """Names from raw author strings, in order, deduplicated; site/role strings dropped.

    ``structured``: the strings are schema.org Persons, so a name equal to the site's (a
    personal blog whose publisher is its author) is kept.
    ``whole``: a string of which one part is prose gives no name at all. ``<meta
    name="author">`` often holds the owner's imprint ("Eidgenössisches Departement für
    Wirtschaft, Bildung und Forschung WBF", "Jane Doe und Fuchsy designed"): a piece of it
    is a fragment, not an author.
    """
    out: list[str] = []
    seen: set[str] = set()
    for value in raw:
        if whole and has_prose_part(value):
            continue
        for name in split_names(value):
            key = name_key(name)
            if key and key not in seen and (structured or not _is_site(name, site_keys)):
                seen.add(key)
                out.append(name)
    return out


def split_names(value: str | None) -> list[str]:
    """One raw author string -> the person names it holds (possibly none).

    Characters are only ever removed at the edges of the whole byline (a "By", a date line)
    or between names; a name that is kept is kept whole.
    """
    if not value:
        return []
    text = " ".join(html.unescape(value).split())
    # a byline is short; a long string is page text picked up by mistake (and would make
    # the splitting regexes slow)
    if len(text) > MAX_BYLINE_CHARS or text.startswith(("http://", "https://")):
        return []
    text = _CAPS_GLUE.sub(" ", text)  # "ERIC TUCKERAssociated Press": split the glued words
    text = _DATELINE.sub("", _strip_by(text))
    parts = _SPLIT.split(text)
    joins = ["", *_SPLIT.findall(text)]  # the separator before each part
    several = len(parts) > 1
    names: list[str] = []
    affiliated = False
    for chunk, join in zip(parts, joins, strict=True):
        if _AND.search(join):
            affiliated = False  # "…, BBC News, and Jane Roe": a co-author again
        for part in _split_weak_and(chunk):
            name = _trim(_strip_title(_FOR_TAIL.sub("", _strip_by(part))))
            name = _drop_caps_tail(_caps_name_before_affiliation(name))
            name = _undouble(name)
            if names and _is_affiliation(name):
                # "Nada Tawfik, BBC News, New York": what follows a name's newsroom is
                # where it sits, not a co-author
                affiliated = True
                continue
            # in a list ("Munich, Germany", "Jane Doe, Berlin") a lone word is a place or
            # a desk, not a co-author: co-authors are named in full
            if (name and not affiliated and _looks_like_name(name)
                    and not (several and len(name.split()) == 1)):
                names.append(name)
    return names


_AND = re.compile(r"&|\b(?:and|und|et|ve|og|och|en|и|і|та)\b", re.IGNORECASE)


def _is_affiliation(text: str) -> bool:
    """A newsroom, desk, agency or role named beside a name ("BBC News", "Staff Writer",
    "AP")."""
    words = {w.lower().strip(".,:()") for w in text.split()}
    words |= {p for w in words for p in w.split("-")}
    return bool(words & (_ROLE_WORDS | _ORG_WORDS)) or (
        len(words) == 1 and (text.casefold() in _NOT_ONE_WORD_NAMES or _is_all_caps(text)))


# "Brendan Carlin For The Mail On Sunday", "Jane Doe für die taz": the publication a
# name writes for is no part of it. The run of spaces starts only after a non-space: left
# free, a long run of spaces would be re-scanned from each of its positions (quadratic).
_FOR_TAIL = re.compile(r"(?<!\s)\s+(?:for|für)\s+\S.*$", re.IGNORECASE)
# A job title before a name ("Rechtsanwalt Dennis Tölle", "FOCUS-Online-Experte Robin
# Tschöpe"): cut when a full name follows. Academic titles ("Dr.") are kept, as bylines
# and readers keep them.
_TITLE_PREFIX = re.compile(
    r"^(?:[\w-]*-)?(?:rechtsanwalt|rechtsanwältin|fachanwalt|fachanwältin|anwalt|anwältin"
    r"|notar|notarin|experte|expertin|gastautor|gastautorin|kolumnist|kolumnistin"
    r"|korrespondent|korrespondentin|chefredakteur|chefredakteurin|redakteur|redakteurin"
    r"|pressesprecher|pressesprecherin|avocat|avocate|abogado|abogada|адвокат)\s+"
    r"(?=\S+\s+\S)",
    re.IGNORECASE,
)


def _strip_title(text: str) -> str:
    return _TITLE_PREFIX.sub("", text)


def _undouble(text: str) -> str:
    """"Olivier Minot Olivier Minot" -> "Olivier Minot": a byline whose text a page writes
    twice (a mobile and a desktop copy) is one name."""
    words = text.split()
    half = len(words) // 2
    if half >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return text


def has_prose_part(value: str | None) -> bool:
    """Does a part of the byline hold a lower-case word that is no name particle nor a role
    (a sentence, an imprint), after the "By" and date line are gone?"""
    if not value or len(value) > MAX_BYLINE_CHARS:
        return False
    text = _DATELINE.sub("", _strip_by(" ".join(html.unescape(value).split())))
    for part in _SPLIT.split(text):
        words = _trim(_strip_by(part)).split()
        if {w.lower().strip(".,:()") for w in words} & _ROLE_WORDS:
            continue  # "Jane Doe, staff writer": a role, said of the name before it
        if len(words) >= 2 and any(
                w[0].isalpha() and w[0].islower() and w.lower() not in _PARTICLES
                for w in words):
            return True
    return False


def _strip_by(text: str) -> str:
    """Remove a leading "By" (in several languages), unless it is a name's particle before
    a lone word: "Di Maria", "Von Trier" are names."""
    for prefix in (_BY_PREFIX, _LONG_BY_PREFIX):
        match = prefix.match(text)
        if not match:
            continue
        rest = text[match.end():]
        words = text[: match.end()].strip(" :-–—").split()
        if prefix is _LONG_BY_PREFIX and words[-1].lower() != "by" and (
                words[0].lower() not in _ARTICLES) and all(
                w[0].isupper() or w.strip(",").lower() in _PARTICLES | _CONJUNCTIONS
                for w in words[:-1]):
            # "Lars von Trier", "Ángel Di María", "Ludwig van Beethoven und Lars von Trier":
            # names with particles
            continue
        if len(rest.split()) < 2 and words[-1] in {p.title() for p in _PARTICLES}:
            return text
        return rest
    return text


def _split_weak_and(text: str) -> list[str]:
    parts = _WEAK_AND.split(text)
    if len(parts) == 2 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return [text]


def _trim(text: str) -> str:
    """Strip separators and a trailing @handle at the edges; keep the period of "Jr." or of
    a final initial."""
    words = text.split()
    while len(words) > 1 and words[-1].startswith("@"):
        words.pop()
    # separators and arrows, bullets, quotes at the edges ("Simon Dückert →", "• Jane Doe")
    text = _EDGE_MARKS.sub("", " ".join(words))
    if text.endswith("."):
        last = text[:-1].split()[-1] if text[:-1].split() else ""
        if last.lower() not in _KEEPS_PERIOD and len(last) != 1:
            text = text.rstrip(".").rstrip()
    return text.lstrip(".")


def respell(names: str, bylines: Iterable[str]) -> str:
    """``names`` with each name spelt as a byline spells it when they differ only in
    punctuation: trafilatura's guess drops the periods of initials ("T V Raman")."""
    spelt = {name_key(n): n for b in bylines for n in split_names(b)}
    return "; ".join(spelt.get(name_key(n)) or _byline_tail(n, spelt.values())
                     for n in split_names(names)) or names


def _byline_tail(name: str, byline_names: Iterable[str]) -> str:
    """The byline's name when ``name`` is it plus a word in front: trafilatura's guess
    keeps a label's remnant ("In Korinna Hennig" from "Autor/in: Korinna Hennig")."""
    for other in byline_names:
        front = name[: len(name) - len(other)].strip()
        # only a short remnant ("In"), never a given name or an initial ("Anna", "J.")
        if (len(other.split()) >= 2 and name.casefold().endswith(" " + other.casefold())
                and len(front) <= 2 and " " not in front and "." not in front):
            return other
    return name


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
    """"Kevin McCoy USA TODAY" -> "Kevin McCoy": a cased name, then an all-caps affiliation
    of two words or an acronym ("AP"). One capitalised word is a surname ("Marie Claire
    DUPONT", as French bylines write it) and stays."""
    words = text.split()
    end = len(words)
    while end > 0 and _is_all_caps(words[end - 1]) and len(words[end - 1]) > 1:
        end -= 1
    tail = words[end:]
    if 2 <= end < len(words) and (len(tail) >= 2 or len(tail[0]) <= 3):
        return " ".join(words[:end])
    return text


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not words or len(words) > _MAX_WORDS or len(text) > 60 or _DOMAIN.search(text):
        return False
    if not any(c.isalpha() for c in text) or _DATE_WORD.fullmatch(text):
        return False
    if any(c.isdigit() for c in text):  # "01:30 Min", "c1ph4": a time or a username
        return False
    if ":" in text or "：" in text or "„" in text or "“" in text:  # a label, a quote
        return False
    if _not_a_person(text, words):
        return False
    # cased scripts: every word capitalised, an initial, or a particle ("van", "de")
    return all(
        not w[0].isalpha() or not w[0].islower() or w.lower() in _PARTICLES for w in words
    )


def _not_a_person(text: str, words: list[str]) -> bool:
    """A role, a credit, interface text, a function word, a username or an acronym."""
    lowered = {w.lower().strip(".,:()") for w in words}
    # "TVT-Redaktion", "Foto-Credit": the parts of a hyphenated word count too
    lowered |= {p for w in lowered for p in w.split("-")}
    if lowered & (_ROLE_WORDS | _UI_WORDS | _ORG_WORDS):
        return True
    if words[0][:1].isupper() and words[0].lower() in _ARTICLES:
        return True  # "Die FURCHE", "The Local": a title, not a person ("der Michel" is)
    if text.startswith("@"):  # "@NatGeoUK": a social-media handle, not a byline
        return True
    if "(" in text or ")" in text or "©" in text:  # "(Image: Getty Images)", "© Foto"
        return True
    # initials alone ("K. A.", "kj", "cpm", "AgE"): an editor's sign-off, not a name to
    # group by. Cased scripts only ("孔德明" is a full name); "Tim", "Ela" are given names.
    letters = _letters(text)
    if letters and all(c.upper() != c.lower() for c in letters) and (
            all(len(_letters(w)) <= 1 for w in words) or (len(words) == 1 and (
                len(letters) <= 2 or (len(letters) == 3 and letters != letters.title())))):
        return True
    # one word: a username ("admin") or an acronym ("AP", "KWCH"), not a person's byline
    return len(words) == 1 and (text.casefold() in _NOT_ONE_WORD_NAMES
                                or bool(_USERNAME.search(text)) or _is_all_caps(text))


def _letters(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


def _is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _title_case(name: str) -> str:
    return _WORD_RUN.sub(lambda m: m[0][0].upper() + m[0][1:].lower(), name)


def _is_site(name: str, site_keys: set[str]) -> bool:
    """The site signing as author: its name or host label ("Gazette"), the label plus a section
    ("Gazette Sport"), a one-word prefix of the label ("Vortex" at vortexcannon.example), or
    the label is the name's first word plus a generic suffix ("Orbit International" at
    orbitnews.example). Accents are folded: "La República" signs at larepublica.example."""
    words = name.split()
    key = unaccent(name_key(name))
    first = unaccent(name_key(words[0])) if words else ""
    for s in {unaccent(k) for k in site_keys}:
        if key == s or (len(first) >= 4 and first == s):
            return True
        if first == s and all(name_key(w) in _SITE_SUFFIXES for w in words[1:]):
            return True  # "BBC News" at bbc.example
        if (len(first) >= 4 and s.startswith(first)
                and (len(words) == 1 or s[len(first):] in _SITE_SUFFIXES)):
            return True
    return False


def unaccent(text: str) -> str:
    """Accents and other combining marks dropped (NFKD): "Ávila" -> "Avila"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """A name's letters and digits, lower-cased: equal for spellings that differ only in
    punctuation and spacing ("T. V. Raman", "T V Raman")."""
    return re.sub(r"[\W_]+", "", text.lower())
