"""Headline, authors and datePublished: ours beside trafilatura's and htmldate's, one run.

    .venv/bin/python benchmarks/metadata_quality.py [--bench ../shared/bench] [--lows 10]
    .venv/bin/python benchmarks/metadata_quality.py --only ours --lows 20 --field date

Two dev sets, different in kind:

- trafilatura's corpus (``data/trafilatura-eval``, gold title/author/date in
  ``evaldata.json``), scored with the corpus's own rules (imported from ``snippet_eval.py``):
  title exact after collapsing spaces; authors the exact case-folded set ("false" = a name on
  a page whose gold has none); date the first ten characters.
- ScrapingHub (``data/scrapinghub``) has no metadata gold: printed are coverage (share of pages
  with the field), dates in the future, and how often our day agrees with each library's.

Ours is the production path: :func:`crawler.extraction.process_page` on the page bytes (no
declared charset, as ``scrapy extract`` on the corpus's WARC), then the encoding pipeline's
repair of the headline. trafilatura is ``bare_extraction(with_metadata=True)`` on the bytes;
htmldate is ``find_date(original_date=True, extensive_search=True)``.

The date ceiling (on unless ``--no-ceiling``): the share of gold days that at least one
source gives at all (our candidates, every ``<time>`` and date meta, htmldate with the
original and with the updated date, trafilatura). A page whose gold day no source gives is
out of reach for any rule that chooses between sources; the reasons are printed, and, for
the reachable pages we get wrong, which sources had the gold day and why we missed it (the
gold is the updated date; the gold is a UTC day; publication sources disagree). Printed
beside it: the ceiling counting only sources that claim the publication date, and how many
gold days are written anywhere in the page's HTML or URL in a common form. With it, the
author diagnosis: our names on pages whose gold has none, by kind (an organisation typed so
by structured data, a person's name, one word), and gold we cannot give (several names in
one gold string, a name the page's text never writes).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import sys
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_BENCH = REPO.parent / "shared" / "bench"

Record = dict[str, Any]  # headline: str|None, authors: list[str], date: str|None


@dataclass
class Page:
    url: str
    body: bytes
    gold: dict[str, Any] = field(default_factory=dict)


def load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def trafilatura_pages(bench: Path) -> tuple[list[Page], ModuleType]:
    ev = load_module(bench / "snippet_eval.py", "snippet_eval")
    data = ev.load(bench / "data" / "trafilatura-eval")
    pages = [Page(ev.page_url(url, item), item["path"].read_bytes(), item)
             for url, item in data.items()]
    return pages, ev


def scrapinghub_pages(bench: Path) -> list[Page]:
    root = bench / "data" / "scrapinghub"
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    return [Page(item["url"], gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()))
            for key, item in truth.items()]


def ours() -> Callable[[Page], Record]:
    from crawler.cleaning.encoding import repair_encoding  # noqa: PLC0415
    from crawler.extraction import ExtractOptions, PageInput, process_page  # noqa: PLC0415

    options = ExtractOptions(require_article=False)  # as `scrapy extract` runs

    def run(page: Page) -> Record:
        result = process_page(PageInput(page.url, page.body, want_links=False), options)
        art = result.article
        if art is None:
            return {"headline": None, "authors": [], "date": None}
        headline = repair_encoding(art.headline)[0] if art.headline else None
        return {"headline": headline, "authors": [a["name"] for a in art.authors or []],
                "organisations": [a["name"] for a in art.authors or []
                                  if a.get("type") == "Organization"],
                "date": art.datePublished}

    return run


def trafilatura_alone() -> Callable[[Page], Record]:
    import trafilatura  # noqa: PLC0415

    def run(page: Page) -> Record:
        try:
            doc = trafilatura.bare_extraction(page.body, url=page.url, with_metadata=True,
                                              include_comments=False, include_tables=True)
        except Exception:  # a library failing on a page scores as finding nothing
            doc = None
        if doc is None:
            return {"headline": None, "authors": [], "date": None}
        return {"headline": doc.title, "date": doc.date,
                "authors": [a for a in (doc.author or "").split(";") if a.strip()]}

    return run


def htmldate_alone() -> Callable[[Page], Record]:
    from htmldate import find_date  # noqa: PLC0415

    def run(page: Page) -> Record:
        try:
            found = find_date(page.body, url=page.url, original_date=True,
                              extensive_search=True)
        except Exception:  # a library failing on a page scores as finding nothing
            found = None
        return {"date": found}  # htmldate reads dates only

    return run


EXTRACTORS = {"ours": ours, "trafilatura": trafilatura_alone, "htmldate": htmldate_alone}

_MONTHS = {  # month names of the corpus's main languages, for finding a day written out
    1: "january|januar|janvier|enero|jänner|stycznia", 2: "february|februar|février|febrero|lutego",
    3: "march|märz|mars|marzo|marca", 4: "april|avril|abril|kwietnia", 5: "may|mai|mayo|maja",
    6: "june|juni|juin|junio|czerwca", 7: "july|juli|juillet|julio|lipca",
    8: "august|août|agosto|sierpnia", 9: "september|septembre|septiembre|września",
    10: "october|oktober|octobre|octubre|października", 11: "november|novembre|noviembre|listopada",
    12: "december|dezember|décembre|diciembre|grudnia",
}


_MONTH_ABBR = {  # abbreviations ("Aug.", "Okt", "déc."); \\w* after them covers the full names
    1: "jan", 2: "feb|fév|fev", 3: "mar|mär|mrz", 4: "apr|avr|abr", 5: "may|mai", 6: "jun|juin",
    7: "jul|juil", 8: "aug|aoû|ago", 9: "sep", 10: "oct|okt|ott", 11: "nov", 12: "dec|dez|déc|dic",
}


def date_sources(page: Page) -> dict[str, set[str]]:
    """Every day any date source we or the libraries read gives for the page, by source:
    the page's markup (JSON-LD, meta, microdata, every ``<time>``), its URL, htmldate with
    the original and with the updated date, and trafilatura's date."""
    from htmldate import find_date  # noqa: PLC0415

    from crawler.dates import candidates, htmldate_candidates  # noqa: PLC0415
    from crawler.extraction.article import parse_html  # noqa: PLC0415
    from crawler.extraction.decode import decode_body  # noqa: PLC0415
    from crawler.extraction.metadata import published_candidates  # noqa: PLC0415
    from crawler.extraction.structured import read_page_meta  # noqa: PLC0415

    out: dict[str, set[str]] = {}
    text = decode_body(page.body).text.replace("\x00", "")
    tree = parse_html(text)
    if tree is None:
        return out
    pm = read_page_meta(tree)
    found = published_candidates(page.url, pm, None, htmldate_candidates(tree, page.url))
    # a page's last-modified markup is kept apart: it claims no publication date
    extra = [("time", t) for t in pm.time_datetimes] + [
        ("modified" if _MODIFIED.search(k) else "microdata", v)
        for k, v in pm.itemprop_dates.items()] + [
        ("modified" if _MODIFIED.search(k) else "meta", v)
        for k, v in pm.meta.items() if "date" in k or "time" in k]
    for c in found + candidates(extra):
        out.setdefault(c.source, set()).add(c.day.isoformat())
    for original in (True, False):
        try:
            day = find_date(tree, url=page.url, original_date=original, extensive_search=True)
        except Exception:  # a library failing on a page gives no source
            day = None
        if day:
            out.setdefault("htmldate" if original else "htmldate_updated", set()).add(day)
    return out


