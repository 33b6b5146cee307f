"""Scrapy settings for the news crawler.

Scrapy's own settings first, then ours, all prefixed ``CRAWLER_`` and documented here.
"""

from __future__ import annotations

import os

BOT_NAME = "crawler"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"
ADDONS: dict[str, int] = {
    "crawler.defaultfeed.DefaultFeedAddon": 50,
    # With REDIS_URL set: a worker of a shared scrapy-redis crawl (crawler/distributed/).
    "crawler.distributed.addon.RedisAddon": 100,
}

# --- Politeness -----------------------------------------------------------------------
USER_AGENT = "news-crawler/0.1 (+https://pypi.org/project/news-crawler/; research crawler)"
ROBOTSTXT_OBEY = True
ROBOTSTXT_PARSER = "scrapy.robotstxt.ProtegoRobotParser"
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
# Scrapy starts CONCURRENT_ITEMS asyncio tasks for every response's output; our pipelines are
# synchronous, so parallel items buy nothing and 100 tasks a page cost ~6 ms of reactor CPU.
CONCURRENT_ITEMS = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
TELNETCONSOLE_ENABLED = False  # no listening ports a crawl does not need
REMOTE_CONTROL_ENABLED = False
COOKIES_ENABLED = False  # news pages need none; no cookie can then leak across hosts

# --- Robustness and limits -----------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # decompressed; a news page is well under 2 MB
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
DEPTH_LIMIT = 4
DEPTH_PRIORITY = 0
METAREFRESH_ENABLED = False
DOWNLOAD_HANDLERS = {"file": None, "data": None, "s3": None, "ftp": None}
# Security guards (crawler/middlewares/): no private/loopback/link-local addresses after DNS
# unless a start URL is on that host; drops for size counted as security/dropped/too_large*.
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.addresses.PrivateAddressMiddleware": 40,
    "crawler.middlewares.limits.SizeLimitStatsMiddleware": 60,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.middlewares.limits.CountingHttpCompressionMiddleware": 590,
}
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# --- Pipelines and output --------------------------------------------------------------
ITEM_PIPELINES = {
    "crawler.pipelines.encoding.EncodingRepairPipeline": 100,
    "crawler.pipelines.chrome.ChromeStripPipeline": 200,
    "crawler.pipelines.duplicates.DuplicatesPipeline": 300,
    "crawler.pipelines.validate.ValidatePipeline": 900,
    "crawler.pipelines.incremental.IncrementalPipeline": 950,  # last: only what passed
    "crawler.resume.exportonce.ExportOncePipeline": 990,  # crash-safe resume: see below
}
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORTERS = {
    "jsonlines": "crawler.exporters.ArticleJsonLinesExporter",
    "jsonl": "crawler.exporters.ArticleJsonLinesExporter",
    "jl": "crawler.exporters.ArticleJsonLinesExporter",
}
FEED_STORAGES = {
    "": "crawler.feedstorage.AtomicFileFeedStorage",
    "file": "crawler.feedstorage.AtomicFileFeedStorage",
}
# FEEDS stays empty here: crawler.defaultfeed fills it with CRAWLER_DEFAULT_FEED only when
# no feed was given (-o/-O, -s FEEDS=…, scrapyd), since Scrapy would write both.
FEEDS: dict[str, dict[str, str]] = {}
# Default feed: output/<spider>/<start time>.jsonl (written as .part, renamed when closed).
CRAWLER_DEFAULT_FEED = "output/%(name)s/%(time)s.jsonl"
FEED_STORE_EMPTY = True
EXTENSIONS = {
    "crawler.extensions.progress.ProgressLog": 500,
    "crawler.extensions.summary.CrawlSummary": 510,
    "crawler.extensions.gctune.TuneGarbageCollector": 520,
}
LOGSTATS_INTERVAL = 0  # replaced by our progress line
# Spider attributes substituted into FEEDS URIs (-a name=../../etc) stay one path segment.
FEED_URI_PARAMS = "crawler.feeduri.uri_params"
LOG_LEVEL = "INFO"

