"""Bylines read from the page's text in many languages, a "By" label whose name follows
it, newsroom and place after a name, initials that sign off a story, and a name the
structured data gives short or alone completed by the byline the page shows. Pages
written for the tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import lxml.html
import pytest

from crawler.extraction.article import extract_article
from crawler.extraction.authors import split_names
from crawler.extraction.byline import text_byline
from crawler.extraction.metadata import complete_from_byline

NOW = datetime(2024, 9, 1, 12, 0, tzinfo=UTC)
STORY = "<p>" + "The council met on Tuesday and decided after a long debate. " * 8 + "</p>"


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>A story</title>{head}</head><body>{body}</body></html>"


def _names(html: str) -> list[str]:
    result = extract_article(html, "https://paper.example/2024/05/17/story", now=NOW)
    assert result.article is not None
    return [a["name"] for a in result.article.authors or []]


@pytest.mark.parametrize(("line", "expected"), [
    ("By Jane Doe", ["Jane Doe"]),                                   # en
    ("Von Lisa Petrich", ["Lisa Petrich"]),                          # de
    ("Eine Kolumne von Nils Berger", ["Nils Berger"]),               # de, a column's label
    ("Par Matthieu Lenoir", ["Matthieu Lenoir"]),                    # fr
    ("Por Ana Gil", ["Ana Gil"]),                                    # es
    ("Door Jan de Vries", ["Jan de Vries"]),                         # nl
    ("Av Anna Lund", ["Anna Lund"]),                                 # sv
    ("Текст: Олег Ким", ["Олег Ким"]),                               # ru
    ("Автор: Ірина Коваль", ["Ірина Коваль"]),                       # uk
    ("文/记者王敬华", ["王敬华"]),                                    # zh, label and title
    ("記者 山田太郎", ["山田太郎"]),                                  # ja
    ("Autorin: Uta Berger, Projektleiterin der Stiftung in Tunis", ["Uta Berger"]),
    ("Autoren Jelko Dorn und Jutta Klaas", ["Jelko Dorn", "Jutta Klaas"]),  # no colon
    ("11.12.2019 - Amelie Loewen", ["Amelie Loewen"]),             # a date, then the name
    ("2024-05-17 | Jane Doe", ["Jane Doe"]),
    ("Par Kab Niang Le 17/02/2020", ["Kab Niang"]),                 # fr, "Le" + date cut
    ("Posted by Nat Parks, Eric Mill and Kiran C Nair - Chrome Security team",
     ["Nat Parks", "Eric Mill", "Kiran C Nair"]),                   # a team after a dash
])
def test_text_byline_after_the_headline(line: str, expected: list[str]) -> None:
    tree = lxml.html.document_fromstring(_page(f"<h1>A story</h1><p>{line}</p>{STORY}"))
    found = text_byline(tree)
    assert found is not None and split_names(found) == expected


@pytest.mark.parametrize("body", [
    # a label alone, the name in the next element (after a comment) or the label's tail
    "<h1>A story</h1><div><p><strong>By</strong></p></div><!-- x --><div><p>Todd Barnes</p>"
    "</div>" + STORY,
    "<h1>A story</h1><div><h5>Autor:</h5>Todd Barnes/AGX</div>" + STORY,
    # the page's layout classes on far wrappers are no teaser
    "<div class='with-navigation one-sidebar'><div><div><div><div><h1>A story</h1>"
    "<span class='contributor'>Par Todd Barnes</span></div></div></div></div></div>" + STORY,
])
def test_label_then_name_and_layout_classes(body: str) -> None:
    tree = lxml.html.document_fromstring(_page(body))
    found = text_byline(tree)
    assert found is not None and split_names(found) == ["Todd Barnes"]


@pytest.mark.parametrize("line", [
    "Von PUBLIC VOICE mit Freunden zur ALLMENDA nach Wien",  # a sentence, not a byline
    "Par ailleurs, le conseil a voté",
    "12.03.2020 - Berlin",                                   # a date and a place
    "06.11.2023 13:30 von Olga",                             # after a date: two words
])
def test_text_byline_prose_is_no_byline(line: str) -> None:
    tree = lxml.html.document_fromstring(_page(f"<h1>A story</h1><p>{line}</p>{STORY}"))
    found = text_byline(tree)
    assert found is None or not split_names(found)


@pytest.mark.parametrize(("raw", "expected"), [
    ("By Nada Farouk, BBC News, New York", ["Nada Farouk"]),      # newsroom, then a place
    ("Jane Doe, AP, Washington", ["Jane Doe"]),
    ("Jane Doe, Staff Writer, and John Roe", ["Jane Doe", "John Roe"]),
    ("Ann Bell, Cid Dean, and Eva Ernst", ["Ann Bell", "Cid Dean", "Eva Ernst"]),
    ("Peter Maahn/SP-X", ["Peter Maahn"]),
    ("kj", []), ("K. A.", []), ("cpm", []), ("AgE", []),          # sign-off initials
    ("Tim", ["Tim"]), ("Ela", ["Ela"]), ("孔德明", ["孔德明"]),     # given names, zh names
    ("责任编辑：孔德明", []),                                       # a label left in (zh)
    ("AMP Project Marketing", []),
])
def test_names_affiliations_initials(raw: str, expected: list[str]) -> None:
    assert split_names(raw) == expected


@pytest.mark.parametrize(("names", "byline", "expected"), [
    (["Todd"], ["Todd Barnes"], ["Todd Barnes"]),                    # a given name alone
    (["Rudi Fink"], ["Rudi Fink", "Simon Kahl"], ["Rudi Fink", "Simon Kahl"]),  # co-author
    (["Rudi Fink"], ["Simon Kahl"], ["Rudi Fink"]),                  # another person: kept
    (["Todd"], ["Toddy Barnes"], ["Todd"]),                          # a word, not a prefix
])
def test_complete_from_byline(names: list[str], byline: list[str],
                              expected: list[str]) -> None:
    assert complete_from_byline(names, byline) == expected


def _ld(author: Any) -> str:
    doc = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "A story",
           "datePublished": "2024-05-17T09:30:00+02:00", "author": author}
    return f"<script type='application/ld+json'>{json.dumps(doc)}</script>"


def test_structured_first_author_joined_by_shown_coauthor() -> None:
    head = _ld({"@type": "Person", "name": "Rudi Fink"})
    body = "<h1>A story</h1><p>von Rudi Fink, Simon Kahl</p>" + STORY
    assert _names(_page(body, head)) == ["Rudi Fink", "Simon Kahl"]


def test_structured_given_name_completed_by_shown_byline() -> None:
    head = _ld({"@type": "Person", "name": "Nils"})
    body = "<h1>A story</h1><p><strong>Eine Kolumne von Nils Berger</strong></p>" + STORY
    assert _names(_page(body, head)) == ["Nils Berger"]


def test_text_byline_over_a_guess_naming_someone_else() -> None:
    """trafilatura's guess (the site, a widget's name, the first author alone) yields to
    a byline the text introduces after the headline."""
    from crawler.extraction.byline import dom_author

    tree = lxml.html.document_fromstring(_page(
        "<h1>A story</h1><p>Posted by Nat Parks and Eric Mill</p>" + STORY))
    assert dom_author(tree, "Flappy Bird") == "Nat Parks; Eric Mill"
    assert dom_author(tree, "Nat Parks") == "Nat Parks; Eric Mill"  # and co-authors


def test_site_signing_as_person_with_accents_is_no_author() -> None:
    """"La República" typed as a Person at larepublica.example is the site, accents aside."""
    from crawler.cleaning.titles import site_tokens
    from crawler.extraction.authors import clean_authors

    keys = site_tokens("LaRepública", "https://larepublica.example/2024/05/17/x", min_len=2)
    assert clean_authors(["La República"], keys) == []
    assert clean_authors(["Ana Gil"], keys) == ["Ana Gil"]


@pytest.mark.parametrize("section", [
    "<meta property='article:section' content='Brasília'>",
    "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
    "\"articleSection\": \"Brasília\"}</script>",
])
def test_section_name_is_no_author(section: str) -> None:
    """A page's section ("Brasília") shown where a byline would be is its label."""
    body = "<h1>A story</h1><p>By Brasília</p>" + STORY
    assert _names(_page(body)) == ["Brasília"]  # no section named: a one-word byline
    assert _names(_page(body, section)) == []
    # a person's full name equal to a columnist's section stays
    body = "<h1>A story</h1><p>By Paula Brandt</p>" + STORY
    head = "<meta property='article:section' content='Paula Brandt'>"
    assert _names(_page(body, head)) == ["Paula Brandt"]


