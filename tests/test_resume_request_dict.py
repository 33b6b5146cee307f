"""The frontier's request serialisation matches Scrapy's, at a fraction of the cost."""

from __future__ import annotations

import pytest
from scrapy import Request

from crawler.scrapy_internals import request_to_dict
from crawler.spiders.news import NewsSpider


@pytest.mark.parametrize("errback", [True, False])
def test_same_as_scrapy_to_dict(errback: bool) -> None:
    spider = NewsSpider(url="https://news.example/")
    request = Request("https://news.example/a-b-c-d", callback=spider.parse,
                      errback=spider.on_error if errback else None, priority=7,
                      meta={"site": "news.example", "depth": 2})
    assert request_to_dict(request, spider) == request.to_dict(spider=spider)


def test_foreign_callback_falls_back_to_scrapy() -> None:
    spider = NewsSpider(url="https://news.example/")
    other = NewsSpider(url="https://other.example/")
    request = Request("https://news.example/x", callback=other.parse)
    assert request_to_dict(request, spider) == request.to_dict(spider=spider)
