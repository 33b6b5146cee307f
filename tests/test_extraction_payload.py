"""Story bodies read from framework payloads (``__NEXT_DATA__``, ``window.__INITIAL_STATE__``)
when the DOM shows nothing or a teaser; the DOM's whole story always wins."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from crawler.extraction import extract_article
from crawler.extraction.payload_body import (
    MAX_SCRIPT_CHARS,
    Payload,
    continues,
    find_payloads,
    payload_body,
    prefer_payload,
    prose_like,
)
from crawler.pipelines.validate import ValidatePipeline
from tests.test_pipelines import build

FIXTURES = Path(__file__).parent / "fixtures" / "payload"
URL = "https://harbour-news.example/news/ferry-pier"
FIRST = "The harbour board voted on Tuesday to close the old ferry pier"
LAST = "where residents can see the plans and ask questions."
STORY = " ".join(
    f"Sentence {i} of the council story says what the council decided about the bridge."
    for i in range(20))


def _extract(name: str) -> tuple[str, str]:
    html = (FIXTURES / f"{name}.html").read_text("utf-8")
    article = extract_article(html, URL).article
    assert article is not None and article.articleBody and article.metadata
    return article.articleBody, article.metadata["bodySource"]


def test_next_app_shell_body_comes_from_next_data() -> None:
    body, source = _extract("next_app_shell")
    assert source == "payload_next_data"
    lines = body.split("\n")
    assert lines[0].startswith(FIRST) and lines[-1].endswith(LAST)
    assert len(lines) == 9  # one line per <p> of the payload's HTML
    # the caption, the CSS, the related links and the URL list are not the story
    for decoy in ("low tide", "color:", "Related item", "https://", "Loading"):
        assert decoy not in body


def test_initial_state_blocks_replace_a_teaser() -> None:
    body, source = _extract("initial_state")
    assert source == "payload_initial_state"
    assert body.startswith(FIRST) and body.endswith(LAST)
    assert "Subscribe" not in body and "pier.jpg" not in body


def test_dom_story_wins_over_a_big_payload() -> None:
    body, source = _extract("next_full_dom")
    assert source == "trafilatura"
    assert body.startswith(FIRST) and body.endswith(LAST)
    assert "shipping ledgers" not in body


def test_payload_body_is_counted_by_source() -> None:
    html = (FIXTURES / "next_app_shell.html").read_text("utf-8")
    article = extract_article(html, URL).article
    pipe, stats = build(ValidatePipeline)
    pipe.process_item(article)
    assert stats.get_value("extraction/body_from/payload_next_data") == 1


def _page(script: str) -> list[Payload]:
    return find_payloads(lxml.html.document_fromstring(
        f"<html><body><p>x</p><script>{script}</script></body></html>"))


@pytest.mark.parametrize("script", [
    "window.__APOLLO_STATE__ = " + json.dumps({"Story:1": {"body": STORY}}) + ";",
    "self.__PRELOADED_STATE__=" + json.dumps({"a": [{"text": STORY}]}),
    "window.__INITIAL_STATE__ = JSON.parse(" + json.dumps(json.dumps({"story": STORY})) + ");",
    "var x = 1; window.__SITE_STATE__ = " + json.dumps({"page": {"content": STORY}}),
])
def test_assignment_forms(script: str) -> None:
    found = payload_body(_page(script))
    assert found is not None and found.text == STORY


def test_unknown_names_and_expressions_are_ignored() -> None:
    assert payload_body(_page("window.__FOO__ = " + json.dumps({"body": STORY}))) is None
    # Nuxt's minified form is a function call, not JSON: skipped without error
    assert payload_body(_page("window.__NUXT__=(function(a){return {body:a}}(\"x\"));")) is None
    assert payload_body(_page("if (window.__INITIAL_STATE__ == null) {}")) is None


def test_key_named_like_a_body_is_preferred() -> None:
    other = STORY.replace("council", "museum") + " The museum story goes on for a while longer."
    payload = json.dumps({"sidebar": other, "articleBody": STORY})
    found = payload_body([Payload("payload_next_data", payload)])
    assert found is not None and found.text == STORY


@pytest.mark.parametrize("text", [
    " ".join(f"https://example.com/news/story-{i}.html" for i in range(40)),
    ".story{margin:0 auto;color:#222;font-size:1.1rem;} " * 30,
    "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo" * 30,
    "word " * 300,  # no sentences
])
def test_non_prose_is_refused(text: str) -> None:
    assert not prose_like(text)
    assert payload_body([Payload("payload_next_data", json.dumps({"body": text}))]) is None


def test_cjk_prose_is_accepted() -> None:
    text = "市议会周二投票批准了新桥建设计划，工程将于明年春季开始。" * 30
    assert prose_like(text)


def test_link_heavy_html_is_refused() -> None:
    html = "".join(f'<p><a href="/n/{i}">Another headline number {i} about the city.</a></p>'
                   for i in range(40))
    assert payload_body([Payload("payload_next_data", json.dumps({"body": html}))]) is None


def test_teaser_must_be_continued() -> None:
    assert continues(STORY, STORY[:200])
    assert not continues(STORY, "An unrelated story about the harbour board and its piers.")
    # a DOM brief of its own keeps its place beside a longer, other text
    brief = "The museum reopened its east wing on Friday after two years of repairs to the roof."
    payloads = [Payload("payload_next_data", json.dumps({"body": STORY}))]
    assert prefer_payload(brief * 2, "trafilatura", payloads) == (brief * 2, "trafilatura")
    # a line of loading text is no story: the payload replaces it
    assert prefer_payload("Loading…", "trafilatura", payloads) == (STORY, "payload_next_data")
    assert prefer_payload(None, "trafilatura", payloads) == (STORY, "payload_next_data")


def test_long_dom_body_never_parses_the_payload() -> None:
    payloads = [Payload("payload_next_data", "{not json")]  # would be refused anyway
    dom = STORY * 2
    assert prefer_payload(dom, "trafilatura", payloads) == (dom, "trafilatura")
    longer = [Payload("payload_next_data", json.dumps({"body": STORY * 20}))]
    assert prefer_payload(dom, "trafilatura", longer) == (dom, "trafilatura")


def test_bounded_on_hostile_payloads() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert payload_body([Payload("payload_next_data", deep)]) is None
    assert payload_body([Payload("payload_next_data", '{"body": "unterminated')]) is None
    # a script above the cap is not even kept
    huge = "<script id='__NEXT_DATA__'>" + " " * (MAX_SCRIPT_CHARS + 1) + "{}</script>"
    assert find_payloads(lxml.html.document_fromstring(f"<html><body>{huge}</body></html>")) == []
    # many values: the walk stops at its node cap without error
    wide = json.dumps({"items": [{"id": i, "t": "x"} for i in range(200_000)], "body": STORY})
    payload_body([Payload("payload_next_data", wide)])


# --- JSON-LD articleBody -------------------------------------------------------------------

LEAD = ("The harbour board voted on Tuesday to close the old ferry pier to cars from May, "
        "after engineers found the timber piles had rotted below the waterline.")
REST = [f"Paragraph {i} of the pier story: the board said the repairs would take a year "
        f"and cost more than the port had set aside for the whole decade." for i in range(12)]


def _jsonld_page(dom_paragraphs: list[str], article_body: str | None,
                 extra: dict[str, object] | None = None) -> str:
    node: dict[str, object] = {"@context": "https://schema.org", "@type": "NewsArticle",
                               "headline": "Old ferry pier to close to cars",
                               "description": "The board votes to close the pier. " * 30}
    if article_body is not None:
        node["articleBody"] = article_body
    node.update(extra or {})
    paragraphs = "".join(f"<p>{p}</p>" for p in dom_paragraphs)
    return (f"<html><head><title>Old ferry pier to close to cars</title>"
            f'<script type="application/ld+json">{json.dumps(node)}</script></head>'
            f"<body><nav><a href='/'>Home</a></nav><article><h1>Old ferry pier to close to cars"
            f"</h1>{paragraphs}<div class='paywall'>Subscribe to read the full story.</div>"
            f"</article></body></html>")


def _body(html: str) -> tuple[str, str]:
    article = extract_article(html, URL).article
    assert article is not None and article.articleBody and article.metadata
    return article.articleBody, article.metadata["bodySource"]


def test_jsonld_article_body_replaces_a_dom_teaser() -> None:
    # a teaser of two paragraphs: longer than trafilatura's own JSON-LD fallback looks at
    body, source = _body(_jsonld_page([LEAD, REST[0]], "\n".join([LEAD, *REST])))
    assert source == "jsonld"
    assert body.startswith(LEAD[:40]) and "Paragraph 11 of the pier story" in body
    assert "Subscribe" not in body and "board votes to close" not in body


def test_jsonld_article_body_fills_an_empty_dom() -> None:
    # trafilatura reads articleBody itself when the page shows nothing; either way the story
    body, _ = _body(_jsonld_page([], "\n\n".join([LEAD, *REST])))
    assert body.startswith(LEAD) and "Paragraph 11 of the pier story" in body


def test_jsonld_entities_are_decoded() -> None:
    text = " ".join(REST).replace("board", "board&#8217;s &amp; port&rsquo;s")
    found = payload_body([Payload("jsonld", json.dumps({"articleBody": text}))])
    assert found is not None and "board’s & port’s" in found.text and "&amp;" not in found.text


def test_jsonld_other_text_is_no_story() -> None:
    # a long description, or a comment's text, is never taken for the story
    html = _jsonld_page([LEAD], None, {"comment": [{"@type": "Comment", "text": " ".join(REST)}]})
    body, source = _body(html)
    assert source != "jsonld" and "Paragraph 3" not in body


def test_jsonld_body_of_another_story_leaves_the_dom_brief() -> None:
    brief = [LEAD, "The ferry will keep running for passengers on foot and on bicycles."]
    other = "\n".join(p.replace("pier", "museum").replace("harbour", "city") for p in REST)
    body, source = _body(_jsonld_page(brief, other.replace("Paragraph", "Part")))
    assert source != "jsonld" and "Part 3" not in body


def test_dom_story_wins_over_a_longer_jsonld_body() -> None:
    dom = [LEAD, *REST, *(p.replace("Paragraph", "Section") for p in REST)]  # > 2,000 chars
    body, source = _body(_jsonld_page(dom, "\n".join([LEAD, *REST, *REST, *REST])))
    assert source != "jsonld" and "Paragraph 7" in body


def test_jsonld_with_raw_line_breaks_is_read() -> None:
    raw = '{"@type": "NewsArticle", "articleBody": "' + "\n".join(REST) + '"}'
    found = payload_body([Payload("jsonld", raw)])
    assert found is not None and found.text.count("\n") == len(REST) - 1
    page = f'<html><head><script type="application/ld+json">{raw}</script></head></html>'
    assert [p.source for p in find_payloads(lxml.html.document_fromstring(page))] == ["jsonld"]
