"""Downloader middlewares that protect a crawl from hostile input.

* :mod:`crawler.middlewares.addresses`: no request reaches a private, loopback, link-local
  or otherwise non-public address unless a start URL is on that host (SSRF guard).
* :mod:`crawler.middlewares.limits`: responses dropped for size are counted
  (``security/dropped/too_large``), which Scrapy itself only logs.
"""
