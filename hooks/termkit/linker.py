"""Link glossary terms in a page's HTML and record where each term occurs.

One parse of the page with lxml, one walk over its text in document order. A match is
wrapped in a link only where a reader expects a plain word (never in code, headings,
existing links, abbreviations); the visible text never changes. Explicit references are
ordinary Markdown links to `term:NAME`, rewritten here to the glossary entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from .matcher import Matcher
from .model import Glossary, Term, normalize

REF_SCHEME = "term:"
# An HTML comment that starts with the word "index" is an index marker (parsed in termkit.xref).
INDEX_COMMENT = re.compile(r"\s*index\b", re.IGNORECASE)
LINK_CLASS = "glossary-term"
MODES = ("page", "section", "off")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Text in these elements is not prose: terms there neither count nor link.
IGNORED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math", "template"})
# Text in these elements counts as an occurrence but is never wrapped in a link.
NO_LINK = HEADINGS | {"a", "abbr", "button", "label", "select", "option", "title", "dfn"}
# Phrasing elements: text on either side of them runs on without a word break.
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
                    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"})
# Elements with one of these classes are skipped entirely (footnotes cite sources, they don't teach).
SKIP_CLASSES = frozenset({"footnote", "no-glossary", "headerlink"})


@dataclass(frozen=True, slots=True)
class Section:
    anchor: str  # the heading's id, "" before the first heading
    title: str


@dataclass(frozen=True, slots=True)
class Occurrence:
    term: str  # term id
    section: Section


@dataclass
class LinkResult:
    html: str
    occurrences: list[Occurrence] = field(default_factory=list)
    unknown_refs: list[str] = field(default_factory=list)  # targets of term: links that match no term
    markers: list[tuple[str, Section]] = field(default_factory=list)  # index comments, with their section


def link_html(
    html: str,
    glossary: Glossary,
    matcher: Matcher,
    href_for: Callable[[Term], str],
    mode: str = "page",
) -> LinkResult:
    """Link the first occurrence of each term per page or section (or none), and count them all."""
    if mode not in MODES:
        raise ValueError(f"link mode must be one of {', '.join(MODES)}, not {mode!r}")
    if not html.strip():
        return LinkResult(html)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    walk = _Walk(glossary, matcher, href_for, mode)
    walk.element(root, linkable=True)
    if not walk.changed:
        return LinkResult(html, walk.occurrences, walk.unknown, walk.markers)
    out = lxml.html.tostring(root, encoding="unicode")
    return LinkResult(out[len("<div>") : -len("</div>")], walk.occurrences, walk.unknown, walk.markers)


def term_link(term: Term, href: str, text: str | None = None) -> etree._Element:
    """The link element for a term; lxml escapes the definition in the title attribute."""
    a = etree.Element("a", {"href": href, "class": LINK_CLASS, "title": term.short, "data-term": term.id})
    a.text = text
    return a


class _Walk:
    def __init__(self, glossary: Glossary, matcher: Matcher, href_for, mode: str):
        self.glossary, self.matcher, self.href_for, self.mode = glossary, matcher, href_for, mode
        self.section = Section("", "")
        self.occurrences: list[Occurrence] = []
        self.unknown: list[str] = []
        self.markers: list[tuple[str, Section]] = []
        self.done: set[tuple[str, str]] = set()  # (term id, section anchor or "") already linked
        self.changed = False

    def element(self, el, linkable: bool) -> None:
        if not isinstance(el.tag, str):  # a comment or processing instruction: no visible text
            if el.tag is etree.Comment and INDEX_COMMENT.match(el.text or ""):
                self.markers.append((el.text, self.section))
            return
        tag = el.tag
        classes = set((el.get("class") or "").split())
        if tag in IGNORED or classes & SKIP_CLASSES:
            return
        if tag == "h1":
            self.section = Section("", "")  # the page's title: occurrences belong to the page itself
        elif tag in HEADINGS and el.get("id"):
            self.section = Section(el.get("id"), _heading_text(el))
        if tag == "a" and (el.get("href") or "").startswith(REF_SCHEME):
            self.explicit(el)
            return
        if tag == "a" and el.get("data-term") in self.glossary.terms:  # linked before: keep, count
            self.record(self.glossary.terms[el.get("data-term")], link=True)
            return
        linkable = linkable and tag not in NO_LINK
        children = list(el)  # before linking: links added below are not walked again
        if el.text:
            self.text(el, None, el.text, linkable)
        for child in children:
            self.element(child, linkable)
            if child.tail:
                self.text(el, child, child.tail, linkable)

    def explicit(self, a) -> None:
        ref = a.get("href")[len(REF_SCHEME) :]
        term = self.glossary.resolve(ref.replace("%20", " "))
        self.changed = True
        if term is None:
            self.unknown.append(ref)
            a.tag = "span"
            a.attrib.clear()
            return
        a.attrib.update(term_link(term, self.href_for(term)).attrib)
        self.record(term, link=True)

    def text(self, parent, after, text: str, linkable: bool) -> None:
        """Handle one text slot: parent.text (after is None) or after.tail."""
        pieces: list = []  # alternating plain strings and link elements
        pos = 0
        for m in self.matcher.find(text, lambda: _context(parent, after)):
            if not self.record(m.term, link=linkable):
                continue
            pieces.append(text[pos : m.start])
            pieces.append(term_link(m.term, self.href_for(m.term), text[m.start : m.end]))
            pos = m.end
        if not pieces:
            return
        self.changed = True
        pieces.append(text[pos:])
        head, rest = pieces[0], pieces[1:]
        if after is None:
            parent.text = head
        else:
            after.tail = head
        anchor = after
        for link, tail in zip(rest[0::2], rest[1::2]):
            link.tail = tail
            if anchor is None:
                parent.insert(0, link)
            else:
                anchor.addnext(link)
            anchor = link

    def record(self, term: Term, link: bool) -> bool:
        """Count an occurrence; return whether this one should become a link."""
        self.occurrences.append(Occurrence(term.id, self.section))
        if not link or self.mode == "off":
            return False
        key = (term.id, self.section.anchor if self.mode == "section" else "")
        if key in self.done:
            return False
        self.done.add(key)
        return True


def _heading_text(heading) -> str:
    """A heading's visible text without its permalink symbol."""
    parts = [heading.text or ""]
    for child in heading:
        if "headerlink" not in (child.get("class") or ""):
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return normalize("".join(parts))


def _context(parent, after) -> tuple[str, str]:
    """The visible characters just before and after a text slot (parent.text or after.tail).

    Only inline neighbours count: a block boundary separates words anyway.
    """
    if after is None:
        before = _before(parent) if _inline(parent) else ""
        first = parent[0] if len(parent) else None
    else:
        before = after.text_content() if _inline(after) else ""
        first = after.getnext()
    if first is not None:
        following = first.text_content() if _inline(first) else ""
    else:
        following = _after(parent) if _inline(parent) else ""
    return before[-1:], following[:1]


def _before(el) -> str:
    """Visible text that runs on into an inline element from the left."""
    previous = el.getprevious()
    if previous is not None:
        return previous.tail or (previous.text_content() if _inline(previous) else "")
    parent = el.getparent()
    if parent is None:
        return ""
    return parent.text or (_before(parent) if _inline(parent) else "")


def _after(el) -> str:
    """Visible text that runs on from an inline element to the right."""
    if el.tail:
        return el.tail
    following = el.getnext()
    if following is not None:
        return following.text_content() if _inline(following) else ""
    parent = el.getparent()
    return _after(parent) if parent is not None and _inline(parent) else ""

def _inline(el) -> bool:
    return el.tag in INLINE
