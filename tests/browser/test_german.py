"""The German edition (/de/) as a German reader uses it, and the way between the two editions (issue 26).

- axe-core finds no WCAG 2.1 AA violation on German pages at 1280 and 375 px (the English rules, test_pages.py).
- Tab reaches a German term, its German definition shows, Escape hides it (as test_interaction.py).
- At 375 px no German page scrolls sideways, the drawer lists the German navigation, every entry tappable,
  and a tap on a term opens its sheet, which leads to the German glossary (as test_phone.py).
- The language switch (overrides/partials/alternate.html, javascripts/site.js) leads from an English page to
  its German counterpart at the same section and back, by mouse, by keyboard and by thumb.
- Each sitemap lists every page of its edition with both hreflang alternates, served in their languages.
- A missing address under /de/ shows the one 404 page, in English and in German, each part in its own lang.

The ways through the drawer, a term's sheet and its tooltip, and axe-core's run are the English tests' own
(tests/support/browser.py).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urljoin

import lxml.etree
import lxml.html
import pytest
import yaml

from adapters.editions import EDITIONS
from support import ROOT, WAIT_MS
from support.browser import (
    DEFINITION,
    DESKTOP,
    NO_SHEET,
    PAGE_WIDTHS,
    PHONE_375,
    PHONE_390,
    SHEET,
    SHOW_ALL,
    assert_on_a_desktop_screen,
    axe_report,
    axe_violations,
    escape_hides_every_tooltip,
    focused_links_tooltip,
    tab_to_a_term,
    tap_a_term,
    tap_the_last_page_in_the_drawer,
    walk_the_drawer,
    words,
)

GERMAN = EDITIONS["mkdocs.de.yml"]  # "de/": the German edition's folder below the English site
LANGUAGES = {"": "en", GERMAN: "de"}  # folder -> the language its pages are in
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]  # where it is published
GERMAN_NAV = yaml.safe_load((ROOT / "mkdocs.de.yml").read_text(encoding="utf-8"))["nav"]

WIDTHS: dict[str, dict[str, Any]] = {"1280": DESKTOP, "375": PHONE_375}
AXE_PAGES = {"home": "", "architecture": "architecture/", "glossary": "glossary/", "book-index": "book-index/"}
IN_VIEW = """id => { const top = document.getElementById(id).getBoundingClientRect().top;
  return top >= 0 && top < innerHeight; }"""


# --- The served site -------------------------------------------------------------------------------------------


def fetch(url: str) -> tuple[int, bytes]:
    """The status and body the local server answers for url (after any redirect)."""
    try:
        with urllib.request.urlopen(url, timeout=WAIT_MS / 1000) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def local(published: str, base_url: str) -> str:
    """A published URL (site_url and below) as the local server serves it."""
    assert published.startswith(SITE_URL), f"{published} is not below site_url {SITE_URL}"
    return base_url + published.removeprefix(SITE_URL)


def definitions(base_url: str, path: str) -> dict[str, str]:
    """Each glossary term link's target (#id) on a page, and the definition it carries (its title, which
    javascripts/site.js moves to data-title in the browser)."""
    status, body = fetch(base_url + path)
    assert status == 200, base_url + path
    links = lxml.html.fromstring(body).xpath("//article//a[contains(@class, 'glossary-term')]")
    found = {link.get("href").partition("#")[2]: link.get("title") for link in links}
    assert found, f"{path} has glossary term links"
    return found


def german_nav_titles(nav: list) -> list:
    """mkdocs.de.yml's nav as the drawer shows it: a page's title, or a section's title and its titles."""
    return [
        (title, german_nav_titles(value)) if isinstance(value, list) else title
        for item in nav
        for title, value in item.items()
    ]


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap(base_url: str, folder: str) -> list[tuple[str, dict[str, str]]]:
    """An edition's sitemap.xml, served: each page's URL and its alternates (hreflang -> URL), all local."""
    status, body = fetch(base_url + folder + "sitemap.xml")
    assert status == 200, f"{folder}sitemap.xml"
    entries = []
    for url in lxml.etree.fromstring(body).iter(f"{SITEMAP}url"):
        alternates = {
            link.get("hreflang"): local(link.get("href"), base_url)
            for link in url.iter(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        entries.append((local(url.findtext(f"{SITEMAP}loc"), base_url), alternates))
    return entries


# --- axe-core and 375 px ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_nothing_on_a_german_page(new_page, base_url, axe_source, name, width):
    page = new_page(**WIDTHS[width])
    page.context.add_init_script(path=str(axe_source))  # as the browser's own script: the policy allows no other
    url = base_url + GERMAN + AXE_PAGES[name]
    assert page.goto(url, wait_until="networkidle").status == 200, url
    assert page.evaluate("document.documentElement.lang") == "de"
    page.evaluate(SHOW_ALL)
    violations = axe_violations(page)
    assert not violations, f"{url}: {axe_report(violations)}"


def test_no_german_page_scrolls_sideways_at_375_px(new_page, base_url):
    page = new_page(**WIDTHS["375"])
    urls = [url for url, _ in sitemap(base_url, GERMAN)] + [base_url + GERMAN + "no-such-page/"]
    assert len(urls) > len(AXE_PAGES)
    too_wide = []
    for url in urls:
        page.goto(url, wait_until="load")
        page.evaluate(SHOW_ALL)
        scroll_width, client_width = page.evaluate(PAGE_WIDTHS)
        if scroll_width > client_width:
            too_wide.append(f"{url} is {scroll_width}px wide on a {client_width}px screen")
    assert too_wide == []


def test_the_drawer_lists_the_german_navigation_every_entry_tappable(new_page, base_url):
    page = new_page(**WIDTHS["375"])
    page.goto(base_url + GERMAN, wait_until="networkidle")
    shown, links = walk_the_drawer(page)
    links.add(base_url + GERMAN)  # the page the drawer opened on: its own entry opens its table of contents
    assert shown == german_nav_titles(GERMAN_NAV), "the drawer shows mkdocs.de.yml's nav, in German"
    pages = {url for url, _ in sitemap(base_url, GERMAN)}
    assert sorted(links - pages) == [], "the drawer leads outside the German edition"
    assert sorted(pages - links) == [], "German pages without an entry in the drawer"
    tap_the_last_page_in_the_drawer(page)  # a tap on a page's entry opens that German page
    assert page.evaluate("document.documentElement.lang") == "de"


def test_a_tap_on_a_german_term_opens_its_sheet_which_leads_to_the_german_glossary(new_page, base_url):
    page = new_page(**WIDTHS["375"])
    page.goto(base_url + GERMAN + "architecture/", wait_until="networkidle")
    term = page.locator("article p a.glossary-term").nth(3)
    definition, href = term.evaluate(DEFINITION), term.evaluate("a => a.href")
    assert href.startswith(base_url + GERMAN + "glossary/#"), "a German term links the German glossary"
    english = definitions(base_url, "architecture/").get(href.partition("#")[2])
    assert definition != english, f"the German page shows the English definition: {definition!r}"
    tap_a_term(page, term)  # its sheet shows the German definition and links to the German glossary entry
    page.keyboard.press("Escape")
    page.wait_for_function(NO_SHEET)


# --- The keyboard ----------------------------------------------------------------------------------------------


def test_tab_reaches_a_german_term_its_definition_shows_and_escape_hides_it(new_page, base_url):
    page = new_page(**DESKTOP)
    page.goto(base_url + GERMAN + "architecture/", wait_until="networkidle")
    german = dict(
        page.eval_on_selector_all(
            "article a.glossary-term", "links => links.map(a => [a.hash.slice(1), a.getAttribute('data-title')])"
        )
    )
    assert german, "the page has glossary term links"
    english = definitions(base_url, "architecture/")
    same = [term for term, text in german.items() if not text or text == english.get(term)]
    assert same == [], f"German term links without a German definition: {same}"

    term = tab_to_a_term(page)
    tooltip = focused_links_tooltip(page)
    assert words(tooltip.inner_text()) == words(german[term.removeprefix("#")])
    assert page.locator(SHEET).count() == 0, "focus shows the tooltip, not a sheet"
    assert_on_a_desktop_screen(tooltip)

    escape_hides_every_tooltip(page, term)


# --- The language switch ---------------------------------------------------------------------------------------

SCROLLED = "scrolled"  # the reader scrolled to the page's third section (navigation.tracking puts it in the address)
# An English page, and the section the reader is at: None for the top of the page, an id they followed a link to,
# or one they scrolled to.
SWITCH_CASES = {
    "home": ("", None),
    "theme-section": ("architecture/", "how-the-405b-was-trained"),
    "theme-scrolled": ("scaling-laws/", SCROLLED),
    "glossary-entry": ("glossary/", "grouped-query-attention"),
    "book-index": ("book-index/", None),
}
HOW = {"click": DESKTOP, "keyboard": DESKTOP, "tap-390": PHONE_390}
CASES = [pytest.param(name, "click", id=f"{name}-click") for name in SWITCH_CASES]
CASES += [
    pytest.param(name, how, id=f"{name}-{how}")
    for name in ("theme-section", "glossary-entry")
    for how in ("keyboard", "tap-390")
]


def use_switch(page, how: str) -> None:
    switch = page.locator("a[data-site-language]")
    assert switch.count() == 1, "one language switch"
    if how == "click":
        switch.click()
    elif how == "keyboard":
        switch.focus()
        page.keyboard.press("Enter")
    else:
        switch.tap()


def heading_level(page, anchor: str) -> str | None:
    return page.evaluate("id => { const el = document.getElementById(id); return el && el.tagName; }", anchor)


@pytest.mark.parametrize(("name", "how"), CASES)
def test_the_switch_leads_to_the_german_counterpart_at_the_same_section_and_back(new_page, base_url, name, how):
    path, anchor = SWITCH_CASES[name]
    page = new_page(**HOW[how])
    english = base_url + path
    page.goto(english + (f"#{anchor}" if anchor and anchor != SCROLLED else ""), wait_until="load")
    if anchor == SCROLLED:
        heading = page.locator("article h2[id]").nth(2)
        anchor = heading.get_attribute("id")
        # Material's navigation.tracking sets the hash on a scroll event, once it has started: on a busy
        # machine the first scroll can come before that, so each poll scrolls to the heading again,
        # a pixel apart, a second apart, until the hash follows.
        page.wait_for_function(
            """id => {
              const top = document.getElementById(id).getBoundingClientRect().top + window.scrollY;
              window.__nudge = !window.__nudge;
              window.scrollTo(0, top + (window.__nudge ? 1 : 0));
              return location.hash === "#" + id;
            }""",
            arg=anchor,
            polling=1000,  # Material waits for the scrolling to stop before it sets the hash
        )
    level = heading_level(page, anchor) if anchor else None
    assert level is None or level.startswith("H"), f"#{anchor} is a heading on {english}"
    german = base_url + GERMAN + path
    section = f"#{anchor}" if anchor else ""
    for here, there, language in ((english, german, "de"), (german, english, "en")):
        use_switch(page, how)
        page.wait_for_url(there + section)
        assert page.evaluate("document.documentElement.lang") == language
        if anchor:
            assert heading_level(page, anchor) == level, f"{there}#{anchor} is not the {level} it is on {here}"
            page.wait_for_function(IN_VIEW, arg=anchor)


# --- Sitemaps and languages ------------------------------------------------------------------------------------


def page_urls(site, folder: str, base_url: str) -> set[str]:
    """The built pages of the edition in folder (not those of an edition below it), as local URLs."""
    top = site / folder
    nested = [site / below for below in LANGUAGES if below != folder and top in (site / below).parents]
    return {
        base_url + folder + ("" if file.parent == top else file.parent.relative_to(top).as_posix() + "/")
        for file in top.rglob("index.html")
        if not any(inner in file.parents for inner in nested)
    }


@pytest.mark.parametrize("folder", LANGUAGES, ids=LANGUAGES.values())
def test_each_sitemap_lists_its_pages_in_its_language_with_both_alternates(built_site, base_url, folder):
    language = LANGUAGES[folder]
    entries = sitemap(base_url, folder)
    assert {url for url, _ in entries} == page_urls(built_site, folder, base_url), f"{folder}sitemap.xml's pages"
    others = {other: {url for url, _ in sitemap(base_url, other)} for other in LANGUAGES if other != folder}
    wrong = []
    for url, alternates in entries:
        if set(alternates) != set(LANGUAGES.values()) or alternates[language] != url:
            wrong.append(f"{url}: alternates {alternates}, not itself and its counterpart in each language")
            continue
        for other_folder, other_urls in others.items():
            if alternates[LANGUAGES[other_folder]] not in other_urls:
                wrong.append(f"{url}: its {LANGUAGES[other_folder]} alternate is not in {other_folder}sitemap.xml")
        for hreflang, alternate in alternates.items():
            status, body = fetch(alternate)
            if status != 200:
                wrong.append(f"{url}: its {hreflang} alternate {alternate} answers {status}")
                continue
            root = lxml.html.fromstring(body)
            if root.get("lang") != hreflang:
                wrong.append(f"{alternate}: <html lang={root.get('lang')!r}>, its sitemap says {hreflang}")
            if hreflang == language:  # the page itself: its switch leads to its counterpart
                switch = root.xpath("//a[@data-site-language]")
                targets = {(urljoin(url, a.get("href")), a.get("hreflang")) for a in switch}
                counterparts = {(alternates[other], other) for other in alternates if other != language}
                if targets != counterparts:
                    wrong.append(f"{url}: the switch leads to {targets}, not {counterparts}")
    assert wrong == [], "\n".join(wrong)


# --- The 404 page ----------------------------------------------------------------------------------------------


def test_a_missing_german_address_shows_the_404_in_both_languages(new_page, base_url):
    page = new_page(**PHONE_390)
    missing = base_url + GERMAN + "no-such-section/no-such-page/"
    assert page.goto(missing, wait_until="networkidle").status == 404
    parts = page.locator("article > [lang]")
    found = {parts.nth(i).get_attribute("lang"): parts.nth(i) for i in range(parts.count())}
    assert sorted(found) == sorted(LANGUAGES.values()), f"parts in {sorted(found)}, not one per language"
    homes = {folder: base_url + folder for folder in LANGUAGES}
    texts = set()
    for folder, language in LANGUAGES.items():
        part = found[language]
        assert part.is_visible(), f"the {language} part is not shown"
        texts.add(words(part.inner_text()))
        link = part.locator("a[href]")
        assert link.count() == 1, f"the {language} part links its home page"
        assert link.evaluate("a => a.href") == homes[folder], f"the {language} part's link"
        status, body = fetch(homes[folder])
        assert status == 200
        assert lxml.html.fromstring(body).get("lang") == language, f"{homes[folder]} is not in {language}"
    assert len(texts) == len(LANGUAGES), "each part in its own words"
    # A German reader's tap on their part's link opens the German home page.
    found["de"].locator("a").tap()
    page.wait_for_url(homes[GERMAN])
    assert page.evaluate("document.documentElement.lang") == "de"
