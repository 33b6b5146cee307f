"""Headline cleaning: the site-name suffix of a page title ("… - ForumDaily").

The last segment after " - ", " | ", " — ", " – ", " :: " or " · " is removed only when it
names the site: its letters and digits equal the registered domain's label (from the URL)
or the given site name. Any other suffix is story ("Ukraine - the war at one year").
"""

from __future__ import annotations

import re

from crawler.cleaning.sites import site_label

_SUFFIX = re.compile(r"\s+(?:[-|—–·•]|::)\s+([^-|—–·•:]{1,60})$")
_ALNUM = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    return _ALNUM.sub("", text).casefold()


def clean_headline(
    title: str, url: str | None = None, site_name: str | None = None
) -> tuple[str, list[tuple[str, str]]]:
    """The title without a site-name suffix, and the removed parts as ("site_suffix", part)."""
    stripped = title.strip()
    match = _SUFFIX.search(stripped)
    if match is None:
        return title, []
    suffix = _key(match.group(1))
    names = {_key(site_name or "")}
    if url:
        names.add(_key(site_label(url)))
    names.discard("")
    if suffix and (suffix in names or any(n.startswith(suffix) for n in names)):
        return stripped[: match.start()].rstrip(), [("site_suffix", match.group(1).strip())]
    return title, []
