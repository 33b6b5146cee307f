"""Author names are kept whole, co-authors are all kept, and nothing else is a name.

The names are real surnames and given names that end in (or are) month abbreviations,
weekdays and city names, in several scripts: a byline rule that cuts "Natarajan" to
"Natara" corrupts every record it touches.
"""

from __future__ import annotations

import lxml.html
import pytest

from crawler.extraction.authors import split_names
from crawler.extraction.byline import find_bylines
from crawler.extraction.metadata import choose_metadata
from crawler.extraction.structured import read_page_meta

REAL_NAMES = [
    "Priya Natarajan", "Ravi Kumar", "Sergei Ivanov", "Ali Omar", "Kim Jun", "Theresa May",
    "April Ryan", "Novak Djokovic", "Sepp Blatter", "Octavia Spencer", "Tom Decker",
    "Julia Augustin", "Marcel Marceau", "Joe Friday", "Lena Montag", "Hans Freitag",
    "Anna Sonntag", "Irving Berlin", "Jack London", "Paris Hilton", "Florence Welch",
    "Sydney Pollack", "Chester Bennington", "Mona Maynard", "Yuri Dudnov", "Dmitri Medvedev",
    "Olga Tokarczuk", "Hassan Jafar", "Mohammed Ansar", "Sven Thursby", "Ingrid Sundberg",
    "Perry Bacon Jr.", "Trevor J. Mills", "José Ortega y Gasset", "Ludwig van Beethoven",
    "Ángel Di María", "Lars von Trier", "Marie Claire DUPONT", "Jean-Pierre Dec",
    "Сергей Иванов", "Олена Марченко", "Андрей Новиков", "Γιώργος Μαρτίνος",
    "محمد عمر", "王建国", "山田太郎", "김민준", "Nguyễn Văn An",
]


@pytest.mark.parametrize("name", REAL_NAMES)
def test_a_name_is_kept_whole(name: str) -> None:
    assert split_names(name) == [name]
    assert split_names(f"By {name}") == [name]


@pytest.mark.parametrize("name", ["Priya Natarajan", "Sergei Ivanov", "Ravi Kumar", "Ali Omar"])
@pytest.mark.parametrize(
    "tail", [" Nov 19, 2019", "Nov 19, 2019", " | Published 7:07 PM EST Nov 19, 2019",
             " Monday, November 18, 2019", " 12 hours ago", " Updated: January 16, 2020"],
)
def test_a_date_line_after_a_name_is_cut_not_the_name(name: str, tail: str) -> None:
    assert split_names(f"By {name}{tail}") == [name]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Priya Natarajan and Ravi Kumar", ["Priya Natarajan", "Ravi Kumar"]),
        ("Priya Natarajan, Ali Omar & Sergei Ivanov",
         ["Priya Natarajan", "Ali Omar", "Sergei Ivanov"]),
        ("Von Lena Montag und Hans Freitag", ["Lena Montag", "Hans Freitag"]),
        ("Par Marie Dubois et Jean Martin", ["Marie Dubois", "Jean Martin"]),
        ("Por Ana García y Luis Pérez", ["Ana García", "Luis Pérez"]),
        ("Автор: Сергей Иванов и Анна Петрова", ["Сергей Иванов", "Анна Петрова"]),
        ("Автори: Олена Марченко та Іван Петренко", ["Олена Марченко", "Іван Петренко"]),
        ("View all posts by Daniel Lemire", ["Daniel Lemire"]),
        ("Geschrieben von Elisa Marvena", ["Elisa Marvena"]),
        ("Posted on September 21, 2020 by Priya Natarajan", ["Priya Natarajan"]),
        ("Interview: Ali Omar", ["Ali Omar"]),
        ("Williams Perdomo @wperdomod", ["Williams Perdomo"]),
    ],
)
def test_every_co_author_is_kept(byline: str, expected: list[str]) -> None:
    assert split_names(byline) == expected


