"""Reading by thumb: the site at 390 px with touch (a phone) and at 1024 px (a tablet), as a reader uses it.

Every test waits for what it checks (a condition in the page), never for a fixed time: the drawer
and the sheets slide in with CSS transitions, so "rendered and tappable" is a condition to wait for.
Conditions are functions, not plain expressions (Playwright polls an expression with eval()).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from support.browser import (
    DEFINITION,
    LEVEL_0,
    NO_SHEET,
    PHONE_390,
    SHEET,
    TOOLTIP,
    axe_report,
    axe_violations,
    every_one_is_hit,
    open_drawer,
    open_sheet,
    tap_a_term,
    tap_in_view,
    tap_the_last_page_in_the_drawer,
    walk_the_drawer,
    words,
)

MODES: dict[str, dict[str, Any]] = {
    "phone-390": PHONE_390,
    "tablet-1024": {"viewport": {"width": 1024, "height": 768}, "has_touch": True},
}
NAVIGATION = ".md-header, .md-header *, .md-sidebar, .md-sidebar *, .md-nav, .md-nav *"


@pytest.mark.parametrize("mode", MODES)
def test_the_drawer_opens_with_every_link_drawn_and_tappable(new_page, base_url, mode):
    page = new_page(**MODES[mode])
    page.goto(base_url, wait_until="networkidle")
    shown, _ = walk_the_drawer(page)
    sections = [item for item in shown if isinstance(item, tuple)]
    assert len(sections) >= 2, "the navigation has its sections (Themes, Reference)"
    tap_the_last_page_in_the_drawer(page)  # a tap on a page's link opens that page


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
    page.wait_for_function("() => !document.getElementById('__drawer').checked")


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


CARDS = "article .kn-verdicts > ol > li"


@pytest.mark.parametrize("mode", MODES)
def test_every_verdict_shows_its_reason_and_leads_to_its_box(new_page, base_url, mode):
    page = new_page(**MODES[mode])
    page.goto(base_url, wait_until="networkidle")
    cards = page.evaluate(
        """selector => [...document.querySelectorAll(selector)].map(card => {
          const [said, why] = card.querySelectorAll(":scope > p");
          const verdict = why && why.querySelector("a.kn-verdict");
          const box = card.getBoundingClientRect();
          return {
            said: said ? said.innerText.trim() : "", why: why ? why.innerText.trim() : "",
            verdict: verdict ? verdict.innerText.trim() : "", href: verdict ? verdict.getAttribute("href") : "",
            icon: verdict ? getComputedStyle(verdict, "::before").maskImage : "none",
            inside: box.left >= 0 && box.right <= document.documentElement.clientWidth,
          };
        })""",
        CARDS,
    )
    assert len(cards) >= 15, "one card per claim of the news summary"
    for card in cards:
        assert card["said"], card
        assert card["why"].startswith(card["verdict"] + ":"), card
        assert len(card["why"]) > len(card["verdict"]) + 20, f"the verdict has no reason: {card}"
        assert card["inside"], f"a card runs off the screen: {card}"
        assert card["icon"] not in ("", "none"), f"the verdict has no icon: {card}"
    icons: dict[str, set[str]] = {}
    for card in cards:
        icons.setdefault(card["verdict"], set()).add(card["icon"])
    assert all(len(shapes) == 1 for shapes in icons.values()), "one icon per verdict"
    assert len({next(iter(shapes)) for shapes in icons.values()}) == len(icons), f"each verdict its own icon: {icons}"
    boxed = [card for card in cards if "#claim-" in card["href"]]
    assert boxed, "verdicts lead to their Correction and Context boxes"

    # A tap on a correction's verdict opens the box that explains it, on screen below the header.
    correction = page.locator(f"{CARDS} a.kn-verdict--overstated").first
    href = correction.evaluate("a => a.href")
    correction.scroll_into_view_if_needed()
    correction.tap()
    page.wait_for_url(href)
    anchor = href.partition("#")[2]
    page.wait_for_function(
        """id => { const box = document.getElementById(id).getBoundingClientRect();
                   const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
                   return box.top >= header - 1 && box.top < innerHeight / 2; }""",
        arg=anchor,
    )
    title = page.locator(f"[id='{anchor}'] .admonition-title").inner_text()
    assert title.startswith("Correction:")


TABLES = "article table:not([class])"
TABLE_PAGES = ["what-happened-next/", "evaluation/", "parameter-sizing/", "architecture/", "agents/"]
# How a table shows: its box and scroll width, and the shadows that say there is more to a side.
TABLE_STATE = """table => {
  const first = table.rows[0].cells[0].getBoundingClientRect(), box = table.getBoundingClientRect();
  const hit = document.elementFromPoint(first.left + 4, first.top + first.height / 2);
  return {
    scrolls: table.scrollWidth > table.clientWidth + 1,
    at_end: table.scrollLeft + table.clientWidth >= table.scrollWidth - 1,
    shadow_right: getComputedStyle(table).boxShadow !== "none",
    shadow_left: getComputedStyle(table.rows[0].cells[0]).boxShadow !== "none",
    first_in_view: Math.abs(first.left - box.left) <= 1.5 && hit !== null && table.rows[0].cells[0].contains(hit),
  };
}"""


@pytest.mark.parametrize("mode", MODES)
def test_a_wide_table_keeps_its_first_column_in_view_and_shows_there_is_more(new_page, base_url, mode):
    page = new_page(**MODES[mode])
    page.goto(base_url + "what-happened-next/", wait_until="networkidle")
    tables = page.locator(TABLES)
    wide = [i for i in range(tables.count()) if tables.nth(i).evaluate(TABLE_STATE)["scrolls"]]
    if mode == "phone-390":
        assert wide, "the comparison across generations is wider than a phone"
    for i in wide:
        table = tables.nth(i)
        table.scroll_into_view_if_needed()
        page.wait_for_function(f"table => ({TABLE_STATE})(table).shadow_right", arg=table.element_handle())
        assert not table.evaluate(TABLE_STATE)["shadow_left"], "nothing is hidden to the left yet"
        table.evaluate("table => table.scrollTo({left: table.scrollWidth})")  # as a swipe to the end does
        page.wait_for_function(
            f"table => (state => state.at_end && !state.shadow_right && state.shadow_left && state.first_in_view)"
            f"(({TABLE_STATE})(table))",
            arg=table.element_handle(),
        )


def test_the_llama_4_benchmark_table_shows_maverick_on_a_phone(new_page, base_url):
    """The text says Maverick "leads on all four": its column is on screen without a swipe."""
    page = new_page(**MODES["phone-390"])
    page.goto(base_url + "what-happened-next/", wait_until="networkidle")
    table = page.locator(TABLES).filter(has_text="Benchmark (instruction-tuned").first
    header = table.locator("th").filter(has_text="Maverick")
    assert header.count() == 1
    inside = page.evaluate(
        "([table, cell]) => cell.getBoundingClientRect().right <= table.getBoundingClientRect().right + 0.5",
        [table.element_handle(), header.element_handle()],
    )
    assert inside, "the Maverick column is cut off at 390 px"


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_no_table_column_is_cut_without_a_hint_at_1280_px(new_page, base_url, path):
    page = new_page()
    page.goto(base_url + path, wait_until="networkidle")
    tables = page.locator(TABLES)
    for i in range(tables.count()):
        state = tables.nth(i).evaluate(TABLE_STATE)
        assert not state["scrolls"] or state["shadow_right"], f"table {i + 1} of {path} is cut off without a hint"


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_print_keeps_every_column(new_page, base_url, path):
    page = new_page(viewport={"width": 700, "height": 1000})  # about the width of an A4 page's text
    page.goto(base_url + path, wait_until="networkidle")
    page.emulate_media(media="print")
    cut = page.evaluate(
        """selector => { const page = document.querySelector("article").getBoundingClientRect();
          return [...document.querySelectorAll(selector)].filter(table => {
            const cells = table.rows[0].cells, last = cells[cells.length - 1].getBoundingClientRect();
            return last.right > page.right + 0.5 || table.scrollWidth > table.clientWidth + 1;
          }).map(table => table.rows[0].innerText.replace(/\\s+/g, " ")); }""",
        TABLES,
    )
    assert cut == []


@pytest.mark.parametrize("mode", MODES)
def test_a_tap_on_a_term_shows_its_definition_without_leaving_the_page(new_page, base_url, mode):
    page = new_page(**MODES[mode])
    page.goto(base_url + "architecture/", wait_until="networkidle")
    term = page.locator("article p a.glossary-term").nth(3)
    href = term.evaluate("a => a.href")
    sheet = tap_a_term(page, term)

    page.locator("article h1").tap()  # a tap elsewhere closes it
    page.wait_for_function(NO_SHEET)
    tap_in_view(page, term)
    sheet.wait_for(state="visible")
    page.keyboard.press("Escape")  # and so does Escape
    page.wait_for_function(NO_SHEET)

    tap_in_view(page, term)
    sheet.wait_for(state="visible")
    term.tap()  # a second tap on the same term follows it
    page.wait_for_url(href)


@pytest.mark.parametrize("mode", MODES)
def test_a_tap_on_a_footnote_marker_shows_the_note_in_place(new_page, base_url, mode):
    page = new_page(**MODES[mode])
    page.goto(base_url + "architecture/", wait_until="networkidle")
    markers = page.locator("article a.footnote-ref")
    sizes = markers.evaluate_all(
        "links => links.map(a => [a.getBoundingClientRect().width, a.getBoundingClientRect().height])"
    )
    assert sizes, "the page cites its sources"
    assert all(w >= 23.5 and h >= 23.5 for w, h in sizes), f"tap targets smaller than 24 px: {sizes}"
    marker = markers.nth(3)
    note = marker.evaluate(
        """a => { const note = document.getElementById(a.hash.slice(1)).cloneNode(true);
                  note.querySelectorAll('.footnote-backref').forEach(link => link.remove());
                  return note.innerText.trim(); }"""
    )
    sheet = open_sheet(page, marker)
    assert words(note) in words(sheet.inner_text())
    assert sheet.locator("a").last.evaluate("a => a.hash") == marker.evaluate("a => a.hash"), "a link to the note"
    sheet.locator("button.site-sheet__close").tap()
    page.wait_for_function(NO_SHEET)


def test_adjacent_footnote_markers_read_apart(new_page, base_url):
    page = new_page(**MODES["phone-390"])
    page.goto(base_url + "parameter-sizing/", wait_until="networkidle")
    pairs = page.evaluate(
        """() => [...document.querySelectorAll("article sup[id^='fnref']")]
          .filter(sup => sup.previousSibling instanceof Element && sup.previousSibling.matches("sup[id^='fnref']"))
          .map(sup => {
            const before = sup.previousSibling.querySelector("a").getBoundingClientRect();
            const after = sup.querySelector("a").getBoundingClientRect();
            const between = sup.firstChild.nodeType === Node.TEXT_NODE ? sup.firstChild.textContent : "";
            return {between, apart: before.top !== after.top || after.left >= before.right};
          })"""
    )
    assert pairs, "the page has markers that follow each other"
    assert all(p["between"].strip() for p in pairs), f"adjacent markers run together: {pairs}"
    assert all(p["apart"] for p in pairs), f"adjacent markers' targets overlap: {pairs}"


@pytest.mark.parametrize("mode", MODES)
def test_a_tap_on_a_figure_shows_where_in_its_source_it_is(new_page, base_url, mode):
    """The comparison table's figures each link to their source; the exact place (a table, a section)
    was only in a hover tooltip."""
    page = new_page(**MODES[mode])
    page.goto(base_url + "what-happened-next/", wait_until="networkidle")
    figure = page.locator(f"{TABLES} td a[data-title]").first
    place, href = figure.get_attribute("data-title"), figure.evaluate("a => a.href")
    assert place.startswith("Source:")
    sheet = open_sheet(page, figure)
    assert place in sheet.inner_text()
    assert sheet.locator("a").evaluate("a => a.href") == href


NEXT_FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
NO_TOOLTIP = (
    "() => [...document.querySelectorAll('.md-tooltip2')].every(t => !t.classList.contains('md-tooltip2--active'))"
)


@pytest.mark.parametrize("what", ["a.glossary-term", "a.footnote-ref"])
def test_a_tooltip_reads_at_body_size_and_stays_while_the_pointer_is_on_it(new_page, base_url, what):
    page = new_page(viewport={"width": 1024, "height": 768})
    page.goto(base_url + "architecture/", wait_until="networkidle")
    host = page.locator(f"article p {what}").nth(2)
    host.evaluate("el => el.scrollIntoView({block: 'center'})")
    host.hover()
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible")
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.site-tip.md-tooltip2--active')).opacity === '1'"
    )
    text, body = page.evaluate(
        """() => [document.querySelector('.site-tip.md-tooltip2--active > *'), document.querySelector('article p')]
          .map(el => getComputedStyle(el)).map(s => [parseFloat(s.fontSize), +s.fontWeight])"""
    )
    assert text[0] >= 0.9 * body[0], f"tooltip text {text[0]} px against the body's {body[0]} px"
    assert text[1] <= 400, "not bold"
    if what == "a.footnote-ref":
        assert tooltip.inner_text().strip(), "the note shows on hover"
    # Onto the tooltip, across the gap from its host: it stays.
    host_box, tip_box = host.bounding_box(), tooltip.locator(":scope > *").bounding_box()
    page.mouse.move(host_box["x"] + host_box["width"] / 2, host_box["y"] + host_box["height"] / 2)
    page.mouse.move(tip_box["x"] + tip_box["width"] / 2, tip_box["y"] + tip_box["height"] / 2, steps=8)
    page.evaluate(NEXT_FRAMES)
    assert page.locator(TOOLTIP).count() == 1, "the tooltip hid while the pointer was on it"
    assert host.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    # Off both: it goes.
    page.mouse.move(5, 400, steps=4)
    page.wait_for_function(NO_TOOLTIP)


CHART_PAGES = ["scaling-laws/", "architecture/", "parameter-sizing/"]
# Each chart's words as drawn: the smallest in CSS px, the pairs whose boxes overlap, and any cut off.
CHART_TEXT = """() => [...document.querySelectorAll("figure.kn-chart svg")].map(svg => {
  const texts = [...svg.querySelectorAll("text")].filter(t => t.textContent.trim());
  const px = texts.map(t => {  // the font size times the scale the chart is drawn at (rotation aside)
    const m = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
  });
  const boxes = texts.map(t => t.getBoundingClientRect()), frame = svg.getBoundingClientRect(), overlapping = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, k) => {
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
      overlapping.push([texts[i].textContent, texts[i + 1 + k].textContent]);
  }));
  const cut = texts.filter((t, i) => boxes[i].left < frame.left - 0.5 || boxes[i].right > frame.right + 0.5
    || boxes[i].top < frame.top - 0.5 || boxes[i].bottom > frame.bottom + 0.5).map(t => t.textContent);
  return {chart: svg.id, texts: texts.length, smallest: Math.min(...px), overlapping, cut};
})"""
CHART_MODES = {"phone-390": MODES["phone-390"], "desktop-1280": {"viewport": {"width": 1280, "height": 800}}}


@pytest.mark.parametrize("mode", CHART_MODES)
@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_text_is_11_px_or_more_and_no_two_labels_overlap(new_page, base_url, path, mode):
    page = new_page(**CHART_MODES[mode])
    page.goto(base_url + path, wait_until="networkidle")
    charts = page.evaluate(CHART_TEXT)
    assert charts, f"{path} has a chart"
    for chart in charts:
        assert chart["texts"] >= 8, chart
        assert chart["smallest"] >= 11, f"{chart['chart']}: text at {chart['smallest']:.1f} CSS px"
        assert chart["overlapping"] == [], f"{chart['chart']}: labels overlap"
        assert chart["cut"] == [], f"{chart['chart']}: text cut off at the chart's edge"


@pytest.mark.parametrize("mode", MODES)
def test_report_an_error_carries_the_page_the_section_and_the_passage(new_page, base_url, mode):
    page = new_page(**MODES[mode])
    asked: list[str] = []

    def github(route):  # the issue form is on github.com: record where the link leads, fetch nothing
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>form</title>")

    page.route("https://github.com/**", github)
    page.goto(base_url + "scaling-laws/", wait_until="networkidle")
    heading = page.locator("article h2[id]").nth(2)
    section = heading.get_attribute("id")
    passage = heading.evaluate(
        """h => { let p = h.nextElementSibling; while (p && p.tagName !== "P") p = p.nextElementSibling;
                  const range = document.createRange(); range.selectNodeContents(p);
                  const selection = getSelection(); selection.removeAllRanges(); selection.addRange(range);
                  return selection.toString().trim(); }"""
    )
    assert passage
    link = page.locator("article a[data-report-error]")
    link.evaluate("el => el.scrollIntoView({block: 'center'})")
    link.tap()
    page.wait_for_url("https://github.com/**")
    query = parse_qs(urlsplit(asked[-1]).query)
    address = urlsplit(base_url).path  # the site's path; the form gets its public address
    assert query["template"] == ["factual-error.yml"]
    assert query["page"][0].endswith(f"{address}scaling-laws/#{section}"), query["page"]
    assert words(query["claim"][0]) == words(passage)


@pytest.mark.parametrize("mode", MODES)
def test_and_n_more_sections_leads_to_the_index_entry_that_lists_them(new_page, base_url, mode):
    page = new_page(**MODES[mode])
    page.goto(base_url + "glossary/", wait_until="networkidle")
    more = page.locator("article p.glossary-refs a", has_text="more section").first
    count = int(more.inner_text().split()[1])  # "and 4 more sections"
    page_link = more.evaluate("a => { let p = a.previousElementSibling; return p.getAttribute('href'); }")
    target = more.evaluate("a => a.href")
    tap_in_view(page, more)
    page.wait_for_url(target)
    entry = page.locator(f"[id='{target.partition('#')[2]}']")
    entry.wait_for(state="attached")
    assert "more section" not in entry.inner_text()
    # The page the count belonged to, with every one of its places linked: the one "Used on" showed and the others.
    path = page_link.removeprefix("../").split("#")[0]
    on_that_page = entry.evaluate(
        """(li, path) => [...li.children]
          .filter(a => a.tagName === 'A' && a.getAttribute('href').split('#')[0] === '../' + path).length""",
        path,
    )
    assert on_that_page >= count + 1, f"{path}: {on_that_page} places linked, 'Used on' counted {count} more"


HEADING_PAGES = [
    "",
    "what-happened-next/",
    "parameter-sizing/",
    "synthetic-data/",
    "evaluation/",
    "agents/",
    "sources/",
]
# Headings whose hidden permalink ("¶") is not on the line of the heading's last word.
PERMALINK_ALONE = """() => [...document.querySelectorAll("article :is(h1, h2, h3, h4)")].filter(h => {
  const link = h.querySelector(".headerlink");
  if (!link) return false;
  const words = document.createRange();
  words.setStartBefore(h.firstChild);
  words.setEndBefore(link);
  const lines = [...words.getClientRects()].filter(box => box.width > 0);
  return lines.length > 0 && Math.abs(link.getBoundingClientRect().top - lines[lines.length - 1].top) > 4;
}).map(h => h.textContent)"""


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", HEADING_PAGES)
def test_a_headings_permalink_never_takes_a_line_of_its_own(new_page, base_url, path, mode):
    page = new_page(**MODES[mode])
    page.goto(base_url + path, wait_until="networkidle")
    assert page.evaluate(PERMALINK_ALONE) == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("path", "selector"),
    [("glossary/", "article h3.glossary-entry"), ("what-happened-next/", "article table thead th")],
    ids=["glossary-heading", "table-header"],
)
def test_back_to_top_covers_no_heading_or_table_header(new_page, base_url, path, selector, mode):
    """A reader who scrolls back up to a heading or a table's header finds it uncovered."""
    page = new_page(**MODES[mode])
    page.goto(base_url + path, wait_until="networkidle")
    target = page.locator(selector).nth(page.locator(selector).count() // 2)
    below_header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom + 8")
    target.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.evaluate(NEXT_FRAMES)
    top = target.evaluate("el => el.getBoundingClientRect().top")
    page.evaluate(f"scrollBy(0, {top - below_header + 300})")  # past it, as a reader reads on,
    page.evaluate(NEXT_FRAMES)
    top = target.evaluate("el => el.getBoundingClientRect().top")
    page.evaluate(f"scrollBy(0, {top - below_header})")  # then back up: it is right under the header
    page.wait_for_function(
        "([el, y]) => Math.abs(el.getBoundingClientRect().top - y) < 24", arg=[target.element_handle(), below_header]
    )
    page.locator(".md-top:not([hidden])").wait_for(state="visible")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-top')).opacity === '1'")
    button, box = page.locator(".md-top").bounding_box(), target.bounding_box()
    covered = (
        box["x"] < button["x"] + button["width"]
        and button["x"] < box["x"] + box["width"]
        and box["y"] < button["y"] + button["height"]
        and button["y"] < box["y"] + box["height"]
    )
    assert not covered, f"the button {button} covers {target.inner_text()!r} at {box}"


SCHEMES = ["light", "dark"]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("mode", MODES)
def test_axe_finds_nothing_with_the_verdicts_a_sheet_and_the_drawer(new_page, base_url, axe_source, mode, scheme):
    page = new_page(**MODES[mode], color_scheme=scheme)
    page.context.add_init_script(path=str(axe_source))  # as the browser's own script: the page's policy allows no other
    page.goto(base_url, wait_until="networkidle")
    tap_in_view(page, page.locator("article a.glossary-term").nth(2))
    page.locator(SHEET).wait_for(state="visible")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.site-sheet')).opacity === '1'")
    violations = axe_violations(page)
    assert not violations, axe_report(violations)
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.querySelector('.site-sheet') === null")  # faded out and removed
    open_drawer(page)
    every_one_is_hit(page, LEVEL_0)
    violations = axe_violations(page)
    assert not violations, axe_report(violations)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("mode", MODES)
def test_the_keyboard_still_reads_a_term_escape_hides_it_and_enter_follows_it(new_page, base_url, mode, scheme):
    page = new_page(**MODES[mode], color_scheme=scheme)
    page.goto(base_url + "architecture/", wait_until="networkidle")
    term = page.locator("article p a.glossary-term").first
    definition, href = term.evaluate(DEFINITION), term.evaluate("a => a.href")
    term.focus()  # as Tab reaches it
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible")
    assert words(definition) in words(tooltip.inner_text())
    assert term.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    assert page.locator(SHEET).count() == 0, "focus shows the tooltip, not a sheet"
    page.keyboard.press("Escape")
    page.wait_for_function(NO_TOOLTIP)
    assert page.evaluate("document.activeElement.href") == href, "Escape leaves focus on the term"
    page.keyboard.press("Enter")
    page.wait_for_url(href)
