"""What a third-party corpus broke (issue #16), at the level of the matcher and the linker:
placeholders of raw HTML, admonition titles, names joined by dots and hyphens, all-caps text,
and tooltips that show `short:` exactly as its text."""

import json
from xml.etree import ElementTree

import lxml.html
import markdown
import pytest
from markdown.serializers import to_html_string

from core.termkit.linker import link_tree
from core.termkit.markdown_ext import TermLinking
from core.termkit.matcher import Matcher
from core.termkit.model import parse_glossary

GLOSSARY_YAML = """\
terms:
  - term: "404"
    short: The HTTP status for a page that does not exist.
    source: x
  - term: "1"
    short: One.
    source: x
  - term: Search
    short: Finding pages by words.
    source: x
  - term: Versioning
    short: Keeping several versions of the docs.
    source: x
  - term: URL
    short: A web address.
    source: x
  - term: JavaScript
    short: The browser's language.
    source: x
  - term: Token
    short: A piece of text.
    source: x
  - term: GPT-3
    short: A 175B model.
    source: x
  - term: Event
    short: Something that happens.
    source: x
  - term: Liability
    short: Being responsible.
    source: x
  - term: NASA
    short: The space agency.
    source: x
  - term: Grouped-query attention
    abbr: [GQA]
    short: 'Heads share keys & values; literal &amp; stays, <b> too.'
    source: x
"""
GLOSSARY = parse_glossary(GLOSSARY_YAML, "g.yml")
MATCHER = Matcher(GLOSSARY)


def found(text):
    return [text[m.start : m.end] for m in MATCHER.find(text)]


def convert(text, extensions=("toc", "footnotes", "abbr", "md_in_html", "admonition")):
    results = []

    def link(root, raw_html):
        results.append(link_tree(root, GLOSSARY, MATCHER, lambda t: f"g/#{t.id}", "section", raw_html))

    html = markdown.markdown(text, extensions=[*extensions, TermLinking(link)])
    return html, results[0]


def links(html):
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [(a.text_content(), a.get("href")) for a in root.iterfind(".//a[@class='glossary-term']")]


# --- defect 1: placeholders of raw HTML -------------------------------------------------------


def test_digit_terms_never_match_inside_placeholders_of_raw_html():
    """Python-Markdown leaves "\\x02wzxhzdk:404\\x03" in the text for its 405th piece of raw HTML."""
    text = "".join(f"Item <b>{'x' * (i % 7)}</b> &amp; <!-- note {i} -->\n\n" for i in range(420)) + "The 404 page.\n"
    html, _ = convert(text)
    assert "wzxhzdk" not in html
    assert html.count("<b>") == 420
    assert html.count("<!-- note ") == 420
    assert links(html) == [("404", "g/#term-404")]  # the page's own "404", once (section mode, no headings)


def test_no_term_matches_inside_an_entity_placeholder():
    html, _ = convert("AT&amp;T and &#49; &lt;1&gt;, then 1.\n")
    assert "wzxhzdk" not in html
    assert "&amp;T" in html
    assert "&#49;" in html
    assert links(html) == [("1", "g/#term-1")]


# --- defect 4: admonition titles ---------------------------------------------------------------


def test_admonition_titles_are_not_linked_but_count():
    html, result = convert('!!! note "Search and GQA"\n\n    Search inside.\n')
    assert '<p class="admonition-title">Search and GQA</p>' in html
    assert links(html) == [("Search", "g/#search")]
    assert [o.term for o in result.occurrences] == ["search", "grouped-query-attention", "search"]


def test_admonition_titles_in_a_tree_an_extension_built_are_not_linked():
    root = ElementTree.fromstring('<div class="admonition"><p class="admonition-title">GQA</p><p>GQA</p></div>')
    link_tree(root, GLOSSARY, MATCHER, lambda t: f"g/#{t.id}")
    html = to_html_string(root)
    assert html.count("glossary-term") == 1
    assert '<p class="admonition-title">GQA</p>' in html


# --- defect 5: names joined by dots and hyphens ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "404.html",
        "search.html",
        "the file search.html.",
        "example-versioning",
        "docs.search",
        ".search",
        "GPT-3.5",
        "search-plugin-v2",
        "404-2",
        "self-search",
        "Llama-3.1-405B-Token",
        "a URL-v2 link",
        "URL-compatible.html",
        "search-index.html",
    ],
)
def test_no_match_as_part_of_a_file_name_dotted_name_or_identifier(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("URL-compatible", ["URL"]),
        ("JavaScript-based tools", ["JavaScript"]),
        ("a 128K-token vocabulary", ["token"]),
        ("4,096-token sequences", ["token"]),
        ("GPT-3. Then", ["GPT-3"]),
        ("the 404 page.", ["404"]),
        ("search, versioning.", ["search", "versioning"]),
        ("(GQA-style)", ["GQA"]),
    ],
)
def test_compounds_whose_part_is_the_term_still_match(text, terms):
    assert found(text) == terms


