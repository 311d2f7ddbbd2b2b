"""What a reader does: tab to a term and read its definition, search, and follow the edit button."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml

from support import ROOT

TERM_PAGE = "architecture/"
# What a reader types, and the glossary entry a result must lead to.
SEARCHES = {
    "GQA": "grouped-query-attention",
    "Chinchilla": "chinchilla",
    "Toolformer": "toolformer",
    "rejection sampling": "rejection-sampling",
}
# Page path -> the file in the repository that holds its source.
SOURCES = {
    "": "docs/index.md",
    "parameter-sizing/": "docs/parameter-sizing.md",
    "scaling-laws/": "docs/scaling-laws.md",
    "architecture/": "docs/architecture.md",
    "synthetic-data/": "docs/synthetic-data.md",
    "evaluation/": "docs/evaluation.md",
    "agents/": "docs/agents.md",
    "what-happened-next/": "docs/what-happened-next.md",
    "sources/": "docs/sources.md",
    "glossary/": "docs/data/glossary.yml",
    "book-index/": "docs/data/glossary.yml",
}


@pytest.fixture
def page(new_page):
    return new_page()


ACTIVE_TOOLTIP = ".md-tooltip2--active"
NEXT_FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
SHOWS_ITS_OWN_TOOLTIP = """() => {
  const id = document.activeElement.getAttribute('aria-describedby');
  const tooltip = id && document.getElementById(id);
  return Boolean(tooltip) && tooltip.classList.contains('md-tooltip2--active');
}"""


def test_tabbing_to_a_term_shows_its_definition_and_escape_dismisses_it(page, base_url):
    page.goto(base_url + TERM_PAGE, wait_until="networkidle")
    definitions = dict(
        page.eval_on_selector_all(
            "article a.glossary-term", "links => links.map(a => [a.hash, a.getAttribute('data-title')])"
        )
    )
    assert definitions, "the page has glossary term links"
    # javascripts/site.js hid each title from Material while it started (data-title keeps it), so
    # Material mounted no tooltip of its own on term links; the title is back for the browser.
    assert all(definitions.values()), "every term link has its definition"
    assert page.locator("article a.glossary-term:not([title])").count() == 0

    for _ in range(400):
        page.keyboard.press("Tab")
        term = page.evaluate("document.activeElement.matches('a.glossary-term') && document.activeElement.hash")
        if term:
            break
    else:
        pytest.fail("Tab never reached a glossary term link")

    # The focused link's own tooltip (others may still be fading out after focus passed them).
    page.wait_for_function(SHOWS_ITS_OWN_TOOLTIP)
    described_by = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    tooltip = page.locator(f"[id='{described_by}']")
    tooltip.wait_for(state="visible")
    assert " ".join(tooltip.inner_text().split()) == " ".join(definitions[term].split())
    page.wait_for_function("id => getComputedStyle(document.getElementById(id)).opacity === '1'", arg=described_by)
    assert not page.evaluate("document.activeElement.hasAttribute('title')"), "no second tooltip from the browser"
    box = tooltip.locator(":scope > *").bounding_box()
    assert box, "the definition is on screen"
    assert box["width"] > 0, "the definition is on screen"
    assert 0 <= box["y"] < 800, "the definition is on screen"

    page.keyboard.press("Escape")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-tooltip2')].every(t => getComputedStyle(t).opacity === '0')"
    )
    assert page.locator(ACTIVE_TOOLTIP).count() == 0
    assert page.evaluate("document.activeElement.hash") == term, "Escape leaves focus on the term"

    page.keyboard.press("Shift+Tab")
    # Material ignores a blur and refocus within one frame: wait until focus has left the term,
    # then let two frames pass, before tabbing back to it.
    page.wait_for_function("term => document.activeElement.hash !== term", arg=term)
    page.evaluate(NEXT_FRAMES)
    page.keyboard.press("Tab")
    page.wait_for_function("term => document.activeElement.hash === term", arg=term)
    page.wait_for_function(SHOWS_ITS_OWN_TOOLTIP)  # and it comes back on the next focus


def test_pointing_at_a_term_shows_its_definition_until_the_pointer_leaves(page, base_url):
    page.goto(base_url + TERM_PAGE, wait_until="networkidle")
    link = page.locator("article a.glossary-term").first
    definition = link.get_attribute("data-title")
    assert definition, "the term link has its definition"
    link.hover()
    tooltip = page.locator(ACTIVE_TOOLTIP)
    tooltip.wait_for(state="visible")
    assert " ".join(tooltip.inner_text().split()) == " ".join(definition.split())
    assert link.get_attribute("aria-describedby") == tooltip.get_attribute("id")

    page.locator("article h1").hover()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-tooltip2')].every(t => getComputedStyle(t).opacity === '0')"
    )
    assert link.get_attribute("title") == definition, "the browser's title is back"


@pytest.mark.parametrize("query", SEARCHES)
def test_search_leads_to_the_glossary_entry(page, base_url, query):
    slug = SEARCHES[query]
    page.goto(base_url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=20)
    page.wait_for_function("() => /\\d|no/i.test(document.querySelector('.md-search-result__meta').textContent)")
    links = page.locator(".md-search-result__list a")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    matches = [
        i
        for i, href in enumerate(hrefs)
        if urlsplit(href).path.endswith("/glossary/") and urlsplit(href).fragment == slug
    ]
    assert matches, f"no result for {query!r} leads to glossary/#{slug}; results: {hrefs}"
    link = links.nth(matches[0])
    if not link.is_visible():  # Material folds further matches on a page under "N more on this page"
        link.locator("xpath=ancestor::details[1]/summary").click()
    link.click()
    page.wait_for_url(re.compile(f"/glossary/.*#{re.escape(slug)}$"))
    heading = page.locator(f"[id='{slug}']")
    heading.wait_for(state="attached")
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight; }",
        arg=slug,
    )


def repo_url() -> str:
    head = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0]
    return yaml.safe_load(head)["repo_url"].rstrip("/")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.strip("/") or "home")
def test_edit_button_leads_to_the_page_source(page, base_url, path):
    source = SOURCES[path]
    assert (ROOT / source).is_file(), f"{source} is not in the repository"
    page.goto(base_url + path, wait_until="domcontentloaded")
    edit = page.locator("a[rel=edit]")
    assert edit.count() == 1
    assert edit.get_attribute("href") == f"{repo_url()}/edit/main/{source}"


SCHEME = "document.body.getAttribute('data-md-color-scheme')"
META_SCHEME = "document.querySelector('meta[name=color-scheme]').content"


@pytest.mark.parametrize("system", ["light", "dark"])
def test_palette_follows_the_system_until_the_reader_switches(new_page, base_url, system):
    """The site's own palette script (overrides/partials/javascripts/palette.html), in place of Material's."""
    page = new_page(color_scheme=system)
    page.goto(base_url, wait_until="networkidle")
    expected = "slate" if system == "dark" else "default"
    assert page.evaluate(SCHEME) == expected
    assert page.evaluate(META_SCHEME) == system
    assert page.evaluate("__md_get('__palette')") is None, "nothing stored before the reader switches"
    toggles = page.locator("form[data-site-palette] label:not([hidden])")
    assert toggles.count() == 1, "exactly one toggle is shown"

    toggles.first.click()
    other = "default" if expected == "slate" else "slate"
    page.wait_for_function(f"() => {SCHEME} === '{other}'")
    assert page.evaluate(META_SCHEME) == ("dark" if other == "slate" else "light")
    assert page.evaluate("document.querySelector('meta[name=theme-color]').content").startswith("#")

    page.goto(base_url + "glossary/", wait_until="domcontentloaded")
    assert page.evaluate(SCHEME) == other, "the choice is remembered on the next page"
    page.wait_for_load_state("networkidle")

    # Keyboard: Enter on the focused switch goes to the next palette.
    page.evaluate(
        "document.querySelector('form[data-site-palette] input:checked, form[data-site-palette] input').focus()"
    )
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => {SCHEME} === '{expected}'")
    assert page.locator("form[data-site-palette] label:not([hidden])").count() == 1
