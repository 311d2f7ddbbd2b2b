"""An adversarial site: the hooks may add term links and their own boxes, and change nothing else.

The site (written for this project) is the documentation of an imaginary static-file server. It
uses what third-party documentation uses and the hooks must survive: many raw HTML blocks and
shortcode-style comments, admonitions with titles, collapsible boxes, content tabs, code
annotations, footnotes, magic links with a repository shorthand, abbreviations, file names and
hyphenated identifiers, all-caps licence text, and terms that are digits or contain `.`, `+`,
`#`, `&` or `<`, or start with a digit. It is built once with the hooks and once without; the
article of every page must be the same, element by element and text by text, once the term
links are unwrapped and the hooks' boxes removed. The comparison itself is tested by planting
faults it must catch.
"""

from __future__ import annotations

import copy

import pytest
import yaml
from article_diff import LINK_CLASS, article, compare, compare_articles
from conftest import make_site, run_build

GLOSSARY = """\
terms:
  - term: "404"
    aliases: [not found]
    short: 'The status a server sends for a missing page; see <pre> & &amp; too.'
    source: RFC 9110, 15.5.5
  - term: "7"
    short: A digit, here the number of a release.
    source: The release notes
  - term: 3D printing
    short: Making objects layer by layer.
    source: A maker guide
  - term: Search
    short: Finding pages by the words in them.
    source: The search chapter
  - term: Versioning
    short: Serving several versions of the same documentation.
    source: The versions chapter
  - term: URL
    short: The address of a page.
    source: RFC 3986
  - term: JavaScript
    short: The language of scripts in the browser.
    source: ECMA-262
  - term: Node.js
    short: A JavaScript runtime outside the browser.
    source: Its website
  - term: C++
    short: A systems programming language.
    source: ISO/IEC 14882
  - term: C#
    short: A managed programming language.
    source: ECMA-334
  - term: AT&T
    short: A telephone company, here only a name with an ampersand.
    source: Its website
  - term: "<=>"
    id: spaceship
    aliases: [spaceship operator]
    short: 'The three-way comparison, a <=> b.'
    source: ISO/IEC 14882, 7.6.8
  - term: HTML
    short: The markup language of web pages.
    source: WHATWG
  - term: Event
    short: Something the server reports to a hook.
    source: The hooks chapter
  - term: Liability
    short: Legal responsibility for damage.
    source: The licence
  - term: Warranty
    short: A promise about quality.
    source: The licence
  - term: Admonition
    short: A coloured box for a note or a warning.
    source: The writing guide
  - term: Annotation
    short: A numbered note attached to a line of code.
    source: The writing guide
  - term: Tab
    short: One of several panels of which one is shown.
    source: The writing guide
  - term: Cache
    forms: [caches]
    short: A store of responses for reuse.
    source: The caching chapter
"""

INDEX = """\
---
glossary: section
---
# Quarry

Quarry serves static files. It answers 404 for a missing page and keeps a cache of responses.
Its search needs no JavaScript-based server, and every URL-compatible name works.[^1]

<div class="grid cards" markdown>

-   **Search**

    ---

    Search across versions, with 3D printing guides as an example.

-   **Versioning**

    ---

    Several versions, one cache.

</div>

<!-- md:version 7.0 -->
<!-- md:flag experimental -->
<!-- index: Quarry; overview -->

<p class="banner">A raw HTML paragraph about search, 404 pages and the cache.</p>

<div class="hero" data-search="404">
  <img src="logo.png" alt="Search 404">
  <span>The 404 page &amp; the search page</span>
</div>

Text after raw HTML mentions C++, C#, AT&T and the <=> operator, then Node.js.

## Admonitions { #admonitions }

!!! note "Search and the cache"

    The first paragraph of a note about search and the cache.

!!! warning "404 pages"
    A warning without a blank line: a 404 page is cached for 7 minutes.

??? tip "Versioning in a collapsible box"

    Versioning explained inside the box.

???+ example "Open by default: HTML"

    HTML inside an open box.

!!! info ""

    A box without a title mentions the URL.

[^1]: A footnote about search and the cache is never linked.
"""

