"""Search keywords: the core (termkit.search) and the MkDocs adapter that adds them to Material's search index."""

import json

import lxml.html
import pytest

from core.termkit.linker import Occurrence, Section
from core.termkit.model import parse_glossary
from core.termkit.records import IndexMarker
from core.termkit.search import SectionKeywords, add_search_fields, page_keywords
from core.termkit.xref import MarkerError, parse_marker
from support.sites import MINI_GLOSSARY, make_site, run_build

GLOSSARY = parse_glossary(MINI_GLOSSARY, "glossary.yml")
INTRO, MOE = Section("", ""), Section("moe", "Experts")

# --- core ------------------------------------------------------------------------------------


def test_markers_give_topics_and_entries_and_terms_give_aliases():
    written = [
        (" index!: MoE ", MOE),
        ("index: Scaling law; applied", MOE),
        ("index: Late topic", INTRO),
        ("index: GQA -> other.md#x", MOE),
    ]
    markers = [IndexMarker(parse_marker(text), section, text) for text, section in written]
    with pytest.raises(MarkerError):  # such a marker never reaches the keywords: TermSite.record reports it
        parse_marker("index broken")
    occurrences = [Occurrence("grouped-query-attention", INTRO), Occurrence("mixture-of-experts", MOE)]
    sections = page_keywords(GLOSSARY, occurrences, markers)
    assert sections["moe"] == SectionKeywords(
        topics=["Mixture of experts", "MoE"],  # a marker naming an abbreviation: the term's names
        entries=["Scaling law", "applied"],
        aliases=["Mixture of experts", "MoE"],
    )
    assert sections[""] == SectionKeywords(entries=["Late topic"], aliases=["Grouped-query attention", "GQA"])


def test_fields_hold_new_distinct_words_only():
    docs = [
        {"location": "a/", "title": "A", "text": "<p>Grouped-query attention (GQA) in a model.</p>"},
        {"location": "a/#moe", "title": "Experts", "text": "<p>A mixture of experts model.</p>"},
        {"location": "b/", "title": "B", "text": "<p>Another model.</p>"},
        {"location": "glossary/#x", "title": "X", "text": ""},
    ]
    keywords = {
        "a/": {
            "": SectionKeywords(aliases=["Grouped-query attention", "GQA"]),
            "moe": SectionKeywords(
                topics=["Mixture of experts", "MoE", "Model"], aliases=["Mixture of experts", "MoE"]
            ),
        }
    }
    assert add_search_fields(docs, keywords) == 1
    assert "aliases" not in docs[0]  # the text has both names already
    # Topics keep names the text has (they rank the section for its subject); "model" is in
    # more than a quarter of all documents, so it is no keyword; aliases repeat no topic.
    assert docs[1]["topics"] == "mixture of experts moe"
    assert "aliases" not in docs[1]
    assert "entries" not in docs[1]
    assert "topics" not in docs[2]
    assert "topics" not in docs[3]


# --- the hook in a real build ------------------------------------------------------------------

PAGES = {
    "index.md": """\
        # Home

        Intro about grouped-query attention.

        ## Experts {#experts}

        <!-- index!: MoE -->

        Each token visits a few experts of the mixture of experts.
        """,
}


def build(tmp_path):
    project = make_site(tmp_path, PAGES, plugins=[{"search": {"fields": {"topics": {"boost": 2000}}}}])
    built = run_build(project)
    assert built.ok, built.log
    return built


def test_search_index_gets_the_fields_and_the_glossary_only_its_entries(tmp_path):
    built = build(tmp_path)
    index = json.loads(built.page("search/search_index.json"))
    assert index["config"]["fields"]["topics"] == {"boost": 2000}
    docs = {doc["location"]: doc for doc in index["docs"]}
    assert docs["#experts"]["topics"] == "moe"  # on so small a site "mixture of experts" is in most documents
    assert docs[""]["aliases"] == "gqa"  # the long form is on the page, the abbreviation is not
    glossary = [location for location in docs if location.startswith("glossary/")]
    # The page intro and one document per entry: no letter headings; no "See also" or "Source" lines.
    assert glossary == [
        "glossary/",
        "glossary/#chinchilla-scaling-law",
        "glossary/#grouped-query-attention",
        "glossary/#mixture-of-experts",
        "glossary/#scaling-law",
    ]
    gqa = docs["glossary/#grouped-query-attention"]
    assert "See also" not in gqa["text"]
    assert "Source" not in gqa["text"]
    assert gqa["boost"] == 0.5
    assert docs[""]["boost"] == 0.4
    assert not any(location.startswith("book-index/") for location in docs)


def test_readers_see_the_glossary_unchanged(tmp_path):
    built = build(tmp_path)
    html = built.page("glossary/index.html")
    assert "data-search-exclude" not in html
    assert "{:" not in html
    root = lxml.html.fromstring(html)
    entry = root.get_element_by_id("grouped-query-attention")
    definition, refs = list(entry.itersiblings("p"))[:2]
    assert definition.text_content() == "Attention in which several query heads share one key/value head."
    assert refs.text_content().startswith("See also: Mixture of experts\nSource: Llama 3 paper, §3.2")
