"""Score our article-body extraction beside open extractors on both shared dev sets.

Runs everything in ONE process on one CPU, so the docs/s figures are comparable::

    .venv/bin/python benchmarks/extraction_quality.py [--set scrapinghub|trafilatura|both]
        [--only ours] [--lows 10] [--save DIR]

* ``scrapinghub``: ``../shared/bench/data/scrapinghub`` (181 pages), scored by the
  yardstick's own ``extraction_eval.py`` (4-token shingles, per-page P/R averaged).
* ``trafilatura``: ``../shared/bench/data/trafilatura-eval`` (990 pages, many languages and
  encodings), scored by ``snippet_eval.py`` (trafilatura's own metric: "with"/"without"
  snippets, counts summed over pages).

Ours is the production path: :func:`crawler.extraction.process_page` on the page bytes, then
:func:`crawler.cleaning.clean_body` on the body, as the pipeline does (with
``require_article=False``, as ``scrapy extract`` runs). Baselines: trafilatura with its
fallback (the default), ``fast=True``, ``favor_precision``, and readability-lxml. Every
extractor gets the page bytes (the corpus pages come in their own encodings). Extractors are
timed interleaved, page by page, on one CPU.

Per page, it also counts where ours is at least ``--margin`` (0.2) F1 below trafilatura
alone (default settings) -- a loss -- or that much above it -- a gain. Page F1 is the set's
own: shingle F1 on ScrapingHub, snippet F1 (2TP / (2TP + FP + FN)) on the corpus.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO.parent / "shared" / "bench"
DEFAULT_DATASET = BENCH / "data" / "scrapinghub"
CORPUS_DATASET = BENCH / "data" / "trafilatura-eval"
BASELINE = "trafilatura"
"""Losses and gains are counted against this extractor (trafilatura, default settings)."""

Extractor = Callable[[bytes, str], str]


def _load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


def load_yardstick(dataset: Path) -> ModuleType:
    """Import ``extraction_eval.py`` from the bench directory that holds ``dataset``."""
    for parent in (dataset, *dataset.parents):
        candidate = parent / "extraction_eval.py"
        if candidate.exists():
            return _load_module("extraction_eval", candidate)
    raise FileNotFoundError(f"no extraction_eval.py above {dataset}")


def ours() -> Extractor:
    """The crawler's path: bytes -> process_page -> clean_body."""
    from crawler.cleaning import clean_body  # noqa: PLC0415 (each extractor imports its own)
    from crawler.extraction import ExtractOptions, PageInput, process_page  # noqa: PLC0415
    from crawler.extraction.language import warm_up  # noqa: PLC0415

    warm_up()  # model loading belongs to worker start-up, not to any one page

    # as `scrapy extract` runs: every saved page yields its body, whatever the verdict
    options = ExtractOptions(require_article=False)

    def run(raw: bytes, url: str) -> str:
        page = PageInput(url=url, body=raw, want_links=False)
        result = process_page(page, options)
        article = result.article
        if article is None or not article.articleBody:
            return ""
        return clean_body(article.articleBody).text

    return run


def ours_extract_only() -> Extractor:
    """Our extraction alone: ``extract_article`` on the decoded text, then clean_body.

    Same extraction as :func:`ours` without process_page's byte decoding and HTML repair
    (owned by the decode step), so the two rows together show where the time goes.
    """
    from crawler.cleaning import clean_body  # noqa: PLC0415
    from crawler.extraction import ExtractOptions, extract_article  # noqa: PLC0415
    from crawler.extraction.language import warm_up  # noqa: PLC0415

    warm_up()
    options = ExtractOptions(require_article=False)

    def run(html: str, url: str) -> str:
        article = extract_article(html, url, options).article
        if article is None or not article.articleBody:
            return ""
        return clean_body(article.articleBody).text

    return run


def _trafilatura(**kwargs: Any) -> Extractor:
    import trafilatura  # noqa: PLC0415

    def run(raw: bytes, url: str) -> str:
        return trafilatura.extract(raw, url=url, include_comments=False, **kwargs) or ""

    return run


