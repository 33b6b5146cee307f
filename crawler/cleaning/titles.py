"""Headline cleaning: the site-name suffix of a page title ("… - ForumDaily").

The last segment after " - ", " | ", " — ", " – ", " :: " or " · " is removed only when it
names the site: its letters and digits equal, or start with, the registered domain's label
(from the URL) or the given site name ("BBC News" on bbc.co.uk). Any other suffix is story
("Ukraine - the war at one year").
"""

from __future__ import annotations

import re

from crawler.cleaning.sites import site_label

SEPARATORS = (" - ", " | ", " — ", " – ", " :: ", " · ", " • ")
MAX_SUFFIX_CHARS = 60
_ALNUM = re.compile(r"[\W_]+")


def _split_suffix(title: str) -> tuple[str, str] | None:
    """(head, suffix) at the last separator, if the suffix is short; no regex, linear."""
    cut = max(title.rfind(sep) for sep in SEPARATORS)
    if cut <= 0:
        return None
    sep = next(s for s in SEPARATORS if title.startswith(s, cut))
    suffix = title[cut + len(sep) :].strip()
    if not suffix or len(suffix) > MAX_SUFFIX_CHARS:
        return None
    return title[:cut].rstrip(), suffix


def _key(text: str) -> str:
    return _ALNUM.sub("", text).casefold()


def _names_site(suffix: str, name: str) -> bool:
    """ "forumdaily" names forumdaily.com; "bbcnews" names bbc.co.uk (a name of 3+ chars that
    starts the suffix)."""
    return suffix == name or (len(name) >= 3 and suffix.startswith(name))


def clean_headline(
    title: str, url: str | None = None, site_name: str | None = None
) -> tuple[str, list[tuple[str, str]]]:
    """The title without a site-name suffix, and the removed parts as ("site_suffix", part)."""
    split = _split_suffix(title.strip())
    if split is None:
        return title, []
    head, part = split
    suffix = _key(part)
    names = {_key(site_name or "")}
    if url:
        names.add(_key(site_label(url)))
    names.discard("")
    if suffix and any(_names_site(suffix, name) for name in names):
        return head, [("site_suffix", part)]
    return title, []