_MODIFIED = re.compile(r"modif|updat|revis|lastmod", re.I)
# Sources that only claim when the page last changed, not when it was published.
UPDATED_SOURCES = frozenset({"htmldate_updated", "modified"})


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d\d-\d\d", text))


def day_written(text: str, day: str) -> bool:
    """Is ``day`` (YYYY-MM-DD) written in ``text`` as digits or with a month name?"""
    y, m, d = day.split("-")
    mi, di = int(m), int(d)
    numeric = (rf"{y}[-/.]?{m}[-/.]?{d}|{y}/0?{mi}/0?{di}\b|0?{di}[./-]\s?0?{mi}[./-]\s?{y}"
               rf"|\b0?{di}\.0?{mi}\.{y[2:]}\b|0?{mi}/0?{di}/{y}|{y}年0?{mi}月0?{di}日")
    month = f"{_MONTHS[mi]}|{_MONTH_ABBR[mi]}"
    named = (rf"\b0?{di}\.?\s+(?:{month})\w*\.?,?\s+{y}"
             rf"|(?:{month})\w*\.?\s+0?{di}(?:st|nd|rd|th)?,?\s+{y}")
    return re.search(numeric, text) is not None or re.search(named, text, re.I) is not None


def utc_days(page: Page) -> dict[str, str]:
    """For every date with a time and a UTC offset on the page (markup and ``<time>``):
    its day in UTC -> its day in the page's own offset, where the two differ."""
    from crawler.dates import candidates  # noqa: PLC0415
    from crawler.extraction.article import parse_html  # noqa: PLC0415
    from crawler.extraction.decode import decode_body  # noqa: PLC0415
    from crawler.extraction.structured import read_page_meta  # noqa: PLC0415

    tree = parse_html(decode_body(page.body).text.replace("\x00", ""))
    if tree is None:
        return {}
    pm = read_page_meta(tree)
    values = [("", v) for v in [*pm.time_datetimes, *pm.itemprop_dates.values(),
                                *pm.meta.values(), pm.jsonld.get("datePublished")]]
    out = {}
    for c in candidates(values):
        if c.has_time and c.has_offset:
            utc = c.moment.astimezone(UTC).date().isoformat()
            if utc != c.day.isoformat():
                out[utc] = c.day.isoformat()
    return out


