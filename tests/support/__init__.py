"""Helpers shared by the tests: building sites, checking links, serving a site, running Lighthouse.

Test modules import from here (or get fixtures from conftest.py), never from one another.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# How long a browser test waits for a condition (never a fixed sleep): generous, so that a busy
# machine only makes a test slower, never failing.
WAIT_MS = 30_000
# Which queries of tests/browser/search_queries.yml found their places in the top 3 (printed at the end).
SEARCH_OUTCOMES = pytest.StashKey[dict]()

# One page of each type, by the path under the site: what the first-paint and Lighthouse tests load.
PAGE_TYPES = {
    "home": "",
    "theme": "architecture/",
    "next": "what-happened-next/",
    "sources": "sources/",
    "glossary": "glossary/",
    "book-index": "book-index/",
}
