"""The site boundary, checked on every request, ``dont_filter`` or not.

Scrapy's ``OffsiteMiddleware`` lets ``dont_filter`` requests through, and ``RetryMiddleware``
sets ``dont_filter`` on every retry; the redirect that follows a retry inherits it. A page
that answers 503 once and then redirects elsewhere would get the other host fetched and
exported. This subclass applies the same host rule (``allowed_domains`` and their
subdomains; every host when a spider lists none) to every request, redirects included,
whatever ``dont_filter`` or ``allow_offsite`` say.
"""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

from crawler.stats import inc_stat

logger = logging.getLogger(__name__)


class OffsiteRequest(IgnoreRequest):
    """The request's host is outside the spider's ``allowed_domains``."""


class SiteBoundaryMiddleware(OffsiteMiddleware):
    """``security/refused/offsite`` for every request refused, and Scrapy's offsite stats."""

    # Without the deprecated `spider` argument, which Scrapy 2.14+ warns about.
    def process_request(self, request: Request) -> None:  # type: ignore[override]
        assert self.crawler.spider
        if self.should_follow(request, self.crawler.spider):
            return
        host = urlparse_cached(request).hostname or ""
        if host not in self.domains_seen:
            self.domains_seen.add(host)
            self.stats.inc_value("offsite/domains")
            # Only the first request to a host is logged; %r escapes what the page chose.
            logger.info("refused offsite request to %r: %r", host, request.url)
        self.stats.inc_value("offsite/filtered")
        inc_stat(self.stats, "security", "refused", "offsite")
        raise OffsiteRequest(f"offsite request to {host!r}")
