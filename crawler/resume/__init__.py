"""Crash-safe resume of a single-machine crawl.

* :mod:`.frontier`: every scheduled request recorded in SQLite (``CRAWLER_STATE_DIR``) and
  marked done once what its callback produced is persisted, so a re-run after SIGKILL
  re-enqueues exactly the unfinished requests.
* :mod:`.tracker`: the spider middleware that knows when a response's output is persisted.
* :mod:`.scheduler`: Scrapy's scheduler on top of the frontier.
* :mod:`.exportonce`: the export ledger (keys this crawl exported) and the recovery of
  orphaned ``*.part`` feeds of killed runs (:mod:`crawler.export.recovery`), their records
  counted as exported; the export guard
  (:class:`crawler.pipelines.incremental.IncrementalPipeline`) opens both at start and
  never lets an article already exported be written again.
"""
