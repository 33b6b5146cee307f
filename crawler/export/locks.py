"""Advisory locks that tell a live feed from the orphan of a killed run.

A feed's ``.part`` file is locked (``flock``) while its writer lives; the kernel drops the
lock when the process dies, SIGKILL included, so an unlockable ``.part`` is in use.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; every .part counts as live
    fcntl = None  # type: ignore[assignment]


def try_lock(file: IO[Any]) -> bool:
    """Take an exclusive lock on an open file without waiting; False if someone holds it."""
    if fcntl is None:  # pragma: no cover
        return False
    try:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def owner_path(part: Path) -> Path:
    """Where a distributed worker writes its id beside a part it writes."""
    return part.with_name(part.name + ".owner")