def test_a_name_split_by_markup_is_judged_by_its_neighbours():
    html, _ = convert("Open search*.html*, a URL-*compatible* one, then search.[^1] More.\n\n[^1]: A note.\n")
    assert links(html) == [("URL", "g/#url"), ("search", "g/#search")]  # a footnote number after a dot joins nothing


# --- defect 6: all-caps text -------------------------------------------------------------------


def test_all_caps_text_matches_only_names_written_in_capitals():
    assert found("IN NO EVENT SHALL THE AUTHORS BE LIABLE; STRICT LIABILITY. SEARCH") == []
    assert found("NASA AND GQA IN CAPITALS") == ["NASA", "GQA"]
    assert found("an Event, a liability, nasa") == ["Event", "liability", "nasa"]


def test_case_any_opts_in_to_all_caps_text():
    glossary = parse_glossary("terms:\n  - term: Shouting\n    case: any\n    short: Caps.\n    source: x\n", "g.yml")
    assert [m.term.id for m in Matcher(glossary).find("NO SHOUTING, shouting")] == ["shouting", "shouting"]


# --- defect 3: the tooltip is the text of `short:` ---------------------------------------------


def test_tooltip_shows_short_exactly_as_written():
    html, _ = convert("GQA here.\n")
    title = lxml.html.fragment_fromstring(html, create_parent="div").find(".//a").get("title")
    assert title == "Heads share keys & values; literal &amp; stays, <b> too."


# --- defects 2 and 3 in a real build: the generated glossary page ------------------------------

HOSTILE = {  # extensions that rewrite text: magic links with a repository shorthand, smart symbols
    "markdown_extensions": [
        "attr_list",
        {"toc": {"permalink": True}},
        "footnotes",
        "abbr",
        "admonition",
        "md_in_html",
        "tables",
        {"pymdownx.magiclink": {"repo_url_shorthand": True, "user": "example", "repo": "project"}},
        "pymdownx.smartsymbols",
    ],
}
ODD_GLOSSARY = """\
terms:
  - term: 404 page
    short: The page a site shows for an address it does not have.
    source: x
  - term: 21st century
    short: The years 2001 to 2100 (c) nobody.
    source: x
  - term: "Issue #12"
    aliases: ["#12"]
    short: An issue, by number.
    source: x
  - term: a<b | c
    abbr: [A&B]
    aliases: ["x <y> z"]
    short: 'Compares a < b | c & d; a literal &amp; stays, and so do \\*stars\\*, `ticks` and 1st.'
    long: Markdown *here* is rendered.
    see_also: [404 page]
    source: x
"""
ODD_PAGES = {
    "index.md": """\
        # Home

        A 404 page, the 21st century, a<b | c and A&B.

        See [the 404 entry](glossary.md#term-404-page) and [the century](glossary.md#term-21st-century).
        """,
}


def _article(html):
    return lxml.html.fromstring(html).find(".//article")


def _heading_text(h):
    return "".join(t for t in h.xpath("text()")).strip()


def test_glossary_headings_keep_their_ids_and_text_whatever_the_extensions(site_builder):
    built = site_builder(ODD_PAGES, glossary=ODD_GLOSSARY, **HOSTILE)
    assert built.ok, built.log  # strict, anchors validated: the links to glossary.md#term-... resolve
    article = _article(built.page("glossary/index.html"))
    entries = article.findall(".//h3")
    assert [h.get("id") for h in entries] == ["term-21st-century", "term-404-page", "a-b-c", "issue-12"]
    assert [_heading_text(h) for h in entries] == ["21st century", "404 page", "a<b | c (A&B)", "Issue #12"]
    assert all(h.get("class") == "glossary-entry" and not h.findall("sup") for h in entries)
    assert [a for h in entries for a in h.iter("a")] == [], (
        "no magic link (and no permalink: a light page) in a heading"
    )
    assert [h.get("id") for h in article.findall(".//h2")] == ["letter-other", "letter-a", "letter-i"]


def test_glossary_letter_bar_reaches_every_letter_and_the_toc_lists_no_entries(site_builder):
    """The raw headings are real headings (ids, anchor checks); the letter bar replaces a long TOC."""
    built = site_builder(ODD_PAGES, glossary=ODD_GLOSSARY, **HOSTILE)
    root = lxml.html.fromstring(built.page("glossary/index.html"))
    toc = root.find(".//nav[@class='md-nav md-nav--secondary']")
    assert toc is None or not list(toc.iter("a")), "no table of contents of 121 entries on a phone"
    letters = [a.get("href") for a in root.iterfind(".//nav[@class='glossary-letters']/a")]
    assert letters == ["#letter-other", "#letter-a", "#letter-i"]
    assert all(root.xpath(f"//h2[@id='{href[1:]}']") for href in letters)


def test_a_link_to_a_glossary_anchor_that_does_not_exist_is_still_reported(site_builder):
    pages = {"index.md": "# Home\n\nSee [it](glossary.md#404-page).\n"}
    built = site_builder(pages, glossary=ODD_GLOSSARY, **HOSTILE)
    assert not built.ok
    assert (
        "docs/index.md:3: link 'glossary.md#404-page' points to the anchor '#404-page', which docs/glossary.md "
        "does not have; fix: did you mean '#term-404-page'?"
    ) in built.log


