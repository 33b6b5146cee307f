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
    "crawler.export.default_feed.DefaultFeedAddon": 50,
    # With REDIS_URL set: a worker of a shared scrapy-redis crawl (crawler/distributed/).
    "crawler.distributed.addon.RedisAddon": 100,
}

# --- Politeness -----------------------------------------------------------------------
USER_AGENT = "news-crawler/0.1 (+https://pypi.org/project/news-crawler/; research crawler)"
ROBOTSTXT_OBEY = True
# Scrapy's Protego parser that also gives the Sitemap: lines (crawler/spiders/robots.py).
ROBOTSTXT_PARSER = "crawler.spiders.robots.SitemapRobotParser"
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
DOWNLOAD_HANDLERS = {
    "file": None, "data": None, "s3": None, "ftp": None,
    # Scrapy's HTTP/1.1 handler plus header limits and a check of the connected address.
    "http": "crawler.middlewares.download.GuardedDownloadHandler",
    "https": "crawler.middlewares.download.GuardedDownloadHandler",
}
# Security guards (crawler/middlewares/): no private/loopback/link-local addresses after DNS
# unless a start URL is on that host; drops for size counted as security/dropped/too_large*.
DOWNLOADER_MIDDLEWARES = {
    # The site boundary on every request, dont_filter (retries, their redirects) included.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.middlewares.boundary.SiteBoundaryMiddleware": 30,
    "crawler.middlewares.addresses.PrivateAddressMiddleware": 40,
    "crawler.middlewares.limits.SizeLimitStatsMiddleware": 60,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.middlewares.limits.CountingHttpCompressionMiddleware": 590,
    # Scrapy's robots.txt middleware, fixed so that no request skips the check (robots.py).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.spiders.robots.RobotsForEveryWaiter": 100,
}
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# --- Pipelines and output --------------------------------------------------------------
ITEM_PIPELINES = {
    "crawler.pipelines.encoding.EncodingRepairPipeline": 100,
    "crawler.pipelines.dates.DateSourcePipeline": 150,  # dates/source/<source>; no future date
    "crawler.pipelines.chrome.ChromeStripPipeline": 200,
    "crawler.pipelines.duplicates.DuplicatesPipeline": 300,
    "crawler.pipelines.validate.ValidatePipeline": 900,
    # Last, only what passed: the export guard (already exported: in this run, by an
    # earlier run unchanged, or in this crawl before a crash; see crawler/resume/).
    "crawler.pipelines.incremental.IncrementalPipeline": 950,
}
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORTERS = {
    "jsonlines": "crawler.export.exporters.ArticleJsonLinesExporter",
    "jsonl": "crawler.export.exporters.ArticleJsonLinesExporter",
    "jl": "crawler.export.exporters.ArticleJsonLinesExporter",
    # Every format omits absent fields (never null): crawler/export/exporters.py
    "json": "crawler.export.exporters.ArticleJsonExporter",
    "xml": "crawler.export.exporters.ArticleXmlExporter",
    "marshal": "crawler.export.exporters.ArticleMarshalExporter",
    "pickle": "crawler.export.exporters.ArticlePickleExporter",
}
FEED_STORAGES = {
    "": "crawler.export.storage.AtomicFileFeedStorage",
    "file": "crawler.export.storage.AtomicFileFeedStorage",
}
# FEEDS stays empty here: crawler.export.default_feed fills it with CRAWLER_DEFAULT_FEED only when
# no feed was given (-o/-O, -s FEEDS=…, scrapyd), since Scrapy would write both.
FEEDS: dict[str, dict[str, str]] = {}
# Default feed: output/<spider>/<start time>.jsonl (written as .part, renamed when closed).
CRAWLER_DEFAULT_FEED = "output/%(name)s/%(time)s.jsonl"
# A feed named with -o/-O/FEEDS is written even when empty (-O means overwrite); the default
# feed is not (crawler.export.default_feed): a run that exports nothing leaves no empty file behind.
FEED_STORE_EMPTY = True
EXTENSIONS = {
    # The crawl's state store (seen and exported URLs): opened, flushed and closed here only.
    "crawler.state.extension.CrawlState": 100,
    "crawler.extensions.progress_log.ProgressLog": 500,
    "crawler.extensions.summary.CrawlSummary": 510,
    "crawler.extensions.gc_tuning.TuneGarbageCollector": 520,
    # Control characters from pages (ESC sequences, bidi overrides) escaped in the log.
    "crawler.controls.EscapeControlsInLog": 530,
    "crawler.extensions.quietlogs.QuietLogs": 535,  # a failed robots.txt: one line
    # Off (REMOTE_CONTROL_ENABLED = False); None also spares the crawl importing it and
    # aiohttp at start-up (~0.25 s of CPU, ~10 MB), which the setting alone does not.
    "scrapy.extensions.remote_control.RemoteControl": None,
}
LOGSTATS_INTERVAL = 0  # replaced by our progress line
# Spider attributes substituted into FEEDS URIs (-a name=../../etc) stay one path segment.
FEED_URI_PARAMS = "crawler.export.uri_params.uri_params"
LOG_LEVEL = "INFO"
# A dropped item is one line (reason, URL), INFO when routine (unchanged since last export).
LOG_FORMATTER = "crawler.logformatter.ArticleLogFormatter"

