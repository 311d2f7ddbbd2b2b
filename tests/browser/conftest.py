"""Session fixtures for the browser tests: the real site built once, served on 127.0.0.1, and Chromium.

Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM): `make test` installs it as root. Without it
these tests fail with the command to run; they never skip.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .site_server import ROOT, SiteServer, base_path, build_site

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
NODE_BIN = ROOT / "node_modules/.bin"
AXE = ROOT / "node_modules/axe-core/axe.min.js"


def require_chromium() -> Path:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install Debian's package: `apt-get install -y chromium` "
            "as root (`make test` does this), or set CHROMIUM to a Chromium binary.", pytrace=False)
    return CHROMIUM


def require_node_tool(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `npm ci` in {ROOT} (`make test` does this).",
                    pytrace=False)
    if shutil.which("node") is None:
        pytest.fail("Node.js is not installed; the browser tests need Node 20 for Lighthouse and linkinator.",
                    pytrace=False)
    return path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as `make build` makes it (`mkdocs build --strict`), once per session."""
    out = tmp_path_factory.mktemp("browser-site")
    build_site(out)
    return out


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
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> Path:
    return require_node_tool(AXE)


def pytest_terminal_summary(terminalreporter, config):
    """Print the Lighthouse scores (test_lighthouse.py) and the search query set's result (test_search.py)."""
    from .test_lighthouse import SCORES_KEY, format_table
    from .test_search import OUTCOMES_KEY

    results = config.stash.get(SCORES_KEY, None)
    if results:
        terminalreporter.section("Lighthouse scores")
        for line in format_table(results):
            terminalreporter.write_line(line)
    outcomes = config.stash.get(OUTCOMES_KEY, None)
    if outcomes:
        terminalreporter.section("Search query set")
        missed = [query for query, ok in outcomes.items() if not ok]
        terminalreporter.write_line(f"{len(outcomes) - len(missed)} of {len(outcomes)} queries answered in the top 3"
                                    + (f"; missed: {', '.join(missed)}" if missed else ""))
