"""The HTML parser every page tree is made with.

lxml.html's default parser picks each element's Python class in a Python callback
(``HtmlElementClassLookup.lookup``), run whenever lxml hands an element to Python: every
``iter()``, ``xpath()`` and child access of metadata, pruning, links, trafilatura and
readability. On a news page that is ~3,000 calls and ~5 % of extraction. This parser picks
the class in C: ``HtmlElement`` for every element (forms and inputs lose lxml.html's form
helpers, which nothing here uses), and lxml.html's own classes for comments, processing
instructions and entities.
"""

from __future__ import annotations

import lxml.html
from lxml import etree

HTML_PARSER = lxml.html.HTMLParser()
HTML_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
))