TABS = """\
# Tabs and code

=== "Search"

    Search from the command line.

=== "C++"

    Build the C++ client.

=== "Node.js"

    Use Node.js for the JavaScript client.

``` yaml
search:
  lang: en # (1)!
  versioning: true # (2)!
```

1.  The language of the search index.
2.  Versioning of the documentation; see the 404 page.

Inline `search.html` code and ++ctrl+alt+del++ keys.

The cache stores 404 responses.[^cache]

[^cache]: How long a cache keeps a 404 response.

| Setting | Meaning |
| --- | --- |
| `cache` | the cache of 404 responses |
| search | whether search is on |
"""

NAMES = """\
# Names and identifiers

The files 404.html and search.html, the folder .search, the plugin example-versioning,
the package search-plugin-v2, the module search.index and the option `--search`.

URL-compatible names, JavaScript-based themes and a Node.js-based build; not GPT-4-like names.

A 7-day cache and a 3D printing guide; release 7.1 and version v7, release 7.

Magic links: #404, example/project#7, @search, !7, https://example.org/search.html and
www.example.org/404.html.

*[HTML]: HyperText Markup Language

HTML is linked as an abbreviation, never as a term.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND. IN NO EVENT SHALL THE AUTHORS
BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM THE SEARCH OR THE CACHE.

The event log, the warranty and the liability of a cache.
"""


def stash_page() -> str:
    """Release notes with far more than 404 pieces of raw HTML, shortcodes and entities.

    Terms are linked once per section, and each section's placeholders come before its words, so a
    placeholder such as "\\x02wzxhzdk:404\\x03" is met before the section's own "404".
    """
    lines = ["---", "glossary: section", "---", "# Release notes", ""]
    for release in range(160):
        lines += [f"## Release 0.{release} {{ #release-{release} }}", "",
                  f"<!-- md:version 0.{release} -->", "",
                  f'Fixed <span class="badge">new</span> &amp; &lt;b&gt; in search: the 404 page, cache size 7.', "",
                  '<div class="diff"><p>raw block without markdown</p></div>', ""]
    return "\n".join(lines)


