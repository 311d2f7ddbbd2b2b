"""Fixtures for every test: the real site built once per run, and small sites built with the real hook.

The tests are laid out by what they test:

    cores/<package>/  the engine-free packages of hooks/core/ (sourcefile, termkit, datapages, pagework,
                      sitecheck), on their own and, where a build is the way in, through small builds
    engines/          the adapters: MkDocs builds of small sites, the commands, the engines' readers
    realsite/         the real site (built once per run), by both engines
    project/          the repository: the import layers of hooks/, the CI workflows
    browser/          headless Chromium against the built site (marked `browser`)
    benchmark/        `make bench` and `make bench-web`, and a test of the synthetic sites
    support/          what the tests share (test modules import from here, never from one another)

Tests under tests/browser/ are marked `browser`; `make check` runs everything else but the `slow` ones.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from support.sites import MINI_GLOSSARY, build_real_site, make_site, run_build  # noqa: E402


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real site as `make build` makes it (`mkdocs build --strict`), built once per test run; `make check`
    builds it first (tests/support/editor_check.py) and names the folder in EDITOR_CHECK_SITE."""
    if built := os.environ.get("EDITOR_CHECK_SITE"):
        return Path(built)
    return build_real_site(tmp_path_factory.mktemp("real-site"))


@pytest.fixture
def site_builder(tmp_path):
    def _build(pages, glossary=MINI_GLOSSARY, strict=True, **config):
        return run_build(make_site(tmp_path, pages, glossary, **config), strict=strict)

    return _build


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser/ drives Chromium: mark it `browser`."""
    browser_dir = Path(__file__).parent / "browser"
    for item in items:
        if browser_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
