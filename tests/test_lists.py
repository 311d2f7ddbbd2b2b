"""HTML of the generated lists (termkit.lists): the book index and the glossary's "Used on" lists."""

import lxml.html

from termkit.collate import Collation
from termkit.lists import UsedOn, index_html, used_on_html
from termkit.xref import Entry, Place, parse_marker

from support.samples import make_index

STRINGS = {"letters_label": "Jump to letter", "main_entry": "main entry", "see": "see", "see_also": "See also",
           "used_on": "Used on", "not_used": "no page yet"}


def fragment(html):
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_index_lists_places_by_page_with_main_entries_marked_for_screen_readers():
    index = make_index()
    index.add_marker(parse_marker("index!: GQA"), Place("arch/#gqa", "Architecture", "GQA & <heads>", main=True))
    index.add_marker(parse_marker("index: GQA; KV heads"), Place("arch/", "Architecture", "Architecture"))
    index.add_term("kv-cache", Place('a"b/', "A & B", "A & B"))
    groups = index.groups(Collation())
    root = fragment(index_html(groups, STRINGS, lambda url: "../" + url))
    assert [a.get("href") for a in root.find("nav")] == ["#index-g", "#index-k"]
    assert root.find("nav").get("aria-label") == "Jump to letter"
    gqa = root.get_element_by_id("entry-grouped-query-attention")
    assert " ".join(gqa.text_content().split()) == (
        "Grouped-query attention: Glossary: Grouped-query attention (main entry); "
        "Architecture: GQA & <heads> (main entry). See also KV cache KV heads: Architecture")
    assert [a.get("href") for a in gqa.iterfind("a[@class='xref-main']")] == [
        "../glossary/#grouped-query-attention", "../arch/#gqa"]
    assert gqa.find("ul/li/a").get("href") == "../arch/", "a sub-entry's place is the page itself"
    see = root.get_element_by_id("entry-gqa")
    assert see.text_content() == "GQA, see Grouped-query attention"
    assert see.find("a").get("href") == "#entry-grouped-query-attention"
    kv = root.get_element_by_id("entry-kv-cache")
    assert [(a.text_content(), a.get("href")) for a in kv.iterfind("a")] == [
        ("KV cache (main entry)", "../glossary/#kv-cache"), ("A & B", '../a"b/')]


def test_an_entry_without_places_of_its_own_page_names_the_page_unlinked():
    entry = Entry("Topic", places=[Place("p/#s", "Page", "Section")])
    root = fragment(index_html([("T", [entry])], STRINGS, str))
    assert root.get_element_by_id("entry-topic").text_content() == "Topic: Page: Section"


def test_used_on_links_pages_and_their_sections():
    pages = [UsedOn("Q & A", "../qa/", {"s-1": "<Intro>", "s-2": "More"}), UsedOn("B", "../b/", {})]
    root = fragment(used_on_html(pages, STRINGS))
    assert " ".join(root.text_content().split()) == "Used on: Q & A: <Intro>, More B"
    assert [a.get("href") for a in root.iter("a")] == ["../qa/", "../qa/#s-1", "../qa/#s-2", "../b/"]
    assert fragment(used_on_html([], STRINGS)).text_content() == "Used on: no page yet"
