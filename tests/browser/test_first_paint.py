"""The first paint waits for Material's start-up, but not for ever (overrides/main.html).

Material's scripts are ordinary scripts at the end of <body>, and an "expect" link in <head> holds
the first paint until they have run; the last, javascripts/site.js, starts Material, which mounts
its components: whatever runs after the first paint counts as blocking time on a phone. Here the
bundle is slowed down, as on a slow network, so that without the link the browser would paint the
article before the bundle arrives; and then never answered, so that the page must paint anyway.
"""

from __future__ import annotations

import time

import pytest

BUNDLE = "**/assets/javascripts/bundle.*.min.js"
FIRST_PAINT = "performance.getEntriesByName('first-contentful-paint')"
# Before the first frame is painted the browser runs the page's animation-frame callbacks; this
# one records whether Material had started by then (its document$ replays the page once it has).
AT_FIRST_FRAME = """requestAnimationFrame(() => {
  let started = false;
  if (window.document$) window.document$.subscribe(() => { started = true; }).unsubscribe();
  window.__startedAtFirstFrame = started;
});"""


@pytest.mark.parametrize("path", ["", "glossary/"], ids=["home", "glossary"])
def test_first_paint_comes_after_material_has_started(new_page, base_url, path):
    page = new_page()

    def slow(route):
        time.sleep(0.5)  # the bundle arrives well after the HTML, as on a slow network
        route.continue_()

    page.route(BUNDLE, slow)
    page.add_init_script(AT_FIRST_FRAME)
    page.goto(base_url + path, wait_until="load")
    page.wait_for_function(f"{FIRST_PAINT}.length > 0 && window.__startedAtFirstFrame !== undefined")
    assert page.evaluate("window.__startedAtFirstFrame"), "the first frame was painted before Material started"


def test_page_paints_when_the_scripts_never_arrive(new_page, base_url):
    page = new_page()
    held = []

    def hold(route):  # never answered while the test waits
        held.append(route)

    page.route(BUNDLE, hold)
    page.goto(base_url + "glossary/", wait_until="commit")
    page.wait_for_function(f"{FIRST_PAINT}.length > 0")
    assert page.evaluate("document.readyState") == "loading", "the parser is still waiting for the bundle"
    assert page.locator("article h1").is_visible()
    for route in held:
        route.abort()


def test_material_starts_once(new_page, base_url):
    """javascripts/site.js starts Material before the browser's DOMContentLoaded, which must not start it again."""
    page = new_page(viewport={"width": 375, "height": 740})
    page.goto(base_url + "architecture/", wait_until="networkidle")
    tables = page.locator("article table:not([class])").count()
    assert tables, "the page has data tables"
    assert page.locator(".md-typeset__scrollwrap").count() == tables, "Material wraps each data table once"
    assert page.locator(".md-typeset__scrollwrap .md-typeset__scrollwrap").count() == 0
