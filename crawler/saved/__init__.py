"""Pages saved to disk, read for ``scrapy extract`` (no Scrapy import here).

* :mod:`.reader`: saved ``.html(.gz)`` files and WARC records as extraction inputs.
* :mod:`.progress_bar`: the terminal progress bar of ``scrapy extract``.
"""
