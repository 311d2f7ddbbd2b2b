"""termkit.site and termkit.resolution without any MkDocs build: pages converted by Python-Markdown
alone, recorded as plain reports, resolved into "Used on", the index, related pages and xref.json."""

from __future__ import annotations

import io
import json
import re

import markdown
import pytest
import yaml

from core.termkit.collate import Collation
from core.termkit.lists import UsedOn
from core.termkit.markdown_ext import TermLinking
from core.termkit.matcher import Matcher
from core.termkit.model import parse_glossary
from core.termkit.site import PageReport, Problem, Settings, TermSite
from core.termkit.xref import Place
from support import ROOT
from support.sites import MINI_GLOSSARY

GLOSSARY = parse_glossary(MINI_GLOSSARY, "docs/data/glossary.yml")
STRINGS = yaml.safe_load((ROOT / "docs/data/strings.yml").read_text(encoding="utf-8"))["en"]
GQA, MOE = "grouped-query-attention", "mixture-of-experts"
HTML: dict[str, str] = {}  # page src -> its HTML, as last converted


def new_site(**settings) -> TermSite:
    site = TermSite(
        GLOSSARY,
        Matcher(GLOSSARY),
        Collation(),
        STRINGS,
        Settings(**settings),
        where=lambda src, text: f"docs/{src}:{'glossary:' if text == 'glossary:' else text.strip()}",
    )
    site.glossary_url = "glossary/"
    return site


def add(site: TermSite, src: str, text: str, rank: int, meta: dict | None = None, **report) -> list[Problem]:
    """Convert a page as an engine would (Python-Markdown with toc), then record it."""
    url = src.removesuffix(".md") + "/"

    def headings(tokens):
        for token in tokens:
            yield token["id"], None if token["level"] == 1 else token["name"]
            yield from headings(token["children"])

    def link(root, raw_html):
        titles = {anchor: title for anchor, title in headings(md.toc_tokens) if title}
        site.link_page(
            root, raw_html, src=src, url=url, meta=meta or {}, source=lambda: text, authored=True, headings=titles
        )

    md = markdown.Markdown(extensions=["toc", "attr_list", TermLinking(link)])
    html = HTML[src] = md.convert(text)

    tokens = md.toc_tokens  # type: ignore[attr-defined]
    title = next(token["name"] for token in tokens)
    return site.record(
        PageReport(
            src,
            url,
            title,
            rank,
            headings=dict(headings(tokens)),
            anchors=frozenset(re.findall(r' id="([^"]+)"', html)),
            **report,
        )
    )


def generated(site: TermSite) -> None:
    """The glossary and index pages: recorded, counted nowhere."""
    site.record(PageReport("glossary.md", "glossary/", "Glossary", 90, authored=False))
    site.record(PageReport("book-index.md", "book-index/", "Index", 91, authored=False))


def resolve(site: TermSite):
    generated(site)
    return site.resolve()


def entry(resolved, name):
    return next(e for _, entries in resolved.groups for e in entries if e.name == name)


# --- "Used on" ---------------------------------------------------------------------------------


def test_used_on_lists_pages_in_navigation_order_linking_the_main_or_first_section():
    site = new_site()
    add(site, "b.md", "# Bee\n\nGQA here.\n\n## Later\n\nGQA again.\n\n## Last\n\nGQA.\n", rank=0)
    add(site, "a.md", "# Ay\n\n## Intro\n\nGQA.\n\n## Core\n\n<!-- index!: GQA -->\nGQA.\n", rank=1)
    resolved, problems = resolve(site)
    assert resolved.used_on[GQA] == [UsedOn("Bee", "../b/", 2), UsedOn("Ay", "../a/#core", 1)]
    assert problems == [
        Problem(
            "glossary",
            "docs/data/glossary.yml: 3 term(s) used on no page: Mixture of experts, "
            "Scaling law, Chinchilla scaling law",
            warn=False,
        )
    ]
    assert resolved.used_on_line(GQA) == (
        'Used on: <a href="../b/">Bee</a> <a href="../book-index/#entry-grouped-query-attention">'
        'and 2 more sections</a>; <a href="../a/#core">Ay</a> <a href="../book-index/#entry-grouped-query-attention">'
        "and 1 more section</a>"
    )
    assert resolved.used_on_line("scaling-law") == "Used on: Not used on any page yet."


def test_the_glossary_page_gets_each_entrys_line_in_its_order():
    """The entries' markers are filled in the glossary page's order (collation of the names), one line each."""
    site = new_site()
    add(site, "a.md", "# A\n\nGQA and MoE.\n", rank=0)
    resolved, _ = resolve(site)
    marker = "<!-- glossary-used-on -->"
    page = resolved.glossary_html("".join(f"<p>{name}{marker}</p>" for name in ("C", "G", "M", "S")))
    lines = page.split("</p>")
    assert [line.split("\n")[1] for line in lines[:4]] == [
        resolved.used_on_line(term)
        for term in ("chinchilla-scaling-law", GQA, MOE, "scaling-law")  # Chinchilla, Grouped, Mixture, Scaling
    ]
    with pytest.raises(ValueError, match="3 entries' markers for 4 lines"):
        resolved.glossary_html(marker * 3)


