"""URL canonicalisation: one form per article, whatever variant a link, feed or sitemap used.

``canonical_url`` returns a fetchable URL with the noise removed (tracking parameters,
session ids, tokens and cache busters, fragment, default port, AMP and mobile variants,
trailing slash);
``url_key`` is the scheme- and ``www.``-less form used as the key of the state store and
of in-run de-duplication. Neither is ever used to fetch: we fetch what the site linked,
because the canonical form may not exist on the server (``/story/`` vs ``/story``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Parameters that say how a reader arrived, never which page it is.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ocid", "cmpid", "ncid", "ref_src",
    "ref_url", "smid", "sr_share", "spm", "at_medium", "at_campaign", "wt_mc", "xtor",
    "__twitter_impression", "s_cid", "cid_source",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "hsa_", "vero_", "oly_")
SESSION_PARAMS = frozenset({"sid", "sessionid", "session_id", "phpsessid", "jsessionid",
                            "cfid", "cftoken", "aspsessionid"})
# Parameters that change on every visit (tokens, nonces, cache busters, WordPress search):
# with them, one page would have endless URLs (a crawler trap).
VOLATILE_PARAMS = frozenset({"token", "nonce", "s", "_", "cb", "cachebuster", "cache_buster",
                             "nocache", "rnd", "rand", "random"})
# ``?amp``, ``?amp=1``, ``?outputType=amp``: the AMP rendering of the same article.
AMP_PARAMS = frozenset({"amp", "outputtype", "amp_js_v", "usqp"})
MOBILE_HOST_PREFIXES = ("m.", "mobile.", "amp.")
DEFAULT_PORTS = {"http": 80, "https": 443}

_SESSION_IN_PATH = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)
_AMP_SEGMENT = re.compile(r"/amp(?=/|$)", re.IGNORECASE)
_AMP_SUFFIX = re.compile(r"(?:\.amp(?=\.html?$)|\.amp$)", re.IGNORECASE)


def _keep_param(name: str) -> bool:
    lower = name.lower()
    return not (lower in TRACKING_PARAMS or lower in SESSION_PARAMS or lower in AMP_PARAMS
                or lower in VOLATILE_PARAMS or lower.startswith(TRACKING_PREFIXES))


def _host(scheme: str, hostname: str, port: int | None) -> str:
    host = hostname.lower().rstrip(".")
    for prefix in MOBILE_HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:  # m.site.com, not m.com
            host = host.removeprefix(prefix)
            break
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and DEFAULT_PORTS.get(scheme) != port:
        host = f"{host}:{port}"
    return host


def _path(path: str) -> str:
    path = _SESSION_IN_PATH.sub("", path)
    path = _AMP_SEGMENT.sub("", path)
    path = _AMP_SUFFIX.sub("", path)
    path = path.rstrip("/")
    return path or "/"


def canonical_url(url: str) -> str:
    """The canonical form of ``url`` (absolute http(s) URLs; others returned stripped)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if _keep_param(k)]
    rebuilt = urlunsplit((scheme, _host(scheme, parts.hostname, port), _path(parts.path),
                          urlencode(query), ""))
    # w3lib sorts the query and normalises percent-encoding, so equal URLs compare equal.
    return canonicalize_url(rebuilt, keep_fragments=False)


@lru_cache(maxsize=65536)  # navigation links recur on every page of a site
def url_key(url: str) -> str:
    """The key URLs are de-duplicated under: canonical, without scheme and ``www.``."""
    canon = canonical_url(url)
    _, sep, rest = canon.partition("://")
    if not sep:
        return canon
    return rest.removeprefix("www.")


def same_article(a: str, b: str) -> bool:
    """Whether two URLs name the same article once canonicalised."""
    return url_key(a) == url_key(b)
