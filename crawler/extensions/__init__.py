"""Scrapy extensions: knowing what a crawl is doing and what it did."""