@pytest.mark.parametrize(
    "raw",
    ["Folgen", "(Image: Getty Images)", "Foto Mads Claus Rasmussen", "Munich, Germany",
     "Name", "Unknown", "Super User", "So Artikel empfehlen", "Catch Themes",
     "Stephangoeldi Said; On August 3", "Reuters", "Nov 19, 2019", "Monday", "© Foto: dpa",
     "Süddeutsche.de GmbH, Munich, Germany", "01:30 Min.", "No Author", "Agencies", "Datum"],
)
def test_no_place_credit_button_or_date_is_a_name(raw: str) -> None:
    assert split_names(raw) == []


def test_a_place_after_a_name_is_not_a_co_author() -> None:
    assert split_names("Von Hans Freitag, Frankfurt") == ["Hans Freitag"]


def _meta(html: str, url: str = "https://news.example/a"):
    return choose_metadata(url, read_page_meta(lxml.html.document_fromstring(html)), None)


def test_jsonld_author_array_keeps_every_person() -> None:
    meta = _meta(
        "<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
        "\"author\": [{\"@type\": \"Person\", \"name\": \"Priya Natarajan\"}, "
        "{\"@type\": \"Person\", \"name\": \"Ali Omar\"}]}</script></head></html>")
    assert meta.author_items() == [{"name": "Priya Natarajan"}, {"name": "Ali Omar"}]


def test_an_organisation_is_kept_only_when_jsonld_says_so() -> None:
    typed = _meta(
        "<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
        "\"author\": {\"@type\": \"Organization\", \"name\": \"DER SPIEGEL\"}}</script>"
        "</head></html>", "https://www.spiegel.example/a")
    assert typed.author_items() == [{"name": "DER SPIEGEL", "type": "Organization"}]
    untyped = _meta("<html><head><meta name='author' content='BBC News'></head></html>",
                    "https://www.bbc.example/a")
    assert untyped.author_items() is None


def test_a_personal_blog_author_named_like_the_site_is_kept() -> None:
    meta = _meta(
        "<html><head><script type='application/ld+json'>{\"@graph\": ["
        "{\"@type\": \"BlogPosting\", \"author\": {\"@id\": \"#me\"}, "
        "\"publisher\": {\"@id\": \"#me\"}}, {\"@type\": [\"Person\", \"Organization\"], "
        "\"@id\": \"#me\", \"name\": \"Wolf Schmale\"}]}</script></head></html>",
        "https://wolfschmale.example/post")
    assert meta.authors == ["Wolf Schmale"]


def test_several_rel_author_links_are_all_found() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><p>By <a rel='author' href='/a'>Priya Natarajan</a> and "
        "<a rel='author' href='/b'>Ali Omar</a></p></body></html>")
    names = [n for b in find_bylines(tree) for n in split_names(b)]
    assert names == ["Priya Natarajan", "Ali Omar"]


@pytest.mark.parametrize(
    "raw",
    [
        "TVT-Redaktion", "Redakcja", "Redazione Sport", "Редакция", "Редакція новин",
        "red.", "Sekretariat Partei Musterstadt", "Cortesía", "Foto: zvg", "Domena publiczna",
        "Courtesy Jane Doe", "Unbenannt", "@NachrichtenDE", "Die Rundschau", "The Daily Mail",
        "Les Echos", "Deutscher Journalist", "Wirtualna Polska Media", "Noticias El Diario",
        "Bundesverband Windkraft", "Новости Калининграда", "Global Solutions Germany",
        "Contributors to Wikimedia projects",
    ],
)
def test_desks_credits_handles_and_titles_are_no_names(raw: str) -> None:
    assert split_names(raw) == []


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Ludwig van Beethoven, Lars von Trier", ["Ludwig van Beethoven", "Lars von Trier"]),
        ("Ludwig van Beethoven und Lars von Trier", ["Ludwig van Beethoven", "Lars von Trier"]),
        ("Ein Kommentar von Hans Freitag", ["Hans Freitag"]),
        ("Texte et photos par Marie Dubois", ["Marie Dubois"]),
        ("Una Stubbs", ["Una Stubbs"]),
        ("Olena Marchenko 12.05.2020", ["Olena Marchenko"]),
        ("Publié par Marie Dubois le 3 mai 2020", ["Marie Dubois"]),
        ("Von Hans Freitag am 3. Mai 2020", ["Hans Freitag"]),
        ("Eingestellt von der Michel", ["der Michel"]),
        ("Scritto da Giulia Rossi", ["Giulia Rossi"]),
        ("Marine Le Pen", ["Marine Le Pen"]),
        ("Olena Marchenko →", ["Olena Marchenko"]),
        ("« Marie Dubois »", ["Marie Dubois"]),
        ("• محمد عمر", ["محمد عمر"]),
        ("Lindsey O’Donnell", ["Lindsey O’Donnell"]),
    ],
)
def test_particles_articles_and_dates_leave_names_whole(byline: str, expected: list[str]) -> None:
    assert split_names(byline) == expected