def _why_missed(page: Page, gold: str, ours: str, having: list[str]) -> str:
    """Why we chose another day than the gold's, which some source gave."""
    if all(s in UPDATED_SOURCES for s in having):
        return "gold is the page's updated date (no publication source gives it)"
    if utc_days(page).get(gold) == ours:
        return "gold is the UTC day of a time whose own offset gives our day"
    return "publication sources disagree; gold sides with other sources"


def _why_unreached(text: str, gold: str, sources: dict[str, set[str]]) -> str:
    """Why no source gives the gold day."""
    if not _is_day(gold):
        return "gold is no valid day (a month, a year, or no such date)"
    if not sources:
        return "no date anywhere on the page or in its URL"
    if day_written(text, gold):
        return "gold day written on the page, but no source reads it as the date"
    return "gold day not written on the page (sources give other days)"


def date_ceiling(pages: list[Page], recs: list[Record], traf: list[Record] | None,
                 limit: int) -> None:
    """How many gold days any source gives at all (the ceiling of a choosing rule), and why
    the others are out of reach; then, where a source had the gold day, which one we chose
    and why that was not the gold's day.

    Also printed: how many gold days a source that claims the *publication* date gives
    (not only a last-modified date), and how many gold days are written anywhere in the
    page's HTML or its URL in any common form (digits or a month name), whatever reads
    them."""
    from crawler.extraction.decode import decode_body  # noqa: PLC0415

    reachable = total = published = written = 0
    reasons: dict[str, list[str]] = {}
    chose_wrong: dict[str, int] = {}
    why_wrong: dict[str, list[str]] = {}
    for i, (page, rec) in enumerate(zip(pages, recs, strict=True)):
        gold = str(page.gold.get("date") or "")[:10]
        if not gold:
            continue
        total += 1
        text = decode_body(page.body).text
        written += _is_day(gold) and (day_written(text, gold) or day_written(page.url, gold))
        sources = date_sources(page)
        if traf and traf[i]["date"]:
            sources.setdefault("trafilatura", set()).add(str(traf[i]["date"])[:10])
        having = sorted(s for s, days in sources.items() if gold in days)
        published += any(s not in UPDATED_SOURCES for s in having)
        if having:
            reachable += 1
            ours = str(rec["date"] or "")[:10]
            if ours != gold:
                key = "+".join(having)
                chose_wrong[key] = chose_wrong.get(key, 0) + 1
                why_wrong.setdefault(_why_missed(page, gold, ours, having), []).append(
                    f"{page.url[:70]} gold {gold} ours {ours or '-'} gold from {key}")
            continue
        reason = _why_unreached(text, gold, sources)
        days = sorted({d for v in sources.values() for d in v})
        reasons.setdefault(reason, []).append(f"{page.url[:80]} gold {gold} sources {days[:4]}")
    if not total:  # --limit on pages without gold dates
        print("\ndate ceiling: no page with a gold date")
        return
    print(f"\ndate ceiling: {reachable}/{total} = {reachable / total:.3f} of gold days are given"
          " by at least one source (ours, htmldate original/updated, trafilatura)")
    print(f"  of them by a source that claims the publication date (not only an updated"
          f" one): {published}/{total} = {published / total:.3f}")
    print(f"  gold day written anywhere in the page's HTML or URL (digits or a month name):"
          f" {written}/{total} = {written / total:.3f}")
    for reason, urls in sorted(reasons.items(), key=lambda kv: -len(kv[1])):
        print(f"  out of reach, {reason}: {len(urls)}")
        for line in urls[:limit]:
            print(f"    {line}")
    print("  reachable but ours wrong, by the sources that had the gold day:")
    for key, n in sorted(chose_wrong.items(), key=lambda kv: -kv[1]):
        print(f"    {n:3d}  {key}")
    print("  reachable but ours wrong, why:")
    for why, urls in sorted(why_wrong.items(), key=lambda kv: -len(kv[1])):
        print(f"    {len(urls):3d}  {why}")
        for line in urls[:limit]:
            print(f"         {line}")


