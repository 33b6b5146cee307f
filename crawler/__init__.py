"""News-site crawler: Scrapy spiders, pure extraction and cleaning, JSON Lines feeds."""
