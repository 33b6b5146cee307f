"""The package import graph: no cycle between the packages of ``crawler``, and extraction/
and cleaning/ stay free of Scrapy (they are pure functions of html and text).

Every import counts, also those inside functions: a lazy import is still a dependency."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "crawler"
NO_SCRAPY = ("crawler.extraction", "crawler.cleaning")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports (relative imports resolved)."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def package_of(module: str) -> str:
    """``crawler.spiders.news`` -> ``crawler.spiders``; top-level modules are their own."""
    parts = module.split(".")
    if len(parts) >= 2 and (PACKAGE / parts[1]).is_dir():
        return ".".join(parts[:2])
    return module if (PACKAGE / f"{parts[-1]}.py").exists() or len(parts) == 1 else \
        ".".join(parts[:2])


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        source = package_of(module_name(path))
        targets = graph.setdefault(source, set())
        for name in imports_of(path):
            if name == "crawler" or not name.startswith("crawler."):
                continue
            target = package_of(name)
            if target != source:
                targets.add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path of nodes, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_graph_is_read() -> None:
    graph = package_graph()
    assert "crawler.spiders" in graph and "crawler.extraction" in graph["crawler.spiders"]
    assert "crawler.resume" in graph["crawler.distributed"]


def test_cycle_finder_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_cycle_between_packages() -> None:
    assert find_cycle(package_graph()) is None


def test_extraction_and_cleaning_import_no_scrapy() -> None:
    offenders = []
    for package in NO_SCRAPY:
        for path in (ROOT / package.replace(".", "/")).rglob("*.py"):
            names = imports_of(path)
            if any(n == "scrapy" or n.startswith("scrapy.") for n in names):
                offenders.append(module_name(path))
    assert offenders == []


def test_crawl_process_modules_leave_extraction_libraries_to_the_workers() -> None:
    # The crawl process hands pages to extraction workers; importing trafilatura, readability
    # or the language model there costs every crawl ~1 s of CPU and ~60 MB for nothing.
    code = """
import importlib, sys
import crawler.settings as s
names = ["crawler.spiders.news", "crawler.spiders.saved_pages", "crawler.pool",
         "crawler.commands.extract", "crawler.commands.crawl"]
for table in (s.ITEM_PIPELINES, s.EXTENSIONS, s.SPIDER_MIDDLEWARES, s.DOWNLOADER_MIDDLEWARES):
    names += [k.rpartition(".")[0] for k in table if k.startswith("crawler.")]
for name in names:
    importlib.import_module(name)
print(sorted(m for m in ("trafilatura", "readability", "py3langid") if m in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[]"


def test_extraction_names_load_on_first_use() -> None:
    from crawler import extraction

    assert extraction.process_page.__module__ == "crawler.extraction.page"
    assert extraction.PageInput.__module__ == "crawler.extraction.page_types"
    assert sorted(extraction.__all__) == sorted(extraction._HOMES)
    with pytest.raises(AttributeError):
        _ = extraction.no_such_name
