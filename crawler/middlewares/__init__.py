"""Downloader components that protect a crawl from hostile input.

* :mod:`crawler.middlewares.boundary`: every request, ``dont_filter`` (retries and the
  redirects after them) included, stays within the spider's ``allowed_domains``.
* :mod:`crawler.middlewares.addresses`: no request reaches a private, loopback, link-local
  or otherwise non-public address unless a start URL is on that host (SSRF guard).
* :mod:`crawler.middlewares.download`: the HTTP/1.1 download handler with header limits
  and a check of the address actually connected to.
* :mod:`crawler.middlewares.limits`: responses dropped for size are counted
  (``security/dropped/too_large``), which Scrapy itself only logs.
"""
