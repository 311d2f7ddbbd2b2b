"""Lighthouse on every page type, mobile and desktop: what does not depend on the machine's speed.

Accessibility, best practices and SEO must be exactly 100. Instead of the performance score (its
metrics are timings simulated from a run on this shared machine: the same commit measured 79-100
on different days), each page must stay inside budgets that decide how heavy it is on a phone:
bytes, scripts, requests, DOM size, render-blocking resources, and no request to another host.
The timing scores are measured by `make bench-web` (tests/benchmark/web.py), never asserted here.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import lxml.html
import pytest

from support import PAGE_TYPES, lighthouse

PAGES = PAGE_TYPES  # the 404 page is checked by test_pages.py (Lighthouse does not audit a page answered with 404)
# Budgets per page, from the measurements of 2026-11-29 (same on both presets; gzip like a static
# host) plus a margin of about 10%. What each protects:
BUDGETS = {
    # everything a first visit downloads (measured 129-138 KB, the glossary 162 KB; by 2026-12-07 the
    # content had grown to 148-154 KB, and reading by thumb added 4-6 KB: the script 1.7 KB gzipped
    # for the sheets, footnote notes, table edges and report link, the stylesheet 2.3 KB, and each
    # page's words for the sheet and its report link; home 154 KB, theme page 158 KB, index 159 KB)
    "transfer_bytes": {"default": 165_000, "glossary": 185_000},
    # Material's bundle and the site's own script (36 KB): a new script or a heavier bundle shows here
    "script_bytes": {"default": 40_000},
    # Material's stylesheets and extra.css (26 KB)
    "stylesheet_bytes": {"default": 30_000},
    # one request per asset (9): a new font, icon, script or image file shows here
    "requests": {"default": 10},
    # style and layout work on a phone grows with the element count; Lighthouse flags pages over
    # 1,400 (measured 2026-11-29: home 382, sources 588, architecture 1,026, index 2,242, glossary
    # 4,290; since "Light pages" every page is at most 1,500, the glossary and index included).
    # The index now links every place an entry points to, as a book's index does (1,812 on
    # 2026-12-07, 1,464 without), and each glossary entry's "and N more sections" links to that
    # index entry (1,636, 1,476 without); their entries are still rendered only near the screen
    # (extra.css, content-visibility).
    "dom_elements": {"default": 1_500, "glossary": 1_750, "book-index": 1_950},
}
# Resources that hold the first paint: Material's stylesheets and extra.css, nothing else.
MAX_RENDER_BLOCKING = 3
EXACT_100 = ["accessibility", "best-practices", "seo"]
CASES = [pytest.param(page, preset, id=f"{page}-{preset}") for page in PAGES for preset in lighthouse.PRESETS]


@pytest.fixture(scope="session")
def reports(base_url, tmp_path_factory, chromium) -> dict:
    """Every (page, preset) audited once, two at a time (nothing asserted here depends on timing)."""
    out = tmp_path_factory.mktemp("lighthouse")

    def audit(case):
        page, preset = case
        return case, lighthouse.run(base_url + PAGES[page], preset, out / f"{page}-{preset}.json")

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(audit, [(p, s) for p in PAGES for s in lighthouse.PRESETS]))


def budget(name: str, page: str) -> int:
    limits = BUDGETS[name]
    return limits.get(page, limits["default"])


@pytest.mark.parametrize(("page", "preset"), CASES)
def test_accessibility_best_practices_and_seo_are_100(reports, page, preset):
    report = reports[page, preset]
    scores = lighthouse.scores(report)
    for category in EXACT_100:
        failing = "\n  ".join(lighthouse.failing_audits(report, category))
        assert scores[category] == 100, f"{category} is {scores[category]}; not passing:\n  {failing}"


@pytest.mark.parametrize(("page", "preset"), CASES)
def test_page_stays_within_its_budgets(reports, page, preset):
    measured = lighthouse.budgets(reports[page, preset])
    over = {
        name: f"{value:,} > {budget(name, page):,}" for name, value in measured.items() if value > budget(name, page)
    }
    assert not over, f"{page} ({preset}) is over budget: {over}; measured {measured}"


@pytest.mark.parametrize(("page", "preset"), CASES)
def test_no_request_to_another_host(reports, page, preset):
    assert lighthouse.foreign_requests(reports[page, preset]) == []


@pytest.mark.parametrize("page", [*PAGES, "404"])
def test_few_render_blocking_resources(built_site, page):
    """Stylesheets and synchronous head scripts hold the first paint; count them in the HTML itself."""
    path = built_site / "404.html" if page == "404" else built_site / PAGES[page] / "index.html"
    html = lxml.html.fromstring(path.read_bytes())
    blocking = html.xpath(
        "//head/link[@rel='stylesheet'][not(@media) or @media='all' or @media='screen']/@href"
        " | //head/script[@src][not(@async) and not(@defer) and not(@type='module')]/@src"
    )
    assert len(blocking) <= MAX_RENDER_BLOCKING, f"{page}: render-blocking resources {blocking}"


def test_budgets_catch_a_heavier_page():
    """A report with one more script and a bigger DOM than allowed fails the budget check."""
    report = {
        "audits": {
            "resource-summary": {
                "details": {
                    "items": [
                        {"resourceType": "total", "transferSize": 10_000, "requestCount": 17},
                        {"resourceType": "script", "transferSize": 130_000, "requestCount": 1},
                    ]
                }
            },
            "dom-size": {"numericValue": 1_700},
        }
    }
    measured = lighthouse.budgets(report)
    over = sorted(name for name, value in measured.items() if value > budget(name, "home"))
    assert over == ["dom_elements", "requests", "script_bytes"]
