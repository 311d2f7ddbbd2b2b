"""Nothing hides the page while its scripts load (overrides/main.html, docs/javascripts/site.js).

The browser shows the article as soon as it has parsed it: before Material's scripts (ordinary
scripts at the end of <body>) have arrived or run, and without JavaScript at all. A hold that keeps
the page transparent or hidden until the scripts have run would improve Lighthouse's blocking time
(it counts only after the first contentful paint) while the reader waits longer (CONTRIBUTING.md,
"Speed: what the reader sees"). Here Material's bundle is held back, never answered while a test
looks, so the parser stops at it, right after the article and the footer: every frame the browser
paints meanwhile must show what it has, for every page type.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from support import PAGE_TYPES, WAIT_MS
from support.reader import ARTICLE_STATE

PAGES = PAGE_TYPES
PHONE = {"width": 375, "height": 740}
BUNDLE = "**/assets/javascripts/bundle.*.min.js"
FOOTER = ".md-footer"  # after the article, before the scripts: once it is parsed, so is the article
# Before painting a frame the browser runs the page's animation-frame callbacks: this records, for
# every frame from the first, what articleState() sees, until a frame after the article was parsed.
EVERY_FRAME = (
    ARTICLE_STATE
    + """
(() => {
  window.__frames = [];
  const frame = () => {
    const parsed = document.querySelector("FOOTER_SELECTOR") !== null;
    window.__frames.push({ parsed, ...articleState() });
    if (!parsed) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
""".replace("FOOTER_SELECTOR", FOOTER)
)


def held(page) -> list:
    """Hold Material's bundle back (never answered while the test looks); the routes held."""
    routes: list = []

    def hold(route):
        routes.append(route)

    page.route(BUNDLE, hold)
    return routes


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_every_frame_shows_the_article_while_the_scripts_load(new_page, base_url, path):
    page = new_page(viewport=PHONE)
    routes = held(page)
    page.add_init_script(EVERY_FRAME)
    page.goto(base_url + path, wait_until="commit")
    page.wait_for_selector(FOOTER, state="attached")
    try:  # a frame painted after the article was parsed; none comes if something holds rendering
        page.wait_for_function("() => window.__frames.some(f => f.parsed)", polling=100, timeout=WAIT_MS)
    except PlaywrightTimeout:
        pytest.fail("the browser painted no frame once the article was parsed, while the scripts were loading")
    frames = page.evaluate("window.__frames")
    assert page.evaluate("document.readyState") == "loading", "the parser is still waiting for the bundle"
    hidden = [frame for frame in frames if frame["hiding"]]
    assert not hidden, f"{len(hidden)} of {len(frames)} frames hid the page: {hidden[0]['hiding']}"
    first = next(frame for frame in frames if frame["article"])
    assert first["shown"], f"the first frame with the article did not show it: {first}"
    assert frames[-1]["shown"], f"the parsed article is not shown: {frames[-1]}"
    assert frames[-1]["height"] > 100, f"the parsed article has no height: {frames[-1]}"
    assert page.evaluate("performance.getEntriesByName('first-contentful-paint').length") == 1
    for route in routes:
        route.abort()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_the_article_shows_without_javascript(new_page, base_url, path):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(base_url + path, wait_until="load")
    # DevTools still evaluates here; the page's own scripts did not run.
    assert page.evaluate("document.documentElement.className") == "no-js"
    state = page.evaluate(f"(() => {{ {ARTICLE_STATE}; return articleState(); }})()")
    assert state["hiding"] == [], f"without JavaScript the page is hidden: {state['hiding']}"
    assert state["shown"], state
    assert state["height"] > 100, state
    assert page.locator("article h1").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_shows_in_its_palette_before_the_scripts(new_page, base_url, scheme):
    """The palette is chosen in <head> (partials/palette-head.html), not by Material's start-up."""
    page = new_page(viewport=PHONE, color_scheme=scheme)
    routes = held(page)
    page.goto(base_url + "architecture/", wait_until="commit")
    page.wait_for_selector(FOOTER, state="attached")
    assert page.evaluate("document.readyState") == "loading", "the parser is still waiting for the bundle"
    assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    background, text = page.evaluate(
        "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('article')).color]"
    )

    def luminance(css: str) -> float:
        return sum(int(part) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3]) / 3

    dark, light = (background, text) if scheme == "dark" else (text, background)
    assert luminance(dark) < 64, f"{scheme} palette: background {background}, text {text}"
    assert luminance(light) > 160, f"{scheme} palette: background {background}, text {text}"
    for route in routes:
        route.abort()


def test_material_starts_once(new_page, base_url):
    """Material starts on the browser's DOMContentLoaded, once: each data table is wrapped once."""
    page = new_page(viewport=PHONE)
    page.goto(base_url + "architecture/", wait_until="load")
    tables = page.locator("article table:not([class])").count()
    assert tables, "the page has data tables"
    assert page.locator(".md-typeset__scrollwrap").count() == tables, "Material wraps each data table once"
    assert page.locator(".md-typeset__scrollwrap .md-typeset__scrollwrap").count() == 0


def test_material_starts_without_the_articles_titles(new_page, base_url):
    """site.js hides the article's titles while Material starts, so that Material mounts no tooltip
    component of its own there (site.js's listeners show the tooltip), and puts them back after."""
    page = new_page(viewport=PHONE)
    # Added before any of the page's scripts, this listener runs first when the browser dispatches
    # DOMContentLoaded, then Material's (its start), then site.js's.
    page.add_init_script(
        """document.addEventListener("DOMContentLoaded", () => {
          window.__titledAtStart = document.querySelectorAll("article a.glossary-term[title]").length;
        });"""
    )
    page.goto(base_url + "architecture/", wait_until="load")
    link = page.locator("article a.glossary-term").first
    assert page.evaluate("window.__titledAtStart") == 0, "Material started with the term links' titles"
    assert link.get_attribute("title"), "the term link has its title back after Material's start"
    link.hover()
    page.locator(".md-tooltip2--active").first.wait_for(state="visible")
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.locator(".md-tooltip2").count() == 1, "Material's tooltip component is mounted on the article too"


def test_a_link_to_a_section_lands_on_its_heading(new_page, base_url):
    """A new load of an address with a #section opens at that heading, under the header."""
    first = new_page(viewport=PHONE)
    first.goto(base_url + "architecture/", wait_until="load")
    headings = first.locator("article h2[id]")  # one from the middle: the page scrolls that far
    anchor = headings.nth(headings.count() // 2).get_attribute("id")
    page = new_page(viewport=PHONE)  # a new load, not a jump within the page
    page.goto(base_url + f"architecture/#{anchor}", wait_until="load")
    top = page.evaluate(f"document.getElementById({anchor!r}).getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().height")
    assert header - 8 <= top <= header + 80, f"#{anchor} is {top:.0f} px from the top of the window"
