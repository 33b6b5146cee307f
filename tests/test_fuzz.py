"""Fuzzing: extraction, cleaning and encoding repair never raise, whatever the bytes, and
every record they produce is valid against the JSON Schema.

Bounded: few examples each, no deadline (one page can take tens of ms to extract)."""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.cleaning import clean_body
from crawler.cleaning.encoding import repair_encoding
from crawler.export.record import to_record
from crawler.extraction import ExtractOptions, PageInput, process_page
from crawler.extraction.decode import decode_body
from crawler.hashing import content_hash
from crawler.schema import schema_errors
from tests.faultsite.pages import article_html, unclosed_html

FUZZ = settings(max_examples=80, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
URL = "https://news.example/news/2026/11/20/harbour-pier-closes-for-repairs.html"
ENCODINGS = ["utf-8", "utf-16", "windows-1251", "windows-1252", "iso-8859-1", "koi8-r",
             "shift_jis", "gb18030", "big5", "iso-8859-9", "utf-7", "x-klingon", ""]
LABELS = st.one_of(st.sampled_from([*ENCODINGS, None]), st.text(max_size=20))
BASE_PAGE = article_html("harbour-pier-closes-for-repairs", "Harbour pier closes for repairs",
                         3, "utf-8")
CHROME = ["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<!--", "-->", "<![CDATA[",
          "\x00", "\ufeff", "&amp;", "&#0;", "&#xD800;", "<title>", "<html>", "<body>",
          "</html>", "<table><tr><td>", "Share on Facebook", "Read also: ", "\u202e", "\r"]


@st.composite
def mutated_pages(draw: st.DrawFn) -> tuple[bytes, str | None]:
    """The base article with random splices, deletions and junk, in a random encoding."""
    text = BASE_PAGE
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "chrome"]))
        if action == "insert":
            text = text[:at] + draw(st.text(max_size=200)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 2000)):]
        elif action == "duplicate":
            text = text[:at] + text[at:at + 500] * draw(st.integers(2, 20)) + text[at:]
        else:
            text = text[:at] + draw(st.sampled_from(CHROME)) + text[at:]
    encoding = draw(st.sampled_from(ENCODINGS[:-2]))
    body = text.encode(encoding, "replace")
    if draw(st.booleans()):  # and some raw byte damage after encoding
        at = draw(st.integers(0, len(body)))
        body = body[:at] + draw(st.binary(max_size=64)) + body[at:]
    return body, draw(LABELS)


def pipeline_record(page: PageInput) -> dict | None:
    """process_page, then the pipelines' pure functions, as a crawl would: the record or None."""
    result = process_page(page, ExtractOptions())
    if result.article is None:
        return None
    record = to_record(result.article)
    for name in ("headline", "articleBody", "description"):
        if isinstance(record.get(name), str) and record[name]:
            record[name] = repair_encoding(record[name])[0]
    body = clean_body(record.get("articleBody") or "").text
    if len(body) < 200 or not record.get("headline"):
        return None  # ValidatePipeline drops these: not a produced record
    record["articleBody"] = body
    record["metadata"] = {**record.get("metadata", {}), "contentHash": content_hash(body)}
    return to_record(record)


@FUZZ
@given(st.binary(max_size=20_000), LABELS)
def test_process_page_never_raises_on_random_bytes(body: bytes, declared: str | None) -> None:
    result = process_page(PageInput(URL, body, declared))
    assert result.article is None or result.article.url == URL


@FUZZ
@given(mutated_pages())
def test_mutated_pages_give_valid_records(page: tuple[bytes, str | None]) -> None:
    body, declared = page
    record = pipeline_record(PageInput(URL, body, declared))
    if record is not None:
        assert schema_errors(record) == [], record


def test_unmutated_page_gives_a_record() -> None:
    """The fuzz above checks something: the base page does produce a valid record."""
    record = pipeline_record(PageInput(URL, BASE_PAGE.encode(), "utf-8"))
    assert record is not None and schema_errors(record) == []


@FUZZ
@given(st.text(max_size=5000))
def test_clean_body_never_raises(text: str) -> None:
    result = clean_body(text)
    assert isinstance(result.text, str)
    assert len(result.text) <= len(text)


@FUZZ
@given(st.text(max_size=5000))
def test_repair_encoding_never_raises(text: str) -> None:
    fixed, kinds = repair_encoding(text)
    assert isinstance(fixed, str) and all(isinstance(k, str) for k in kinds)


@FUZZ
@given(st.text(max_size=3000), st.sampled_from(ENCODINGS[:-2]), LABELS)
def test_repair_encoding_of_mojibake_never_raises(text: str, real: str, shown: str | None) -> None:
    """Text encoded one way and decoded another: the mojibake repair exists for."""
    raw = text.encode(real, "replace")
    try:
        codecs.lookup(shown or "")
        garbled = raw.decode(shown or "latin-1", "replace")
    except (LookupError, UnicodeError, ValueError):  # unknown or malformed label
        garbled = raw.decode("latin-1")
    fixed, _ = repair_encoding(garbled)
    assert isinstance(fixed, str)


@FUZZ
@given(st.binary(max_size=20_000), LABELS)
def test_decode_body_never_raises(body: bytes, declared: str | None) -> None:
    decoded = decode_body(body, declared)
    assert isinstance(decoded.text, str)
    assert decoded.encoding


def test_unclosed_title_page_does_not_raise() -> None:
    """Regression: the whole page inside an unclosed <title> once made readability's
    fragment parsing assert ("too many bodies") inside process_page (fixed in d08534e)."""
    result = process_page(PageInput(URL, unclosed_html(), "utf-8"))
    assert result.article is None
