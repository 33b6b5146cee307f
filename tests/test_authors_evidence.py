"""Authors backed by the page itself: a name only markup gives and the page never shows is
left out and counted; bylines with no byline markup are read from the text; label words,
job titles and date lines are cut between names, never inside one. Pages written for the
tests, in several languages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import lxml.html
import pytest

from crawler.dates import DateCandidate, choose_date
from crawler.extraction.article import extract_article
from crawler.extraction.authors import split_names
from crawler.extraction.byline import text_byline
from crawler.extraction.metadata import name_shown, shown_text

NOW = datetime(2024, 9, 1, 12, 0, tzinfo=UTC)
STORY = "<p>" + "The council met on Tuesday and decided after a long debate. " * 8 + "</p>"


def _page(head: str, body: str) -> str:
    return f"<html><head><title>A story</title>{head}</head><body>{body}</body></html>"


def _ld(author: Any) -> str:
    doc = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "A story",
           "datePublished": "2024-05-17T09:30:00+02:00", "author": author}
    return f"<script type='application/ld+json'>{json.dumps(doc, ensure_ascii=False)}</script>"


def _authors(html: str, url: str = "https://paper.example/2024/05/17/story") -> Any:
    result = extract_article(html, url, now=NOW)
    assert result.article is not None
    return result.article


# --- names the page never shows ------------------------------------------------------

@pytest.mark.parametrize(("head", "body"), [
    # a theme's default author in JSON-LD, no byline anywhere (en)
    (_ld({"@type": "Person", "name": "Gary Antosh"}), "<h1>A story</h1>" + STORY),
    # the site owner's imprint in <meta name=author> (de)
    ("<meta name='author' content='Thomas Bendieck'>",
     "<h1>Unser Verein</h1>" + STORY.replace("The council", "Der Verein")),
    # a Person in JSON-LD, in Cyrillic, never on the page (ru)
    (_ld({"@type": "Person", "name": "Иван Петров"}), "<h1>Новости</h1>" + STORY),
])
def test_a_name_only_markup_gives_and_the_page_never_shows_is_left_out(
        head: str, body: str) -> None:
    article = _authors(_page(head, body))
    assert article.authors is None
    assert article.metadata["authorsLeftOut"] == "not_shown"


@pytest.mark.parametrize(("head", "body", "expected"), [
    # shown as written (en)
    (_ld({"@type": "Person", "name": "Jane Doe"}), "<h1>A story</h1><p>By Jane Doe</p>" + STORY,
     ["Jane Doe"]),
    # shown surname first, in capitals, without the accent (es)
    (_ld({"@type": "Person", "name": "Luis Ávila"}), "<h1>Una noticia</h1><p>AVILA, LUIS</p>"
     + STORY, ["Luis Ávila"]),
    # Chinese has no spaces between words: matched inside the run (zh)
    ("<meta name='author' content='王建国'>", "<h1>北京</h1><p>本报记者王建国报道</p>" + STORY,
     ["王建国"]),
    # one of two co-authors shown vouches for both (de)
    (_ld([{"@type": "Person", "name": "Lena Montag"}, {"@type": "Person", "name": "Hans Freitag"}]),
     "<h1>Hafen</h1><p>Von Lena Montag</p>" + STORY, ["Lena Montag", "Hans Freitag"]),
])
def test_a_name_the_page_shows_is_kept(head: str, body: str, expected: list[str]) -> None:
    article = _authors(_page(head, body))
    assert [a["name"] for a in article.authors] == expected
    assert "authorsLeftOut" not in article.metadata


def test_a_hidden_name_falls_through_to_the_byline_the_page_shows() -> None:
    """JSON-LD names an uploader the page never shows; the byline names the writer."""
    html = _page(_ld({"@type": "Person", "name": "Kevin Uploader"}),
                 "<h1>A story</h1><p class='byline'>By David Moreau</p>" + STORY)
    assert _authors(html).authors == [{"name": "David Moreau"}]


def test_an_organisation_typed_by_json_ld_is_kept_though_not_shown() -> None:
    html = _page(_ld({"@type": "Organization", "name": "Stadtanzeiger"}),
                 "<h1>Ein Bericht</h1>" + STORY)
    assert _authors(html).authors == [{"name": "Stadtanzeiger", "type": "Organization"}]


def test_a_name_in_a_script_or_style_is_not_shown() -> None:
    tree = lxml.html.document_fromstring(
        "<html><head><title>Jane Doe</title></head><body><script>var a='Jane Doe'</script>"
        "<style>.x{}</style><p>Tail text</p><!-- Jane Doe --> after</body></html>")
    shown = shown_text(tree)
    assert not name_shown("Jane Doe", shown)
    assert name_shown("Tail", shown) and name_shown("after", shown)
    assert name_shown("anyone", None)  # unknown text: every name counts as shown


@pytest.mark.parametrize(("text", "shown"), [
    ("jane doe wrote", True), ("by jane doe", True), ("janet doe", False),
    ("mary-jane doe", True), ("_jane doe", False), ("jjane doe jane", True),
    ("doe jane2", False), ("doe, jane.", True), ("ajane jane_ doe", False),
])
def test_a_name_is_shown_as_whole_words(text: str, shown: bool) -> None:
    assert name_shown("Jane Doe", text) is shown


def test_the_not_shown_count_reaches_the_stats() -> None:
    from scrapy.statscollectors import MemoryStatsCollector
    from scrapy.utils.test import get_crawler

    from crawler.items import Article
    from crawler.pipelines.dates import DateSourcePipeline

    stats = MemoryStatsCollector(get_crawler())
    item = Article(url="https://paper.example/a", metadata={
        "dateDownloaded": "2024-09-01T12:00:00Z", "authorsLeftOut": "not_shown"})
    DateSourcePipeline(stats).process_item(item)
    assert stats.get_value("fields/authors/not_shown") == 1


# --- bylines in the text, without byline markup ---------------------------------------

@pytest.mark.parametrize(("line", "expected"), [
    ("<p>Von Lisa Petrich <span>Mi, 18. Oktober 2023 um 17:00 Uhr</span></p>", ["Lisa Petrich"]),
    ("<div>Par <b>Matthieu Hy</b> le 07 mai 2020</div>", ["Matthieu Hy"]),
    ("<p>By Giovanni Gaggero | 12/10/2020</p>", ["Giovanni Gaggero"]),
    ("<span>Autorin: Uta Staschewski</span>", ["Uta Staschewski"]),
    ("<p>Por Laura Jordán y Javier Urbina</p>", ["Laura Jordán", "Javier Urbina"]),
    ("<p>Автор: Ольга Коваленко</p>", ["Ольга Коваленко"]),
    ("<p>Written by: Julie Mollins</p>", ["Julie Mollins"]),
])
def test_a_byline_in_the_text_is_read(line: str, expected: list[str]) -> None:
    html = _page("", f"<nav><p>Von Gestern bis Heute</p></nav><h1>A story</h1>{line}" + STORY)
    assert [a["name"] for a in _authors(html).authors] == expected


@pytest.mark.parametrize("body", [
    # a teaser and a caption name other people
    "<h1>A story</h1>" + STORY + "<aside><p>Von Karl Teaser</p></aside>"
    "<figure><figcaption>Von Paula Caption</figcaption></figure>",
    # a sentence that starts like a byline is prose
    "<h1>A story</h1><p>Von Montag an gilt in der ganzen Stadt ein neuer Fahrplan für alle "
    "Buslinien, sagte der Sprecher der Verkehrsbetriebe am Abend.</p>" + STORY,
    # "Von Berlin nach Paris": no name
    "<h1>A story</h1><h2>Von Berlin nach Paris</h2>" + STORY,
    # a byline before the headline is the site's menu or a teaser
    "<div>By Menu Person</div><h1>A story</h1>" + STORY,
    # a link after "Von" is no name
    "<h1>A story</h1><p>Von „http://example.org/seite“</p>" + STORY,
])
def test_no_byline_from_teasers_captions_or_prose(body: str) -> None:
    tree = lxml.html.document_fromstring(_page("", body))
    line = text_byline(tree)
    assert line is None or not split_names(line)


# --- labels, job titles, date lines: cut between names, never inside one ---------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("Autor/in: Korinna Hennig", ["Korinna Hennig"]),           # de, gendered label
    ("Autor*in: Mia Sommer", ["Mia Sommer"]),
    ("Rechtsanwalt Dennis Tölle", ["Dennis Tölle"]),             # de, job title
    ("FOCUS-Online-Experte Robin Tschöpe", ["Robin Tschöpe"]),
    ("Pressemitteilung von Katja Kipping", ["Katja Kipping"]),
    ("Avocat Jean Dupont", ["Jean Dupont"]),                     # fr
    ("Dr. Tim Loppe", ["Dr. Tim Loppe"]),                        # academic titles stay
    ("By Glen Owen And Brendan Carlin For The Mail On Sunday", ["Glen Owen", "Brendan Carlin"]),
    ("Jane Doe für die Tageszeitung", ["Jane Doe"]),
    ("Isabel Caro, Rocío Latorre y José Miguel WilsonHace 13 horas", [  # es, glued date line
        "Isabel Caro", "Rocío Latorre", "José Miguel Wilson"]),
    ("Jane DoeUpdated 3 May 2024", ["Jane Doe"]),
    ("Stand", []),                                               # "Stand: 12.03.2020"
    ("Ilustrator: Adriaan Prent", []),                           # a label left in
    ("Von „http://example.org", []),
    # names that look like the cut words stay whole
    ("Anna Forster", ["Anna Forster"]), ("Karl Fürst", ["Karl Fürst"]),
    ("Hans Standke", ["Hans Standke"]), ("Ana Hacer", ["Ana Hacer"]),
    ("Lars von Trier", ["Lars von Trier"]), ("John McDonald", ["John McDonald"]),
    ("Maria Vorhauer", ["Maria Vorhauer"]),
    ("Olivier Minot Olivier Minot", ["Olivier Minot"]),         # a byline written twice
    ("Jean Jean", ["Jean Jean"]),                                # a name is no copy of itself
])
def test_labels_titles_and_date_lines_are_cut_between_names(
        raw: str, expected: list[str]) -> None:
    assert split_names(raw) == expected


def test_a_label_remnant_in_the_guess_takes_the_bylines_name() -> None:
    from crawler.extraction.authors import respell

    assert respell("Autor; In Korinna Hennig", ["Autor/in: Korinna Hennig"]) == "Korinna Hennig"
    # a given name or an initial in front is part of the name
    assert respell("Anna Maria Weber", ["Maria Weber"]) == "Anna Maria Weber"
    assert respell("J. Maria Weber", ["Maria Weber"]) == "J. Maria Weber"


def test_meta_tags_naming_every_json_ld_author_and_more_give_the_list() -> None:
    html = _page(_ld({"@type": "Person", "name": "Sadhbh O'Sullivan"})
                 + "<meta name='author' content=\"Sadhbh O'Sullivan, Elisabeth Kochan\">",
                 "<h1>A story</h1><p>Sadhbh O'Sullivan, Elisabeth Kochan</p>" + STORY)
    assert [a["name"] for a in _authors(html).authors] == ["Sadhbh O'Sullivan",
                                                             "Elisabeth Kochan"]


# --- dates: htmldate's day is the text's only when no markup gives it ----------------

def _c(text: str, source: str, has_time: bool = True) -> DateCandidate:
    moment = datetime.fromisoformat(text)
    return DateCandidate(moment, source, has_time=has_time, has_offset=True)


def test_htmldate_reading_an_updated_meta_does_not_move_the_published_day() -> None:
    """JSON-LD: published 19th 12:25 UTC; a meta and htmldate: the 20th (the revision). The
    20th is no day of the text, so the 19th is not moved to it."""
    found = [_c("2020-01-19T12:25:36+00:00", "jsonld"), _c("2020-01-20T09:49:32+00:00", "meta"),
             _c("2020-01-19T12:25:36+00:00", "jsonld_created"),
             _c("2020-01-20T00:00:00+00:00", "htmldate", has_time=False)]
    chosen = choose_date(found, NOW)
    assert chosen is not None and chosen.day.isoformat() == "2020-01-19"


def test_htmldate_day_of_the_text_still_wins_over_a_utc_conversion() -> None:
    found = [_c("2020-02-18T02:18:11+00:00", "jsonld"),
             _c("2020-02-17T00:00:00+00:00", "htmldate", has_time=False)]
    chosen = choose_date(found, NOW)
    assert chosen is not None and chosen.day.isoformat() == "2020-02-17"