# --- Our settings ------------------------------------------------------------------------
# TOML file listing the sites `scrapy crawl news` crawls when no -a url is given.
CRAWLER_SITES_FILE = ""  # empty: the sites.toml shipped in the package
# Where cross-run state lives (learned boilerplate, seen URLs, resume data).
CRAWLER_STATE_DIR = ".state"
# Extraction worker processes; 0 runs extraction inline on the reactor thread (debugging).
CRAWLER_EXTRACT_WORKERS = os.cpu_count() or 1
# Young-generation threshold of the garbage collector in the crawl and its workers, applied
# after start-up objects are frozen (0: Python's defaults). See crawler/extensions/gc_tuning.py.
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
# Records held at most (all sites) until their site's boilerplate is learned, so a fresh
# crawl's first articles are as clean as its last (0: none held); each is let go after at
# most CRAWLER_BOILERPLATE_HOLD_SECONDS (crawler.pipelines.chrome).
CRAWLER_BOILERPLATE_HOLD = 100
CRAWLER_BOILERPLATE_HOLD_SECONDS = 120.0
# Refuse requests whose host resolves to a non-public address (SSRF guard), except start hosts.
CRAWLER_REFUSE_PRIVATE_ADDRESSES = True
# Extra host[:port] entries that may be private (an intranet site crawled from a public one).
CRAWLER_ALLOWED_PRIVATE_HOSTS: list[str] = []
# Seconds a host's address verdict is cached before the host is resolved again.
CRAWLER_ADDRESS_VERDICT_TTL = 300.0
# Response header section limits; past either the response is dropped (headers_too_large).
CRAWLER_MAX_HEADER_BYTES = 256 * 1024
CRAWLER_MAX_HEADER_LINES = 1000

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
# Trap fan-out: new URLs from page links per path pattern (ids and the last segment as *,
# query names without values) and per page (start pages exempt); 0: no cap. Past either the
# link is skipped and counted (links/skipped/pattern_fanout, links/skipped/page_fanout).
CRAWLER_MAX_URLS_PER_PATTERN = 1000
CRAWLER_MAX_NEW_LINKS_PER_PAGE = 100
# Try /feed, /rss, /rss.xml, /atom.xml, /feed.xml, /index.xml once per site for home pages.
CRAWLER_PROBE_FEEDS = True
# The state store commits exports every this many items or seconds (and at the end).
CRAWLER_STATE_FLUSH_ITEMS = 50
CRAWLER_STATE_FLUSH_SECONDS = 5.0
# Near-duplicate bodies (MinHash estimate of word 5-shingle Jaccard) at or above: duplicateOf.
CRAWLER_NEAR_DUPLICATE_THRESHOLD = 0.8

