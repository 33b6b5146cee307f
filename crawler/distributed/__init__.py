"""Distributed crawling on scrapy-redis, switched on by the ``REDIS_URL`` setting.

* :mod:`.addon`: the switch (a Scrapy add-on in ``ADDONS``).
* :mod:`.queue`: scrapy-redis's priority queue made reliable: a popped request moves
  atomically into the worker's processing hash and leaves it only when acknowledged.
* :mod:`.scheduler`: scrapy-redis's scheduler with atomic seen-and-queued, and acks from
  :mod:`crawler.resume.tracker`.
* :mod:`.worker`: heartbeat, re-queueing of dead workers' requests, exit when the shared
  crawl is finished.
* :mod:`.ledger`: which worker exported which article (exactly-once across workers).
"""