_JOINED = re.compile(r"\s(?:und|and|et|y)\s|\s/\s|,", re.I)


def author_diagnosis(ev: ModuleType, pages: list[Page], recs: list[Record]) -> None:
    """What the author figures are made of: our names on pages whose gold has none, by kind
    (an organisation the page's structured data types so, kept by design; a person's full
    name; one word), and gold we miss that no rule can give: several names in one gold
    string, or a gold name the page's text never writes."""
    from crawler.extraction.article import parse_html  # noqa: PLC0415
    from crawler.extraction.decode import decode_body  # noqa: PLC0415
    from crawler.extraction.metadata import name_shown, shown_text  # noqa: PLC0415

    kinds: dict[str, int] = {}
    joined = unwritten = missed = 0
    for page, rec in zip(pages, recs, strict=True):
        gold = ev.names(page.gold.get("author"))
        ours = ev.names(rec["authors"])
        if not gold:
            if ours:
                names = rec["authors"]
                kind = ("organisation typed so by structured data"
                        if set(rec.get("organisations") or ()) >= set(names)
                        else "one word" if all(len(n.split()) == 1 for n in names)
                        else "a person's name (two words or more)")
                kinds[kind] = kinds.get(kind, 0) + 1
            continue
        if ours == gold:
            continue
        missed += 1
        raw = page.gold.get("author")
        if isinstance(raw, str) and ";" not in raw and _JOINED.search(raw):
            joined += 1
            continue
        tree = parse_html(decode_body(page.body).text)
        shown = shown_text(tree) if tree is not None else ""
        unwritten += not all(name_shown(g, shown) for g in gold)
    print("\nauthors, false (a name where the gold has none), by kind:")
    for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {n:3d}  {kind}")
    print(f"authors missed or wrong: {missed}; of them one gold string naming several"
          f" (\"A und B\", \"A, Ort\"): {joined}; a gold name the page's shown text never"
          f" writes: {unwritten}")


def score_gold(ev: ModuleType, pages: list[Page], recs: list[Record]) -> dict[str, str]:
    right = {"title": 0, "author": 0, "date": 0}
    total = {"title": 0, "author": 0, "date": 0}
    false_authors = no_author = future = 0
    now = datetime.now(UTC).date().isoformat()
    for page, rec in zip(pages, recs, strict=True):
        gold = page.gold
        if gold.get("title") and "headline" in rec:
            total["title"] += 1
            right["title"] += ev.norm(rec["headline"]) == ev.norm(gold["title"])
        if "authors" in rec:
            gold_names = ev.names(gold.get("author"))
            if gold_names:
                total["author"] += 1
                right["author"] += ev.names(rec["authors"]) == gold_names
            else:
                no_author += 1
                false_authors += bool(ev.names(rec["authors"]))
        if gold.get("date"):
            total["date"] += 1
            right["date"] += str(rec["date"] or "")[:10] == str(gold["date"])[:10]
        future += str(rec["date"] or "")[:10] > now
    out = {k: f"{right[k] / total[k]:.3f}" if total[k] else "-" for k in right}
    out["false authors"] = f"{false_authors / no_author:.3f}" if no_author else "-"
    out["future dates"] = str(future)
    return out


