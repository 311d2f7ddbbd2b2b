"""Session fixtures for the browser tests: the real site (built once per run), served on 127.0.0.1, and Chromium.

Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM): `make test` installs it as root. Without it
these tests fail with the command to run; they never skip.

Every browser context a test opens reports the pages' Content Security Policy violations (the
`securitypolicyviolation` event and Chromium's console message), and a browser test that saw one
fails: the site's own scripts, styles and search must all work under the policy (core.pagework.csp).
So a test waits with `page.wait_for_function("() => ...")`, a function: Playwright evaluates a plain
expression again with eval() each time it polls, which the policy blocks (no 'unsafe-eval').
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
# Runs before the page's own scripts, in every frame, and is not subject to the page's policy.
REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (e) => window.__reportCspViolation(
  `${e.violatedDirective} blocked ${e.blockedURI || "?"} in ${e.sourceFile || document.URL}:${e.lineNumber}`
  + (e.sample ? ` (${e.sample})` : "")), true);"""


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


class WatchedBrowser:
    """Chromium, whose every new context reports Content Security Policy violations into `violations`
    (or into the list a test passes, for a violation it provokes on purpose)."""

    def __init__(self, browser):
        self.browser = browser
        self.violations: list[str] = []

    def new_context(self, violations: list[str] | None = None, **options):
        found = self.violations if violations is None else violations
        context = self.browser.new_context(**options)
        context.expose_binding("__reportCspViolation", lambda source, text: found.append(text))
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None)
        return context


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield WatchedBrowser(browser)
        browser.close()


@pytest.fixture(autouse=True)
def no_policy_violation(request):
    """A browser test fails if any page it opened (or a module's or the session's page, while it ran)
    broke the Content Security Policy."""
    if "browser" not in request.fixturenames:
        yield
        return
    watched = request.getfixturevalue("browser")
    before = len(watched.violations)
    yield
    if found := watched.violations[before:]:
        pytest.fail("Content Security Policy violations:\n" + "\n".join(found), pytrace=False)


@pytest.fixture
def new_page(browser):
    """A fresh browser context and page (desktop size by default), closed after the test.
    violations=[...]: a list for violations the test provokes on purpose (otherwise each fails the test)."""
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
