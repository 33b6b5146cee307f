"""The crawl report: one self-contained HTML page (``<feed>.report.html``) from the stats
file(s) a crawl writes. :mod:`.model` reads a stats file, :mod:`.charts` draws inline SVG,
:mod:`.render` lays the page out; no Scrapy import except in :mod:`.extension`."""

from crawler.report.model import RunReport, load_run
from crawler.report.render import render_report

__all__ = ["RunReport", "load_run", "render_report"]
