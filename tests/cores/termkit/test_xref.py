"""The cross-reference index: markers, entries, related pages, the map and the index page."""

import json
import textwrap

import lxml.html
import pytest

from core.termkit.collate import Collation
from core.termkit.xref import Marker, MarkerError, Place, parse_marker, related_pages
from support.glossary_page import entry_refs
from support.linkcheck import broken_links
from support.samples import XREF_PAGES, make_index
from support.sites import make_site, run_build

# --- core ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        (" index: Chinchilla ", Marker("Chinchilla")),
        ("index: Chinchilla; tokens per parameter", Marker("Chinchilla", "tokens per parameter")),
        ("index!: Chinchilla scaling law", Marker("Chinchilla scaling law", main=True)),
        ("INDEX: Chinchilla -> scaling-laws.md#chinchilla", Marker("Chinchilla", target="scaling-laws.md#chinchilla")),
        ("index: C++;  operator  overloading ", Marker("C++", "operator overloading")),
    ],
)
def test_parse_marker(text, marker):
    assert parse_marker(text) == marker


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "index Chinchilla",
            "malformed index marker 'index Chinchilla'; write <!-- index: Entry[; sub-entry][ -> page.md#anchor] -->",
        ),
        ("index:   ", "empty index marker 'index:'; write"),
        ("index: ; sub", "empty index marker 'index: ; sub'; write"),
        ("index: A; b; c", "index marker 'index: A; b; c' has more than one sub-entry"),
        ("index: A;", "index marker 'index: A;' has an empty sub-entry"),
        ("index: A ->", "index marker 'index: A ->' has an empty target after '->'"),
    ],
)
def test_bad_markers_say_what_is_wrong(text, message):
    with pytest.raises(MarkerError, match="^" + message.replace("[", r"\[").replace("]", r"\]").replace("+", r"\+")):
        parse_marker(text)


def test_terms_are_entries_with_the_glossary_as_main_place_and_see_entries_for_aliases():
    index = make_index()
    groups = dict(index.groups(Collation()))
    assert [e.name for e in groups["G"]] == ["GQA", "Grouped-query attention"]
    gqa, entry = groups["G"]
    assert gqa.see == "Grouped-query attention"
    assert gqa.places == []
    assert entry.places == [
        Place("glossary/#grouped-query-attention", "Glossary", "Grouped-query attention", main=True)
    ]
    assert entry.see_also == ["KV cache"]


def test_entries_differing_in_case_or_normalisation_are_merged():
    index = make_index()
    index.add_marker(parse_marker("index: Über-Modell"), Place("a/", "A", None))
    index.add_marker(parse_marker("index: über-modell"), Place("b/", "B", None))
    index.add_marker(parse_marker("index: U\u0308ber-Modell"), Place("c/", "C", None))  # decomposed Ü
    groups = dict(index.groups(Collation()))
    assert [(e.name, [p.url for p in e.places]) for e in groups["U"]] == [("Über-Modell", ["a/", "b/", "c/"])]


def test_markers_naming_a_term_or_alias_join_the_term_entry_and_sub_entries_nest():
    index = make_index()
    index.add_marker(parse_marker("index!: GQA"), Place("arch/#gqa", "Architecture", "GQA", main=True))
    index.add_marker(parse_marker("index: grouped-query attention; KV heads"), Place("arch/#kv", "Architecture", "KV"))
    index.add_marker(parse_marker("index: grouped-query attention; kv  HEADS"), Place("arch/#x", "Architecture", "X"))
    entry = dict(index.groups(Collation()))["G"][1]
    assert [(p.url, p.main) for p in entry.places] == [("glossary/#grouped-query-attention", True), ("arch/#gqa", True)]
    assert [(s.name, [p.url for p in s.places]) for s in entry.subs.values()] == [("KV heads", ["arch/#kv", "arch/#x"])]


