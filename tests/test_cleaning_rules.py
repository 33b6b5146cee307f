"""Each named rule: lines it must remove and story lines it must keep."""

from __future__ import annotations

import pytest

from crawler.cleaning import RULES, clean_body, clean_headline

RULE_NAMES = [name for name, _ in RULES]

MUST_REMOVE: dict[str, list[str]] = {
    "ad_label": ["Advertisement", "Anzeige", "Реклама", "Publicité", "Story continues below advertisement"],
    "request_counter": [
        "1074 requests in 1,228 seconds.",
        "12 queries in 0.051 seconds",
        "Page generated in 0.123 seconds.",
        "1 234 requests in 2 seconds",
    ],
    "view_counter": ["Views: 1234", "1,234 views", "Просмотров: 5 210", "Aufrufe: 87"],
    "machine_translation": [
        "The article has been automatically translated into English by Google Translate from"
        " Russian and has not been edited.",
        "Переклад цього матеріалу українською мовою з російської було автоматично здійснено"
        " сервісом Google Translate, без подальшого редагування тексту.",
        "Bu məqalə Google Translate servisi vasitəsi ilə avtomatik olaraq rus dilindən azərbaycan"
        " dilinə tərcümə olunmuşdur. Bundan sonra mətn redaktə edilməmişdir.",
        "Статья автоматически переведена с помощью Google Translate без редактирования.",
        "Dieser Artikel wurde automatisch aus dem Russischen übersetzt und nicht redigiert.",
        "Cet article a été traduit automatiquement du russe avec DeepL.",
        "Este artículo fue traducido del ruso automáticamente y no ha sido editado.",
    ],
    "photo_credit": [
        "Photo: IStock",
        "Фото: РИА Новости",
        "Foto: dpa",
        "Crédit photo : AFP",
        "Photo by John Smith/Getty Images",
        "John Smith / Getty Images",
        "Getty Images",
        "Image credit: Reuters",
        "© Reuters",
        "Imagen: EFE",
    ],
    "related_header": [
        "Read also on ForumDaily:",
        "Related",
        "Read also:",
        "Читайте також:",
        "More stories",
    ],
    "lead_in": [
        "On the subject: Cyrillic vs Latin: how Russia's invasion of Ukraine is pushing countries",
        "You may be interested in: top New York news - read it all on ForumDaily New York",
        "Read also: Ten states with the best schools",
        "See also - The budget in five charts",
        "Related: How the vote was counted",
        "Читайте также: Путин провел совещание",
        "Читайте також: У Києві відкрили міст",
        "Lesen Sie auch: Neue Radwege geplant",
        "Lire aussi : Le pont ouvre",
        "Lea también: El puente más largo",
        "По теме: Новые санкции",
    ],
    "appeal": [
        "Subscribe to ForumDaily on Google News",
        "Follow us on Telegram",
        "Do you want more news? — support us\xa0donate! Also subscribe to our page Facebook.",
        "Подписывайтесь на наш Telegram-канал",
        "Підписуйтесь на наш канал у Telegram",
        "Folgen Sie uns auf Facebook",
        "Abonnez-vous à notre newsletter",
        "Síguenos en Twitter",
        "Sign up for our morning newsletter",
    ],
    "share_prompt": [
        "Share this article",
        "Share",
        "Click to share on Twitter (Opens in new window)",
        "Share: Facebook, Twitter, Email",
        "Поделиться",
        "Partager cet article",
        "Compartir en Facebook",
    ],
    "read_more": ["Read more", "Continue reading »", "Weiterlesen", "Читать далее"],
    "tags": ["Tags: Ukraine, Russia, G20", "Теги: политика, экономика", "Schlagwörter: Berlin"],
}

MUST_KEEP = [
    "Read the full report, the minister said, before deciding.",
    "Photo opportunities were rare, he said.",
    "Related-party transactions rose by a fifth last year, the auditors found.",
    "On the subject of taxes, the minister was silent.",
    "Subscribers to the service complained about the price increase, the company said.",
    "He told reporters he would subscribe to any plan that ended the war.",
    "Share prices fell 3% on Monday after the announcement.",
    "The text was machine-translated, officials admitted, leading to errors in the treaty.",
    "Google Translate is used by millions of people every day, the company said.",
    "Tags on the luggage were checked twice by the airline, a spokesman said.",
    "Читайте документ внимательно, сказал министр.",
    "Lesen Sie den Bericht, sagte der Minister.",
    "Photographers were kept away from the site, police said.",
    "Images from the satellite show the damage, the army said.",
    "Follow the money, the investigator told the committee.",
    "1074 people were evacuated in 3 hours.",
    "Recommended doses were exceeded in five hospitals, the report found.",
    "Also on Monday: the minister arrived in Kyiv for talks.",
    "Views differed on the plan: 1234 residents signed the petition.",
    "The video drew 1.2 million views in a day, the company said.",
]


@pytest.mark.parametrize(
    ("rule", "line"),
    [(rule, line) for rule, lines in MUST_REMOVE.items() for line in lines],
)
def test_rule_removes(rule: str, line: str) -> None:
    result = clean_body(f"Story paragraph before, the minister said.\n{line}\nStory after.")
    assert result.removed == [(rule, line.strip())]
    assert line not in result.text


@pytest.mark.parametrize("line", MUST_KEEP)
def test_story_line_kept(line: str) -> None:
    text = f"First paragraph of the story, he said.\n{line}\nLast paragraph of the story."
    result = clean_body(text)
    assert result.removed == []
    assert result.text == text


def test_every_rule_has_cases() -> None:
    assert set(MUST_REMOVE) == set(RULE_NAMES)


def test_unchanged_text_is_returned_identically() -> None:
    text = "  A first line.\n\n\n  Indented second line.  \n"
    assert clean_body(text).text == text


def test_blank_runs_collapse_after_removal() -> None:
    text = "Story one, he said.\n\nPhoto: IStock\n\nStory two, she said.\n"
    assert clean_body(text).text == "Story one, he said.\n\nStory two, she said."


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        (
            "Blinken and Lavrov met - ForumDaily",
            "https://www.forumdaily.com/en/x/",
            "Blinken and Lavrov met",
        ),
        ("Bridge opens | BBC News", "https://www.bbc.co.uk/news/1", "Bridge opens"),
        ("Ukraine - the war at one year", "https://www.forumdaily.com/x", None),
        ("Kyiv – Mayor speaks", None, None),
    ],
)
def test_headline_site_suffix(title: str, url: str | None, expected: str | None) -> None:
    cleaned, removed = clean_headline(title, url=url)
    assert cleaned == (expected or title)
    assert bool(removed) == (expected is not None)
