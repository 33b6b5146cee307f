"""Crawl throughput against trafilatura and our own extraction in single-process loops.

    .venv/bin/python benchmarks/crawl_throughput.py                 # 2,000 pages, 1 run
    .venv/bin/python benchmarks/crawl_throughput.py --heavy --runs 3  # link-heavy pages
    .venv/bin/python benchmarks/crawl_throughput.py --runs 3        # medians over 3 runs
    .venv/bin/python benchmarks/crawl_throughput.py --pages 20000   # + RSS of the crawl over time

Generates a news site of article pages in a temporary directory, serves it on 127.0.0.1,
crawls it with the real ``news`` spider in a subprocess (no delays, high concurrency, robots
on) and, from the same pages, times ``trafilatura.extract`` in a loop (what a user would run
instead) and ``process_page`` plus the pipelines' cleaning called in a plain loop in one
process. Prints pages/s and CPU per page of each and their ratios, the load average, and the
RSS and PSS of the crawl's process tree (crawler, fork server, extraction workers) at every
tenth of the crawl; while a crawl runs, a memory line every two minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.cleaning import clean_body  # noqa: E402
from crawler.cleaning.encoding import repair_encoding  # noqa: E402
from crawler.demo.server import SiteServer, _Handler, running  # noqa: E402
from crawler.export.record import to_record  # noqa: E402
from crawler.extensions.gc_tuning import DEFAULT_THRESHOLD, tune_gc  # noqa: E402
from crawler.extraction import ExtractOptions, PageInput, process_page  # noqa: E402
from crawler.extraction.links import KnownLinks  # noqa: E402
from crawler.hashing import content_hash  # noqa: E402
from crawler.schema import schema_errors  # noqa: E402

_TEXT = (
    "council harbour river bridge school market railway station library museum police "
    "budget election mayor residents engineers farmers weather storm flood festival "
    "hospital nurses teachers students workers company factory jobs prices housing "
    "transport buses trains road repairs park garden football club season final report "
    "minister government court judge trial witness evidence plan vote opposition support"
)
WORDS = tuple(_TEXT.split())
NAV = "".join(f'<li><a href="/section/s{i}/">Section {i}</a></li>' for i in range(40))


class _KeepAliveHandler(_Handler):
    """The demo site's handler over HTTP/1.1: connections are reused, as news sites do."""

    protocol_version = "HTTP/1.1"


@contextlib.contextmanager
def serve(root: Path) -> Iterator[SiteServer]:
    server = SiteServer(root)
    server.RequestHandlerClass = _KeepAliveHandler
    with running(server):
        yield server


@dataclass
class Run:
    crawl_pps: float
    loop: Loop
    tuned_loop: Loop
    traf: Loop
    articles: int
    seconds: float
    rss_mb: list[float]
    pss_mb: list[float]
    """Proportional set size of the same tree: a page shared by n processes counts 1/n in
    each (the fork server's warm extraction is shared with every worker; RSS counts it once
    per process)."""
    main_ms: float = 0.0  # CPU per exported article: the crawl process
    workers_ms: float = 0.0  # the extraction workers together
    server_ms: float = 0.0  # this process, serving the site

    @property
    def ratio(self) -> float:
        """Against the plain loop: what a user gets over calling the extraction themselves."""
        return self.crawl_pps / self.loop.pps

    @property
    def tuned_ratio(self) -> float:
        """Against the loop with the crawl's garbage-collector setting: the pool's share."""
        return self.crawl_pps / self.tuned_loop.pps

    @property
    def traf_ratio(self) -> float:
        """Against what a user would run instead: ``trafilatura.extract`` in a loop."""
        return self.crawl_pps / self.traf.pps


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
    return " ".join(words).capitalize() + "."


def article_path(i: int) -> str:
    rng = random.Random(-1 - i)
    return f"/news/2026/11/{1 + i % 28:02d}/story-{i}-{rng.choice(WORDS)}-{rng.choice(WORDS)}.html"