def test_coauthors_come_from_one_byline_not_from_every_meta_tag() -> None:
    """<meta name=author> naming the company beside article:author naming the persons: the
    company is no co-author of the JSON-LD's persons."""
    head = (_ld([{"@type": "Person", "name": "Fiona Brand"},
                 {"@type": "Person", "name": "Mara Hof"}])
            + "<meta name='author' content='Nast Holding'>"
            + "<meta property='article:author' content='Fiona Brand,Mara Hof'>")
    body = "<h1>A story</h1><p>Von Fiona Brand und Mara Hof</p>" + STORY
    assert _names(_page(body, head)) == ["Fiona Brand", "Mara Hof"]
    # a meta byline naming the JSON-LD's author and a co-author still adds the co-author
    head = (_ld({"@type": "Person", "name": "Fiona Brand"})
            + "<meta name='author' content='Fiona Brand, Mara Hof'>")
    assert _names(_page(body, head)) == ["Fiona Brand", "Mara Hof"]


def test_publishing_house_is_no_person() -> None:
    assert split_names("Casa Editorial El Diario") == []


def test_cjk_name_is_not_completed_by_a_trailing_word() -> None:
    """"王建国" is a full name: the byline "记者 王建国 报道" (reporter … reports) adds none."""
    assert complete_from_byline(["王建国"], ["王建国 报道"]) == ["王建国"]
    tree = lxml.html.document_fromstring(_page("<h1>北京</h1><p>记者 王建国 报道</p>" + STORY))
    found = text_byline(tree)
    assert found is not None and split_names(found) == ["王建国"]


