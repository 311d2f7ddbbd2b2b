"""Every page type, in light and dark palettes, on a desktop and a 375 px phone screen.

Each page is loaded once per mode; the tests below read what that visit saw: requests to other
hosts, console errors, axe-core's WCAG 2.1 AA violations and horizontal overflow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from support import WAIT_MS

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage

# name -> path under the site; "404" is a missing page, answered with 404.html as GitHub Pages does.
PAGES = {
    "home": "",
    "parameter-sizing": "parameter-sizing/",
    "scaling-laws": "scaling-laws/",
    "architecture": "architecture/",
    "synthetic-data": "synthetic-data/",
    "evaluation": "evaluation/",
    "agents": "agents/",
    "what-happened-next": "what-happened-next/",
    "sources": "sources/",
    "glossary": "glossary/",
    "book-index": "book-index/",
    "404": "no-such-section/no-such-page/",
}
MODES: dict[str, dict[str, Any]] = {
    "light-desktop": {"color_scheme": "light", "viewport": {"width": 1280, "height": 800}},
    "dark-desktop": {"color_scheme": "dark", "viewport": {"width": 1280, "height": 800}},
    "light-phone": {
        "color_scheme": "light",
        "viewport": {"width": 375, "height": 740},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    "dark-phone": {
        "color_scheme": "dark",
        "viewport": {"width": 375, "height": 740},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
SCHEME = {"light": "default", "dark": "slate"}  # Material's name for each palette in mkdocs.yml
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A constructed style sheet: the page's policy blocks a <style> element it has no hash for.
SHOW_ALL = """() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync("* { content-visibility: visible !important; }");
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary.replace(/\\s+/g, ' ')),
    count: v.nodes.length,
  }));
}"""


@dataclass
class Visit:
    url: str
    status: int
    scheme: str
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    scroll_width: int = 0
    client_width: int = 0


@pytest.fixture(scope="session")
def visits(browser, base_url, axe_source):
    """Load a (page, mode) once per session and remember what happened."""
    cache: dict[tuple[str, str], Visit] = {}
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(base_url))

    def visit(page_name: str, mode: str) -> Visit:
        if (page_name, mode) in cache:
            return cache[page_name, mode]
        context = browser.new_context(**MODES[mode])
        context.set_default_timeout(WAIT_MS)
        foreign: list[str] = []

        def block(route):  # record and refuse anything that is not the local server
            foreign.append(route.request.url)
            route.abort()

        context.route(lambda url: not url.startswith(origin) and not url.startswith(("data:", "blob:")), block)
        page = context.new_page()
        url = base_url + PAGES[page_name]
        errors: list[str] = []

        def console(msg: ConsoleMessage) -> None:
            if msg.type == "error":
                errors.append(_console_text(msg, url, page_name))

        page.on("console", console)
        page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
        context.add_init_script(path=str(axe_source))  # as the browser's own script: the page's policy allows no other
        response = page.goto(url, wait_until="networkidle")
        # Check all content, including any that CSS leaves unrendered until it is scrolled to.
        page.evaluate(SHOW_ALL)
        result = Visit(
            url=url,
            status=response.status,
            scheme=page.evaluate("document.body.getAttribute('data-md-color-scheme')"),
            foreign_requests=foreign,
            console_errors=[e for e in errors if e],
            violations=page.evaluate(AXE_RUN, AXE_TAGS),
            scroll_width=page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"),
            client_width=page.evaluate("document.documentElement.clientWidth"),
        )
        context.close()
        cache[page_name, mode] = result
        return result

    return visit


def _console_text(msg, url: str, page_name: str) -> str:
    # The 404 page's own status is the one expected error: the browser logs it for the document itself.
    if page_name == "404" and msg.location.get("url") == url and "404" in msg.text:
        return ""
    return f"{msg.text} ({msg.location.get('url')}:{msg.location.get('lineNumber')})"


CASES = [pytest.param(p, m, id=f"{p}-{m}") for p in PAGES for m in MODES]


@pytest.mark.parametrize(("page_name", "mode"), CASES)
def test_page_loads_in_its_palette(visits, page_name, mode):
    visit = visits(page_name, mode)
    assert visit.status == (404 if page_name == "404" else 200), visit.url
    assert visit.scheme == SCHEME[MODES[mode]["color_scheme"]], "the palette follows the reader's system setting"


@pytest.mark.parametrize(("page_name", "mode"), CASES)
def test_no_requests_to_other_hosts(visits, page_name, mode):
    assert visits(page_name, mode).foreign_requests == []


@pytest.mark.parametrize(("page_name", "mode"), CASES)
def test_no_console_errors(visits, page_name, mode):
    assert visits(page_name, mode).console_errors == []


@pytest.mark.parametrize(("page_name", "mode"), CASES)
def test_no_axe_violations(visits, page_name, mode):
    violations = visits(page_name, mode).violations
    report = "\n".join(
        f"{v['id']} ({v['impact']}, {v['count']}x): {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in violations
    )
    assert not violations, f"axe-core ({', '.join(AXE_TAGS)}) found:\n{report}"


@pytest.mark.parametrize(("page_name", "mode"), [c for c in CASES if str(c.values[1]).endswith("phone")])
def test_no_horizontal_scrolling_on_a_phone(visits, page_name, mode):
    visit = visits(page_name, mode)
    assert visit.scroll_width <= visit.client_width, (
        f"{visit.url} is {visit.scroll_width}px wide on a {visit.client_width}px screen"
    )
