"""Headline, authors and datePublished on pages written for the tests, one per language
(en, de, fr, es, ru, uk, ar, zh, ja), each through the production path from bytes
(:func:`crawler.extraction.process_page`), each field its own test.

Every page takes its fields from a different mix of sources: JSON-LD, OpenGraph, byline
markup, ``rel=author``, ``<time>``, the URL path, a date only in the text (htmldate), an
``<h1>`` only, an unlabelled legacy encoding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

import pytest

from crawler.extraction import ExtractOptions, PageInput, process_page
from crawler.items import Article

NOW = datetime(2024, 9, 1, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Page:
    url: str
    head: str
    body: str
    expected: dict[str, Any]
    codec: str = "utf-8"
    text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _ld(**fields: Any) -> str:
    import json

    doc = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f"<script type='application/ld+json'>{json.dumps(doc, ensure_ascii=False)}</script>"


def _story(sentence: str) -> str:
    return "".join(f"<p>{sentence} ({i})</p>" for i in range(1, 7))


PAGES: dict[str, Page] = {
    "en": Page(
        url="https://times.example/2024/03/05/city/council-budget/",
        head="<title>Council passes budget after long night | Example Times</title>"
             "<meta property='og:site_name' content='Example Times'>"
             + _ld(headline="Council passes budget after long night",
                   datePublished="2024-03-05T21:30:00-05:00",
                   author=[{"@type": "Person", "name": "Priya Natarajan"},
                           {"@type": "Person", "name": "Ravi Kumar"}]),
        body="<h1>Council passes budget after long night</h1>"
             "<p class='credit'>(Image: Getty Images)</p>"
             # the page shows one of the two names; it vouches for the JSON-LD list
             "<p>Reporting by Priya Natarajan</p>"
             + _story("The council approved the budget shortly before midnight on Tuesday."),
        expected={"headline": "Council passes budget after long night",
                  "authors": ["Priya Natarajan", "Ravi Kumar"],
                  "datePublished": "2024-03-05T21:30:00-05:00"},
    ),
    "de": Page(
        url="https://www.nordkurier.example/wirtschaft/hafen-rekord-12345",
        head="<title>Hafen meldet Rekord im Sommer - Nordkurier</title>"
             "<meta property='og:site_name' content='Nordkurier'>"
             "<meta property='article:published_time' content='2024-08-14T07:15:00+02:00'>",
        body="<h1>Hafen meldet Rekord im Sommer</h1><button class='follow'>Folgen</button>"
             "<p class='byline'>Von Lena Montag und Hans Freitag, Frankfurt</p>"
             + _story("Der Hafen hat in den Sommermonaten so viele Container umgeschlagen wie nie."),
        expected={"headline": "Hafen meldet Rekord im Sommer",
                  "authors": ["Lena Montag", "Hans Freitag"],
                  "datePublished": "2024-08-14T07:15:00+02:00"},
    ),
    "fr": Page(
        url="https://journal.example/politique/le-vote-du-budget",
        head="<title>Le vote du budget reporté à lundi | Le Journal</title>"
             "<meta property='og:title' content='Le vote du budget reporté à lundi'>",
        body="<h1>Le vote du budget reporté à lundi</h1>"
             "<p class='byline'>Par Marie Dubois et Jean Martin</p>"
             "<time class='published' datetime='2024-05-02T08:00:00+02:00'>2 mai 2024</time>"
             + _story("Les députés ont décidé de reporter le vote du budget à lundi prochain."),
        expected={"headline": "Le vote du budget reporté à lundi",
                  "authors": ["Marie Dubois", "Jean Martin"],
                  "datePublished": "2024-05-02T08:00:00+02:00"},
    ),
    "es": Page(
        url="https://diario.example/2024/05/03/politica/el-senado-aprueba-la-ley/",
        head="<title>El Senado aprueba la ley de vivienda - Diario Ejemplo</title>"
             + _ld(headline="El Senado aprueba la ley de vivienda",
                   datePublished="2024-05-04T01:30:00Z"),
        body="<h1>El Senado aprueba la ley de vivienda</h1>"
             "<p>Por <a rel='author' href='/autor/ana'>Ana García</a> y "
             "<a rel='author' href='/autor/luis'>Luis Pérez</a></p>"
             + _story("El Senado aprobó este viernes la nueva ley de vivienda por amplia mayoría."),
        # the story of the 3rd (its URL), its evening written in UTC as the 4th
        expected={"headline": "El Senado aprueba la ley de vivienda",
                  "authors": ["Ana García", "Luis Pérez"],
                  "datePublished": "2024-05-03T00:00:00+00:00"},
    ),
    "ru": Page(
        url="https://novosti.example/news/kaliningrad-port",
        head="",
        body="<h1>Порт Калининграда принял рекордное число судов</h1>"
             "<div class='author'>Автор: Сергей Иванов и Анна Петрова</div>"
             "<p class='date'>Опубликовано 14.03.2024</p>"
             + _story("Морской порт Калининграда в этом месяце принял рекордное число судов."),
        expected={"headline": "Порт Калининграда принял рекордное число судов",
                  "authors": ["Сергей Иванов", "Анна Петрова"],
                  "datePublished": "2024-03-14T00:00:00+00:00"},
    ),
    "uk": Page(
        url="https://visnyk.example/suspilstvo/novyi-mist",
        head="<title>У Києві відкрили новий міст</title>"
             "<meta name='pubdate' content='2024-06-20T09:00:00+03:00'>"
             + _ld(headline="У Києві відкрили новий міст",
                   author={"@type": "Organization", "name": "Редакція Вісника"}),
        body="<h1>У Києві відкрили новий міст</h1>"
             + _story("У Києві після двох років будівництва відкрили новий міст через Дніпро."),
        expected={"headline": "У Києві відкрили новий міст",
                  "authors": [{"name": "Редакція Вісника", "type": "Organization"}],
                  "datePublished": "2024-06-20T09:00:00+03:00"},
    ),
    "ar": Page(
        url="https://akhbar.example/news/2024/7/1/economy-growth",
        head="<title>نمو الاقتصاد في الربع الثاني - أخبار المثال</title>"
             "<meta property='og:site_name' content='أخبار المثال'>"
             + _ld(author={"@type": "Person", "name": "محمد عمر"},
                   datePublished="2024-07-01T10:00:00+03:00"),
        body="<h1>نمو الاقتصاد في الربع الثاني</h1><p>بقلم محمد عمر</p>"
             + _story("سجل الاقتصاد نموا ملحوظا في الربع الثاني من هذا العام وفقا للأرقام الرسمية."),
        expected={"headline": "نمو الاقتصاد في الربع الثاني", "authors": ["محمد عمر"],
                  "datePublished": "2024-07-01T10:00:00+03:00"},
    ),
    "zh": Page(
        url="https://xinwen.example/local/2024-02/19/c_112.htm",
        head="<title>北京市发布新的交通计划-新闻网</title>"
             "<meta name='author' content='王建国'>"
             "<meta property='article:published_time' content='2024-02-19T10:00:00+08:00'>",
        body="<h1>北京市发布新的交通计划</h1><p>记者 王建国 报道</p>"
             + _story("北京市政府今天宣布，将在明年启动新的城市交通建设计划，以缓解中心城区的交通压力。"),
        codec="gbk",  # no charset label anywhere: the bytes must be recognised
        expected={"headline": "北京市发布新的交通计划", "authors": ["王建国"],
                  "datePublished": "2024-02-19T10:00:00+08:00"},
    ),
    "ja": Page(
        url="https://shinbun.example/articles/20240410/tokyo-plan",
        head="<meta charset='shift_jis'><title>東京都が新しい交通計画を発表 | 東京新聞</title>"
             "<meta property='og:site_name' content='東京新聞'>",
        body="<h1>東京都が新しい交通計画を発表</h1><p class='byline'>山田太郎</p>"
             "<time datetime='2024-04-10T18:00:00+09:00'>2024年4月10日</time>"
             + _story("東京都は今日、新しい交通計画を発表しました。市民の意見を募集しています。"),
        codec="shift_jis",
        expected={"headline": "東京都が新しい交通計画を発表", "authors": ["山田太郎"],
                  "datePublished": "2024-04-10T18:00:00+09:00"},
    ),
}


@cache
def _article(lang: str) -> Article:
    page = PAGES[lang]
    html = (f"<!DOCTYPE html><html lang='{lang}'><head>{page.head}</head>"
            f"<body><article>{page.body}</article></body></html>")
    result = process_page(PageInput(page.url, html.encode(page.codec), want_links=False),
                          ExtractOptions(require_article=False), NOW)
    assert result.article is not None, result.reason
    return result.article


def _cases() -> list[Any]:
    return [pytest.param(lang, name, id=f"{lang}-{name}")
            for lang, page in PAGES.items() for name in page.expected]


@pytest.mark.parametrize(("lang", "name"), _cases())
def test_field(lang: str, name: str) -> None:
    expected = PAGES[lang].expected[name]
    got = getattr(_article(lang), name)
    if name == "authors":
        expected = [a if isinstance(a, dict) else {"name": a} for a in expected]
    assert got == expected


def test_no_author_is_invented() -> None:
    html = ("<html><head><title>Storm closes the coast road</title></head><body><article>"
            "<h1>Storm closes the coast road</h1><button>Folgen</button>"
            "<p class='author'>Foto Mads Claus Rasmussen</p>"
            + _story("The coast road was closed on Monday after the storm.") + "</article></body></html>")
    result = process_page(PageInput("https://coast.example/storm", html.encode()),
                          ExtractOptions(require_article=False), NOW)
    assert result.article is not None and result.article.authors is None


def test_a_future_date_is_never_written() -> None:
    html = ("<html><head><meta property='article:published_time' content='2031-01-01T00:00:00Z'>"
            "<title>Plans for the new bridge</title></head><body><article><h1>Plans</h1>"
            + _story("The bridge plans were shown to residents.") + "</article></body></html>")
    result = process_page(PageInput("https://bridge.example/plans", html.encode()),
                          ExtractOptions(require_article=False), NOW)
    assert result.article is not None and result.article.datePublished is None
