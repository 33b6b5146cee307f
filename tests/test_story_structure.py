"""Which blocks sit among the story's paragraphs (crawler.extraction.story_structure)."""

from __future__ import annotations

import lxml.html

from crawler.extraction.second_opinion import line_keys
from crawler.extraction.story_structure import among_paragraphs

P1 = ("The ferry company said on Monday that the night crossing to the islands would resume "
      "in March after the repairs to the harbour wall are finished.")
P2 = ("Fishermen on the north quay said the delay had cost them most of the winter season, "
      "since the morning boat was the only way to get their catch to the market.")
P3 = "A spokesman for the port authority declined to give a date for the second phase."


def test_subheadings_and_lists_between_paragraphs_are_found() -> None:
    el = lxml.html.fragment_fromstring(
        f"<div><h3>Before the story</h3><p>{P1}</p><h3>What the repairs cost</h3>"
        f"<ol><li>The harbour wall</li><li>The north quay</li></ol><p>{P2}</p>"
        f"<div><h4>Inside a box</h4></div><p>{P3}</p><ul><li>Related: ferries</li></ul></div>"
    )
    keys = line_keys(among_paragraphs(el))
    assert keys == {"What the repairs cost", "The harbour wall", "The north quay"}


def test_paragraphs_without_prose_do_not_frame_a_block() -> None:
    el = lxml.html.fragment_fromstring(
        f"<div><p>{P1}</p><h3>Share this</h3><p><img src='a.png'></p>"
        f"<div><p>{P2}</p></div></div>"
    )
    assert among_paragraphs(el) == []
