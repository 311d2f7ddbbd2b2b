"""Reading by thumb: the site at 390 px with touch (a phone) and at 1024 px (a tablet), as a reader uses it.

Every test waits for what it checks (a condition in the page), never for a fixed time: the drawer
and the sheets slide in with CSS transitions, so "rendered and tappable" is a condition to wait for.
"""

from __future__ import annotations

from typing import Any

import pytest

MODES: dict[str, dict[str, Any]] = {
    "phone-390": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    "tablet-1024": {"viewport": {"width": 1024, "height": 768}, "has_touch": True},
}
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
MENU = "label.md-header__button[for='__drawer']"
LEVEL_0 = "nav.md-nav--primary[data-md-level='0'] > ul > li > :is(a, label).md-nav__link"
NAVIGATION = ".md-header, .md-header *, .md-sidebar, .md-sidebar *, .md-nav, .md-nav *"


def every_one_is_hit(page, selector: str) -> None:
    """Wait until every element of selector is drawn and is what a tap at its centre reaches."""
    assert page.locator(selector).count() > 0, f"nothing matches {selector}"
    page.wait_for_function(f"({NOT_HIT})({selector!r}).length === 0")


def open_drawer(page) -> None:
    page.locator(MENU).tap()
    page.wait_for_function("document.getElementById('__drawer').checked")


@pytest.mark.parametrize("mode", MODES)
def test_the_drawer_opens_with_every_link_drawn_and_tappable(new_page, base_url, mode):
    page = new_page(**MODES[mode])
    page.goto(base_url, wait_until="networkidle")
    open_drawer(page)
    every_one_is_hit(page, LEVEL_0)
    sections = page.locator(
        "nav.md-nav--primary[data-md-level='0'] > ul > li.md-nav__item--nested > label.md-nav__link"
    )
    assert sections.count() >= 2, "the navigation has its sections (Themes, Reference)"
    for i in range(sections.count()):
        label = sections.nth(i)
        label_id, toggle = label.get_attribute("id"), label.get_attribute("for")
        label.tap()
        every_one_is_hit(page, f"nav[aria-labelledby='{label_id}'] > ul > li > :is(a, label).md-nav__link")
        page.locator(f"nav[aria-labelledby='{label_id}'] > label.md-nav__title[for='{toggle}']").tap()
        every_one_is_hit(page, LEVEL_0)
    # A tap on a page's link opens that page.
    sections.last.tap()
    links = f"nav[aria-labelledby='{sections.last.get_attribute('id')}'] > ul > li > a"
    every_one_is_hit(page, links)
    last = page.locator(links).last
    href = last.evaluate("a => a.href")
    last.tap()
    page.wait_for_url(href)


@pytest.mark.parametrize("mode", MODES)
def test_the_table_of_contents_is_reachable(new_page, base_url, mode):
    page = new_page(**MODES[mode])
    page.goto(base_url + "architecture/", wait_until="networkidle")
    if page.locator(".md-sidebar--secondary").is_visible():  # a tablet shows it beside the article
        links = ".md-sidebar--secondary nav.md-nav--secondary > ul > li > a.md-nav__link"
    else:  # a phone shows it in the drawer, under the page's own entry
        open_drawer(page)
        every_one_is_hit(page, ".md-sidebar--primary label.md-nav__link[for='__toc']")
        page.locator(".md-sidebar--primary label.md-nav__link[for='__toc']").tap()
        links = ".md-sidebar--primary nav.md-nav--secondary > ul > li > a.md-nav__link"
    every_one_is_hit(page, links)
    target = page.locator(links).last
    anchor = target.get_attribute("href")
    target.tap()
    page.wait_for_function(
        "id => { const top = document.getElementById(id).getBoundingClientRect().top;"
        " return top >= 0 && top < innerHeight; }",
        arg=anchor.removeprefix("#"),
    )
    page.wait_for_function("!document.getElementById('__drawer').checked")


@pytest.mark.parametrize("mode", MODES)
def test_no_containment_on_the_navigation(new_page, base_url, mode):
    """content-visibility or contain on the navigation left the drawer blank: no rule of the site's
    stylesheet sets them on a navigation selector, and no navigation element has them, drawer open."""
    page = new_page(**MODES[mode])
    page.goto(base_url + "architecture/", wait_until="networkidle")
    own_rules = page.evaluate(
        """() => {
          const found = [];
          const walk = rules => { for (const rule of rules) {
            if (rule.cssRules) walk(rule.cssRules);
            if (!rule.style || !/nav|sidebar|header|tabs|toc/.test(rule.selectorText || "")) continue;
            for (const name of ["content-visibility", "contain", "contain-intrinsic-size"]) {
              if (rule.style.getPropertyValue(name)) found.push(rule.selectorText + " { " + name + " }");
            }
          } };
          for (const sheet of document.styleSheets) if (/extra\\.css/.test(sheet.href || "")) walk(sheet.cssRules);
          return found;
        }"""
    )
    assert own_rules == []
    open_drawer(page)
    contained = page.evaluate(
        """selector => [...document.querySelectorAll(selector)].filter(el => {
          const style = getComputedStyle(el);
          return style.contentVisibility !== "visible" || style.contain !== "none";
        }).map(el => el.className || el.tagName)""",
        NAVIGATION,
    )
    assert contained == []
