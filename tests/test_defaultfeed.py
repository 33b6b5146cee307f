"""The default feed applies only when no feed was asked for (Scrapy merges -o with FEEDS)."""

from __future__ import annotations

from scrapy.settings import Settings
from scrapy.utils.conf import feed_process_params_from_cli

import crawler.settings as project
from crawler.export.default_feed import DefaultFeedAddon


def project_settings() -> Settings:
    settings = Settings()
    settings.setmodule(project, priority="project")
    return settings


def test_default_feed_when_none_given() -> None:
    settings = project_settings()
    DefaultFeedAddon().update_settings(settings)
    assert list(settings.getdict("FEEDS")) == [project.CRAWLER_DEFAULT_FEED]
    # A run that exports nothing leaves no empty default feed behind.
    assert settings.getdict("FEEDS")[project.CRAWLER_DEFAULT_FEED]["store_empty"] is False


def test_command_line_feed_replaces_default() -> None:
    settings = project_settings()
    feeds = feed_process_params_from_cli(settings, ["mine.jsonl"])
    settings.set("FEEDS", feeds, priority="cmdline")
    DefaultFeedAddon().update_settings(settings)
    assert list(settings.getdict("FEEDS")) == ["mine.jsonl"]


def test_empty_default_disables() -> None:
    settings = project_settings()
    settings.set("CRAWLER_DEFAULT_FEED", "", priority="cmdline")
    DefaultFeedAddon().update_settings(settings)
    assert settings.getdict("FEEDS") == {}