# --- Our settings ------------------------------------------------------------------------
# TOML file listing the sites `scrapy crawl news` crawls when no -a url is given.
CRAWLER_SITES_FILE = ""  # empty: the sites.toml shipped in the package
# Where cross-run state lives (learned boilerplate, seen URLs, resume data).
CRAWLER_STATE_DIR = ".state"
# Extraction worker processes; 0 runs extraction inline on the reactor thread (debugging).
CRAWLER_EXTRACT_WORKERS = os.cpu_count() or 1
# Young-generation threshold of the garbage collector in the crawl and its workers, applied
# after start-up objects are frozen (0: Python's defaults). See crawler/gctuning.py.
CRAWLER_GC_THRESHOLD = 10_000
# A page whose extracted body is shorter than this is not an article.
CRAWLER_MIN_BODY_CHARS = 300
# After cleaning, a body shorter than this is dropped (BodyTooShort).
CRAWLER_MIN_CLEAN_BODY_CHARS = 200
# Add removedLines (each removed line with the rule that removed it) to every record.
CRAWLER_AUDIT = False
# Drop (instead of mark with duplicateOf) articles whose body duplicates an earlier one.
CRAWLER_DROP_DUPLICATES = False
# Pages fetched per site at most (0: no limit).
CRAWLER_MAX_PAGES_PER_SITE = 5000
# Seconds between progress lines in the log (0: off).
CRAWLER_PROGRESS_INTERVAL = 10.0
# `scrapy extract` shows a progress bar on a terminal for inputs at least this large.
CRAWLER_PROGRESS_BAR_MIN_BYTES = 10 * 1024 * 1024
# Learned site boilerplate (see crawler.cleaning.boilerplate).
CRAWLER_LEARN_BOILERPLATE = True
# Refuse requests whose host resolves to a non-public address (SSRF guard), except start hosts.
CRAWLER_REFUSE_PRIVATE_ADDRESSES = True
# Extra host[:port] entries that may be private (an intranet site crawled from a public one).
CRAWLER_ALLOWED_PRIVATE_HOSTS: list[str] = []

# --- Discovery and incremental runs (README: "Incremental runs, date windows and duplicates")
# Ignore the state of earlier runs (same as -a fresh=1); this run's exports are still recorded.
CRAWLER_FRESH = False
# Exported articles published within this many days are re-fetched and re-exported if changed.
CRAWLER_RECHECK_DAYS = 2.0
# Date window: skip what sitemaps/feeds/pages date earlier (same as -a since= / -a days=).
CRAWLER_SINCE = ""
CRAWLER_DAYS = ""
# Archive pagination followed up to this page number (/page/N, ?page=N; 0: unbounded).
CRAWLER_MAX_ARCHIVE_PAGES = 10
# Try /feed, /rss, /rss.xml, /atom.xml, /feed.xml, /index.xml once per site for home pages.
CRAWLER_PROBE_FEEDS = True
# The state store commits exports every this many items or seconds (and at the end).
CRAWLER_STATE_FLUSH_ITEMS = 50
CRAWLER_STATE_FLUSH_SECONDS = 5.0
# Near-duplicate bodies (MinHash estimate of word 5-shingle Jaccard) at or above: duplicateOf.
CRAWLER_NEAR_DUPLICATE_THRESHOLD = 0.8

# --- Crash-safe resume (README: "Crash-safe resume"; crawler/resume/) --------------------
# Requests are recorded in CRAWLER_STATE_DIR/resume/<spider>.sqlite3 when scheduled and
# marked done when their output is persisted; running the same command again after a
# crash (even SIGKILL) finishes the crawl, and orphaned *.part feeds are recovered.
SCHEDULER = "crawler.resume.scheduler.ResumableScheduler"
SPIDER_MIDDLEWARES = {"crawler.resume.tracker.OutputTrackerMiddleware": 1}  # closest to engine
CRAWLER_RESUME = True
# Spiders whose crawls are resumable (not `scrapy extract`'s saved_pages).
CRAWLER_RESUME_SPIDERS = ["news"]

# --- Distributed crawling (README: "Distributed crawling on Redis"; crawler/distributed/) --
# redis://host:6379/0 makes this process one worker of a shared crawl (empty: single machine).
REDIS_URL = ""
# Prefix of every Redis key of a crawl; crawls sharing one Redis need different prefixes.
CRAWLER_REDIS_PREFIX = "crawler:"
# Heartbeat period and expiry (s): a worker silent for the TTL is dead, its requests re-queued.
CRAWLER_REDIS_HEARTBEAT = 1.0
CRAWLER_REDIS_HEARTBEAT_TTL = 5.0
# A worker exits once nothing is queued or in flight anywhere for this long (s).
CRAWLER_REDIS_IDLE_CLOSE = 3.0
# Export what a crawl drops (too short, not an article, schema errors) with the reason in
# metadata.verdict; `scrapy extract` sets it so every input page gets a record.
CRAWLER_EXPORT_REJECTED = False
