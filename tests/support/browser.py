"""What the browser tests (tests/browser/) share: the screens they open, axe-core's run, and a reader's ways
through the drawer, a term's sheet and its tooltip, each waiting for what it checks.

Every wait is a condition in the page, never a fixed time, and a condition is a function: Playwright polls
a plain expression with eval(), which the site's Content Security Policy blocks (tests/browser/conftest.py).
"""

from __future__ import annotations

from typing import Any

import pytest

# --- Screens (options of a browser context) ------------------------------------------------------------------

DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}
TOUCH: dict[str, Any] = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2}  # a phone, not its size
PHONE_375: dict[str, Any] = {"viewport": {"width": 375, "height": 740}, **TOUCH}
PHONE_390: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, **TOUCH}

# --- The whole page ------------------------------------------------------------------------------------------

# Lays out all content, also what CSS leaves unrendered until it is scrolled to (a constructed style sheet:
# the page's policy blocks a <style> element it has no hash for).
SHOW_ALL = """() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync("* { content-visibility: visible !important; }");
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""
# How wide the page is, and how wide the screen shows it: [scroll width, client width].
PAGE_WIDTHS = (
    "[Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), document.documentElement.clientWidth]"
)

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # WCAG 2.1 AA
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary.replace(/\\s+/g, ' ')),
    count: v.nodes.length,
  }));
}"""