def article_page(i: int, total: int) -> tuple[str, str]:
    """(path, html) of article ``i``: chrome around 6-10 paragraphs of unique text."""
    rng = random.Random(i)
    day = 1 + i % 28
    path = article_path(i)
    title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize() + f" {i}"
    paras = "".join(f"<p>{' '.join(_sentence(rng) for _ in range(4))}</p>"
                    for _ in range(rng.randint(6, 10)))
    teasers = "".join(f'<div class="teaser"><h3>{_sentence(rng)}</h3><p>{_sentence(rng)}</p>'
                      f"<span>{rng.randint(1, 59)} min ago</span></div>" for _ in range(80))
    # Real news pages are ~110 KB (median of ../shared/bench): app state, ad slots, widgets.
    state = json.dumps({"articles": [{"id": k, "title": _sentence(rng), "tags": WORDS[k % 40:][:6]}
                                     for k in range(120)]})
    nest, unnest = '<div class="w"><div class="x"><div class="y">' * 3, "</div></div></div>" * 3
    widgets = "".join(f'<div class="ad-slot slot-{k}" data-pos="{k}">{nest}<span>'
                      f"Advertisement</span><div><p>{_sentence(rng)}</p></div>{unnest}</div>"
                      for k in range(300))
    comments = "".join(f'<li class="comment"><b>Reader {k}</b><p>{_sentence(rng)} '
                       f"{_sentence(rng)}</p></li>" for k in range(20))
    # Related stories link to real articles, as on a news site (the crawl has seen most).
    related = "".join(f'<li><a href="{article_path((i + k) % total)}">Related story {k}</a></li>'
                      for k in range(1, 6))
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": f"2026-11-{day:02d}T09:15:00+01:00",
                     "author": [{"@type": "Person", "name": "Ada Fielding"}]})
    html = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} - The '
        'Bench Times</title><meta property="og:type" content="article">'
        f'<meta name="description" content="{_sentence(rng)}">'
        f'<script type="application/ld+json">{ld}</script>'
        f'<script id="app-state" type="application/json">{state}</script></head><body>'
        f'<header><nav><ul>{NAV}</ul></nav></header><main><article><h1>{title}</h1>'
        f'<p class="byline">Ada Fielding</p><div class="story-body">{paras}</div></article>'
        f'<section class="comments"><ol>{comments}</ol></section>'
        f'<aside class="related"><ul>{related}</ul><div class="most-read">{teasers}</div>'
        f"</aside><div class=\"widgets\">{widgets}</div></main>"
        "<footer><p>© 2026 The Bench Times. All rights reserved.</p></footer></body></html>"
    )
    return path, html


# --heavy: pages like big real news pages (~85 KB), whose link handling dominates: a
# 400-link mega-menu and a footer link farm, the same on every page, as on news sites.
HEAVY_SECTIONS = 40
MEGA_MENU = "".join(
    f'<li class="menu-item"><a class="menu-link" href="/section/s{k % HEAVY_SECTIONS}/'
    + ("" if k < HEAVY_SECTIONS else f"topics/{WORDS[k % len(WORDS)]}-{k}/")
    + f'">{WORDS[k % len(WORDS)].capitalize()} {k}</a></li>'
    for k in range(400))
FOOTER_FARM = "".join(
    f'<li><a href="https://partner-{k % 30}.example.org/{WORDS[k % len(WORDS)]}/{k}" '
    f'rel="noopener">{WORDS[(k * 7) % len(WORDS)].capitalize()} partner {k}</a></li>'
    for k in range(120)) + "".join(
    f'<li><a href="/topics/{WORDS[k % len(WORDS)]}/{k}/">{WORDS[k % len(WORDS)]} {k}</a></li>'
    for k in range(60))


