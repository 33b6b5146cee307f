"""Ad labels and follow/subscribe appeals in many languages are chrome; story lines that
mention the same words are not."""

from __future__ import annotations

import pytest

from crawler.cleaning import clean_body

STORY = ("The council approved the new bridge on Tuesday after a debate that lasted most "
         "of the afternoon.\nWork is to start in spring and should take two years.")

AD_LABELS = [
    "Advertisement",  # English
    "ADVERTISEMENT - SCROLL TO CONTINUE",
    "Story continues below advertisement",
    "Anzeige",  # German
    "— Werbung —",
    "Реклама",  # Russian, Ukrainian
    "Publicidad",  # Spanish
    "Publicité",  # French
    "Pubblicità",  # Italian
    "Reklama",  # Polish, Czech
    "Advertentie",  # Dutch
    "Publicidade",  # Portuguese
    "Reklam",  # Turkish
    "Publicitate",  # Romanian
    "Annons",  # Swedish
    "Mainos",  # Finnish
    "Διαφήμιση",  # Greek
    "Hirdetés",  # Hungarian
    "広告",  # Japanese
]

APPEALS = [
    "Follow The Riverton Ledger on Google News",  # English
    "Folgen Sie der Riverton Rundschau auf Google News!",  # German
    "Suivez Le Courrier de Riverton sur Google Actualités",  # French
    "Síguenos en Google Noticias",  # Spanish
    "Segui Il Foglio di Riverton su Google News",  # Italian
    "Siga o Jornal de Riverton no Google Notícias",  # Portuguese
    "Obserwuj Gazetę Riverton w Google News",  # Polish
    "Volg De Riverton Krant op Google Nieuws",  # Dutch
    "Следите за новостями Ривертона в Google Новости",  # Russian
    "Підписуйтесь на наш канал у Telegram",  # Ukrainian
    "Читайте Ривертонські новини в Google Новини",  # Ukrainian
    "Підписуйтесь на Ривертонські новини в Google News",  # Ukrainian
    "Читайте Ривертон в Google Новостях",  # Russian
    "Stay up to date: follow The Riverton Ledger on Google News",  # English
    "Lesen Sie die Riverton Rundschau auf Google News",  # German
    "Riverton Gazetesi'ni Google Haberler'de takip edin",  # Turkish (verb last)
    "Sledujte Riverton Noviny na Google Zprávy",  # Czech
    "Följ Riverton Tidning på Google Nyheter",  # Swedish
    "Følg Riverton Avis på Google Nyheder",  # Danish
    "Seuraa Riverton Lehteä Google Uutisissa",  # Finnish
    "Ακολουθήστε την Riverton στο Google News",  # Greek
    "Kövesse a Riverton Hírlapot a Google Hírekben",  # Hungarian
    "Urmăriți Riverton pe Google News",  # Romanian
    "Pratite Riverton na Google Vijestima",  # Croatian
    "Google ニュースで Riverton をフォロー",  # Japanese (verb last)
    "Följ oss på Instagram",  # Swedish
    "Iscriviti alla nostra newsletter",  # Italian
    "Abonneer je op onze nieuwsbrief",  # Dutch
    "Zapisz się do naszego newslettera",  # Polish
    "Inscreva-se na nossa newsletter",  # Portuguese
]


@pytest.mark.parametrize("line", AD_LABELS + APPEALS)
def test_chrome_line_removed_from_story(line: str) -> None:
    first, second = STORY.split("\n")
    result = clean_body(f"{first}\n{line}\n{second}")
    assert result.text == STORY
    assert [text for _, text in result.removed] == [line]


@pytest.mark.parametrize("line", [
    "The advertisement was pulled after complaints from residents.",
    "Add salt and stir for two minutes.",
    "Die Anzeige wurde am Montag bei der Polizei erstattet.",
    "Реклама на остановках появится в следующем году, сообщили в мэрии.",
    "He said he would follow the money wherever it led in Washington.",
    "Read the report on Twitter and elsewhere.",
    "Google News said it would follow the new EU rules from March.",
    "Readers can add the paper to Google News, the editor said.",
    "Read more about the Google News Initiative grants awarded this year in our report",
    "Add Google News to the list of apps the ministry now regulates under the law",
    "Följ med när vi besöker hamnen i Göteborg under sommaren.",
])
def test_story_lines_with_the_same_words_kept(line: str) -> None:
    assert clean_body(f"{STORY}\n{line}").text == f"{STORY}\n{line}"
