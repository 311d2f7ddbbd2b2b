"""Properties of the term core on the production path: Markdown pages converted by Python-Markdown
with the linking tree processor (termkit.markdown_ext + linker.link_tree), and the matcher against
a brute-force reference that tries every token span."""

from __future__ import annotations

import re

import lxml.html
import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from core.termkit.linker import LINK_CLASS, link_tree
from core.termkit.markdown_ext import TermLinking
from core.termkit.matcher import LOOK_AHEAD, TOKEN, Match, Matcher, _joined
from core.termkit.model import Glossary, Term, normalize, parse_glossary
from support.samples import LINKER_GLOSSARY, LINKER_MATCHER

EXTENSIONS = ["toc", "footnotes", "fenced_code", "abbr", "md_in_html", "admonition", "attr_list", "tables"]
# Where a term may be counted but must never become a link (and where it is not even prose).
NEVER_LINKED_INSIDE = {"code", "pre", "kbd", "a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "summary"}


def href(term: Term) -> str:
    return f"glossary/#{term.id}"


def convert(text: str, link: bool = True) -> str:
    """The page as MkDocs would render its content: Python-Markdown, then (optionally) linking in its tree."""
    extensions: list = list(EXTENSIONS)
    if link:
        extensions.append(
            TermLinking(lambda root, raw: link_tree(root, LINKER_GLOSSARY, LINKER_MATCHER, href, "section", raw))
        )
    return markdown.markdown(text, extensions=extensions)


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")


def unwrap_term_links(html: str) -> str:
    root = tree(html)
    for a in root.xpath(f".//a[@class='{LINK_CLASS}']"):
        a.drop_tag()
    return lxml.html.tostring(root, encoding="unicode")


# --- Markdown pages built from pieces that hold terms ------------------------------------------------

WORDS = [
    "RoPE",
    "rope",
    "C++",
    "k-NN",
    "scaling law",
    "scaling laws",
    "Chinchilla scaling law",
    "FP8 (E4M3)",
    "Überanpassung",
    "Behemoth",
    "behemoth",
    "Evil",
    "the",
    "and",
    "&",
    "<",
    "'s",
    "é",
    "2024",
]
PHRASE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)


@st.composite
def blocks(draw) -> str:
    phrase = draw(PHRASE)
    kind = draw(
        st.sampled_from(
            [
                "para",
                "heading",
                "fence",
                "inline-code",
                "link",
                "admonition",
                "raw-block",
                "raw-inline",
                "list",
                "emphasis",
                "table",
                "comment",
            ]
        )
    )
    escaped = phrase.replace("<", "&lt;")
    return {
        "para": escaped,
        "heading": f"## {escaped}",
        "fence": f"```\n{phrase}\n```",
        "inline-code": f"Before `{phrase}` after {escaped}",
        "link": f"See [{escaped}](other.md) and {escaped}",
        "admonition": f'!!! note "{escaped}"\n\n    {escaped}',
        "raw-block": f'<div class="raw">{escaped}</div>',
        "raw-inline": f"Text <span>{escaped}</span> text",
        "list": f"- {escaped}\n- {escaped}",
        "emphasis": f"*{escaped}* and **{escaped}**",
        "table": f"| a | b |\n| --- | --- |\n| {escaped.replace('|', '')} | x |",
        "comment": f"<!-- index: {phrase.replace('-', ' ')} -->\n\n{escaped}",
    }[kind]


PAGES = st.lists(blocks(), min_size=1, max_size=8).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(page=PAGES)
def test_linking_in_the_markdown_tree_changes_nothing_but_adds_term_links(page):
    linked = convert(page)
    assert unwrap_term_links(linked) == unwrap_term_links(convert(page, link=False)), "markup or text changed"
    assert tree(linked).text_content() == tree(convert(page, link=False)).text_content()


@settings(max_examples=150, deadline=None)
@given(page=PAGES)
def test_term_links_never_sit_in_code_headings_links_or_admonition_titles(page):
    root = tree(convert(page))
    for a in root.xpath(f".//a[@class='{LINK_CLASS}']"):
        ancestors = {p.tag for p in a.iterancestors()}
        assert not ancestors & NEVER_LINKED_INSIDE, lxml.html.tostring(a.getparent(), encoding="unicode")
        assert not [p for p in a.iterancestors() if "admonition-title" in (p.get("class") or "")]


