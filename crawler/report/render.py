"""The report page: self-contained HTML (styles inline, charts inline SVG, no script, no
network), one column on a phone, a grid of charts on a laptop. Failing monitors first."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from crawler.monitoring.checks import MONITORED_FIELDS
from crawler.report.charts import (
    PALETTE,
    bar_chart,
    coverage_chart,
    series_chart,
    stacked_chart,
)
from crawler.report.model import FUNNEL, FUNNEL_LABELS, RunReport, SiteReport, outcome_families

STYLE = """
*{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
margin:0;color:#212121;background:#fafafa}main{max-width:1100px;margin:0 auto;padding:12px}
h1{font-size:1.4em;margin:.4em 0}h2{font-size:1.2em;margin:1.2em 0 .4em;border-bottom:1px solid
#cfd8dc;padding-bottom:.2em}h3{font-size:1em;margin:.2em 0 .4em;color:#455a64}
.meta{color:#546e7a}.failures{background:#ffebee;border:2px solid #c62828;color:#b71c1c;
border-radius:6px;padding:10px 14px}.failures h2{color:#b71c1c;border:0;margin:0 0 .3em}
.failures li{margin:.2em 0;overflow-wrap:anywhere}.ok{background:#e8f5e9;border:1px solid #2e7d32;
color:#1b5e20;border-radius:6px;padding:8px 14px}.grid{display:grid;gap:12px;
grid-template-columns:repeat(auto-fit,minmax(min(100%,340px),1fr))}.card{background:#fff;
border:1px solid #e0e0e0;border-radius:6px;padding:8px 10px;min-width:0}svg.chart{width:100%;
max-width:520px;height:auto;display:block}table{border-collapse:collapse;width:100%;font-size:.9em}
td,th{text-align:left;padding:3px 6px;border-bottom:1px solid #eceff1}td.n{text-align:right}
.scroll{overflow-x:auto}.bad{color:#c62828;font-weight:600}details{margin:.4em 0}
"""


def render_report(runs: Sequence[RunReport]) -> str:
    """The report of the last run, with a comparison of all of them when given several."""
    run = runs[-1]
    title = f"Crawl report: {run.name}"
    parts = [f"<h1>{escape(title)}</h1>", _meta(run), _failures(run)]
    if len(runs) > 1:
        parts.append(_comparison(runs))
    parts.append(_overview(run))
    failing = {(f.site, f.subject) for f in run.failures if f.monitor == "coverage"}
    for domain, site in sorted(run.sites.items()):
        parts.append(_site(site, {s for d, s in failing if d == domain},
                           {f.message for f in run.failures if f.site == domain}))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
            f"<body><main>{''.join(parts)}</main></body></html>\n")


def _meta(run: RunReport) -> str:
    when = f" at {escape(run.finished_at[:19])} UTC" if run.finished_at else ""
    return (f'<p class="meta">Finish reason <b>{escape(run.finish_reason)}</b>{when}, '
            f"{run.duration:,.1f} s: {run.pages_fetched:,} responses, "
            f"{run.articles_exported:,} articles exported, {_plural(len(run.sites), 'site')}.</p>")


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _failures(run: RunReport) -> str:
    if not run.failures:
        return '<section class="ok" id="monitors">All monitors passed.</section>'
    items = "".join(f"<li>{escape(f.message)}</li>" for f in run.failures)
    return (f'<section class="failures" id="monitors"><h2>{len(run.failures)} failing '
            f"monitor check{'s' if len(run.failures) != 1 else ''}</h2><ul>{items}</ul>"
            "</section>")


def _card(title: str, body: str) -> str:
    return f'<div class="card"><h3>{escape(title)}</h3>{body}</div>'


def _overview(run: RunReport) -> str:
    cards = [_card("Outcomes, all sites", bar_chart(
        "Outcome of every fetched page", sorted(outcome_families(run.outcomes).items(),
                                                key=lambda kv: -kv[1]), colours=PALETTE))]
    per_site = [(d, outcome_families(s.outcomes)) for d, s in sorted(run.sites.items())
                if s.outcomes]
    if per_site:
        cards.append(_card("Outcomes per site (share of pages)",
                           stacked_chart("Share of each outcome, per site", per_site)))
    if run.dropped:
        cards.append(_card("Drop reasons", bar_chart("Items dropped, by reason",
                                                     sorted(run.dropped.items()))))
    if run.chrome_removed:
        rows = sorted(run.chrome_removed.items(), key=lambda kv: -kv[1])[:15]
        cards.append(_card("Chrome removed, by rule (lines)",
                           bar_chart("Lines removed by each cleaning rule", rows)))
    if run.chrome_pruned:
        rows = sorted(run.chrome_pruned.items(), key=lambda kv: -kv[1])[:15]
        cards.append(_card("Chrome pruned in the DOM, by table (blocks)",
                           bar_chart("Blocks pruned before extraction", rows)))
    return f'<h2>Overview</h2><div class="grid">{"".join(cards)}</div>'


def _site(site: SiteReport, failing_fields: set[str], messages: set[str]) -> str:
    cards = []
    if site.coverage:  # first: what a broken layout changes
        runs = max(site.coverage_runs.values(), default=0)
        label = ("Field coverage: this run, the last run in grey" if runs == 1 else
                 f"Field coverage: this run, the last {runs} runs in grey" if runs else
                 "Field coverage (no earlier runs yet)")
        cards.append(_card(label, coverage_chart(
            f"{site.domain}: field coverage against recent runs", MONITORED_FIELDS,
            site.coverage, site.coverage_before, failing_fields)))
    funnel = [(FUNNEL_LABELS[k], float(site.funnel.get(k, 0))) for k in FUNNEL]
    cards.append(_card("Funnel", bar_chart(f"{site.domain}: discovered to exported", funnel)))
    if site.outcomes:
        rows = sorted(site.outcomes.items(), key=lambda kv: -kv[1])
        cards.append(_card(f"Outcomes and drop reasons ({site.pages:,} pages)", bar_chart(
            f"{site.domain}: outcome of each page", rows, colours=PALETTE)))
    alert = "".join(f'<p class="bad">{escape(m)}</p>' for m in sorted(messages))
    return (f'<section class="site"><h2>{escape(site.domain)}</h2>{alert}'
            f'<div class="grid">{"".join(cards)}</div></section>')


def _comparison(runs: Sequence[RunReport]) -> str:
    rows = "".join(
        f"<tr><td>{escape(r.name)}</td><td>{escape(r.finish_reason)}</td>"
        f'<td class="n">{r.pages_fetched:,}</td><td class="n">{r.articles_exported:,}</td>'
        f'<td class="n{" bad" if r.failures else ""}">{len(r.failures)}</td></tr>'
        for r in runs)
    table = ('<div class="scroll"><table><tr><th>run</th><th>finish</th><th>pages</th>'
             f"<th>exported</th><th>failing checks</th></tr>{rows}</table></div>")
    labels = [r.name for r in runs]
    cards = []
    for domain in sorted({d for r in runs for d in r.sites}):
        series = {name: [r.sites[domain].coverage.get(name, 0.0) if domain in r.sites else 0.0
                         for r in runs] for name in MONITORED_FIELDS}
        cards.append(_card(f"{domain}: field coverage per run",
                           series_chart(f"{domain}: coverage across runs", labels, series)))
    return f'<h2>Runs compared</h2>{table}<div class="grid">{"".join(cards)}</div>'