def test_explicit_references_find_a_term_by_its_old_digit_slug(site_builder):
    pages = {"index.md": "# Home\n\nSee [the page](term:404-page) and [the issue](term:%2312).\n"}
    built = site_builder(pages, glossary=ODD_GLOSSARY, **HOSTILE)
    assert built.ok, built.log
    hrefs = [a.get("href") for a in _article(built.page("index.html")).iterfind(".//a[@class='glossary-term']")]
    assert hrefs == ["glossary/#term-404-page", "glossary/#issue-12"]


@pytest.mark.parametrize("config", [HOSTILE, {}], ids=["hostile", "default"])  # (default: no tables extension)
def test_glossary_page_and_tooltip_show_the_text_of_the_yaml(site_builder, config):
    built = site_builder(ODD_PAGES, glossary=ODD_GLOSSARY, **config)
    short = "Compares a < b | c & d; a literal &amp; stays, and so do \\*stars\\*, `ticks` and 1st."
    article = _article(built.page("glossary/index.html"))
    definition, refs = article.xpath(".//h3[@id='a-b-c']/following-sibling::p")[:2]
    assert definition.text_content() == short + " Markdown here is rendered."
    assert definition.find("em").text == "here", "long: is Markdown"
    assert refs.text_content().split("\n")[:2] == ["Also: x <y> z", "See also: 404 page"]
    assert next((a.text, a.get("href")) for a in refs.iter("a")) == ("404 page", "#term-404-page")
    links = _article(built.page("index.html")).iterfind(".//a[@class='glossary-term']")
    tooltips = {a.text: a.get("title") for a in links}
    assert tooltips["a<b | c"] == short


def test_index_page_keeps_its_anchors_whatever_the_extensions(site_builder):
    pages = {"index.md": "# Home\n\n## Errors\n\n<!-- index: #404 errors -->\n\nThe 404 page, issue #12.\n"}
    built = site_builder(pages, glossary=ODD_GLOSSARY, **HOSTILE)
    assert built.ok, built.log
    index = _article(built.page("book-index/index.html"))
    assert [h.get("id") for h in index.iter("h2")] == ["index-other", "index-a", "index-i", "index-x"]
    items = {li.get("id"): li for li in index.iter("li") if li.get("id")}
    assert {"entry-404-errors", "entry-term-404-page", "entry-issue-12"} <= set(items)
    assert items["entry-404-errors"].text_content().startswith("#404 errors")
    assert "../glossary/#term-404-page" in [a.get("href") for a in items["entry-term-404-page"].iter("a")]


# --- defect 7: headings with inline HTML, code and entities -------------------------------------

HEADINGS_PAGE = """\
    # Changelog

    ### 9.5.44 <small>November 5, 2024</small>

    <!-- index: Release 9.5.44 -->
    The search got faster.

    #### `on_<event_name>()`

    <!-- index: Event handler -->
    Search events, in code.

    #### on_&lt;event_name&gt;()

    <!-- index: Event handler; written with entities -->
    Search events, with entities.

    ## Q&amp;A, `code` and *emphasis* {#qa}

    <!-- index: Questions -->
    <!-- index: Pointer -> #on_event_name_1 -->
    Search questions.
    """
SEEN = {  # heading id -> its text as a reader sees it
    "9544-november-5-2024": "9.5.44 November 5, 2024",
    "on_event_name": "on_<event_name>()",
    "on_event_name_1": "on_<event_name>()",
    "qa": "Q&A, code and emphasis",
}


def test_headings_with_inline_html_code_and_entities_reach_the_index_and_xref_json_as_read(site_builder):
    """mkdocs/mkdocs's plugin guide and squidfunk/mkdocs-material's changelog have such headings: the book
    index and xref.json name their sections by the text a reader sees, never by Python-Markdown's
    placeholders of raw HTML."""
    nav = ["index.md", "glossary.md", "book-index.md"]
    built = site_builder({"index.md": HEADINGS_PAGE}, glossary=GLOSSARY_YAML, nav=nav)
    assert built.ok, built.log
    xref = json.loads(built.page("xref.json"))
    headings = {
        place["url"].partition("#")[2]: place["heading"]
        for entry in xref["entries"]
        for item in (entry, *entry["subs"])
        for place in item["places"]
        if place["url"].startswith("#")
    }
    assert headings == SEEN
    index = lxml.html.fromstring(built.page("book-index/index.html")).find(".//article")
    shown = {a.get("href").partition("#")[2]: a.text_content() for a in index.iter("a") if "#" in a.get("href", "")}
    assert {anchor: shown[anchor] for anchor in SEEN} == SEEN
    for page in ("xref.json", "book-index/index.html", "glossary/index.html", "index.html"):
        assert "wzxhzdk" not in built.page(page), page
        assert "\x02" not in built.page(page), page
