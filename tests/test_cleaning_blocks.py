"""Block rules: the related-headline list and the bare tag line, in context."""

from __future__ import annotations

from crawler.cleaning import clean_body

STORY = "The council approved the budget on Tuesday after a long debate, the mayor said."


def _removed(text: str) -> list[tuple[str, str]]:
    return clean_body(text).removed


def test_related_list_at_end_removed() -> None:
    text = f"{STORY}\n\nRead also:\n\nFive bridges that changed cities\nWhy engineers love cables"
    assert _removed(text) == [
        ("related_header", "Read also:"),
        ("related_list", "Five bridges that changed cities"),
        ("related_list", "Why engineers love cables"),
    ]


def test_related_list_stops_where_story_resumes() -> None:
    text = f"{STORY}\nRelated\nFive bridges that changed cities\n{STORY}\nA short line here"
    result = clean_body(text)
    assert [name for name, _ in result.removed] == ["related_header", "related_list"]
    assert "A short line here" in result.text
    assert result.text.count(STORY) == 2


def test_sentence_after_header_is_not_a_headline() -> None:
    text = f"Read also:\n“We will build it,” the mayor said.\n{STORY}"
    assert _removed(text) == [("related_header", "Read also:")]


def test_too_long_list_is_left_alone() -> None:
    items = "\n".join(f"Headline number {chr(65 + i)} about things" for i in range(13))
    removed = _removed(f"{STORY}\nRead also:\n{items}")
    assert removed == [("related_header", "Read also:")]


def test_inline_lead_in_is_not_a_block_header() -> None:
    text = f"Read also: One headline here\nAnother Short Line\n{STORY}"
    assert _removed(text) == [("lead_in", "Read also: One headline here")]


def test_tag_line_in_trailing_chrome_removed() -> None:
    text = (
        f"{STORY}\nMiscellanea USA a meeting Russia World Special Projects\nFollow us on Telegram"
    )
    assert ("tag_line", "Miscellanea USA a meeting Russia World Special Projects") in _removed(text)


def test_capitalised_line_before_story_kept() -> None:
    text = f"Photo: IStock\nWhat Happens Next For The City\n{STORY}\nFollow us on Telegram"
    result = clean_body(text)
    assert "What Happens Next For The City" in result.text


def test_capitalised_line_not_next_to_chrome_kept() -> None:
    text = f"{STORY}\nNew York City Council Members"
    assert _removed(text) == []
