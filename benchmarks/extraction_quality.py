"""Score our article-body extraction against open extractors on the shared yardstick.

Runs everything in ONE process on one CPU, so the docs/s figures are comparable::

    .venv/bin/python benchmarks/extraction_quality.py [DATASET_DIR] [--only ours] [--lows 10]

``DATASET_DIR`` defaults to ``../shared/bench/data/scrapinghub`` (relative to the repo root).
Ours is the production path: :func:`crawler.extraction.process_page` on the page bytes, then
:func:`crawler.cleaning.clean_body` on the body, as the pipeline does (with
``require_article=False``, as ``scrapy extract`` runs). ``ours-extract-only`` is the same
extraction from the decoded text (``extract_article``), without process_page's byte decoding
and HTML encoding repair, so the two rows show where the time goes. The scorer is the
yardstick's own (imported from ``extraction_eval.py`` next to the dataset). Extractors are
timed interleaved, page by page, on one CPU.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATASET = REPO.parent / "shared" / "bench" / "data" / "scrapinghub"

Extractor = Callable[[str, str], str]


def load_yardstick(dataset: Path) -> ModuleType:
    """Import ``extraction_eval.py`` from the bench directory that holds ``dataset``."""
    for parent in (dataset, *dataset.parents):
        candidate = parent / "extraction_eval.py"
        if candidate.exists():
            spec = importlib.util.spec_from_file_location("extraction_eval", candidate)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            sys.modules["extraction_eval"] = module  # dataclasses need the module registered
            spec.loader.exec_module(module)
            return module
    raise FileNotFoundError(f"no extraction_eval.py above {dataset}")


def ours() -> Extractor:
    """The crawler's path: bytes -> process_page -> clean_body."""
    from crawler.cleaning import clean_body  # noqa: PLC0415 (each extractor imports its own)
    from crawler.extraction import ExtractOptions, PageInput, process_page  # noqa: PLC0415
    from crawler.extraction.language import warm_up  # noqa: PLC0415

    warm_up()  # model loading belongs to worker start-up, not to any one page

    # as `scrapy extract` runs: every saved page yields its body, whatever the verdict
    options = ExtractOptions(require_article=False)

    def run(html: str, url: str) -> str:
        page = PageInput(url=url, body=html.encode("utf-8"), want_links=False)
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

    def run(html: str, url: str) -> str:
        return trafilatura.extract(html, include_comments=False, **kwargs) or ""

    return run


def _readability() -> Extractor:
    import html_text  # noqa: PLC0415  (the yardstick's readability baseline uses it)
    from readability import Document  # noqa: PLC0415

    def run(html: str, url: str) -> str:
        return str(html_text.extract_text(Document(html).summary(html_partial=True)))

    return run


EXTRACTORS: dict[str, Callable[[], Extractor]] = {
    "ours": ours,
    "ours-extract-only": ours_extract_only,
    "trafilatura": _trafilatura,
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


def run_all(names: Sequence[str], pages: Sequence[tuple[str, str, str]]) -> dict[str, Run]:
    """Time every extractor over (id, url, html) pages, interleaved page by page.

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
            extract(pages[0][2], pages[0][1])
    for doc_id, url, html in pages:
        for name, extract in extractors.items():
            start = time.perf_counter()
            try:
                text = extract(html, url) or ""
            except Exception:  # a crash scores as an empty extraction, like the yardstick
                text = ""
            runs[name].seconds += time.perf_counter() - start
            runs[name].predictions[doc_id] = text
    return runs


def pin_one_cpu() -> None:
    """Single-core timings, as the yardstick measures its baselines."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def score(ys: ModuleType, dataset: Any, run: Run) -> tuple[dict[str, float], dict[str, Any]]:
    per_doc = {d.doc_id: ys.score_document(d.gold, run.predictions.get(d.doc_id, ""))
               for d in dataset.documents}
    return ys.aggregate(list(per_doc.values())), per_doc


def load_pages(ys: ModuleType, root: Path) -> tuple[Any, list[tuple[str, str, str]]]:
    dataset = ys.load_scrapinghub(root)
    pages = [(d.doc_id, d.url, d.read_html()) for d in dataset.documents]
    return dataset, pages


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--only", action="append", choices=sorted(EXTRACTORS),
                        help="run only these extractors (repeatable)")
    parser.add_argument("--lows", type=int, default=0, help="list the N worst pages of ours")
    parser.add_argument("--save", type=Path, help="write ours' predictions as JSONL here")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    ys = load_yardstick(args.dataset.resolve())
    dataset, pages = load_pages(ys, args.dataset)
    names = args.only or list(EXTRACTORS)
    pin_one_cpu()
    runs = run_all(names, pages)
    print("| extractor | P | R | F1 | docs/s |\n|---|---|---|---|---|")
    lows: dict[str, Any] = {}
    for name, run in runs.items():
        m, per_doc = score(ys, dataset, run)
        if name.startswith("ours") and not lows:
            lows = per_doc
        print(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} "
              f"| {run.docs_per_second():.1f} |")
    if "trafilatura" in runs:
        for name in ("ours", "ours-extract-only"):
            if name in runs:
                ratio = runs[name].docs_per_second() / runs["trafilatura"].docs_per_second()
                print(f"\nspeed ratio {name}/trafilatura: {ratio:.2f}")
    if args.lows and lows:
        ys.print_lows("ours", dataset, lows, args.lows)
    saved = next((runs[n] for n in ("ours", "ours-extract-only") if n in runs), None)
    if args.save and saved is not None:
        _save(args.save, saved.predictions)
    return 0


def _save(path: Path, preds: dict[str, str]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for doc_id, text in preds.items():
            fh.write(json.dumps({"id": doc_id, "articleBody": text}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