def score_coverage(recs: list[Record], others: dict[str, list[Record]]) -> dict[str, str]:
    n = len(recs)
    now = datetime.now(UTC).date().isoformat()
    out = {
        "title": f"{sum(bool(r.get('headline')) for r in recs) / n:.3f}"
        if "headline" in recs[0] else "-",
        "author": f"{sum(bool(r.get('authors')) for r in recs) / n:.3f}"
        if "authors" in recs[0] else "-",
        "date": f"{sum(bool(r['date']) for r in recs) / n:.3f}",
        "future dates": str(sum(str(r["date"] or "")[:10] > now for r in recs)),
    }
    for name, other in others.items():
        both = [(a["date"][:10], b["date"][:10]) for a, b in zip(recs, other, strict=True)
                if a["date"] and b["date"]]
        agree = sum(x == y for x, y in both)
        out[f"day = {name}"] = f"{agree}/{len(both)}"
    return out


def table(title: str, rows: dict[str, dict[str, str]]) -> None:
    cols = list(dict.fromkeys(c for r in rows.values() for c in r))
    print(f"\n{title}")
    print("| run | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for name, r in rows.items():
        print(f"| {name} | " + " | ".join(r.get(c, "-") for c in cols) + " |")


def lows(ev: ModuleType, pages: list[Page], recs: list[Record], fields: Iterable[str],
         limit: int) -> None:
    """The pages where a field is wrong, gold beside ours, to read causes from."""
    checks = {
        "title": lambda g, r: ev.norm(r["headline"]) == ev.norm(g["title"]),
        "author": lambda g, r: ev.names(r["authors"]) == ev.names(g.get("author")),
        "date": lambda g, r: str(r["date"] or "")[:10] == str(g["date"])[:10],
    }
    gold_key = {"title": "title", "author": "author", "date": "date"}
    for name in fields:
        print(f"\nwrong {name}:")
        shown = 0
        for page, rec in zip(pages, recs, strict=True):
            g = page.gold
            if name != "author" and not g.get(gold_key[name]):
                continue
            if checks[name](g, rec):
                continue
            value = {"title": rec["headline"], "author": rec["authors"], "date": rec["date"]}
            print(f"  {page.url[:90]}\n    gold {g.get(gold_key[name])!r}\n"
                  f"    ours {value[name]!r}")
            shown += 1
            if shown >= limit:
                break


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--only", choices=sorted(EXTRACTORS), action="append")
    ap.add_argument("--lows", type=int, default=0, help="list N wrong pages per field")
    ap.add_argument("--field", choices=["title", "author", "date"], action="append")
    ap.add_argument("--limit", type=int, default=0, help="first N pages of each set (quick)")
    ap.add_argument("--no-ceiling", dest="ceiling", action="store_false",
                    help="skip the date ceiling and the author diagnosis (~1 min)")
    a = ap.parse_args(argv)
    if not (a.bench / "snippet_eval.py").exists():
        print(f"no yardstick at {a.bench} (give --bench)", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")  # the libraries warn on odd pages; scores are the output
    names = a.only or list(EXTRACTORS)
    runs = {name: EXTRACTORS[name]() for name in names}
    traf_pages, ev = trafilatura_pages(a.bench)
    sets = {"trafilatura corpus": traf_pages, "ScrapingHub": scrapinghub_pages(a.bench)}
    for set_name, all_pages in sets.items():
        pages = all_pages[: a.limit] if a.limit else all_pages
        recs = {name: [run(p) for p in pages] for name, run in runs.items()}
        if set_name == "trafilatura corpus":
            rows = {name: score_gold(ev, pages, r) for name, r in recs.items()}
            table(f"{set_name}: {len(pages)} pages, gold per field", rows)
            if a.lows and "ours" in recs:
                lows(ev, pages, recs["ours"], a.field or ["title", "author", "date"], a.lows)
            if a.ceiling and "ours" in recs:
                date_ceiling(pages, recs["ours"], recs.get("trafilatura"), a.lows)
                author_diagnosis(ev, pages, recs["ours"])
        else:
            rows = {name: score_coverage(r, {o: recs[o] for o in recs if o != name})
                    for name, r in recs.items()}
            table(f"{set_name}: {len(pages)} pages, no metadata gold (coverage, agreement)",
                  rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
