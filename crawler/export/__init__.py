"""How records become finished feed files.

* :mod:`.record`: item -> exported record (absent values omitted).
* :mod:`.exporters`: Scrapy's feed exporters, each given the record (``FEED_EXPORTERS``).
* :mod:`.storage`: local feeds written as ``<path>.part`` and renamed when closed
  (``FEED_STORAGES``); ``PART_SUFFIX`` is defined there.
* :mod:`.locks`: the lock that tells a live ``.part`` from the orphan of a killed run.
* :mod:`.recovery`: orphaned ``.part`` feeds cut to their last complete line and renamed.
* :mod:`.default_feed`: the add-on that sets the default feed when no other is configured.
* :mod:`.uri_params`: ``FEED_URI_PARAMS``, spider arguments made safe path segments.
"""