def _readability() -> Extractor:
    """readability-lxml as a user runs it, its summary rendered one block per line."""
    import lxml.html  # noqa: PLC0415
    from readability import Document  # noqa: PLC0415

    from crawler.extraction.second_opinion import block_text  # noqa: PLC0415

    def run(raw: bytes, url: str) -> str:
        summary = Document(raw).summary(html_partial=True)
        return block_text(lxml.html.fragment_fromstring(summary, create_parent="div"))

    return run


EXTRACTORS: dict[str, Callable[[], Extractor]] = {
    "ours": ours,
    "trafilatura": _trafilatura,
    "trafilatura-fast": lambda: _trafilatura(fast=True),
    "trafilatura-precision": lambda: _trafilatura(favor_precision=True),
    "readability-lxml": _readability,
}


@dataclass
class Run:
    name: str
    predictions: dict[str, str]
    seconds: float

    def docs_per_second(self) -> float:
        return len(self.predictions) / self.seconds if self.seconds else float("inf")


@dataclass
class Page:
    doc_id: str
    url: str
    raw: bytes


@dataclass
class DevSet:
    """A dev set: its pages and how one extractor's predictions are scored on it."""

    name: str
    pages: list[Page]
    page_scores: Callable[[dict[str, str]], dict[str, float]]
    """Per-page F1 of predictions (doc_id -> text)."""
    corpus_scores: Callable[[dict[str, str]], dict[str, float]]
    """precision, recall, f1 over the whole set."""
    urls: dict[str, str] = field(default_factory=dict)


def scrapinghub_set(root: Path = DEFAULT_DATASET) -> DevSet:
    ys = load_yardstick(root.resolve())
    dataset = ys.load_scrapinghub(root)
    pages = [Page(d.doc_id, d.url, _read_bytes(d.html_path)) for d in dataset.documents]

    def per_doc(preds: dict[str, str]) -> dict[str, Any]:
        return {d.doc_id: ys.score_document(d.gold, preds.get(d.doc_id, ""))
                for d in dataset.documents}

    return DevSet(
        name="scrapinghub",
        pages=pages,
        page_scores=lambda preds: {k: s.f1 for k, s in per_doc(preds).items()},
        corpus_scores=lambda preds: ys.aggregate(list(per_doc(preds).values())),
        urls={p.doc_id: p.url for p in pages},
    )


def corpus_set(root: Path = CORPUS_DATASET) -> DevSet:
    se = _load_module("snippet_eval", root.resolve().parent.parent / "snippet_eval.py")
    data = se.load(root)
    pages = [Page(url, se.page_url(url, item), item["path"].read_bytes())
             for url, item in data.items()]

    def counts(preds: dict[str, str]) -> dict[str, tuple[int, int, int, int]]:
        return {url: se.count(item, preds.get(url, "")) for url, item in data.items()}

    def page_f1(preds: dict[str, str]) -> dict[str, float]:
        out = {}
        for url, (tp, fp, fn, _) in counts(preds).items():
            out[url] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        return out

    def corpus(preds: dict[str, str]) -> dict[str, float]:
        tp = fp = fn = 0
        for c in counts(preds).values():
            tp, fp, fn = tp + c[0], fp + c[1], fn + c[2]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}

    return DevSet("trafilatura-eval", pages, page_f1, corpus, {p.doc_id: p.url for p in pages})


def _read_bytes(path: Path) -> bytes:
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.suffix == ".gz" else raw


def run_all(names: Sequence[str], pages: Sequence[Page]) -> dict[str, Run]:
    """Time every extractor over the pages, interleaved page by page.

    Interleaving makes the speed *ratio* fair on a shared machine: a burst of load from
    elsewhere slows every extractor on that page, not just the one that happened to run then.
    Each extractor gets one untimed warm-up call.
    """
    extractors: dict[str, Extractor] = {}
    for name in names:
        try:
            extractors[name] = EXTRACTORS[name]()
        except ImportError as exc:  # a baseline library missing: say so, run the others
            print(f"skipping {name}: {exc}", file=sys.stderr)
    runs = {name: Run(name, {}, 0.0) for name in extractors}
    for extract in extractors.values():
        if pages:
            extract(pages[0].raw, pages[0].url)
    for page in pages:
        for name, extract in extractors.items():
            start = time.perf_counter()
            try:
                text = extract(page.raw, page.url) or ""
            except Exception:  # a crash scores as an empty extraction, like the yardstick
                text = ""
            runs[name].seconds += time.perf_counter() - start
            runs[name].predictions[page.doc_id] = text
    return runs