def test_a_place_is_listed_once_and_main_wins():
    index = make_index()
    index.add_term("kv-cache", Place("a/#s", "A", "S"))
    index.add_term("kv-cache", Place("a/#s", "A", "S"))
    index.add_marker(parse_marker("index!: KV cache"), Place("a/#s", "A", "S", main=True))
    entry = dict(index.groups(Collation()))["K"][0]
    assert [(p.url, p.main) for p in entry.places] == [("glossary/#kv-cache", True), ("a/#s", True)]


def test_related_pages_rank_by_shared_terms_then_page_order():
    pages = {"a": {"x", "y", "z"}, "b": {"x"}, "c": {"x", "y"}, "d": {"q"}, "e": {"y"}}
    related = related_pages(pages, limit=3)
    assert related["a"] == [("c", ["x", "y"]), ("b", ["x"]), ("e", ["y"])]
    assert related["d"] == []


# --- in a build --------------------------------------------------------------------------------

PAGES = XREF_PAGES


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample pages, built once for the tests that only read the result."""
    return built_site(tmp_path_factory.mktemp("xref"))


def built_site(tmp_path, pages=PAGES, **config):
    built = run_build(make_site(tmp_path, pages, **config))
    assert built.ok, built.log
    return built


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_on_every_page_resolves(tmp_path, directory_urls):
    built = built_site(tmp_path, use_directory_urls=directory_urls)
    assert broken_links(built.site, base_path="/sub/path/") == []


def test_index_page_lists_entries_from_pages_processed_after_it(built):
    root = lxml.html.fromstring(built.page("book-index/index.html"))
    late = root.get_element_by_id("entry-late-topic")
    assert [(a.text_content(), a.get("href")) for a in late.iterfind("a")] == [
        ("Late section", "../zz-last/#late-section")
    ]
    assert late.text_content().split() == ["Late", "topic:", "Last", "page:", "Late", "section"]
    pointer = root.get_element_by_id("entry-pointer")
    assert [(a.text_content(), a.get("href")) for a in pointer.iterfind("a")] == [("Two", "../topics/deep/#two")]
    compute = root.get_element_by_id("entry-compute")
    assert [li.text_content().split(":")[0].strip() for li in compute.iterfind("ul/li")] == ["budgets"]


def test_index_marks_main_entries_and_see_references(built):
    root = lxml.html.fromstring(built.page("book-index/index.html"))
    chinchilla = root.get_element_by_id("entry-chinchilla-scaling-law")
    mains = [(a.text_content(), a.get("aria-describedby")) for a in chinchilla.iterfind("a[@class='xref-main']")]
    assert mains == [("Chinchilla scaling law", "xref-main-note"), ("Scaling", "xref-main-note")]
    assert root.get_element_by_id("xref-main-note").text_content() == "main entry"
    assert " ".join(chinchilla.text_content().split()) == (
        "Chinchilla scaling law: Glossary: Chinchilla scaling law; Home: Scaling"
    )
    gqa = root.get_element_by_id("entry-gqa")
    assert gqa.text_content().split() == ["GQA,", "see", "Grouped-query", "attention"]
    assert gqa.find("a").get("href") == "#entry-grouped-query-attention"


def test_used_on_links_the_main_index_entry_and_above_the_cap_the_index(tmp_path):
    """ "Used on" links a page's section with the term's main index entry, else its first section;
    above extra.glossary.used_on_cap pages it ends with a link to the term's entry in the index."""
    pages = {**PAGES, "topics/deep.md": textwrap.dedent(PAGES["topics/deep.md"]) + "\n<!-- index!: GQA -->\n"}
    built = built_site(tmp_path, pages, extra={"glossary": {"used_on_cap": 2}})
    root = lxml.html.fromstring(built.page("glossary/index.html"))
    assert entry_refs(root, "grouped-query-attention")["Used on"] == (
        "Home; Quiet; all 3 pages",
        [("Home", "../"), ("Quiet", "../quiet/"), ("all 3 pages", "../book-index/#entry-grouped-query-attention")],
    )
    index = lxml.html.fromstring(built.page("book-index/index.html"))
    assert index.get_element_by_id("entry-grouped-query-attention") is not None
    assert entry_refs(root, "mixture-of-experts")["Used on"][1] == [
        ("Home", "../#scaling"),
        ("Last page", "../zz-last/#late-section"),
        ("all 3 pages", "../book-index/#entry-mixture-of-experts"),
    ]
    built = built_site(tmp_path / "uncapped", pages)
    root = lxml.html.fromstring(built.page("glossary/index.html"))
    assert entry_refs(root, "grouped-query-attention")["Used on"] == (
        "Home; Quiet; Deep page and 2 more sections",
        [
            ("Home", "../"),
            ("Quiet", "../quiet/"),
            ("Deep page", "../topics/deep/#two"),
            ("and 2 more sections", "../book-index/#entry-grouped-query-attention"),
        ],
    )  # the main entry: last section; the others are in the index


