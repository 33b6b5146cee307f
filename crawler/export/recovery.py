"""Recover the ``*.part`` feeds that killed runs left behind.

A recovered feed is cut after its last complete line (a line is written in one ``write``
of an unbuffered file, so only the last one can be partial), renamed to its final name,
and its records returned so that the caller can count them as exported.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from crawler.export.locks import owner_path, try_lock
from crawler.export.storage import PART_SUFFIX
from crawler.urlcanon import url_key

logger = logging.getLogger(__name__)


def record_key(record: Mapping[str, Any]) -> str:
    """The state key of an exported record: its canonical URL key (``crawler.urlcanon``)."""
    return url_key(str(record.get("url") or ""))


def feed_dirs(feed_uris: Iterable[str], spider_name: str) -> list[Path]:
    """Local directories the configured feeds are written to (templates cut at the first
    ``%(...)s`` other than the spider name)."""
    dirs: list[Path] = []
    for uri in feed_uris:
        parts = urlsplit(str(uri))
        if parts.scheme not in {"", "file"} and len(parts.scheme) > 1:
            continue  # s3://, ftp://: not ours to recover
        path = unquote(parts.path) if parts.scheme == "file" else str(uri)
        path = path.replace("%(name)s", spider_name)
        parent = Path(path).parent
        while "%(" in str(parent):
            parent = parent.parent
        if parent not in dirs:
            dirs.append(parent)
    return dirs


def orphaned_parts(directory: Path) -> list[Path]:
    """``*.part`` files in ``directory`` (the caller recovers; live ones are skipped there)."""
    if not directory.is_dir():
        return []
    return sorted(directory.glob(f"*{PART_SUFFIX}"))


Keep = Callable[[list[dict[str, Any]], str | None], list[bool]]
"""Given a part's records and its owner (a worker id or None): which lines to keep."""


def recover_part(part: Path, keep: Keep | None = None) -> tuple[Path, list[dict[str, Any]]] | None:
    """Cut, filter, rename and read an orphaned part; None if it is live or already
    recovered. Returns the final path and the records kept."""
    try:
        fh = part.open("r+b")
    except FileNotFoundError:
        return None
    with fh:
        if not try_lock(fh) or not part.exists():
            return None  # a live writer holds it, or another process recovered it
        data = fh.read()
        cut = data.rfind(b"\n") + 1
        if cut < len(data):
            logger.warning("cut a partial last line (%d bytes) from %s", len(data) - cut, part)
        lines = _records(data[:cut], part)
        sidecar = owner_path(part)
        owner = sidecar.read_text("utf-8").strip() if sidecar.exists() else None
        if keep is not None:
            flags = keep([record for _, record in lines], owner)
            lines = [line for line, flag in zip(lines, flags, strict=True) if flag]
        body = b"".join(raw for raw, _ in lines)
        if body != data:
            fh.seek(0)
            fh.truncate()
            fh.write(body)
        fh.flush()
        os.fsync(fh.fileno())
        final = _final_name(part)
        os.replace(part, final)  # under the lock: a second recoverer finds no part
        sidecar.unlink(missing_ok=True)
    return final, [record for _, record in lines]


def _final_name(part: Path) -> Path:
    final = part.with_name(part.name.removesuffix(PART_SUFFIX))
    number = 1
    while final.exists():  # e.g. `-O feed.jsonl` written again since: keep both
        final = part.with_name(f"{final.stem.split('.recovered-')[0]}.recovered-{number}"
                               f"{final.suffix}")
        number += 1
    return final


def _records(data: bytes, where: Path) -> list[tuple[bytes, dict[str, Any]]]:
    """Complete lines with their records; unreadable lines are dropped (and logged)."""
    records = []
    for number, line in enumerate(data.splitlines(keepends=True), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            logger.warning("dropped unreadable line %d of recovered feed %s", number, where)
            continue
        if isinstance(record, dict):
            records.append((line, record))
    return records
