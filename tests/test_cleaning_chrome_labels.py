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
])
def test_story_lines_with_the_same_words_kept(line: str) -> None:
    assert clean_body(f"{STORY}\n{line}").text == f"{STORY}\n{line}"