# --- Crash-safe resume (README: "Crash-safe resume"; crawler/resume/) --------------------
# Requests are recorded in CRAWLER_STATE_DIR/resume/<spider>-<crawl fingerprint>.sqlite3 and
# marked done when their output is persisted; running the same command again after a
# crash (even SIGKILL) finishes the crawl, and orphaned *.part feeds are recovered.
SCHEDULER = "crawler.resume.scheduler.ResumableScheduler"
SPIDER_MIDDLEWARES = {"crawler.resume.tracker.OutputTrackerMiddleware": 1}  # closest to engine
CRAWLER_RESUME = True
# Spiders whose crawls are resumable (not `scrapy extract`'s saved_pages).
CRAWLER_RESUME_SPIDERS = ["news"]
# CRAWLER_COMMAND is set to "crawl" by `scrapy crawl` (crawler/commands/crawl.py, at the
# "command" priority, so it is not defined here): only a crawl keeps resume state;
# `scrapy shell`, `parse`, `check`, `demo` leave none behind.

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
# Seconds of CPU one page's extraction may take; past it the worker is replaced and the page
# counted as pages/failed/extraction_timeout (0: no limit). See crawler/pool.py.
CRAWLER_EXTRACT_CPU_LIMIT = 30

# --- Monitoring and the crawl report (README: "Monitoring"; crawler/monitoring/, report/) --
# spidermon runs the monitors when a crawl closes; the extensions around it count item
# outcomes and per-site coverage (before it) and write <feed>.report.html (after the summary).
SPIDERMON_ENABLED = True
EXTENSIONS.update({
    "crawler.monitoring.extension.SiteMonitoring": 505,
    "crawler.monitoring.runner.QuietSpidermon": 507,  # spidermon, one log line per finding
    "crawler.report.extension.CrawlReport": 515,
})
SPIDERMON_SPIDER_CLOSE_MONITORS = ["crawler.monitoring.suites.CrawlMonitorSuite"]
SPIDERMON_EXPECTED_FINISH_REASONS = ["finished"]
# Count outcomes and coverage, keep history and run the monitors for these spiders.
CRAWLER_MONITORING = True
CRAWLER_MONITOR_SPIDERS = ["news"]
# A site's coverage is compared with its mean over this many recent finished runs
# (CRAWLER_STATE_DIR/monitoring/<spider>.json keeps the last CRAWLER_MONITOR_HISTORY_KEEP).
CRAWLER_MONITOR_HISTORY_RUNS = 5
CRAWLER_MONITOR_HISTORY_KEEP = 30
# Coverage is judged for sites with at least this many exported articles in the run.
CRAWLER_MONITOR_MIN_ITEMS = 5
# Fail when a field's share falls by more than this against the recent runs...
CRAWLER_MONITOR_COVERAGE_DROP = 0.2
# ...or is under its floor (many sites print no byline: authors has none by default).
CRAWLER_MONITOR_COVERAGE_FLOOR = {"headline": 0.9, "articleBody": 0.9, "datePublished": 0.3,
                                  "authors": 0.0, "inLanguage": 0.8}
# Outcome shares are judged for sites with at least this many fetched pages.
CRAWLER_MONITOR_MIN_PAGES = 10
CRAWLER_MONITOR_MAX_SHARE = {"blocked": 0.1, "consent_wall": 0.1, "needs_javascript": 0.2,
                             "paywalled": 0.5, "failed": 0.25}
# ERROR log lines per fetched page.
CRAWLER_MONITOR_MAX_ERROR_RATE = 0.05
# spidermon actions run when a monitor fails (notifications); none by default.
CRAWLER_MONITOR_FAILED_ACTIONS: list[str] = []
# Exit code of `scrapy crawl` when a monitor failed (0: exit 0 as Scrapy does).
CRAWLER_MONITOR_FAILED_EXIT = 0
# Write <feed>.report.html beside each local feed (with the stats file).
CRAWLER_REPORT = True

# Class paths of the state store and of the export ledger (empty: the resume frontier's).
# With REDIS_URL the add-on (crawler/distributed/addon.py) sets both to the Redis ones.
CRAWLER_STATE_STORE = "crawler.state.sqlite_store.SqliteStateStore"
CRAWLER_EXPORT_LEDGER = ""

# Export what a crawl drops (too short, not an article, schema errors) with the reason in
# metadata.verdict; `scrapy extract` sets it so every input page gets a record.
CRAWLER_EXPORT_REJECTED = False