EXTENSIONS = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
    {"toc": {"permalink": True}}, "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight",
    "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.smartsymbols",
    {"pymdownx.tabbed": {"alternate_style": True}},
    {"pymdownx.magiclink": {"repo_url_shorthand": True, "user": "example", "repo": "project"}},
]
THEME_FEATURES = ["content.code.annotate", "content.tabs.link", "content.tooltips"]
PAGES = {"index.md": INDEX, "tabs.md": TABS, "names.md": NAMES, "releases.md": stash_page()}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The site built with the hooks and without them (once for this module)."""
    built = {}
    for name, hooks in (("hooks", None), ("plain", [])):
        config = {"markdown_extensions": EXTENSIONS}
        if hooks is not None:
            config["hooks"] = hooks
        project = make_site(tmp_path_factory.mktemp(name), PAGES, GLOSSARY, **config)
        settings = yaml.safe_load((project / "mkdocs.yml").read_text())
        settings["theme"]["features"] = THEME_FEATURES
        (project / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True))
        built[name] = run_build(project)
        assert built[name].ok, built[name].log
    return built


@pytest.fixture(scope="module")
def tooltips():
    from termkit.model import parse_glossary

    return {term.id: term.short for term in parse_glossary(GLOSSARY, "g.yml").terms.values()}


def page_names():
    return [name.replace(".md", "/index.html").replace("index/index.html", "index.html") for name in PAGES]


@pytest.mark.parametrize("page", page_names())
def test_the_hooks_change_nothing_but_their_links_and_boxes(sites, tooltips, page):
    problems = compare(sites["plain"].page(page), sites["hooks"].page(page), tooltips)
    assert problems == []


def test_the_hooks_did_link_terms(sites):
    """The comparison above is only worth something if the linker ran: each page has term links."""
    counts = {page: len(article(sites["hooks"].page(page)).xpath(f".//a[@class='{LINK_CLASS}']"))
              for page in page_names()}
    assert all(counts.values()), counts
    names = article(sites["hooks"].page("names/index.html"))
    linked = {a.text for a in names.xpath(f".//a[@class='{LINK_CLASS}']")}
    assert linked == {"URL", "JavaScript", "Node.js", "3D printing", "7", "event", "warranty", "liability", "cache"}


def test_the_glossary_page_survives_the_same_extensions(sites):
    glossary = article(sites["hooks"].page("glossary/index.html"))
    ids = [h.get("id") for h in glossary.iter("h3")]
    assert {"term-404", "term-7", "term-3d-printing", "spaceship", "c-plus-plus", "c", "at-t", "node-js"} <= set(ids)
    names = {h.get("id"): "".join(h.xpath("text()")) for h in glossary.iter("h3")}
    assert names["spaceship"] == "<=>" and names["c"] == "C#" and names["term-404"] == "404"
    assert not glossary.xpath(".//h3//a[contains(@class, 'magiclink')]")


# --- the comparison catches what it must ---------------------------------------------------------


def planted(sites, tooltips, fault, page="index.html") -> list[str]:
    """What the comparison reports after `fault(article)` changes the page built with the hooks."""
    plain = article(sites["plain"].page(page))
    linked = copy.deepcopy(article(sites["hooks"].page(page)))
    fault(linked)
    return compare_articles(plain, linked, tooltips)


def _first(linked, xpath):
    return linked.xpath(xpath)[0]


def test_fault_changed_text(sites, tooltips):
    def fault(linked):
        p = _first(linked, ".//p[@class='banner']")
        p.text = p.text.replace("search", "wzxhzdk:404")

    assert any("text 'A raw HTML paragraph about search" in p for p in planted(sites, tooltips, fault))


def test_fault_changed_tail(sites, tooltips):
    def fault(linked):
        link = _first(linked, f".//a[@class='{LINK_CLASS}']")
        link.tail = (link.tail or "") + "x"

    assert planted(sites, tooltips, fault)


def test_fault_dropped_element(sites, tooltips):
    def fault(linked):
        img = _first(linked, ".//img")
        img.getparent().remove(img)

    assert any("children ['img', 'span'] became ['span']" in p for p in planted(sites, tooltips, fault))


def test_fault_added_element(sites, tooltips):
    def fault(linked):
        _first(linked, ".//p[@class='banner']").append(linked.makeelement("span", {}))

    assert any("children [] became ['span']" in p for p in planted(sites, tooltips, fault))


def test_fault_changed_attribute(sites, tooltips):
    def fault(linked):
        _first(linked, ".//h2").set("id", "admonitions-2")

    assert any("'id': 'admonitions-2'" in p for p in planted(sites, tooltips, fault))


@pytest.mark.parametrize("where", [".//h2", ".//p[@class='admonition-title']", ".//code", ".//summary",
                                   ".//div[contains(@class, 'footnote')]//p"])
def test_fault_term_link_where_none_belongs(sites, tooltips, where):
    def fault(linked):
        el = _first(linked, where)
        link = el.makeelement("a", {"class": LINK_CLASS, "href": "../glossary/#search", "title": tooltips["search"]})
        link.text, link.tail, el.text = el.text, "", ""
        el.insert(0, link)

    page = "tabs/index.html" if where == ".//code" else "index.html"
    assert any("a term link inside" in p for p in planted(sites, tooltips, fault, page))


def test_fault_term_link_with_a_wrong_tooltip(sites, tooltips):
    def fault(linked):
        _first(linked, f".//a[@class='{LINK_CLASS}']").set("title", "something else")

    assert any("with the tooltip 'something else'" in p for p in planted(sites, tooltips, fault))


def test_fault_nothing_planted_nothing_reported(sites, tooltips):
    assert planted(sites, tooltips, lambda linked: None) == []
