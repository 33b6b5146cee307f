"""The sites file: which sites a default crawl visits (TOML, see ``crawler/sites.toml``)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Site:
    """One ``[[site]]`` entry."""

    name: str
    start: tuple[str, ...]
    domains: tuple[str, ...] = ()
    allow: tuple[re.Pattern[str], ...] = ()
    deny: tuple[re.Pattern[str], ...] = ()

    def all_domains(self) -> set[str]:
        return set(self.domains) | {site_domain(u) for u in self.start}

    def url_allowed(self, url: str) -> bool:
        """Allow/deny patterns: denied if any deny matches; if allows exist, one must match."""
        if any(p.search(url) for p in self.deny):
            return False
        return not self.allow or any(p.search(url) for p in self.allow)


def site_domain(url: str) -> str:
    """The host a start URL stands for, without a leading ``www.``."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def load_sites(path: str | Path | None = None) -> list[Site]:
    """Read a sites file; with no path, the one shipped in the package."""
    if path:
        text = Path(path).read_text("utf-8")
    else:
        text = resources.files("crawler").joinpath("sites.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return [_site(entry) for entry in data.get("site", [])]


def _site(entry: dict[str, object]) -> Site:
    def strings(key: str) -> tuple[str, ...]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"sites file: '{key}' must be a list of strings in {entry!r}")
        return tuple(value)

    name = entry.get("name")
    if not isinstance(name, str) or not strings("start"):
        raise ValueError(f"sites file: each [[site]] needs a name and start URLs: {entry!r}")
    return Site(
        name=name,
        start=strings("start"),
        domains=strings("domains"),
        allow=tuple(re.compile(p) for p in strings("allow")),
        deny=tuple(re.compile(p) for p in strings("deny")),
    )


def sites_from_urls(urls: str) -> list[Site]:
    """``-a url="A B,C"``: one site per distinct domain, start URLs grouped under it."""
    grouped: dict[str, list[str]] = {}
    for url in re.split(r"[\s,]+", urls.strip()):
        if url:
            grouped.setdefault(site_domain(url), []).append(url)
    return [Site(name=domain, start=tuple(starts)) for domain, starts in grouped.items()]
