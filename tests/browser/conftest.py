"""Session fixtures for the browser tests: the real site (built once per run), served on 127.0.0.1, and Chromium.

Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM): `make test` installs it as root. Without it
these tests fail with the command to run; they never skip.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from support import ROOT, SEARCH_OUTCOMES, WAIT_MS
from support.lighthouse import CHROMIUM, CHROMIUM_ARGS, LIGHTHOUSE
from support.site_server import SiteServer, base_path

AXE = ROOT / "node_modules/axe-core/axe.min.js"


def require_node_tool(path: Path) -> Path:
    if not path.exists():
        pytest.fail(
            f"{path.relative_to(ROOT)} is missing: run `npm ci` in {ROOT} (`make test` does this).", pytrace=False
        )
    if shutil.which("node") is None:
        pytest.fail("Node.js is not installed; the browser tests need Node 20 for Lighthouse.", pytrace=False)
    return path


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install Debian's package: `apt-get install -y chromium` "
            "as root (`make test` does this), or set CHROMIUM to a Chromium binary.",
            pytrace=False,
        )
    require_node_tool(LIGHTHOUSE)
    return CHROMIUM


@pytest.fixture(scope="session")
def built_site(real_site) -> Path:
    return real_site


@pytest.fixture(scope="session")
def site_server(built_site):
    server = SiteServer(built_site, base_path()).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def base_url(site_server) -> str:
    """e.g. http://127.0.0.1:40123/site/ — the site under the path of its site_url."""
    return site_server.base_url


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """A fresh browser context and page (desktop size by default), closed after the test."""
    contexts = []

    def _new(**options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 800}, **options})
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        return context.new_page()

    yield _new
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_source() -> Path:
    return require_node_tool(AXE)


def pytest_terminal_summary(terminalreporter, config):
    """Print the search query set's result (test_search.py): in all, and per set of search_queries.yml."""
    outcomes = config.stash.get(SEARCH_OUTCOMES, None)
    if outcomes:
        terminalreporter.section("Search query set")
        missed = [query for query, (_, ok) in outcomes.items() if not ok]
        per_set = []
        for name, label in (("", "first set"), ("readers", "readers"), ("holdout", "held out")):
            results = [ok for kind, ok in outcomes.values() if kind == name]
            if results:
                per_set.append(f"{label} {sum(results)} of {len(results)}")
        terminalreporter.write_line(
            f"{len(outcomes) - len(missed)} of {len(outcomes)} queries answered in the top 3 ({', '.join(per_set)})"
            + (f"; missed: {', '.join(missed)}" if missed else "")
        )