def heavy_page(i: int, total: int) -> tuple[str, str]:
    """(path, html) of heavy article ``i``: ~85 KB, ~600 links, most of them site chrome."""
    rng = random.Random(i)
    day = 1 + i % 28
    path = article_path(i)
    title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize() + f" {i}"
    paras = "".join(f"<p>{' '.join(_sentence(rng) for _ in range(4))}</p>"
                    for _ in range(rng.randint(6, 10)))
    tags = "".join(f'<a rel="tag" href="/tag/{rng.choice(WORDS)}/">{rng.choice(WORDS)}</a> '
                   for _ in range(8))
    related = "".join(f'<li><a href="{article_path((i + k) % total)}">{_sentence(rng)}</a></li>'
                      for k in range(1, 13))
    teasers = "".join(f'<div class="teaser"><a href="{article_path((i * 7 + k) % total)}">'
                      f"<h3>{_sentence(rng)}</h3></a><span>{rng.randint(1, 59)} min ago</span>"
                      "</div>" for k in range(20))
    state = json.dumps({"articles": [{"id": k, "title": _sentence(rng)} for k in range(95)]})
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": f"2026-11-{day:02d}T09:15:00+01:00",
                     "author": [{"@type": "Person", "name": "Ada Fielding"}]})
    html = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} - The '
        'Bench Times</title><meta property="og:type" content="article">'
        '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        f'<meta name="description" content="{_sentence(rng)}">'
        f'<script type="application/ld+json">{ld}</script>'
        f'<script id="app-state" type="application/json">{state}</script></head><body>'
        f'<header><nav class="mega-menu"><ul>{MEGA_MENU}</ul></nav></header><main><article>'
        f'<h1>{title}</h1><p class="byline">Ada Fielding</p><div class="story-body">{paras}'
        f'</div><div class="tags">{tags}</div></article><aside class="related"><ul>{related}'
        f'</ul><div class="most-read">{teasers}</div></aside></main>'
        f'<footer><ul class="link-farm">{FOOTER_FARM}</ul>'
        "<p>© 2026 The Bench Times. All rights reserved.</p></footer></body></html>"
    )
    return path, html


