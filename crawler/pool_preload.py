"""Imported by the extraction pool's fork server only (``set_forkserver_preload``).

Importing it warms extraction up once (:func:`crawler.pool.warm_up`: lazily built tables and
caches, the language model), before the fork server forks any worker: each worker then
starts with all of it, shared with its siblings until written to, instead of spending
~0.6 s of CPU and ~70 MB loading its own copy at start and at every recycle.

A failure here must not take the fork server down (it would take every worker with it):
the workers warm up again themselves, which is then the slow path, not a broken one.
"""

from __future__ import annotations

import logging

from crawler.pool import warm_up

try:
    warm_up()
except Exception:  # the workers warm up themselves; see the module docstring
    logging.getLogger(__name__).exception("fork server warm-up failed")