def test_credit_line_names_reporters_not_editors() -> None:
    """A wire story's closing credit: the reporters are its authors, the editors not."""
    tree = lxml.html.document_fromstring(_page(
        "<h1>A story</h1>" + STORY
        + "<p>(Reporting by Jane Doe and Omar Sadiq; Editing by Mark Potter)</p>"))
    found = text_byline(tree)
    assert found is not None and split_names(found) == ["Jane Doe", "Omar Sadiq"]


@pytest.mark.parametrize(("line", "expected"), [
    ("di Mario Rossi", ["Mario Rossi"]),                             # it
    ("a cura di Anna Verdi", ["Anna Verdi"]),
    ("Af Lars Holm", ["Lars Holm"]),                                 # da
    ("Penulis: Budi Santoso", ["Budi Santoso"]),                     # id
    ("Yazan: Ayşe Kaya", ["Ayşe Kaya"]),                             # tr
    ("Szerző: Kiss Anna", ["Kiss Anna"]),                            # hu
    ("Teksti: Matti Virtanen", ["Matti Virtanen"]),                  # fi
    ("بقلم: محمد عمر", ["محمد عمر"]),                                # ar
])
def test_text_byline_more_languages(line: str, expected: list[str]) -> None:
    tree = lxml.html.document_fromstring(_page(f"<h1>A story</h1><p>{line}</p>{STORY}"))
    found = text_byline(tree)
    assert found is not None and split_names(found) == expected


@pytest.mark.parametrize("line", ["Di Stefano", "Von Trier", "Von der Leyen", "Oleh Sentsov"])
def test_a_name_with_its_particle_never_loses_it(line: str) -> None:
    """A line that is a name with its particle ("Di Stefano") or a particle-like "by" and a
    lone word: unsure, so no byline, rather than "Stefano"."""
    tree = lxml.html.document_fromstring(_page(f"<h1>A story</h1><p>{line}</p>{STORY}"))
    found = text_byline(tree)
    assert found is None or line in found
