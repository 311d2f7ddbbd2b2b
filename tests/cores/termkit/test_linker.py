"""Finding and linking terms: longest match, whole words, case rules, excluded elements.

The linker works on an ElementTree element, as Python-Markdown builds it; here the trees are parsed
from small pieces of HTML and serialised by Python-Markdown's serialiser, as in a build.
"""

from dataclasses import dataclass
from xml.etree import ElementTree

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.serializers import to_html_string

from core.termkit.linker import LinkResult, link_tree
from support.samples import LINKER_GLOSSARY, LINKER_MATCHER

GLOSSARY, MATCHER = LINKER_GLOSSARY, LINKER_MATCHER


@dataclass
class Linked:
    html: str
    result: LinkResult

    def __getattr__(self, name):
        return getattr(self.result, name)


def found(text):
    return [(text[m.start : m.end], m.term.id) for m in MATCHER.find(text)]


def link(html, mode="page"):
    """Link the tree of an HTML fragment in place; the fragment as Python-Markdown serialises it, and the result."""
    root = ElementTree.fromstring(f"<div>{html}</div>")
    result = link_tree(root, GLOSSARY, MATCHER, lambda t: f"glossary/#{t.id}", mode)
    return Linked(to_html_string(root)[len("<div>") : -len("</div>")], result)


def visible(html):
    return lxml.html.fragment_fromstring(html, create_parent="div").text_content()


def test_longest_match_wins():
    assert found("The Chinchilla scaling law and a scaling law.") == [
        ("Chinchilla scaling law", "chinchilla-scaling-law"),
        ("scaling law", "scaling-law"),
    ]


def test_whole_words_only():
    assert found("Europe, ropes and RoPEs") == []
    assert found("RoPE's base, (RoPE).") == [("RoPE", "rotary-position-embedding")] * 2


def test_abbreviations_are_case_sensitive_names_are_not():
    assert found("rope ROPE RoPE") == [("RoPE", "rotary-position-embedding")]
    assert found("scaling LAW, Scaling Laws") == [("scaling LAW", "scaling-law"), ("Scaling Laws", "scaling-law")]


def test_declared_case_rule_applies():
    assert found("a behemoth of a model; Behemoth") == [("Behemoth", "behemoth")]


def test_regex_metacharacters_match_literally():
    assert found("C++ and k-NN and FP8 (E4M3), not C+ or kNN or FP8 E4M3 or C++17") == [
        ("C++", "c-plus-plus"),
        ("k-NN", "k-nn"),
        ("FP8 (E4M3)", "fp8-e4m3"),
    ]


def test_line_breaks_inside_a_term_still_match():
    assert found("a Chinchilla\nscaling  law") == [("Chinchilla\nscaling  law", "chinchilla-scaling-law")]


def test_non_ascii_terms_match():
    assert found("Die Überanpassung und die ähnlichkeitssuche.") == [
        ("Überanpassung", "uberanpassung"),
        ("ähnlichkeitssuche", "uberanpassung"),
    ]


def test_case_rules_are_the_same_in_ascii_and_other_text():
    """ASCII text is searched lower-cased, other text with a case-insensitive pattern: same matches."""
    for tail in ("", " \u2014 caf\u00e9"):
        assert found("rope ROPE RoPE, Scaling LAW, behemoth Behemoth, SCALING LAW" + tail) == [
            ("RoPE", "rotary-position-embedding"),
            ("Scaling LAW", "scaling-law"),
            ("Behemoth", "behemoth"),
        ]
    assert found("\u00dcberANPASSUNG and Scaling\u00a0law, \u00dcBERANPASSUNG") == [
        ("\u00dcberANPASSUNG", "uberanpassung"),
        ("Scaling\u00a0law", "scaling-law"),
    ]


def test_first_occurrence_per_page():
    result = link("<p>RoPE and RoPE.</p><h2 id='b'>B</h2><p>RoPE</p>")
    assert result.html.count("<a ") == 1
    assert result.html.startswith('<p><a class="glossary-term" href="glossary/#rotary-position-embedding"')
    assert [o.section.anchor for o in result.occurrences] == ["", "", "b"]


def test_first_occurrence_per_section():
    result = link("<p>RoPE and RoPE.</p><h2 id='b'>B</h2><p>RoPE</p>", mode="section")
    assert result.html.count("<a ") == 2


def test_mode_off_links_nothing_but_counts():
    result = link("<p>RoPE and C++.</p>", mode="off")
    assert result.html == "<p>RoPE and C++.</p>"
    assert len(result.occurrences) == 2