def test_a_number_inside_a_name_is_no_date_line() -> None:
    # cutting at " 90" would leave the stump "Bündnis"; the whole is no person either
    assert split_names("Bündnis 90/Die Grünen Bundestagsfraktion") == []


@pytest.mark.parametrize(
    "imprint",
    [
        "Eidgenössisches Departement für Wirtschaft, Bildung und Forschung",
        "Anna Berger und Musterbüro designed",
        "Jean Martin, conception du site",
        "María López, diseño web de la región",
    ],
)
def test_an_imprint_in_meta_author_gives_no_fragment(imprint: str) -> None:
    meta = _meta(f"<html><head><meta name='author' content='{imprint}'></head></html>")
    assert meta.authors is None


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Lena Montag und Hans Freitag", ["Lena Montag", "Hans Freitag"]),
        ("Jane Doe, staff writer", ["Jane Doe"]),
        ("Ludwig van Beethoven", ["Ludwig van Beethoven"]),
    ],
)
def test_names_in_meta_author_are_kept(content: str, expected: list[str]) -> None:
    meta = _meta(f"<html><head><meta name='author' content='{content}'></head></html>")
    assert meta.authors == expected


def test_author_links_of_teasers_are_not_co_authors() -> None:
    teaser = ("<div class='teaser'><h3>Another story about something else entirely</h3>"
              "<p>" + "Teaser text of a related story. " * 12 + "</p>"
              "<a rel='author' href='/x'>{}</a></div>")
    tree = lxml.html.document_fromstring(
        "<html><body><article><p class='byline'>Von <a rel='author' href='/a'>Lena Montag</a>"
        " und <a rel='author' href='/b'>Hans Freitag</a></p><p>Text.</p></article>"
        + teaser.format("Sergei Ivanov") + teaser.format("Priya Natarajan")
        + "</body></html>")
    from crawler.extraction.byline import dom_author
    assert dom_author(tree, "Lena Montag") == "Lena Montag; Hans Freitag"


def test_a_person_in_the_byline_beats_an_organisation_in_jsonld() -> None:
    from crawler.extraction.article import extract_article
    html = (
        "<html><head><title>Ein Bericht</title><script type='application/ld+json'>"
        "{\"@type\": \"NewsArticle\", \"headline\": \"Ein Bericht\", "
        "\"datePublished\": \"2024-05-17T09:30:00+02:00\", "
        "\"author\": {\"@type\": \"Organization\", \"name\": \"Stadtanzeiger\"}}</script>"
        "</head><body><article><h1>Ein Bericht</h1>"
        "<div class='author'><a rel='author' href='/autor/olena'>Olena Marchenko</a></div>"
        + "<p>" + "Der Gemeinderat hat am Dienstag lange beraten und entschieden. " * 8
        + "</p></article></body></html>")
    article = extract_article(html, "https://stadtanzeiger.example/2024/05/17/bericht").article
    assert article is not None
    assert article.authors == [{"name": "Olena Marchenko"}]
    only_org = html.replace("<div class='author'><a rel='author' href='/autor/olena'>"
                            "Olena Marchenko</a></div>", "")
    article = extract_article(only_org, "https://stadtanzeiger.example/2024/05/17/b").article
    assert article is not None
    assert article.authors == [{"name": "Stadtanzeiger", "type": "Organization"}]
