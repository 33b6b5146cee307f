"""The page tree: lxml.html's classes picked in C, and the readers that walk it."""

from __future__ import annotations

import lxml.html
from lxml import etree

from crawler.extraction.article import parse_html
from crawler.extraction.body_filters import link_keys

PAGE = ("<html><head><title>T</title><?php echo 1 ?></head><body><!-- c -->"
        "<form action='/s'><input name='q' value='x'><label>L</label></form>"
        "<p>Caf&eacute; <b>bold</b> tail</p></body></html>")


def test_tree_classes_and_text_match_lxml_html() -> None:
    ours = parse_html(PAGE)
    theirs = lxml.html.document_fromstring(PAGE)
    assert ours is not None
    assert etree.tostring(ours) == etree.tostring(theirs)
    for el in ours.iter():
        if el.tag is etree.Comment:
            assert isinstance(el, lxml.html.HtmlComment)
        elif el.tag is etree.ProcessingInstruction:
            assert isinstance(el, lxml.html.HtmlProcessingInstruction)
        else:
            assert isinstance(el, lxml.html.HtmlElement)
    assert ours.text_content() == theirs.text_content()
    assert [el.tag for el in ours.iter()] == [el.tag for el in theirs.iter()]


def test_link_keys_read_nested_and_plain_anchors() -> None:
    tree = parse_html("<html><body><a href='/a'>Plain  Link, text!</a>"
                      "<a href='/b'>Nested <b>bold</b> <i>words</i> here</a>"
                      "<a href='/c'><img src='x.png'></a><a href='#toc'>In page</a>"
                      "<a href='/d'>Text<!-- note --> after</a></body></html>")
    assert tree is not None
    assert link_keys(tree) == {"plain link text", "nested bold words here", "text after"}
