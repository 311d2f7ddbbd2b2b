"""Linking inside Python-Markdown's conversion (termkit.markdown_ext + linker.link_tree)."""

import lxml.html
import markdown

from core.termkit import rawhtml
from core.termkit.linker import link_tree
from core.termkit.markdown_ext import TermLinking
from support.samples import LINKER_GLOSSARY as GLOSSARY
from support.samples import LINKER_MATCHER as MATCHER


def convert(text, mode="page", extensions=("toc", "footnotes", "fenced_code", "abbr", "md_in_html")):
    results = []

    def link(root, raw_html):
        results.append(link_tree(root, GLOSSARY, MATCHER, lambda t: f"glossary/#{t.id}", mode, raw_html))

    html = markdown.markdown(text, extensions=[*extensions, TermLinking(link)])
    assert len(results) == 1, "the callback runs once per conversion"
    return html, results[0]


def links(html):
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [(a.text_content(), a.get("href")) for a in root.iterfind(".//a[@class='glossary-term']")]


def test_links_the_first_occurrence_in_the_converted_page():
    html, result = convert("RoPE helps. *RoPE* again and C++.\n")
    assert links(html) == [("RoPE", "glossary/#rotary-position-embedding"), ("C++", "glossary/#c-plus-plus")]
    assert result.changed
    assert len(result.occurrences) == 3


def test_code_headings_and_footnotes_are_not_linked():
    text = "# RoPE\n\n`RoPE` and\n\n```\nRoPE\n```\n\nText[^1].\n\n[^1]: RoPE in a footnote.\n"
    html, result = convert(text)
    assert links(html) == []
    assert [o.section.anchor for o in result.occurrences] == [""], "only the title counts; code and footnotes don't"


def test_sections_come_from_the_heading_ids_toc_assigns():
    html, result = convert("# Title\n\n## The RoPE trick\n\nRoPE here.\n\n## Other\n\nRoPE there.\n", mode="section")
    assert [(o.section.anchor, o.section.title) for o in result.occurrences] == [
        ("the-rope-trick", "The RoPE trick"),
        ("the-rope-trick", "The RoPE trick"),
        ("other", "Other"),
    ]
    assert [href for _, href in links(html)] == ["glossary/#rotary-position-embedding"] * 2


def test_index_comments_are_found_in_the_raw_html_stash_with_their_section():
    text = "## First\n\n<!-- index: Alpha -->\n\nText <!-- index!: Beta; sub --> here.\n\n<!-- not a marker -->\n"
    html, result = convert(text)
    assert [(m.strip(), s.anchor) for m, s in result.markers] == [
        ("index: Alpha", "first"),
        ("index!: Beta; sub", "first"),
    ]
    assert "<!-- index: Alpha -->" in html, "the comments stay in the page"


def test_explicit_references_and_abbreviations():
    text = "See [the trick](term:RoPE) and [x](term:Nope).\n\nThe HTML spec. HTML RoPE.\n\n*[HTML]: Hyper Text\n"
    html, result = convert(text)
    assert ("the trick", "glossary/#rotary-position-embedding") in links(html)
    assert result.unknown_refs == ["Nope"]
    assert "<abbr" in html
    assert "term:" not in html


def test_visible_text_is_unchanged():
    text = "RoPE, k-NN and a Chinchilla scaling law.\n\n- C++ in a list\n- **Behemoth** and FP8 (E4M3)\n"
    plain = markdown.markdown(text, extensions=["toc"])
    html, _ = convert(text)
    visible = [lxml.html.fragment_fromstring(h, create_parent="div").text_content() for h in (plain, html)]
    assert visible[0] == visible[1]
    assert len(links(html)) == 6


def test_generated_pages_only_get_their_explicit_references_rewritten():
    results = []

    def link(root, raw_html):
        results.append(
            link_tree(root, GLOSSARY, MATCHER, lambda t: f"glossary/#{t.id}", "off", raw_html, find_terms=False)
        )

    html = markdown.markdown("RoPE and [C++](term:C++).\n", extensions=[TermLinking(link)])
    assert links(html) == [("C++", "glossary/#c-plus-plus")]
    assert [o.term for o in results[0].occurrences] == ["c-plus-plus"]


def test_raw_inline_html_around_text_is_respected():
    text = (
        'A <span class="no-glossary">RoPE *and C++*</span> then <code>k-NN</code> and <a href="x">Behemoth</a>; RoPE.\n'
    )
    html, result = convert(text)
    assert links(html) == [("RoPE", "glossary/#rotary-position-embedding")]
    assert html.count('class="glossary-term"') == 1
    assert "RoPE</a>.</p>" in html
    assert [o.term for o in result.occurrences] == ["behemoth", "rotary-position-embedding"], (
        "raw <a> text counts without a link; no-glossary and <code> text does not count"
    )


def test_nothing_is_linked_inside_a_summary():
    html, _ = convert('??? note "About RoPE"\n    RoPE inside.\n', extensions=("pymdownx.details", "toc"))
    assert "<summary>About RoPE</summary>" in html
    assert links(html) == [("RoPE", "glossary/#rotary-position-embedding")]


def test_raw_html_blocks_without_comments_are_not_parsed():
    """Highlighted code and other raw blocks hold no text of their own block: they cost no HTML parse
    (rawhtml.tag_events is cached: its cache holds every piece it parsed)."""
    rawhtml.tag_events.cache_clear()
    text = (
        '<div class="box">\n<p>RoPE in raw HTML</p>\n</div>\n\n```\nRoPE in code\n```\n\nRoPE after them.\n\n'
        '<!-- index: Alpha -->\n\nInline <span class="no-glossary">RoPE</span>, then C++.\n'
    )
    html, result = convert(text)
    assert links(html) == [("RoPE", "glossary/#rotary-position-embedding"), ("C++", "glossary/#c-plus-plus")]
    assert [m.strip() for m, _ in result.markers] == ["index: Alpha"]
    info = rawhtml.tag_events.cache_info()
    assert (info.currsize, info.misses) == (3, 3), "parsed: the comment, <span class='no-glossary'> and </span>"
