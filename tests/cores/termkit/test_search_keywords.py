"""Search keywords: the core (termkit.search) and the MkDocs adapter that adds them to Material's search index."""

import json

import lxml.html
import pytest

from core.termkit.linker import Occurrence, Section
from core.termkit.model import parse_glossary
from core.termkit.records import IndexMarker
from core.termkit.search import SectionKeywords, add_search_fields, drop_footnote_markers, names_of, page_keywords
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
        topics=["Mixture of experts", "MoE", "mixtures of experts"],  # a marker naming an abbreviation: all names
        entries=["Scaling law", "scaling laws", "applied"],
        aliases=["Mixture of experts", "MoE", "mixtures of experts"],
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


def test_a_reader_may_type_any_name_of_a_term_also_inflected_or_without_its_hyphen():
    glossary = parse_glossary(
        "terms:\n"
        "  - term: GPT-4\n    short: A model.\n    source: A paper.\n"
        "  - term: Overtraining\n    forms: [overtrained]\n    short: Training longer.\n    source: A paper.\n",
        "glossary.yml",
    )
    assert names_of(glossary.terms["gpt-4"]) == ["GPT-4", "GPT4"]
    assert names_of(glossary.terms["overtraining"]) == ["Overtraining", "overtrained"]


def test_fields_split_words_as_the_search_does():
    """With the search's separator, "3.2" stays one word, as the search keeps it; stop words go."""
    docs = [
        {"location": "a/#timeline", "title": "Timeline", "text": "<p>Releases.</p>"},
        *({"location": f"b/#{n}", "title": "Other", "text": "<p>Other text.</p>"} for n in range(5)),
    ]
    keywords = {"a/": {"timeline": SectionKeywords(entries=["Llama 3.2", "model as a judge"])}}
    separator = r"[\s\-]+|\.(?!\d)|\b(?:[Aa]|[Aa]s)\b"
    add_search_fields(docs, keywords, separator=separator)
    assert docs[0]["entries"] == "llama 3.2 model judge"
    add_search_fields(docs, keywords)  # without it: every non-word character splits
    assert docs[0]["entries"] == "llama 3 2 model as a judge"


def test_topics_and_entries_leave_out_what_a_common_word_typed_would_reach():
    """ "Llama" is in most documents, and the search matches word beginnings: "llamacon" in a topic would rank
    its section first for every query with "Llama" in it. A stop word ("as") or a short word reaches nothing."""
    docs = [
        {"location": "a/#after", "title": "After", "text": "<p>Llama news.</p>"},
        *({"location": f"b/#{n}", "title": "Other", "text": "<p>Llama as an AI.</p>"} for n in range(4)),
    ]
    keywords = {
        "a/": {
            "after": SectionKeywords(topics=["LlamaCon", "Scale", "assistants", "AIME"], entries=["Llamas", "Llama's"])
        }
    }
    add_search_fields(docs, keywords, separator=r"[\s\-]+|\.(?!\d)|\b(?:[Aa]|[Aa]s|[Aa]n)\b")
    assert docs[0]["topics"] == "scale assistants aime"  # "as" is a stop word, and "ai", common, too short
    assert docs[0]["entries"] == "llamas llama's"  # its own forms: what it finds is what it means


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


def test_footnote_markers_are_dropped_from_search_text_and_nothing_else():
    """A snippet cannot follow a marker, and without its link the number runs into the words ("point.68")."""
    docs = [{"text": "<p>the day it came out,<sup>1</sup><sup>,7</sup> and x<sup>2</sup> is <code>1</code>.</p>"}]
    assert drop_footnote_markers(docs) == 1
    assert docs[0]["text"] == "<p>the day it came out, and x is <code>1</code>.</p>"


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
    # On so small a site "mixture of experts" is in most documents; the inflected form is not.
    assert docs["#experts"]["topics"] == "moe mixtures"
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


def test_the_real_site_finds_the_timeline_by_month_and_release(real_site):
    """The timeline's section gets the months of its events (the build's NumberSite) and the index
    markers' releases ("Llama 3.2") as entries, split as the site's own separator splits words."""
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    timeline = next(doc for doc in index["docs"] if doc["location"] == "what-happened-next/#timeline")
    entries = timeline["entries"].split()
    assert {"3.2", "3.3", "april", "2025", "july", "2024"} <= set(entries)
    assert "the" not in entries
    llm = next(doc for doc in index["docs"] if doc["location"] == "glossary/#large-language-model")
    assert "llms" in llm["aliases"].split()  # a glossary entry's forms are search fields too
