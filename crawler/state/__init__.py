"""Persistent crawl state (seen and exported URLs). See :mod:`crawler.state.base`."""

from crawler.state.base import StateStore, UrlRecord

__all__ = ["StateStore", "UrlRecord"]
