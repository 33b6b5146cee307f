"""Site keys from URLs: the registered domain, from tldextract's bundled suffix snapshot.

No network: ``suffix_list_urls=()`` and no cache directory, so the list shipped inside the
package is used. IP addresses and single-label hosts ("localhost") are their own key.
"""

from __future__ import annotations

from functools import lru_cache

import tldextract

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=4096)
def _parts(url: str) -> tuple[str, str]:
    result = _EXTRACT(url)
    return result.domain.lower(), result.suffix.lower()


def site_key(url: str) -> str:
    """The registered domain of ``url`` ("news.bbc.co.uk" → "bbc.co.uk"); "" if none."""
    domain, suffix = _parts(url)
    return f"{domain}.{suffix}" if domain and suffix else domain


def site_label(url: str) -> str:
    """The registered domain without its suffix ("www.forumdaily.com" → "forumdaily")."""
    return _parts(url)[0]
