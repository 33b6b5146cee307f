"""The default feed, used only when no other feed is configured.

Scrapy merges ``-o``/``-O`` with the ``FEEDS`` setting, so a default kept in ``FEEDS`` would
be written *as well as* the file the user asked for. This add-on fills ``FEEDS`` with
``CRAWLER_DEFAULT_FEED`` only when ``FEEDS`` is still empty once every other source
(command line, scrapyd, ``-s FEEDS=…``) has had its say.
"""

from __future__ import annotations

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings


class DefaultFeedAddon:
    """``CRAWLER_DEFAULT_FEED`` (a FEEDS URI; empty disables) when nothing else is set."""

    def update_settings(self, settings: BaseSettings) -> None:
        uri = settings.get("CRAWLER_DEFAULT_FEED")
        if uri and not settings.getdict("FEEDS"):
            # The empty FEEDS of settings.py sits at "project" priority: match it to replace it.
            priority = max(settings.getpriority("FEEDS") or 0, SETTINGS_PRIORITIES["addon"])
            # store_empty off: a run that exported nothing (a failed start, `scrapy parse`,
            # an incremental run with nothing new) leaves no empty default feed behind.
            feed = {"format": "jsonlines", "encoding": "utf-8", "store_empty": False}
            settings.set("FEEDS", {uri: feed}, priority=priority)
