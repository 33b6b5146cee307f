"""Pages saved on disk: ``.html``/``.htm`` (optionally ``.gz``) files and WARC files.

Yields :class:`crawler.extraction.PageInput` without fetching anything.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from w3lib.encoding import http_content_type_encoding
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from crawler.extraction import PageInput

logger = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
MAX_PAGE_BYTES = 16 * 1024 * 1024


Progress = Callable[[int], None]
"""Called with the number of input bytes consumed since the last call."""


def iter_saved_pages(
    paths: list[str], url: str | None = None, progress: Progress | None = None
) -> Iterator[PageInput | str]:
    """Yield pages, or a string reason for each input that could not be read."""
    for name in paths:
        path = Path(name)
        lower = path.name.lower()
        problem = _input_problem(path)
        if problem is not None:
            reason, message = problem
            logger.error("%s: %s", message, path)
            yield reason
            continue
        if lower.endswith(WARC_SUFFIXES):
            yield from _warc_pages(path, progress)
        elif lower.endswith(HTML_SUFFIXES):
            yield _html_page(path, url)
            if progress:
                progress(_size(path))
        else:
            logger.error("not an .html/.htm(.gz) or WARC file: %s", path)
            yield "unsupported_file"


def _input_problem(path: Path) -> tuple[str, str] | None:
    """(reason, message) for an input that cannot be read at all, else None."""
    if path.is_dir():
        return "directory", "a directory, not a file (give the files in it)"
    if not path.exists():
        return "missing_file", "no such file"
    if _size(path) == 0:
        return "empty_file", "empty file"
    if path.name.lower().endswith((".html", ".htm")):
        try:
            with path.open("rb") as f:
                head = f.read(4096)
        except OSError as exc:
            return "unreadable_file", f"cannot read ({exc.strerror or exc})"
        if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "binary_file", "binary data, not HTML"
    return None


def total_bytes(paths: list[str]) -> int:
    """Input size, for a progress bar's total."""
    return sum(_size(Path(p)) for p in paths)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _html_page(path: Path, url: str | None) -> PageInput | str:
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rb") as f:
            body = f.read(MAX_PAGE_BYTES + 1)
    except (OSError, EOFError) as exc:
        logger.error("cannot read %s: %s", path, exc)
        return "unreadable_file"
    if len(body) > MAX_PAGE_BYTES:
        logger.error("%s is larger than %d bytes", path, MAX_PAGE_BYTES)
        return "file_too_large"
    return PageInput(url or path.resolve().as_uri(), body, None, want_links=False)


def _warc_pages(path: Path, progress: Progress | None) -> Iterator[PageInput | str]:
    found = done = 0
    truncated = False
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if progress:
                    pos = stream.tell()
                    progress(pos - done)
                    done = pos
                if record.rec_type == "response":
                    page = _warc_page(record)
                    if page is not None:
                        found += 1
                        yield page
                while record.raw_stream.read(1 << 16):  # to its end: a record cut short
                    pass  # has bytes left to read
                truncated = truncated or record.raw_stream.limit > 0
        # warcio stops quietly at a gzip member cut short: check the compression's end.
        truncated = truncated or (path.name.lower().endswith(".gz") and _gzip_truncated(path))
    except (OSError, ArchiveLoadFailed, EOFError, ValueError, AttributeError) as exc:
        logger.error("broken WARC %s: %s (%d pages read before)", path, exc, found)
        yield "broken_warc"
        return
    if progress:
        progress(max(0, _size(path) - done))
    if truncated:
        logger.error("truncated WARC %s: it ends inside a record (%d pages read before)",
                     path, found)
        yield "truncated_warc"
        return
    if not found:
        # warcio reads garbage leniently, as records of no known type: say so.
        logger.error("no HTML response records in %s", path)
        yield "warc_without_html"


def _gzip_truncated(path: Path) -> bool:
    """Does the gzip file end before its last member's end (a download cut short)?"""
    try:
        with gzip.open(path, "rb") as f:
            while f.read(1 << 20):
                pass
    except EOFError:
        return True
    except (OSError, gzip.BadGzipFile):
        return False  # not gzip at all: warcio said what it could
    return False


def _warc_page(record: object) -> PageInput | None:
    uri = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    http = record.http_headers  # type: ignore[attr-defined]
    ctype = http.get_header("Content-Type") if http is not None else None
    if not uri or (ctype and "html" not in ctype.lower()):
        return None
    body = record.content_stream().read(MAX_PAGE_BYTES)  # type: ignore[attr-defined]
    return PageInput(uri, body, http_content_type_encoding(ctype or ""), want_links=False)