def test_index_page_is_left_out_of_search_and_glossary_is_in(built):
    locations = {doc["location"].split("#")[0] for doc in json.loads(built.page("search/search_index.json"))["docs"]}
    assert "glossary/" in locations
    assert "book-index/" not in locations


def test_related_pages_and_terms_on_every_page(built):
    root = lxml.html.fromstring(built.page("topics/deep/index.html"))
    aside = root.find(".//article//aside[@class='xref-page']")
    related = aside.xpath("./h2[@id='related-pages']/following-sibling::ul[1]/li")
    assert [li.text_content().split() for li in related] == [
        ["Home", "(2", "shared", "terms:", "Grouped-query", "attention,", "Mixture", "of", "experts)"],
        ["Quiet", "(1", "shared", "terms:", "Grouped-query", "attention)"],
        ["Last", "page", "(1", "shared", "terms:", "Mixture", "of", "experts)"],
    ]  # most shared first, ties in navigation order
    terms = aside.xpath("./p[@class='xref-terms']/a")
    assert [(a.text, a.get("href")) for a in terms] == [
        ("Grouped-query attention", "../../glossary/#grouped-query-attention"),
        ("Mixture of experts", "../../glossary/#mixture-of-experts"),
    ]


def test_xref_json_maps_entries_and_pages_and_is_stable(tmp_path):
    project = make_site(tmp_path, PAGES)
    first, second = run_build(project, site=tmp_path / "a"), run_build(project, site=tmp_path / "b")
    assert (first.site / "xref.json").read_bytes() == (second.site / "xref.json").read_bytes()
    data = json.loads(first.page("xref.json"))
    gqa = next(e for e in data["entries"] if e["term"] == "grouped-query-attention")
    assert gqa["places"][0] == {
        "url": "glossary/#grouped-query-attention",
        "page": "Glossary",
        "heading": "Grouped-query attention",
        "main": True,
    }
    assert {"url": "topics/deep/#one", "page": "Deep page", "heading": "One", "main": False} in gqa["places"]
    deep = next(p for p in data["pages"] if p["url"] == "topics/deep/")
    assert deep["terms"] == ["grouped-query-attention", "mixture-of-experts"]
    assert [r["url"] for r in deep["related"]] == ["", "quiet/", "zz-last/"]


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("<!-- index: -->", "docs/bad.md:5: empty index marker 'index:'"),
        ("<!-- index Chinchilla -->", "docs/bad.md:5: malformed index marker 'index Chinchilla'"),
        (
            "<!-- index: X -> nowhere.md -->",
            "docs/bad.md:5: index marker points to 'nowhere.md', which is not a page of the site",
        ),
        (
            "<!-- index: X -> index.md#nowhere -->",
            "docs/bad.md:5: index marker points to '#nowhere', which is not an anchor in docs/index.md",
        ),
    ],
)
def test_bad_markers_fail_the_strict_build_with_file_and_line(tmp_path, marker, message):
    pages = {**PAGES, "bad.md": f"# Bad\n\nText.\n\n{marker}\n"}
    built = run_build(make_site(tmp_path, pages))
    assert not built.ok
    assert f"WARNING: xref: {message}" in built.log