def pin_one_cpu() -> None:
    """Single-core timings, as the yardstick measures its baselines."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def losses_and_gains(
    ours_f1: dict[str, float], base_f1: dict[str, float], margin: float
) -> tuple[list[str], list[str]]:
    """Pages where ours is ``margin`` F1 below the baseline, and where it is that much above."""
    losses = [k for k, f in ours_f1.items() if f <= base_f1.get(k, 0.0) - margin]
    gains = [k for k, f in ours_f1.items() if f >= base_f1.get(k, 0.0) + margin]
    return losses, gains


def report(devset: DevSet, runs: dict[str, Run], lows: int, margin: float) -> None:
    print(f"\n## {devset.name} ({len(devset.pages)} pages)\n")
    print("| extractor | P | R | F1 | docs/s |\n|---|---|---|---|---|")
    for name, run in runs.items():
        m = devset.corpus_scores(run.predictions)
        print(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} "
              f"| {run.docs_per_second():.1f} |")
    if "ours" in runs and BASELINE in runs:
        ratio = runs["ours"].docs_per_second() / runs[BASELINE].docs_per_second()
        print(f"\nspeed ratio ours/{BASELINE}: {ratio:.2f}")
        ours_f1 = devset.page_scores(runs["ours"].predictions)
        base_f1 = devset.page_scores(runs[BASELINE].predictions)
        losses, gains = losses_and_gains(ours_f1, base_f1, margin)
        n = len(devset.pages)
        print(f"pages >= {margin} F1 below {BASELINE}: {len(losses)} ({len(losses) / n:.1%}); "
              f"above: {len(gains)} ({len(gains) / n:.1%})")
        for k in sorted(losses, key=lambda k: ours_f1[k] - base_f1[k])[:lows]:
            print(f"  loss  ours {ours_f1[k]:.3f}  {BASELINE} {base_f1[k]:.3f}  "
                  f"{k[:16]}  {devset.urls.get(k, '')[:90]}")
    if lows and "ours" in runs:
        ours_f1 = devset.page_scores(runs["ours"].predictions)
        print("\nlowest page F1 for ours:")
        for k in sorted(ours_f1, key=lambda k: (ours_f1[k], k))[:lows]:
            print(f"  F1 {ours_f1[k]:.3f}  {k[:16]}  {devset.urls.get(k, '')[:90]}")


DEV_SETS: dict[str, Callable[[], DevSet]] = {
    "scrapinghub": scrapinghub_set,
    "trafilatura": corpus_set,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=[*DEV_SETS, "both"], default="both")
    parser.add_argument("--only", action="append", choices=sorted(EXTRACTORS),
                        help="run only these extractors (repeatable)")
    parser.add_argument("--lows", type=int, default=0, help="list the N worst pages of ours")
    parser.add_argument("--margin", type=float, default=0.2,
                        help="per-page F1 difference counted as a loss or gain")
    parser.add_argument("--save", type=Path, help="write every run's predictions here")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    names = args.only or list(EXTRACTORS)
    pin_one_cpu()
    for set_name in DEV_SETS if args.set == "both" else [args.set]:
        devset = DEV_SETS[set_name]()
        runs = run_all(names, devset.pages)
        report(devset, runs, args.lows, args.margin)
        if args.save:
            _save(args.save / devset.name, runs)
    return 0


def _save(directory: Path, runs: dict[str, Run]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, run in runs.items():
        with (directory / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for doc_id, text in run.predictions.items():
                fh.write(json.dumps({"id": doc_id, "articleBody": text}, ensure_ascii=False)
                         + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
