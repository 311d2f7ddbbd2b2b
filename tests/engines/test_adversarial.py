"""An adversarial site: the hooks may add term links and their own boxes, and change nothing else.

The site (tests/adversarial/, written for this project) documents an imaginary static-file server. It
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
from pathlib import Path

import pytest
import yaml

from support.article_diff import LINK_CLASS, article, compare, compare_articles
from support.sites import make_site, run_build

SITE = Path(__file__).parent / "adversarial"  # the glossary and the pages written by hand
GLOSSARY = (SITE / "glossary.yml").read_text(encoding="utf-8")


def stash_page() -> str:
    """Release notes with far more than 404 pieces of raw HTML, shortcodes and entities.

    Terms are linked once per section, and each section's placeholders come before its words, so a
    placeholder such as "\\x02wzxhzdk:404\\x03" is met before the section's own "404".
    """
    lines = ["---", "glossary: section", "---", "# Release notes", ""]
    for release in range(160):
        lines += [
            f"## Release 0.{release} {{ #release-{release} }}",
            "",
            f"<!-- md:version 0.{release} -->",
            "",
            'Fixed <span class="badge">new</span> &amp; &lt;b&gt; in search: the 404 page, cache size 7.',
            "",
            '<div class="diff"><p>raw block without markdown</p></div>',
            "",
        ]
    return "\n".join(lines)


EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    {"toc": {"permalink": True}},
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.keys",
    "pymdownx.smartsymbols",
    {"pymdownx.tabbed": {"alternate_style": True}},
    {"pymdownx.magiclink": {"repo_url_shorthand": True, "user": "example", "repo": "project"}},
]
THEME_FEATURES = ["content.code.annotate", "content.tabs.link", "content.tooltips"]
PAGES = {
    **{page.name: page.read_text(encoding="utf-8") for page in sorted(SITE.glob("*.md"))},
    "releases.md": stash_page(),
}


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
    from core.termkit.model import parse_glossary

    return {term.id: term.short for term in parse_glossary(GLOSSARY, "g.yml").terms.values()}


def page_names():
    return [name.replace(".md", "/index.html").replace("index/index.html", "index.html") for name in PAGES]


@pytest.mark.parametrize("page", page_names())
def test_the_hooks_change_nothing_but_their_links_and_boxes(sites, tooltips, page):
    problems = compare(sites["plain"].page(page), sites["hooks"].page(page), tooltips)
    assert problems == []


def test_the_hooks_did_link_terms(sites):
    """The comparison above is only worth something if the linker ran: each page has term links."""
    counts = {
        page: len(article(sites["hooks"].page(page)).xpath(f".//a[@class='{LINK_CLASS}']")) for page in page_names()
    }
    assert all(counts.values()), counts
    names = article(sites["hooks"].page("names/index.html"))
    linked = {a.text for a in names.xpath(f".//a[@class='{LINK_CLASS}']")}
    assert linked == {"URL", "JavaScript", "Node.js", "3D printing", "7", "event", "warranty", "liability", "cache"}


def test_the_glossary_page_survives_the_same_extensions(sites):
    glossary = article(sites["hooks"].page("glossary/index.html"))
    ids = [h.get("id") for h in glossary.iter("h3")]
    assert {"term-404", "term-7", "term-3d-printing", "spaceship", "c-plus-plus", "c", "at-t", "node-js"} <= set(ids)
    names = {h.get("id"): "".join(h.xpath("text()")) for h in glossary.iter("h3")}
    assert names["spaceship"] == "<=>"
    assert names["c"] == "C#"
    assert names["term-404"] == "404"
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


@pytest.mark.parametrize(
    "where",
    [".//h2", ".//p[@class='admonition-title']", ".//code", ".//summary", ".//div[contains(@class, 'footnote')]//p"],
)
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