@settings(max_examples=150, deadline=None)
@given(page=PAGES)
def test_raw_html_and_its_placeholders_come_through_untouched(page):
    html = convert(page)
    assert "\x02" not in html, "a raw-HTML placeholder leaked into the page"
    assert "wzxhzdk" not in html, "a raw-HTML placeholder leaked into the page"
    for raw in re.findall(r'<div class="raw">.*?</div>', page):
        assert raw in html, f"raw HTML block changed: {raw}"


@settings(max_examples=150, deadline=None)
@given(page=PAGES)
def test_linking_the_tree_twice_is_linking_it_once(page):
    def twice(root, raw):
        for _ in range(2):
            link_tree(root, LINKER_GLOSSARY, LINKER_MATCHER, href, "section", raw)

    assert markdown.markdown(page, extensions=[*EXTENSIONS, TermLinking(twice)]) == convert(page)


# --- The matcher against a brute-force reference -----------------------------------------------------


def brute_force(glossary: Glossary, text: str) -> list[tuple[int, int, str]]:
    """Every span of whole tokens, longest first at each token, looked up in plain dictionaries.

    The rules are the matcher's documented ones: case-sensitive surfaces match exactly, the others in
    any case but all-caps text only where the surface is in capitals (or the term says `case: any`);
    the span must not be joined to a neighbouring word or name (matcher._joined, tested on its own
    in test_third_party.py), judged on the same window of characters the matcher looks at.
    """
    exact: dict[str, Term] = {}
    folded: dict[str, tuple[Term | None, bool]] = {}
    for entry in glossary.terms.values():
        for surface, sensitive in entry.surfaces():
            key = normalize(surface)
            if sensitive:
                exact[key] = entry
            else:
                folded[key.casefold()] = (entry, entry.any_case or key.isupper())
    tokens = list(TOKEN.finditer(text))
    found, i = [], 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            start, end = tokens[i].start(), tokens[j - 1].end()
            key = normalize(text[start:end])
            term: Term | None = exact.get(key)
            if term is None:
                term, any_case = folded.get(key.casefold(), (None, False))
                term = None if term is not None and key.isupper() and not any_case else term
            before, after = text[max(0, start - LOOK_AHEAD) : start], text[end : end + LOOK_AHEAD]
            if term is not None and not _joined(before, after):
                found.append((start, end, term.id))
                i = j
                break
        else:
            i += 1
    return found


NAMES = [
    "RoPE",
    "C++",
    "k-NN",
    "Scaling law",
    "scaling laws",
    "Chinchilla scaling law",
    "FP8 (E4M3)",
    "Straße",
    "İstanbul",
    "Ωmega",
    "ǅemal",
    "x",
    "A.I.",
]
TEXT_PIECES = [
    *NAMES,
    *(n.upper() for n in NAMES),
    *(n.lower() for n in NAMES),
    *(n.casefold() for n in NAMES),
    " ",
    "  ",
    "\n",
    ".",
    ",",
    "-",
    "(",
    ")",
    "the",
    "é",
    "ß",
    "ẞ",
    "_",
    "2",
]


@st.composite
def glossaries(draw) -> Glossary:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique_by=lambda n: n.casefold()))
    entries = []
    for name in names:
        case = "    case: sensitive\n" if draw(st.booleans()) else ""
        entries.append(f"  - term: {name!r}\n    short: s\n    source: x\n{case}")
    return parse_glossary("terms:\n" + "".join(entries), "g.yml")


@settings(max_examples=300, deadline=None)
@given(glossary=glossaries(), pieces=st.lists(st.sampled_from(TEXT_PIECES), max_size=12))
def test_matcher_finds_what_trying_every_span_finds(glossary, pieces):
    text = "".join(pieces)
    matches: list[Match] = list(Matcher(glossary).find(text))
    assert [(m.start, m.end, m.term.id) for m in matches] == brute_force(glossary, text)
