"""Link glossary terms in a page and record where each term occurs.

The linker walks the element tree Python-Markdown builds while converting a page (`link_tree`, no
second parse: see termkit.markdown_ext). One walk over the text in document order: a match is
wrapped in a link only where a reader expects a plain word (never in code, headings, existing
links, abbreviations); the visible text never changes. Explicit references are ordinary Markdown
links to `term:NAME`, rewritten here to the glossary entry.

The tree and its elements: termkit.tree; Python-Markdown's raw HTML in it: termkit.rawhtml.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.etree.ElementTree import Element

from .matcher import Matcher
from .model import Glossary, Term
from .rawhtml import HOLE, RawTags, effect_at
from .tree import (
    HEADINGS,
    IGNORED,
    INLINE,
    NO_LINK,
    NO_LINK_CLASSES,
    SKIP_CLASSES,
    Surroundings,
    heading_text,
    index_of,
)

__all__ = ["INLINE", "LINK_CLASS", "MODES", "LinkResult", "Occurrence", "Section", "link_tree"]

REF_SCHEME = "term:"
# An HTML comment that starts with the word "index" is an index marker (parsed in termkit.xref).
INDEX_COMMENT = re.compile(r"\s*index\b", re.IGNORECASE)
LINK_CLASS = "glossary-term"
MODES = ("page", "section", "off")


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
    occurrences: list[Occurrence] = field(default_factory=list)
    unknown_refs: list[str] = field(default_factory=list)  # targets of term: links that match no term
    markers: list[tuple[str, Section]] = field(default_factory=list)  # index comments, with their section
    changed: bool = False  # whether any link was added or rewritten


def link_tree(
    root: Element,
    glossary: Glossary,
    matcher: Matcher,
    href_for: Callable[[Term], str],
    mode: str = "page",
    raw_html: Sequence[str | Element] = (),
    find_terms: bool = True,
    headings: Mapping[str, str] | None = None,
) -> LinkResult:
    """Link the first occurrence of each term per page or section (or none) in place; count them all.

    root is the element whose children are the page's blocks. raw_html is Python-Markdown's stash of
    raw HTML, where index comments of a converted page are found (an element in it is read as str()
    of it). find_terms=False only rewrites explicit references (for pages whose terms count nowhere).
    headings: each heading's text as a reader sees it, by id (the toc extension's), for the sections'
    titles; a heading it lacks is titled by its text in the tree. A tooltip's "&" is written "&amp;":
    Python-Markdown's serialiser keeps "&name;" in an attribute as an entity, and the definition must
    show exactly as its text.
    """
    if mode not in MODES:
        raise ValueError(f"link mode must be one of {', '.join(MODES)}, not {mode!r}")
    walk = _Walk(root, glossary, matcher, href_for, mode, raw_html, find_terms, headings or {})
    walk.element(root, linkable=True)
    return LinkResult(walk.occurrences, walk.unknown, walk.markers, walk.changed)


class _Walk:
    """One walk over a page's tree in document order: links terms, records them and the index markers."""

    def __init__(
        self,
        root: Element,
        glossary: Glossary,
        matcher: Matcher,
        href_for: Callable[[Term], str],
        mode: str,
        raw_html: Sequence[str | Element],
        find_terms: bool,
        headings: Mapping[str, str],
    ):
        self.root, self.glossary, self.matcher, self.href_for, self.mode = root, glossary, matcher, href_for, mode
        self.raw = RawTags(raw_html)
        # may_match(text) -> a first candidate or None: one search in C, since most text holds no term
        self.may_match: Callable[[str], re.Match[str] | None] = matcher.may_match if find_terms else (lambda text: None)
        self.section = Section("", "")
        self.occurrences: list[Occurrence] = []
        self.unknown: list[str] = []
        self.markers: list[tuple[str, Section]] = []
        self.done: set[tuple[str, str]] = set()  # (term id, section anchor or "") already linked
        self.changed = False
        self.headings = headings  # see link_tree
        self.surroundings = Surroundings(root)  # the text around a slot, for a match at its edge

    def element(self, el: Element, linkable: bool) -> None:  # noqa: PLR0912 - one walk; a helper would cost a call
        tag = el.tag
        cls = el.get("class")
        if tag in IGNORED:
            return
        if cls:
            classes = cls.split()
            if not SKIP_CLASSES.isdisjoint(classes):
                return
            if not NO_LINK_CLASSES.isdisjoint(classes):
                linkable = False
        if tag == "h1":
            self.section = Section("", "")  # the page's title: occurrences belong to the page itself
        elif tag in HEADINGS and (anchor := el.get("id")):
            self.section = Section(anchor, self.headings.get(anchor) or heading_text(el))
        if tag == "a":
            href = el.get("href") or ""
            if href.startswith(REF_SCHEME):
                self.explicit(el, href[len(REF_SCHEME) :])
                return
            if cls == LINK_CLASS and "#" in href:  # linked before: keep, count
                term = self.glossary.terms.get(href.rpartition("#")[2])
                if term is not None:
                    self.record(term, link=True)
                    return
        linkable = linkable and tag not in NO_LINK
        if tag not in INLINE:
            self.raw.open = []  # raw inline tags never reach past the block they are written in
        children = list(el)  # before linking: links added below are not walked again
        may_match, raw = self.may_match, bool(self.raw.stash)  # cheap tests in C first:
        text = el.text  # most text on a page holds no term and no index marker
        if text and (may_match(text) or (raw and "\x02" in text)):
            self.text(el, None, text, linkable)
        for child in children:
            self.element(child, linkable)
            text = child.tail
            if text and (may_match(text) or (raw and "\x02" in text)):
                self.text(el, child, text, linkable)

    def explicit(self, a: Element, ref: str) -> None:
        term = self.glossary.resolve(unquote(ref))
        self.changed = True
        if term is None:
            self.unknown.append(ref)
            a.tag = "span"
            a.attrib.clear()
            return
        a.attrib.clear()
        a.attrib.update(self.link_attrib(term))
        self.record(term, link=True)

    def link_attrib(self, term: Term) -> dict[str, str]:
        """The link to a term's entry; the title is the definition as text (the serialiser escapes it)."""
        return {"href": self.href_for(term), "class": LINK_CLASS, "title": term.short.replace("&", "&amp;")}

    def text(self, parent: Element, after: Element | None, text: str, linkable: bool) -> None:
        """Handle one text slot: parent.text (after is None) or after.tail."""
        effects = None
        if self.raw.stash and ("\x02" in text or self.raw.open):
            alone = after is None and len(parent) == 0 and parent.tag not in INLINE  # all the text of a block
            effects = self.raw.effects(text, alone, self.comment)
        holes = [hole.span() for hole in HOLE.finditer(text)] if "\x02" in text else None
        texts: list[str] = []  # the text before each link, then (appended last) the text after the last one
        links: list[Element] = []
        pos = 0
        for m in self.matcher.find(text, lambda: self.surroundings.around(parent, after)):
            if holes and any(start < m.end and m.start < end for start, end in holes):
                continue  # inside a placeholder: "404" in "\x02wzxhzdk:404\x03" is no text of the page
            effect = effect_at(effects, m.start) if effects else ""
            if effect == "skip" or not self.record(m.term, link=linkable and not effect):
                continue
            link = parent.makeelement("a", self.link_attrib(m.term))
            link.text = text[m.start : m.end]
            texts.append(text[pos : m.start])
            links.append(link)
            pos = m.end
        if not links:
            return
        self.changed = True
        texts.append(text[pos:])
        if after is None:
            parent.text = texts[0]
            index = 0
        else:
            after.tail = texts[0]
            index = index_of(parent, after) + 1
        for offset, (link, tail) in enumerate(zip(links, texts[1:], strict=True)):
            link.tail = tail
            parent.insert(index + offset, link)

    def comment(self, text: str) -> None:
        """An HTML comment in the page's raw HTML: an index marker if it says so."""
        if INDEX_COMMENT.match(text):
            self.markers.append((text, self.section))

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