@pytest.mark.parametrize(
    "html",
    [
        "<p><code>RoPE</code></p>",
        "<pre><code>RoPE</code></pre>",
        "<p><kbd>RoPE</kbd></p>",
        '<p><a href="x">RoPE</a></p>',
        '<h2 id="r">RoPE</h2>',
        '<p><abbr title="x">RoPE</abbr></p>',
        '<p><img alt="RoPE" src="x.png"/></p>',
        '<div class="footnote"><p>RoPE</p></div>',
        '<p class="no-glossary">RoPE</p>',
    ],
)
def test_never_links_inside_excluded_elements(html):
    assert "glossary-term" not in link(html).html


def test_heading_occurrence_counts_for_its_section():
    result = link('<h2 id="r">RoPE <a class="headerlink" href="#r">¶</a></h2><p>text</p>')
    assert [(o.term, o.section.anchor, o.section.title) for o in result.occurrences] == [
        ("rotary-position-embedding", "r", "RoPE")
    ]


def test_definition_is_escaped_in_the_tooltip():
    html = link("<p>Evil.</p>").html
    assert "<script>" not in html
    node = lxml.html.fragment_fromstring(html, create_parent="div").find(".//a")
    assert node.get("title") == "Quotes \" and ' and <script>alert(1)</script> & more."
    assert 'title="Quotes &quot; and \' and &lt;script&gt;alert(1)&lt;/script&gt; &amp; more."' in html


def test_explicit_reference_with_chosen_text():
    result = link('<p>See <a href="term:RoPE">the <em>rotary</em> trick</a> and RoPE.</p>')
    assert result.html == (
        '<p>See <a class="glossary-term" href="glossary/#rotary-position-embedding" '
        'title="Encodes positions by rotating query and key vectors.">'
        "the <em>rotary</em> trick</a> and RoPE.</p>"
    )


def test_explicit_reference_by_name_with_spaces():
    result = link('<p><a href="term:Chinchilla%20scaling%20law">it</a></p>')
    assert 'href="glossary/#chinchilla-scaling-law"' in result.html


def test_unknown_explicit_reference_is_reported_and_keeps_its_text():
    result = link('<p><a href="term:Nope">some text</a></p>')
    assert result.unknown_refs == ["Nope"]
    assert visible(result.html) == "some text"


def test_page_without_terms_is_left_as_it_was():
    linked = link("<p>Nothing   here &amp; <br/> at all.</p>")
    assert not linked.changed
    assert linked.html == "<p>Nothing   here &amp; <br> at all.</p>"


# --- properties -----------------------------------------------------------------------------

WORDS = [
    "RoPE",
    "C++",
    "k-NN",
    "scaling law",
    "Chinchilla scaling law",
    "Europe",
    "FP8 (E4M3)",
    "Überanpassung",
    "the",
    "&",
    "<",
    "'s",
    " ",
    "\n",
    "rope",
    "Behemoth",
    "behemoth",
    "é",
]
TEXT = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)
WRAPPERS = ["p", "li", "em", "strong", "code", "pre", "kbd", "a", "h2", "abbr", "span", "td"]


@st.composite
def fragments(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(st.sampled_from(WRAPPERS))
            attrs = ' href="x"' if tag == "a" else (' id="s"' if tag == "h2" else "")
            parts.append(f"<{tag}{attrs}>{draw(fragments(depth + 1))}</{tag}>")
        else:
            parts.append(_escape(draw(TEXT)))
    return "".join(parts)


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@settings(max_examples=300, deadline=None)
@given(html=fragments(), mode=st.sampled_from(["page", "section", "off"]))
def test_linking_preserves_visible_text(html, mode):
    html = "<div>" + html + "</div>"
    assert visible(link(html, mode).html) == visible(html)


@settings(max_examples=300, deadline=None)
@given(html=fragments(), mode=st.sampled_from(["page", "section"]))
def test_linking_is_idempotent(html, mode):
    html = "<div>" + html + "</div>"
    once = link(html, mode).html
    assert link(once, mode).html == once


@settings(max_examples=300, deadline=None)
@given(html=fragments())
def test_never_links_inside_excluded_elements_property(html):
    root = lxml.html.fragment_fromstring(link("<div>" + html + "</div>").html, create_parent="div")
    for a in root.iterfind(".//a[@class='glossary-term']"):
        assert not [p for p in a.iterancestors() if p.tag in {"code", "pre", "kbd", "a", "h2", "abbr"}]
