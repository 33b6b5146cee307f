"""Knowing when a site breaks: each page's outcome and each site's field coverage, counted
(:mod:`.extension`), kept per site across runs (:mod:`.history`), judged by spidermon
monitors (:mod:`.monitors`, :mod:`.suites`) against thresholds in the settings
(:mod:`.checks`, which is pure and imports no Scrapy)."""
