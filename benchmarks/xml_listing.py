"""Memory and CPU of reading a sitemap: whole tree (``parse_xml`` + ``read_sitemap``) against
incremental (``read_listing``, what the spider runs), each in a fresh process.

    .venv/bin/python benchmarks/xml_listing.py               # 50,000-entry sitemap; url bomb
    .venv/bin/python benchmarks/xml_listing.py --bomb-tree   # also the bomb as a whole tree
                                                             # (~2.7 GB: mind the machine)

Peak growth is the child's maximum resident set size after reading, less before.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import gzip, resource, sys, time
from crawler.spiders.listings import read_listing
from crawler.spiders.sitemaps import read_sitemap
from crawler.spiders.xmlsafe import maybe_gunzip, parse_xml
doc, way = sys.argv[1], sys.argv[2]
if doc == "bomb":
    body = gzip.compress(b'<?xml version="1.0"?><urlset>' + b"<url/>" * 8_000_000
                         + b"</urlset>", 6)
else:
    body = (b'<?xml version="1.0"?><urlset>' + b"".join(
        b"<url><loc>https://n.example/2020/01/01/story-number-%d-of-the-day.html</loc>"
        b"<lastmod>2020-01-01</lastmod></url>" % i for i in range(50_000)) + b"</urlset>")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.process_time()
if way == "tree":
    entries = len(read_sitemap(parse_xml(maybe_gunzip(body))).entries)
else:
    entries = len(read_listing(body).entries)
cpu = time.process_time() - start
growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(len(body), entries, round(cpu, 2), round(growth, 1))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-tree", action="store_true")
    args = parser.parse_args()
    print(f"{'document':<22}{'reader':<13}{'bytes':>10}{'entries':>9}{'CPU s':>8}{'peak MB':>9}")
    cases = [("sitemap", "tree"), ("sitemap", "incremental"), ("bomb", "incremental")]
    if args.bomb_tree:
        cases.append(("bomb", "tree"))
    names = {"sitemap": "50,000-entry sitemap", "bomb": "8 M <url/> .xml.gz"}
    for doc, way in cases:
        out = subprocess.run([sys.executable, "-c", CHILD, doc, way], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.split()
        size, entries, cpu, growth = out
        print(f"{names[doc]:<22}{way:<13}{size:>10}{entries:>9}{cpu:>8}{growth:>9}")


if __name__ == "__main__":
    main()