def test_used_on_caps_pages_and_links_the_index_entry():
    site = new_site(used_on_cap=1, unused="warn")
    add(site, "a.md", "# A\n\nGQA.\n", rank=0)
    add(site, "b.md", "# B\n\nGQA.\n", rank=1)
    resolved, problems = resolve(site)
    assert resolved.index_entries[GQA] == "book-index/#entry-grouped-query-attention"
    assert resolved.used_on_line(GQA) == (
        'Used on: <a href="../a/">A</a>; <a href="../book-index/#entry-grouped-query-attention">all 2 pages</a>'
    )
    assert problems[0].warn


# --- index places ------------------------------------------------------------------------------


def test_text_before_the_first_heading_is_the_page_itself():
    site = new_site()
    add(site, "a.md", "# Page A\n\nMoE first.\n\n<!-- index: Topic -->\n\n## Section\n\nMoE.\n", rank=0)
    resolved, _ = resolve(site)
    assert entry(resolved, "Topic").places == [Place("a/", "Page A", None)]
    assert entry(resolved, "Mixture of experts").places[1:] == [
        Place("a/", "Page A", None),
        Place("a/#section", "Page A", "Section"),
    ]
    assert 'Topic: <a href="../a/">Page A</a></li>' in resolved.index_html(), "the page itself, no section"
    assert '<a href="../a/">Page A</a>: <a href="../a/#section">Section</a>' in resolved.index_html()


def test_an_h2_that_repeats_the_title_is_a_section_not_the_page():
    site = new_site()
    add(site, "a.md", "# Same\n\nIntro.\n\n## Same\n\n<!-- index: Topic -->\nMoE.\n", rank=0)
    resolved, _ = resolve(site)
    assert entry(resolved, "Topic").places == [Place("a/#same_1", "Same", "Same")]
    assert 'Same: <a href="../a/#same_1">Same</a>' in resolved.index_html()


def test_markers_pointing_elsewhere_resolve_against_the_reports():
    site = new_site()
    add(site, "a.md", "# A\n\n## Here\n\nText\n{: #para }\n", rank=0)
    problems = add(
        site,
        "b.md",
        "# B\n\n<!-- index: To section -> a.md#here -->\n<!-- index: To page -> a.md -->\n"
        "<!-- index: To title -> a.md#a -->\n<!-- index: To paragraph -> a.md#para -->\n"
        "<!-- index: Local -> #b2 -->\n\n## B2\n\n<!-- index broken -->\n"
        "<!-- index: X -> nowhere.md -->\n<!-- index: Y -> a.md#nowhere -->\n",
        rank=1,
    )
    assert problems == [
        Problem(
            "xref",
            "docs/b.md:index broken: malformed index marker 'index broken'; "
            "write <!-- index: Entry[; sub-entry][ -> page.md#anchor] -->",
        )
    ]
    resolved, problems = resolve(site)
    assert [
        entry(resolved, name).places for name in ("To section", "To page", "To title", "To paragraph", "Local")
    ] == [
        [Place("a/#here", "A", "Here")],
        [Place("a/", "A", None)],
        [Place("a/#a", "A", None)],
        [Place("a/#para", "A", None)],
        [Place("b/#b2", "B", "B2")],
    ]
    assert [p.text for p in problems if p.topic == "xref"] == [
        "docs/b.md:index: X -> nowhere.md: index marker points to 'nowhere.md', which is not a page of the site",
        "docs/b.md:index: Y -> a.md#nowhere: index marker points to '#nowhere', which is not an anchor in docs/a.md",
    ]


def test_index_groups_terms_markers_and_see_entries_in_collation_order():
    site = new_site()
    add(site, "a.md", "# A\n\n## Sec\n\n<!-- index: MoE; routing -->\n<!-- index: Über-topic -->\nGQA.\n", rank=0)
    resolved, _ = resolve(site)
    assert [(letter, [e.name for e in entries]) for letter, entries in resolved.groups][:3] == [
        ("C", ["Chinchilla scaling law"]),
        ("G", ["GQA", "Grouped-query attention"]),
        ("M", ["Mixture of experts", "MoE"]),
    ]
    moe = entry(resolved, "Mixture of experts")
    assert list(moe.subs) == ["routing"]
    assert moe.subs["routing"].places == [Place("a/#sec", "A", "Sec")]
    assert entry(resolved, "Über-topic").places == [Place("a/#sec", "A", "Sec")]


# --- related pages, page context, xref.json ----------------------------------------------------


