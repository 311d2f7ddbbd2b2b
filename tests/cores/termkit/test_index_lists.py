"""HTML of the generated lists (termkit.lists): the book index and the glossary's "Used on" lists."""

import lxml.html
import yaml

from core.termkit.collate import Collation
from core.termkit.lists import MAIN_NOTE_ID, UsedOn, entry_ids, index_html, most_relevant, used_on_html
from core.termkit.xref import Entry, Place, parse_marker
from support import ROOT
from support.samples import make_index

STRINGS = {
    "letters_label": "Jump to letter",
    "main_entry": "main entry",
    "see": "see",
    "see_also": "See also",
    "used_on": "Used on",
    "not_used": "no page yet",
    "more_section": "and 1 more section",
    "more_sections": "and {n} more sections",
    "all_pages": "all {n} pages",
}


def fragment(html):
    return lxml.html.fragment_fromstring(html, create_parent="div")


def text(element):
    return " ".join(element.text_content().split())


def test_index_lists_each_page_once_with_main_entries_described_for_screen_readers():
    index = make_index()
    index.add_marker(parse_marker("index!: GQA"), Place("arch/#gqa", "Architecture", "GQA & <heads>", main=True))
    index.add_marker(parse_marker("index: GQA; KV heads"), Place("arch/", "Architecture", None))
    index.add_term("kv-cache", Place('a"b/', "A & B", None))
    groups = index.groups(Collation())
    root = fragment(index_html(groups, STRINGS, lambda url: "../" + url))
    assert [a.get("href") for a in root.find("nav")] == ["#index-g", "#index-k"]
    assert root.find("nav").get("aria-label") == "Jump to letter"
    note = root.get_element_by_id(MAIN_NOTE_ID)
    assert note.text == "main entry"
    assert note.get("hidden") is not None
    gqa = root.get_element_by_id("entry-grouped-query-attention")
    assert text(gqa) == (
        "Grouped-query attention: Glossary: Grouped-query attention; "
        "Architecture: GQA & <heads>. See also KV cache KV heads: Architecture"
    )
    mains = gqa.iterfind("a[@class='xref-main']")
    assert [(a.get("href"), a.get("aria-describedby")) for a in mains] == [
        ("../glossary/#grouped-query-attention", MAIN_NOTE_ID),
        ("../arch/#gqa", MAIN_NOTE_ID),
    ]
    assert gqa.find("ul/li/a").get("href") == "../arch/", "a sub-entry's place is the page itself"
    see = root.get_element_by_id("entry-gqa")
    assert see.text_content() == "GQA, see Grouped-query attention"
    assert see.find("a").get("href") == "#entry-grouped-query-attention"
    kv = root.get_element_by_id("entry-kv-cache")
    assert [(a.text_content(), a.get("href")) for a in kv.iterfind("a")] == [
        ("KV cache", "../glossary/#kv-cache"),
        ("A & B", '../a"b/'),
    ]


def test_index_names_each_page_once_and_links_every_place_on_it():
    entry = Entry(
        "Topic",
        places=[
            Place("p/#a", "Page", "A"),
            Place("p/#b", "Page", "B"),
            Place("p/#c", "Page", "C", main=True),
            Place("q/", "Q", None),
            Place("q/#x", "Q", "X"),
            Place("r/#y", "R", "Y"),
            Place("r/#z", "R", "Z"),
        ],
    )
    root = fragment(index_html([("T", [entry])], STRINGS, str))
    item = root.get_element_by_id("entry-topic")
    assert text(item) == "Topic: Page: A, B, C; Q: X; R: Y, Z"
    assert [a.get("href") for a in item.iterfind("a")] == ["p/#a", "p/#b", "p/#c", "q/", "q/#x", "r/#y", "r/#z"]
    assert [a.get("href") for a in item.iterfind("a[@class='xref-main']")] == ["p/#c"]


