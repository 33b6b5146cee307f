"""Check a crawl's settings and spider arguments before it starts.

A typo (``-s CRAWLER_MAX_PAGES_PER_SITE=abc``, ``-a days=two``) must stop the crawl with one
line that names the setting or argument, not a traceback from deep inside the crawl, and an
argument the spider does not know must not be silently ignored.
"""

from __future__ import annotations

import textwrap
from typing import Any

from scrapy.settings import BaseSettings

import crawler.settings as project_defaults
from crawler.exceptions import BadCrawlInput

_KINDS: dict[type, str] = {bool: "true or false (1/0)", int: "a whole number",
                           float: "a number"}
SCRAPY_ARGUMENTS = frozenset({"_job"})  # scrapyd passes the job id as a spider argument


def check_settings(settings: BaseSettings) -> None:
    """Raise :class:`BadCrawlInput` for a setting whose value cannot be read as the type of
    its default in ``crawler/settings.py`` (bool, int or float)."""
    for name in dir(project_defaults):
        default = getattr(project_defaults, name)
        if not name.isupper() or type(default) not in _KINDS:
            continue
        value = settings.get(name)
        if value is None or type(value) is type(default):
            continue
        try:
            if isinstance(default, bool):
                settings.getbool(name)
            elif isinstance(default, int):
                settings.getint(name)
            else:
                settings.getfloat(name)
        except (TypeError, ValueError):
            raise BadCrawlInput(f"setting {name}={value!r} must be "
                                f"{_KINDS[type(default)]}") from None


def unknown_arguments(spider_arguments: dict[str, str], given: dict[str, Any]) -> list[str]:
    """The ``-a`` names in ``given`` that the spider does not declare (its ``arguments``)."""
    return sorted(k for k in given if k not in spider_arguments and k not in SCRAPY_ARGUMENTS)


def arguments_help(spider_arguments: dict[str, str]) -> str:
    """``-a NAME=VALUE`` lines, each with its meaning indented below, for ``-h`` and warnings."""
    return "\n".join(f"  -a {name}=VALUE\n" + textwrap.fill(meaning, 78, initial_indent=" " * 8,
                                                           subsequent_indent=" " * 8)
                     for name, meaning in spider_arguments.items())