def test_related_pages_and_the_page_context_leave_out_opted_out_pages():
    site = new_site()
    add(site, "a.md", "# A\n\nGQA and MoE.\n", rank=0)
    add(site, "b.md", "# B\n\nMoE and GQA.\n", rank=1)
    add(site, "c.md", "# C\n\nMoE.\n", rank=2)
    add(site, "d.md", "# D\n\nGQA, MoE.\n", rank=3, related=False)
    resolved, _ = resolve(site)
    assert resolved.related == {
        "a/": [("b/", [GQA, MOE]), ("c/", [MOE])],
        "b/": [("a/", [GQA, MOE]), ("c/", [MOE])],
        "c/": [("a/", [MOE]), ("b/", [MOE])],
    }
    assert resolved.page_context("d/") is None
    assert resolved.page_context("c/") == {
        "related": [
            {"url": "../a/", "title": "A", "shared": ["Mixture of experts"]},
            {"url": "../b/", "title": "B", "shared": ["Mixture of experts"]},
        ],
        "terms": [{"name": "Mixture of experts", "url": "../glossary/#mixture-of-experts"}],
    }


def test_xref_json_holds_every_entry_and_every_page_that_shows_related_pages():
    site = new_site(related=1)
    add(site, "a.md", "# A\n\nScaling laws.\n\n## Deep\n\n<!-- index!: Scaling law -->\nMoE.\n", rank=0)
    add(site, "b.md", "# B\n\nMoE.\n", rank=1, related=False)
    resolved, _ = resolve(site)
    out = io.StringIO()
    resolved.write_json(out)
    doc = json.loads(out.getvalue())
    assert doc["pages"] == [{"url": "a/", "title": "A", "terms": [MOE, "scaling-law"], "related": []}]
    law = next(e for e in doc["entries"] if e["name"] == "Scaling law")
    assert law == {
        "name": "Scaling law",
        "term": "scaling-law",
        "see": None,
        "see_also": [],
        "subs": [],
        "places": [
            {"url": "glossary/#scaling-law", "page": "Glossary", "heading": "Scaling law", "main": True},
            {"url": "a/", "page": "A", "heading": "A", "main": False},  # the page itself: headed by its title
            {"url": "a/#deep", "page": "A", "heading": "Deep", "main": True},
        ],
    }


# --- per page ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("meta", "links"), [({}, 1), ({"glossary": "section"}, 2), ({"glossary": False}, 0)])
def test_front_matter_chooses_how_a_page_links(meta, links):
    site = new_site()
    add(site, "a.md", "# A\n\n## One\n\nGQA.\n\n## Two\n\nGQA.\n", rank=0, meta=meta)
    assert HTML["a.md"].count('href="../glossary/#grouped-query-attention"') == links
    resolved, _ = resolve(site)
    assert len(site.reports["a.md"].occurrences) == 2, "every occurrence counts, linked or not"
    assert resolved.used_on[GQA] == [UsedOn("A", "../a/#one", 1)]


def test_a_bad_front_matter_mode_and_an_unknown_reference_are_problems():
    site = new_site()
    problems = add(
        site, "a.md", "---\nglossary: sometimes\n---\n# A\n\n[x](term:Nope)\n", rank=0, meta={"glossary": "sometimes"}
    )
    assert [p.topic for p in problems] == ["glossary", "glossary"]
    assert problems[0].text.startswith("docs/a.md:glossary:: front matter 'glossary: sometimes' must be one of page")
    assert problems[1].text == (
        "docs/a.md:term:Nope: unknown glossary term 'Nope'; add it to docs/data/glossary.yml or fix the spelling"
    )


def test_settings_reject_an_unknown_mode():
    from core.sourcefile import SourceError

    with pytest.raises(SourceError, match=r"extra\.glossary: autolink must be one of page, section, off"):
        Settings.read({"autolink": "always"}, {})
    assert Settings.read({"page": "terms.md", "other": 1}, {"page": "ix.md"}) == Settings(
        page="terms.md", index_page="ix.md"
    )


def test_a_page_source_is_read_only_for_a_message():
    """Engines may read the file again for it (MkDocs does): linking a page must not ask for it."""
    site, reads = new_site(), []
    root = markdown.Markdown().parser.parseDocument(["Text."]).getroot()

    def source() -> str:
        reads.append(1)
        return "---\nglossary: sometimes\n---\nText.\n"

    site.link_page(root, [], src="a.md", url="a/", meta={}, source=source, authored=True, headings={})
    assert reads == []
    site.link_page(
        root, [], src="b.md", url="b/", meta={"glossary": "sometimes"}, source=source, authored=True, headings={}
    )
    assert reads == [1]
    problems = site.record(PageReport("b.md", "b/", "B", 0))
    assert "front matter 'glossary: sometimes' must be one of" in problems[0].text
