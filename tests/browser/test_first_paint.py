"""Nothing of the page shows before Material has started, but not for ever (overrides/main.html).

Material's scripts are ordinary scripts at the end of <body>, and a style in <head> keeps the
page's content transparent until the last of them, javascripts/site.js, has started Material
(which mounts its components) and removed the style: whatever runs after the first contentful
paint counts as blocking time on a phone. The browser still paints while it waits, the palette's
background and nothing else. Here the bundle is slowed down, as on a slow network, so that
without the hold the browser would show the article before the bundle arrives; and then never
answered, so that the page must show anyway.
"""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image

BUNDLE = "**/assets/javascripts/bundle.*.min.js"
FIRST_CONTENTFUL_PAINT = "performance.getEntriesByName('first-contentful-paint')"
# Before each frame is painted the browser runs the page's animation-frame callbacks; these record
# whether a frame showed the page's content (an opaque <body>) before Material had started (its
# document$ replays the page once it has), until a frame shows it.
EVERY_FRAME = """(() => {
  window.__frames = [];
  const look = () => {
    let started = false;
    if (window.document$) window.document$.subscribe(() => { started = true; }).unsubscribe();
    const shown = document.body !== null && getComputedStyle(document.body).opacity !== "0";
    window.__frames.push({ started, shown });
    if (!shown) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();"""


def slow(route):
    time.sleep(0.5)  # the bundle arrives well after the HTML, as on a slow network
    route.continue_()


@pytest.mark.parametrize("path", ["", "glossary/"], ids=["home", "glossary"])
def test_content_shows_only_once_material_has_started(new_page, base_url, path):
    page = new_page()
    page.route(BUNDLE, slow)
    page.add_init_script(EVERY_FRAME)
    page.goto(base_url + path, wait_until="load")
    page.wait_for_function(f"() => {FIRST_CONTENTFUL_PAINT}.length > 0 && window.__frames.some(f => f.shown)")
    frames = page.evaluate("window.__frames")
    assert any(not f["shown"] for f in frames), "the browser painted frames while it waited for the bundle"
    assert all(f["started"] for f in frames if f["shown"]), f"content showed before Material started: {frames}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_wait_shows_the_palettes_background_only(new_page, base_url, scheme):
    """While the bundle has not arrived the screen is one colour: the palette's own background."""
    page = new_page(color_scheme=scheme)
    held = []

    def hold(route):  # never answered while the test looks
        held.append(route)

    page.route(BUNDLE, hold)
    page.goto(base_url + "architecture/", wait_until="commit")
    page.wait_for_function("() => document.querySelector('.md-footer') !== null")  # parsed up to the scripts
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    colours = shot.getcolors(maxcolors=1)  # None: more colours than that
    assert colours is not None, "something showed before Material started"
    luminance = sum(colours[0][1]) / 3
    assert (luminance < 64) if scheme == "dark" else (luminance > 192), f"{scheme} palette, screen {colours[0][1]}"
    assert page.evaluate("document.readyState") == "loading", "the parser is still waiting for the bundle"
    for route in held:
        route.abort()


def test_page_shows_when_the_scripts_never_arrive(new_page, base_url):
    page = new_page()
    held = []

    def hold(route):  # never answered while the test waits
        held.append(route)

    page.route(BUNDLE, hold)
    page.goto(base_url + "glossary/", wait_until="commit")
    page.wait_for_function(f"() => {FIRST_CONTENTFUL_PAINT}.length > 0")
    assert page.evaluate("document.readyState") == "loading", "the parser is still waiting for the bundle"
    assert page.evaluate("getComputedStyle(document.body).opacity") == "1"
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


def test_a_link_to_a_section_lands_on_its_heading(new_page, base_url):
    """The page opens at the section its address names, though it shows only after Material's start-up."""
    first = new_page(viewport={"width": 375, "height": 740})
    first.goto(base_url + "architecture/", wait_until="load")
    headings = first.locator("article h2[id]")  # one from the middle: the page scrolls that far
    anchor = headings.nth(headings.count() // 2).get_attribute("id")
    page = new_page(viewport={"width": 375, "height": 740})  # a new load, not a jump within the page
    page.goto(base_url + f"architecture/#{anchor}", wait_until="load")
    page.wait_for_function("() => getComputedStyle(document.body).opacity === '1'")
    top = page.evaluate(f"document.getElementById({anchor!r}).getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().height")
    assert header - 8 <= top <= header + 80, f"#{anchor} is {top:.0f} px from the top of the window"