def test_an_entry_without_places_of_its_own_page_names_the_page_unlinked():
    entry = Entry("Topic", places=[Place("p/#s", "Page", "Section")])
    root = fragment(index_html([("T", [entry])], STRINGS, str))
    assert root.get_element_by_id("entry-topic").text_content() == "Topic: Page: Section"


def test_every_entry_has_a_stable_unique_id_and_terms_use_their_term_id():
    entries = [
        Entry("C++", places=[Place("a/", "A", None)]),
        Entry("C plus", places=[Place("b/", "B", None)]),
        Entry("Other name", term="c-plus"),
        Entry("c  plus!", places=[Place("c/", "C", None)]),
    ]
    ids = entry_ids([("C", entries)])
    assert ids == {
        "other name": "entry-c-plus",
        "c++": "entry-c-plus-plus",  # a term's entry: its term id
        "c plus": "entry-c-plus-2",
        "c plus!": "entry-c-plus-3",
    }  # slugs shared: numbered in order
    root = fragment(index_html([("C", entries)], STRINGS, str))
    assert [li.get("id") for li in root.iterfind(".//li")] == [
        "entry-c-plus-plus",
        "entry-c-plus-2",
        "entry-c-plus",
        "entry-c-plus-3",
    ]
    assert entry_ids([("C", entries)]) == ids, "the same entries get the same ids"


def test_most_relevant_section_is_the_main_entry_else_the_first():
    assert most_relevant(["", "a", "b"]) == ("", 2)
    assert most_relevant(["a", "b", "c"], main=["c"]) == ("c", 2)
    assert most_relevant(["a"], main=["elsewhere"]) == ("elsewhere", 1), "a main entry in a section without the term"


def test_used_on_lists_each_page_once_with_its_most_relevant_section_and_the_count_of_others():
    pages = [UsedOn("Q & A", "../qa/#s-1", 2), UsedOn("B", "../b/"), UsedOn("C", "../c/#x", 1)]
    root = fragment(used_on_html(pages, STRINGS))
    assert text(root) == "Used on: Q & A and 2 more sections; B; C and 1 more section"
    assert [a.get("href") for a in root.iter("a")] == ["../qa/#s-1", "../b/", "../c/#x"]
    assert fragment(used_on_html([], STRINGS)).text_content() == "Used on: no page yet"


def test_used_on_links_the_count_of_further_sections_to_the_index_entry_that_lists_them():
    pages = [UsedOn("Q & A", "../qa/#s-1", 2), UsedOn("B", "../b/")]
    root = fragment(used_on_html(pages, STRINGS, cap=8, all_url="../book-index/#entry-x"))
    assert text(root) == "Used on: Q & A and 2 more sections; B"
    links = [(a.text_content(), a.get("href")) for a in root.iter("a")]
    assert links == [("Q & A", "../qa/#s-1"), ("and 2 more sections", "../book-index/#entry-x"), ("B", "../b/")]


def test_used_on_above_the_cap_links_to_all_pages_in_the_index():
    pages = [UsedOn(f"P{i}", f"../p{i}/") for i in range(10)]
    root = fragment(used_on_html(pages, STRINGS, cap=8, all_url="../book-index/#entry-x"))
    links = [(a.text_content(), a.get("href")) for a in root.iter("a")]
    assert links == [(f"P{i}", f"../p{i}/") for i in range(8)] + [("all 10 pages", "../book-index/#entry-x")]
    assert len(fragment(used_on_html(pages[:8], STRINGS, cap=8, all_url="x")).findall(".//a")) == 8, "8 is not above 8"
    assert len(fragment(used_on_html(pages, STRINGS, cap=8)).findall(".//a")) == 10, "no index: every page"


def test_every_language_has_every_string():
    table = yaml.safe_load((ROOT / "docs/data/strings.yml").read_text(encoding="utf-8"))
    for language, strings in table.items():
        assert set(STRINGS) <= set(strings), f"{language}: missing {set(STRINGS) - set(strings)}"
        assert set(strings) == set(table["en"]), language
        assert strings["more_sections"].format(n=3) != strings["more_sections"]
        assert "{n}" in strings["all_pages"]