def section_page(k: int, total: int) -> str:
    links = "".join(f'<li><a href="{article_path(j)}">Story {j}</a></li>'
                    for j in range(k, total, max(1, total // 50)))
    return (f"<html><head><title>Section {k}</title></head><body><nav><ul>{MEGA_MENU}</ul>"
            f"</nav><h1>Section {k}</h1><ul>{links}</ul></body></html>")


def build_site(root: Path, pages: int, heavy: bool = False) -> list[tuple[str, Path]]:
    """Write the site; return (path, file) of every article."""
    articles = []
    make = heavy_page if heavy else article_page
    for i in range(pages):
        path, html = make(i, pages)
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, "utf-8")
        articles.append((path, target))
    # Sitemap index of 1,000-URL sitemaps: discovery costs the crawl little.
    chunks = [articles[i:i + 1000] for i in range(0, len(articles), 1000)]
    for n, chunk in enumerate(chunks):
        urls = "".join(f"<url><loc>BASE{p}</loc></url>" for p, _ in chunk)
        (root / f"sitemap-{n}.xml").write_text(
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>", "utf-8")
    maps = "".join(f"<sitemap><loc>BASE/sitemap-{n}.xml</loc></sitemap>"
                   for n in range(len(chunks)))
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{maps}</sitemapindex>", "utf-8")
    (root / "robots.txt").write_text(
        "User-agent: *\nDisallow: /private/\nDisallow: /topics/\nDisallow: /tag/\n"
        "Disallow: /section/*/topics/\nSitemap: BASE/sitemap.xml\n")
    if heavy:
        for k in range(HEAVY_SECTIONS):
            target = root / "section" / f"s{k}" / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(section_page(k, pages), "utf-8")
    (root / "index.html").write_text("<html><body><a href='/news/'>News</a></body></html>")
    return articles


@dataclass
class Loop:
    pps: float
    cpu_ms: float  # CPU per page of the looping process


def loop_rate(articles: list[tuple[str, Path]], base: str, sample: int,
              gc_threshold: int = 0) -> Loop:
    """Extraction + cleaning in one process, over the first ``sample`` pages.

    ``gc_threshold`` > 0 tunes the garbage collector first, as the crawl's processes do
    (``CRAWLER_GC_THRESHOLD``), and restores Python's defaults afterwards.
    """
    options = ExtractOptions()
    chosen = articles[:sample]
    bodies = [(base + p, f.read_bytes()) for p, f in chosen]
    process_page(PageInput(*bodies[0], "utf-8"), options)  # warm imports and caches
    known = KnownLinks()  # as in a worker: a site's repeated links are resolved once
    defaults = gc.get_threshold()
    tune_gc(gc_threshold)
    try:
        start, cpu = time.perf_counter(), time.process_time()
        for url, body in bodies:
            result = process_page(PageInput(url, body, "utf-8"), options, known=known)
            if result.article is not None:
                _clean(result.article)
        return _loop(len(bodies), start, cpu)
    finally:
        gc.unfreeze()
        gc.set_threshold(*defaults)


def trafilatura_rate(articles: list[tuple[str, Path]], base: str, sample: int) -> Loop:
    """What a user would run instead: ``trafilatura.extract`` over the same pages, one
    process, Python's defaults."""
    bodies = [(base + p, f.read_bytes()) for p, f in articles[:sample]]
    trafilatura.extract(bodies[0][1], url=bodies[0][0])  # warm imports
    start, cpu = time.perf_counter(), time.process_time()
    for url, body in bodies:
        trafilatura.extract(body, url=url)
    return _loop(len(bodies), start, cpu)


def _loop(pages: int, start: float, cpu: float) -> Loop:
    return Loop(pages / (time.perf_counter() - start), 1000 * (time.process_time() - cpu) / pages)


def _clean(item: object) -> None:
    """What the pipelines do per item that is not cross-page state."""
    record = to_record(item)
    for name in ("headline", "articleBody", "description"):
        if isinstance(record.get(name), str):
            record[name] = repair_encoding(record[name])[0]
    body = clean_body(record["articleBody"]).text
    content_hash(body)
    schema_errors({**record, "articleBody": body})


def crawl(base: str, tmp: Path, workers: int, sample_rss: bool,
          extra: list[str]) -> tuple[int, float, list[float]]:
    """(articles exported, crawl seconds from its own stats, RSS samples in MB)."""
    out = tmp / "out.jsonl"
    cmd = [sys.executable, "-m", "scrapy.cmdline", "crawl", "news", "-a", f"url={base}/",
           "-O", str(out), "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
           "-s", "CONCURRENT_REQUESTS=64", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=64",
           "-s", "CRAWLER_MAX_PAGES_PER_SITE=0", "-s", f"CRAWLER_EXTRACT_WORKERS={workers}",
           "-s", f"CRAWLER_STATE_DIR={tmp / 'state'}", "-s", "LOG_LEVEL=INFO", *extra]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    with open(tmp / "crawl.log", "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        samples = _sample_rss(proc, log=tmp / "crawl.log") if sample_rss else []
        proc.wait()
    text = (tmp / "crawl.log").read_text()
    if proc.returncode != 0:
        raise SystemExit(f"crawl failed:\n{text[-3000:]}")
    elapsed = float(re.findall(r"'elapsed_time_seconds': ([\d.]+)", text)[-1])
    articles = sum(1 for line in out.read_text("utf-8").splitlines() if line)
    return articles, elapsed, samples


CPU: dict[str, dict[int, float]] = {"main": {}, "workers": {}, "server": {}}
PSS: list[float] = []  # MB, sampled beside RSS (Linux; RSS where the system has no PSS)


PSS_EVERY = 10
"""PSS is read at every this many RSS samples: read every second it cost this process ~7 ms
of CPU a crawled page, taken from the crawl on a 2-core machine."""
LIVE_EVERY = 120.0
"""Seconds between the memory lines printed while a crawl runs: a long run that is stopped
early still shows how its memory went."""
_PROGRESS = re.compile(rb"progress: (\d+) pages fetched, (\d+) articles exported")


def _sample_rss(proc: subprocess.Popen[bytes], every: float = 1.0,
                log: Path | None = None) -> list[float]:
    """RSS of the crawl's process tree every ``every`` s; CPU seconds per process in CPU.
    Every ``LIVE_EVERY`` s, a line with RSS, PSS and the pages the crawl's log reports."""
    samples: list[float] = []
    parent = psutil.Process(proc.pid)
    CPU["main"].clear()
    CPU["workers"].clear()
    PSS.clear()
    start = last = time.monotonic()
    while proc.poll() is None:
        try:
            tree = [parent, *parent.children(recursive=True)]
            samples.append(sum(_rss(p) for p in tree) / 2**20)
            if len(samples) % PSS_EVERY == 1:  # reading smaps: ~5 ms of CPU a process
                PSS.append(sum(_pss(p) for p in tree) / 2**20)
            if time.monotonic() - last >= LIVE_EVERY:
                last = time.monotonic()
                # the crawl process apart from its workers: whose memory grows, if any
                print(f"  {last - start:6.0f} s: RSS {samples[-1]:.0f} MB, PSS {PSS[-1]:.0f} MB "
                      f"(crawl process alone: RSS {_rss(parent) / 2**20:.0f} MB, PSS "
                      f"{_pss(parent) / 2**20:.0f} MB), {_pages_so_far(log)}, "
                      f"{load_average()}", flush=True)
            for p in tree:
                with contextlib.suppress(psutil.Error):
                    t = p.cpu_times()
                    CPU["main" if p.pid == proc.pid else "workers"][p.pid] = t.user + t.system
        except psutil.Error:
            pass
        time.sleep(every)
    return samples


def _pages_so_far(log: Path | None) -> str:
    """The last progress line's counts (crawler.extensions.progress_log), read from the end."""
    if log is None or not log.exists():
        return "pages unknown"
    with open(log, "rb") as f:
        f.seek(max(0, log.stat().st_size - 65536))
        found = _PROGRESS.findall(f.read())
    if not found:
        return "no progress line yet"
    fetched, exported = found[-1]
    return f"{int(fetched)} pages fetched, {int(exported)} articles exported"


def _rss(p: psutil.Process) -> int:
    try:
        return int(p.memory_info().rss)
    except psutil.Error:
        return 0


def _pss(p: psutil.Process) -> int:
    try:
        info = p.memory_full_info()
    except (psutil.Error, OSError):
        return _rss(p)
    return int(getattr(info, "pss", info.rss))


def one_run(pages: int, workers: int, sample: int, extra: list[str], gc_threshold: int, *,
            heavy: bool) -> Run:
    with tempfile.TemporaryDirectory(prefix="crawl-bench-") as name:
        tmp = Path(name)
        site = tmp / "site"
        articles = build_site(site, pages, heavy)
        with serve(site) as server:
            base = server.base_url
            cpu0 = time.process_time()
            exported, seconds, rss = crawl(base, tmp, workers, True, extra)
            # This process only serves the site (and samples RSS) while the crawl runs.
            server_s = time.process_time() - cpu0
        sample = min(sample, pages)
        traf = trafilatura_rate(articles, base, sample)
        loop = loop_rate(articles, base, sample)
        tuned = loop_rate(articles, base, sample, gc_threshold)
    if exported != pages:
        print(f"warning: {exported} of {pages} articles exported", file=sys.stderr)
    per = 1000 / max(1, exported)
    return Run(exported / seconds, loop, tuned, traf, exported, seconds, rss, list(PSS),
               per * sum(CPU["main"].values()), per * sum(CPU["workers"].values()),
               per * server_s)


def _rss_line(rss: list[float], name: str = "RSS") -> str:
    if len(rss) < 3:
        return f"{name}: too few samples"
    # At 10% (workers up), 50% and 90% of the crawl: the tail is shutdown, not crawling.
    n = len(rss)
    start, mid, end = rss[n // 10], rss[n // 2], rss[n * 9 // 10]
    tenths = " ".join(f"{rss[n * k // 10]:.0f}" for k in range(1, 10))
    return (f"{name} of crawl tree (MB): start {start:.0f}, mid {mid:.0f}, end {end:.0f}, "
            f"max {max(rss):.0f}; at 10 %, 20 % … 90 % of the crawl: {tenths}")


def load_average() -> str:
    """The machine's load (1, 5, 15 min): pages/s move with what else runs; print it beside."""
    with contextlib.suppress(OSError, AttributeError):
        return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    return "load average unknown"


def _ceiling(main_ms: float, workers_ms: float, loop_ms: float) -> float:
    """Throughput ratio the measured CPU costs allow when nothing else runs: the crawl is
    bound by its busiest resource, the reactor process or all the cores together."""
    cores = os.cpu_count() or 1
    per_page = max(main_ms, (main_ms + workers_ms) / cores)
    return loop_ms / per_page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--heavy", action="store_true",
                        help="~85 KB pages with a 400-link mega-menu and a footer link farm")
    parser.add_argument("--loop-sample", type=int, default=600,
                        help="pages timed in the single-process loop")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="extra Scrapy setting for the crawl (repeatable)")
    args = parser.parse_args()
    settings = dict(kv.split("=", 1) for kv in args.set)
    gc_threshold = int(settings.get("CRAWLER_GC_THRESHOLD", DEFAULT_THRESHOLD))
    runs = []
    for n in range(args.runs):
        print(f"run {n + 1} starts, {load_average()}", flush=True)
        run = one_run(args.pages, args.workers, args.loop_sample,
                      [x for kv in args.set for x in ("-s", kv)], gc_threshold, heavy=args.heavy)
        runs.append(run)
        print(f"run {n + 1}: crawl {run.crawl_pps:.1f} pages/s ({run.articles} articles in "
              f"{run.seconds:.1f} s); trafilatura.extract loop {run.traf.pps:.1f} pages/s, "
              f"ratio {run.traf_ratio:.2f}; our extraction loop {run.loop.pps:.1f} pages/s, "
              f"ratio {run.ratio:.2f}; ours with the crawl's GC setting "
              f"{run.tuned_loop.pps:.1f} pages/s, ratio {run.tuned_ratio:.2f}; "
              f"ends, {load_average()}", flush=True)
        print("  " + _rss_line(run.rss_mb))
        print("  " + _rss_line(run.pss_mb, "PSS"))
        print(f"  CPU ms/page: crawl process {run.main_ms:.1f}, extraction workers "
              f"{run.workers_ms:.1f}, test site's server {run.server_ms:.1f}; "
              f"trafilatura loop {run.traf.cpu_ms:.1f}, our loop {run.loop.cpu_ms:.1f} "
              f"(GC-tuned {run.tuned_loop.cpu_ms:.1f}); ratio to the trafilatura loop if the "
              f"crawl had every core to itself: "
              f"{_ceiling(run.main_ms, run.workers_ms, run.traf.cpu_ms):.2f}")
    med = statistics.median
    print(f"median of {len(runs)} ({'heavy' if args.heavy else 'standard'} pages, "
          f"workers={args.workers}, cores={os.cpu_count()}, GC threshold {gc_threshold}):")
    print(f"  crawl {med(r.crawl_pps for r in runs):.1f} pages/s; "
          f"trafilatura.extract loop {med(r.traf.pps for r in runs):.1f} pages/s, "
          f"ratio {med(r.traf_ratio for r in runs):.2f}; "
          f"our extraction loop {med(r.loop.pps for r in runs):.1f} pages/s, "
          f"ratio {med(r.ratio for r in runs):.2f}; GC-tuned "
          f"{med(r.tuned_loop.pps for r in runs):.1f} pages/s, "
          f"ratio {med(r.tuned_ratio for r in runs):.2f}")
    print(f"  CPU ms/page: crawl process {med(r.main_ms for r in runs):.1f}, workers "
          f"{med(r.workers_ms for r in runs):.1f}; trafilatura loop "
          f"{med(r.traf.cpu_ms for r in runs):.1f}, our loop {med(r.loop.cpu_ms for r in runs):.1f}"
          f"; extraction CPU to trafilatura's: workers "
          f"{med(r.workers_ms / r.traf.cpu_ms for r in runs):.2f}, loop "
          f"{med(r.loop.cpu_ms / r.traf.cpu_ms for r in runs):.2f}")


if __name__ == "__main__":
    main()
