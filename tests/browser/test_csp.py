"""The Content Security Policy in Chromium: markup planted into a built page after the build is
blocked, and the site's own scripts, styles, charts and search work under the policy.

Every browser test also fails on any violation (tests/browser/conftest.py), so the tooltips, the
palette switch, search and the page tests run under the policy too.
"""

from __future__ import annotations

import re

PAGE = "scaling-laws/"  # a theme page with charts, term links and tables
# What a careless or hostile pull request might add, put into the built page as it is served.
PLANTED = (
    '<script>window.__planted = "script ran"</script>'
    '<img src="no-such-image.png" alt="" onerror="window.__planted = \'handler ran\'">'
    '<a id="planted-link" href="javascript:window.__planted = \'link ran\'">a link</a>'
)
# The page's own record of violations, for waiting on them.
RECORD = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective), true);"""


def test_markup_planted_into_a_built_page_is_blocked(new_page, base_url):
    """An inline script, an event handler and a javascript: link: each is reported and none runs."""
    violations: list[str] = []
    page = new_page(violations=violations)
    served = []

    def plant(route):
        response = route.fetch()
        body = response.text()
        assert "</article>" in body
        served.append(body)
        route.fulfill(response=response, body=body.replace("</article>", PLANTED + "</article>", 1))

    page.route(base_url + PAGE, plant)
    page.add_init_script(RECORD)
    page.goto(base_url + PAGE, wait_until="load")
    assert page.evaluate("window.__planted") is None, "planted markup ran"
    page.wait_for_function("() => window.__violations.length >= 2")  # the script, and the handler once the image fails
    page.click("#planted-link")
    page.wait_for_function("() => window.__violations.length >= 3")
    assert sorted(page.evaluate("window.__violations")) == ["script-src-attr", "script-src-elem", "script-src-elem"]
    assert page.evaluate("window.__planted") is None, "the planted handler or link ran"
    assert 'http-equiv="Content-Security-Policy"' in served[0]
    assert any("blocked inline" in v for v in violations)
    assert page.evaluate("typeof window.document$") == "object", "the site's own scripts still ran"


def test_the_charts_are_styled_under_the_policy(new_page, base_url):
    """The charts' style attributes and style element are allowed by their hashes, and apply."""
    page = new_page()
    page.goto(base_url + PAGE, wait_until="load")
    fills = page.evaluate(
        """() => [...document.querySelectorAll(".kn-chart-svg [style*='fill: #']")].map(
          (el) => [el.getAttribute("style").match(/fill: (#[0-9a-f]{6})/)[1], getComputedStyle(el).fill])"""
    )
    assert fills, "no chart element with a fill colour"
    for colour, computed in fills:
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert computed == f"rgb({red}, {green}, {blue})", colour
    # matplotlib's rule for the whole chart (its <style> element): round joins where no style says otherwise
    joins = page.evaluate(
        """() => [...document.querySelectorAll(".kn-chart-svg path")]
          .filter((el) => !(el.getAttribute("style") || "").includes("stroke-linejoin"))
          .map((el) => getComputedStyle(el).strokeLinejoin)"""
    )
    assert joins
    assert set(joins) == {"round"}


def test_search_answers_and_enter_opens_a_result_under_the_policy(new_page, base_url):
    """Search runs in a Web Worker and fetches its index (worker-src, connect-src); its form submits
    nowhere (form-action 'none'): Enter opens the first result."""
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(base_url, wait_until="networkidle")
    page.tap("label.md-header__button[for='__search']")
    page.locator("input.md-search__input").wait_for(state="visible")
    page.keyboard.type("grouped-query attention", delay=20)
    page.wait_for_function("() => /\\d/.test(document.querySelector('.md-search-result__meta').textContent)")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/(architecture|glossary)/", page.url), page.url
