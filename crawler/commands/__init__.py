"""Custom scrapy commands: ``scrapy extract`` and ``scrapy demo``."""
