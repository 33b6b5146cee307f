"""Crash-safe resume of a single-machine crawl.

* :mod:`.frontier`: every scheduled request recorded in SQLite (``CRAWLER_STATE_DIR``) and
  marked done once what its callback produced is persisted, so a re-run after SIGKILL
  re-enqueues exactly the unfinished requests.
* :mod:`.tracker`: the spider middleware that knows when a response's output is persisted.
* :mod:`.scheduler`: Scrapy's scheduler on top of the frontier.
* :mod:`.exportonce`: orphaned ``*.part`` feeds of killed runs are recovered
  (:mod:`crawler.export.recovery`), their records counted as exported, and an article
  already exported is never written again.
"""