# A term link's definition: site.js moves it from title to data-title when it starts; read it from either, so
# a test on a busy machine does not depend on when that happened.
DEFINITION = "a => a.getAttribute('data-title') || a.getAttribute('title')"


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 AA violations on the page as it is now (the context loaded axe's script)."""
    return page.evaluate(AXE_RUN, AXE_TAGS)


def axe_report(violations: list[dict]) -> str:
    """The violations as a failed test says them: each rule, and the first few elements that break it."""
    return f"axe-core ({', '.join(AXE_TAGS)}) found:\n" + "\n".join(
        f"{v['id']} ({v['impact']}, {v['count']}x): {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in violations
    )


# --- The drawer --------------------------------------------------------------------------------------------------

MENU = "label.md-header__button[for='__drawer']"
LEVEL_0 = "nav.md-nav--primary[data-md-level='0'] > ul > li > :is(a, label).md-nav__link"
SECTIONS = "nav.md-nav--primary[data-md-level='0'] > ul > li.md-nav__item--nested > label.md-nav__link"
# The elements of `selector` that a tap at their centre would not reach: not drawn, empty, or covered.
# Left out: what the theme does not display at all (display: none, as the active page's own link in
# the drawer, which shows its table-of-contents entry instead).
NOT_HIT = """selector => [...document.querySelectorAll(selector)].filter(el => {
  if (el.getClientRects().length === 0) return false;
  const box = el.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) return true;
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return !(hit && (hit === el || el.contains(hit)));
}).map(el => el.textContent.trim() || el.outerHTML.slice(0, 80))"""
# The drawn elements of `selector`: [text, href (null for a label)].
SHOWN_LINKS = """selector => [...document.querySelectorAll(selector)].filter(el => el.getClientRects().length > 0)
  .map(el => [el.textContent.trim(), el.href || null])"""


def every_one_is_hit(page, selector: str) -> None:
    """Wait until every element of selector is drawn and is what a tap at its centre reaches."""
    assert page.locator(selector).count() > 0, f"nothing matches {selector}"
    page.wait_for_function(f"selector => ({NOT_HIT})(selector).length === 0", arg=selector)


def open_drawer(page) -> None:
    page.locator(MENU).tap()
    page.wait_for_function("() => document.getElementById('__drawer').checked")


def section_entries(label_id: str) -> str:
    """The entries (pages and inner sections) of the drawer's section whose label has this id."""
    return f"nav[aria-labelledby='{label_id}'] > ul > li > :is(a, label).md-nav__link"


def walk_the_drawer(page) -> tuple[list, set[str]]:
    """Open the drawer, then tap each section of its top level and its way back, waiting each time until every
    entry is drawn and tappable. What it showed, in order (a page's title, or a section's title and its entries'
    titles), and the addresses its entries lead to."""
    open_drawer(page)
    every_one_is_hit(page, LEVEL_0)
    sections = page.locator(SECTIONS)
    section_titles = [sections.nth(i).evaluate("label => label.textContent.trim()") for i in range(sections.count())]
    shown: list = []
    links: set[str] = set()
    for title, href in page.evaluate(SHOWN_LINKS, LEVEL_0):
        if title not in section_titles:  # a page
            shown.append(title)
            links |= {href} if href else set()
            continue
        section = sections.nth(section_titles.index(title))
        label_id, toggle = section.get_attribute("id"), section.get_attribute("for")
        section.tap()
        every_one_is_hit(page, section_entries(label_id))
        found = page.evaluate(SHOWN_LINKS, section_entries(label_id))
        shown.append((title, [entry for entry, _ in found]))
        links |= {entry_href for _, entry_href in found if entry_href}
        page.locator(f"nav[aria-labelledby='{label_id}'] > label.md-nav__title[for='{toggle}']").tap()
        every_one_is_hit(page, LEVEL_0)
    assert sum(isinstance(item, tuple) for item in shown) == len(section_titles), "a section is not drawn"
    return shown, links


def tap_the_last_page_in_the_drawer(page) -> None:
    """In the open drawer, tap the last section, then its last page: that page opens."""
    sections = page.locator(SECTIONS)
    sections.last.tap()
    pages = f"nav[aria-labelledby='{sections.last.get_attribute('id')}'] > ul > li > a.md-nav__link"
    every_one_is_hit(page, pages)
    target = page.locator(pages).last
    href = target.evaluate("a => a.href")
    target.tap()
    page.wait_for_url(href)


# --- A term's sheet (a tap) and its tooltip (focus) ------------------------------------------------------------

SHEET = ".site-sheet.md-tooltip2--active"
NO_SHEET = "() => document.querySelector('.site-sheet.md-tooltip2--active') === null"
TOOLTIP = ".site-tip.md-tooltip2--active"
ACTIVE_TOOLTIP = ".md-tooltip2--active"  # any tooltip shown: the site's, Material's own
ALL_TOOLTIPS_GONE = (
    "() => [...document.querySelectorAll('.md-tooltip2')].every(t => getComputedStyle(t).opacity === '0')"
)
SHOWS_ITS_OWN_TOOLTIP = """() => {
  const id = document.activeElement.getAttribute('aria-describedby');
  const tooltip = id && document.getElementById(id);
  return Boolean(tooltip) && tooltip.classList.contains('md-tooltip2--active');
}"""
ON_SCREEN = """el => { const box = el.getBoundingClientRect();
  return box.left >= 0 && box.right <= document.documentElement.clientWidth
    && box.top >= 0 && box.bottom <= innerHeight; }"""


def words(text: str) -> str:
    """text with its white space folded, as a reader sees it."""
    return " ".join(text.split())


def stay(page) -> list:
    """The page and scroll position a reader is at, [path, scrollY] (the hash follows the sections,
    navigation.tracking)."""
    return page.evaluate("[location.pathname, Math.round(scrollY)]")


def tap_in_view(page, locator) -> list:
    """Bring an element to the middle of the screen, then tap it; where the reader was (stay)."""
    locator.evaluate("el => el.scrollIntoView({block: 'center'})")
    where = stay(page)
    locator.tap()
    return where


def open_sheet(page, host):
    """Tap host (a term, a footnote marker, a figure) in the middle of the screen: its sheet opens, and the page
    stays where the reader is. The sheet."""
    where = tap_in_view(page, host)
    sheet = page.locator(SHEET)
    sheet.wait_for(state="visible")
    assert stay(page) == where, "the page stays where the reader is"
    return sheet


def tap_a_term(page, term):
    """Tap a glossary term link as a reader does: its sheet opens where the reader is, a dialog that shows the
    term's definition, links to its glossary entry and fits on the screen. The sheet."""
    definition, href = term.evaluate(DEFINITION), term.evaluate("a => a.href")
    assert definition, "the term link carries its definition"
    sheet = open_sheet(page, term)
    assert words(definition) in words(sheet.inner_text())
    assert sheet.get_attribute("role") == "dialog"
    assert sheet.locator("a").evaluate("a => a.href") == href, "the sheet links to the glossary entry"
    assert sheet.locator(":scope > *").evaluate(ON_SCREEN), "the sheet fits on the screen"
    return sheet


def tab_to_a_term(page) -> str:
    """Press Tab until a glossary term link has the focus: its hash (#id)."""
    for _ in range(400):
        page.keyboard.press("Tab")
        term = page.evaluate("document.activeElement.matches('a.glossary-term') && document.activeElement.hash")
        if term:
            return term
    pytest.fail("Tab never reached a glossary term link")


def focused_links_tooltip(page):
    """Wait until the focused link's own tooltip shows (others may still be fading out after focus passed
    them): it."""
    page.wait_for_function(SHOWS_ITS_OWN_TOOLTIP)
    described_by = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    tooltip = page.locator(f"[id='{described_by}']")
    tooltip.wait_for(state="visible")
    return tooltip


def escape_hides_every_tooltip(page, term: str) -> None:
    """Press Escape on the focused term link (#id): every tooltip fades out, and the focus stays on the term."""
    page.keyboard.press("Escape")
    page.wait_for_function(ALL_TOOLTIPS_GONE)
    assert page.locator(ACTIVE_TOOLTIP).count() == 0
    assert page.evaluate("document.activeElement.hash") == term, "Escape leaves focus on the term"


def assert_on_a_desktop_screen(tooltip) -> None:
    """The tooltip's text is drawn, within the height of a desktop screen (800 px)."""
    box = tooltip.locator(":scope > *").bounding_box()
    assert box, "the definition is on screen"
    assert box["width"] > 0, "the definition is on screen"
    assert 0 <= box["y"] < 800, "the definition is on screen"
