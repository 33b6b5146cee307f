"""The sites file: which sites a default crawl visits (TOML, see ``crawler/sites.toml``)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from crawler.exceptions import BadCrawlInput


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


def start_url_problem(url: str) -> str | None:
    """Why ``url`` cannot start a crawl (not http(s), no host), or None."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        if not parts.scheme:
            return f"{url!r} is not a URL (give e.g. https://site.example/)"
        return f"{url!r}: only http:// and https:// URLs can be crawled"
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return f"{url!r} has an invalid port"
    if not parts.hostname:
        return f"{url!r} has no host name"
    return None


def load_sites(path: str | Path | None = None) -> list[Site]:
    """Read a sites file; with no path, the one shipped in the package. Raises
    :class:`BadCrawlInput` (one line: which file, what is wrong) for a missing or
    unreadable file, bad TOML, an entry without name or start URLs, a bad start URL or
    pattern, or a file that lists no site."""
    where = str(path) if path else "the shipped sites.toml"
    try:
        if path:
            text = Path(path).read_text("utf-8")
        else:
            text = resources.files("crawler").joinpath("sites.toml").read_text("utf-8")
    except FileNotFoundError:
        raise BadCrawlInput(f"sites file not found: {where}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadCrawlInput(f"cannot read sites file {where}: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadCrawlInput(f"sites file {where} is not valid TOML: {exc}") from None
    entries = data.get("site", [])
    if not isinstance(entries, list) or not entries:
        raise BadCrawlInput(f"sites file {where} lists no [[site]] entry")
    try:
        return [_site(entry) for entry in entries]
    except (ValueError, TypeError, re.error) as exc:
        raise BadCrawlInput(f"sites file {where}: {exc}") from None


def _site(entry: dict[str, object]) -> Site:
    def strings(key: str) -> tuple[str, ...]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"'{key}' must be a list of strings in {entry!r}")
        return tuple(value)

    if not isinstance(entry, dict):
        raise ValueError(f"each [[site]] must be a table, got {entry!r}")
    name = entry.get("name")
    if not isinstance(name, str) or not strings("start"):
        raise ValueError(f"each [[site]] needs a name and start URLs: {entry!r}")
    for url in strings("start"):
        problem = start_url_problem(url)
        if problem:
            raise ValueError(f"site {name!r}: {problem}")
    return Site(
        name=name,
        start=strings("start"),
        domains=strings("domains"),
        allow=tuple(re.compile(p) for p in strings("allow")),
        deny=tuple(re.compile(p) for p in strings("deny")),
    )


def sites_from_urls(urls: str) -> list[Site]:
    """``-a url="A B,C"``: one site per distinct domain, start URLs grouped under it.
    Raises :class:`BadCrawlInput` for a URL that cannot start a crawl, or none at all."""
    grouped: dict[str, list[str]] = {}
    for url in re.split(r"[\s,]+", urls.strip()):
        if url:
            problem = start_url_problem(url)
            if problem:
                raise BadCrawlInput(f"-a url: {problem}")
            grouped.setdefault(site_domain(url), []).append(url)
    if not grouped:
        raise BadCrawlInput("-a url: no URL given")
    return [Site(name=domain, start=tuple(starts)) for domain, starts in grouped.items()]
