"""Shim for ``scrapyd-deploy``, which builds its egg with ``python setup.py bdist_egg``.

All metadata lives in ``pyproject.toml`` (package data included, so the egg carries
``sites.toml``, the JSON Schema and the demo site); this file only lets the legacy
command run. ``pip install`` ignores it in favour of the pyproject build.
"""

from setuptools import setup

setup()
