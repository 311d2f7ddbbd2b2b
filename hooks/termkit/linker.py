"""Link glossary terms in a page and record where each term occurs.

The linker walks an element tree with the ElementTree API, so it works on the tree
Python-Markdown builds while converting a page (`link_tree`, no second parse: see
termkit.markdown_ext) and on any HTML string (`link_html`, parsed with lxml). One walk over
the text in document order: a match is wrapped in a link only where a reader expects a plain
word (never in code, headings, existing links, abbreviations); the visible text never
changes. Explicit references are ordinary Markdown links to `term:NAME`, rewritten here to
the glossary entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Protocol, Self
from urllib.parse import unquote

from .matcher import LOOK_AHEAD, Matcher
from .model import Glossary, Term, normalize

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

REF_SCHEME = "term:"
# An HTML comment that starts with the word "index" is an index marker (parsed in termkit.xref).
INDEX_COMMENT = re.compile(r"\s*index\b", re.IGNORECASE)
# Python-Markdown keeps raw HTML out of its tree and leaves this placeholder in the text.
PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
# Any of Python-Markdown's placeholders (raw HTML, entities): never part of a term, whatever the term.
HOLE = re.compile("\x02[^\x02\x03]*\x03")
LINK_CLASS = "glossary-term"
MODES = ("page", "section", "off")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Text in these elements is not prose: terms there neither count nor link.
IGNORED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math", "template"})
# Text in these elements counts as an occurrence but is never wrapped in a link.
NO_LINK = HEADINGS | {"a", "abbr", "button", "label", "select", "option", "title", "dfn", "summary"}
# Phrasing elements: text on either side of them runs on without a word break.
# fmt: off
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
                    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"})
# fmt: on
# Elements with one of these classes are skipped entirely (footnotes cite sources, they don't teach).
SKIP_CLASSES = frozenset({"footnote", "no-glossary", "headerlink", "arithmatex"})
# Elements with one of these classes are like headings: their terms count but are never linked.
NO_LINK_CLASSES = frozenset({"admonition-title"})


class Node(Protocol):
    """What the linker uses of an element: the ElementTree API that xml.etree's elements (Python-Markdown's
    tree, link_tree) and lxml's (link_html) have alike.

    (lxml-stubs type an lxml element's attrib and itertext() more loosely, as _Attrib and str | bytes,
    so it does not match this; their lxml.html parsers return Any, which is what link_html passes.)
    """

    @property
    def tag(self) -> str | Callable[..., object]:
        """The element's name; for a comment or processing instruction, the function that makes one."""

    @tag.setter
    def tag(self, value: str) -> None: ...

    text: str | None
    tail: str | None

    @property
    def attrib(self) -> MutableMapping[str, str]: ...

    def get(self, key: str) -> str | None: ...
    def makeelement(self, tag: str, attrib: dict[str, str], /) -> Self: ...
    def insert(self, index: int, element: Self, /) -> None: ...
    def iter(self) -> Iterator[Self]: ...
    def itertext(self) -> Iterator[str]: ...
    def __iter__(self) -> Iterator[Self]: ...
    def __getitem__(self, index: int, /) -> Self: ...
    def __len__(self) -> int: ...


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
    html: str | None = None  # link_html only: the linked HTML
    occurrences: list[Occurrence] = field(default_factory=list)
    unknown_refs: list[str] = field(default_factory=list)  # targets of term: links that match no term
    markers: list[tuple[str, Section]] = field(default_factory=list)  # index comments, with their section
    changed: bool = False  # whether any link was added or rewritten


def link_tree(
    root: Node,
    glossary: Glossary,
    matcher: Matcher,
    href_for: Callable[[Term], str],
    mode: str = "page",
    raw_html: Sequence[str | Element] = (),
    find_terms: bool = True,
    escape_amp: bool = False,
) -> LinkResult:
    """Link the first occurrence of each term per page or section (or none) in place; count them all.

    root is an element (xml.etree or lxml) whose children are the page's blocks. raw_html is
    Python-Markdown's stash of raw HTML, where index comments of a converted page are found (an
    element in it is read as str() of it).
    find_terms=False only rewrites explicit references (for pages whose terms count nowhere).
    escape_amp: the tree's serialiser keeps "&name;" in an attribute as an entity (Python-Markdown's
    does), so a tooltip's "&" is written "&amp;" for the definition to show exactly as its text.
    """
    if mode not in MODES:
        raise ValueError(f"link mode must be one of {', '.join(MODES)}, not {mode!r}")
    walk = _Walk(root, glossary, matcher, href_for, mode, raw_html, find_terms, escape_amp)
    walk.element(root, linkable=True)
    return LinkResult(None, walk.occurrences, walk.unknown, walk.markers, walk.changed)


def link_html(
    html: str, glossary: Glossary, matcher: Matcher, href_for: Callable[[Term], str], mode: str = "page"
) -> LinkResult:
    """link_tree for an HTML fragment (for engines that hand over HTML): parse, link, serialise."""
    import lxml.html  # only here: the MkDocs build links Python-Markdown's own tree

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    result = link_tree(root, glossary, matcher, href_for, mode)
    if result.changed:
        result.html = lxml.html.tostring(root, encoding="unicode")[len("<div>") : -len("</div>")]
    else:
        result.html = html
    return result


class _Walk:
    def __init__(
        self,
        root: Node,
        glossary: Glossary,
        matcher: Matcher,
        href_for: Callable[[Term], str],
        mode: str,
        raw_html: Sequence[str | Element],
        find_terms: bool = True,
        escape_amp: bool = False,
    ):
        self.root, self.glossary, self.matcher, self.href_for, self.mode = root, glossary, matcher, href_for, mode
        self.raw_html = raw_html
        # may_match(text) -> a first candidate or None: one search in C, since most text holds no term
        self.may_match: Callable[[str], re.Match[str] | None] = matcher.may_match if find_terms else (lambda text: None)
        self.section = Section("", "")
        self.occurrences: list[Occurrence] = []
        self.unknown: list[str] = []
        self.markers: list[tuple[str, Section]] = []
        self.done: set[tuple[str, str]] = set()  # (term id, section anchor or "") already linked
        self.changed = False
        self.escape_amp = escape_amp  # see link_tree
        self._parents: dict[Node, Node] | None = None  # child -> parent, built the first time context is needed
        # Raw inline HTML tags (Python-Markdown's stash) open around the current text, innermost last:
        # (tag, effect), effect "skip" (not prose) or "nolink" (counts, never linked).
        self.raw_open: list[tuple[str, str]] = []

    def element(self, el: Node, linkable: bool) -> None:  # noqa: PLR0912 - one walk; a helper would cost a call
        tag = el.tag
        if not isinstance(tag, str):  # a comment or processing instruction (lxml): no visible text
            if getattr(tag, "__name__", "") == "Comment" and INDEX_COMMENT.match(comment := el.text or ""):
                self.markers.append((comment, self.section))
            return
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
            self.section = Section(anchor, _heading_text(el))
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
            self.raw_open = []  # raw inline tags never reach past the block they are written in
        children = list(el)  # before linking: links added below are not walked again
        may_match, raw = self.may_match, bool(self.raw_html)  # cheap tests in C first:
        text = el.text  # most text on a page holds no term and no index marker
        if text and ((first := may_match(text)) or (raw and "\x02" in text)):
            self.text(el, None, text, linkable, first)
        for child in children:
            self.element(child, linkable)
            text = child.tail
            if text and ((first := may_match(text)) or (raw and "\x02" in text)):
                self.text(el, child, text, linkable, first)

    def explicit(self, a: Node, ref: str) -> None:
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
        title = term.short.replace("&", "&amp;") if self.escape_amp else term.short
        return {"href": self.href_for(term), "class": LINK_CLASS, "title": title}

    def text(
        self, parent: Node, after: Node | None, text: str, linkable: bool, first: re.Match[str] | None = None
    ) -> None:
        """Handle one text slot: parent.text (after is None) or after.tail; first: may_match(text)."""
        effects = None
        if self.raw_html and ("\x02" in text or self.raw_open):
            alone = after is None and len(parent) == 0 and parent.tag not in INLINE  # all the text of a block
            effects = self.raw_effects(text, alone)
        holes = [hole.span() for hole in HOLE.finditer(text)] if "\x02" in text else None
        texts: list[str] = []  # the text before each link, then (appended last) the text after the last one
        links: list[Node] = []
        pos = 0
        for m in self.matcher.find(text, lambda: self.context(parent, after), first):
            if holes and any(start < m.end and m.start < end for start, end in holes):
                continue  # inside a placeholder: "404" in "\x02wzxhzdk:404\x03" is no text of the page
            effect = _effect_at(effects, m.start) if effects else ""
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
            index = _index(parent, after) + 1
        for offset, (link, tail) in enumerate(zip(links, texts[1:], strict=True)):
            link.tail = tail
            parent.insert(index + offset, link)

    def raw_effects(self, text: str, alone: bool = False) -> list[tuple[int, str]]:
        """Follow the raw HTML placeholders in text: [(position, effect from there on)].

        Records index comments as markers, and tracks raw inline tags such as
        <span class="no-glossary"> ... </span>, whose text Python-Markdown leaves in the tree.
        alone: text is all the text of a block element, so raw tags in it affect no other text.
        """
        effects = [(0, _strongest(self.raw_open))]
        for placeholder in PLACEHOLDER.finditer(text):
            number = int(placeholder.group(1))
            if number >= len(self.raw_html):
                continue
            raw = str(self.raw_html[number])
            if alone and "<!--" not in raw and placeholder.group(0) == text.strip():
                continue  # a raw HTML block such as highlighted code: no marker, no text of this block in it
            for kind, name, classes in _raw_tags(raw):
                if kind == "comment":
                    if INDEX_COMMENT.match(name):
                        self.markers.append((name, self.section))
                elif kind == "start":
                    effect = (
                        "skip"
                        if name in IGNORED or not SKIP_CLASSES.isdisjoint(classes)
                        else ("nolink" if name in NO_LINK else "")
                    )
                    self.raw_open.append((name, effect))
                elif any(tag == name for tag, _ in self.raw_open):  # an end tag: close the innermost one
                    last = max(i for i, (tag, _) in enumerate(self.raw_open) if tag == name)
                    del self.raw_open[last:]
            effects.append((placeholder.end(), _strongest(self.raw_open)))
        return effects

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

    # --- the visible characters around a text slot (needed only when a match touches its edge) ---

    def context(self, parent: Node, after: Node | None) -> tuple[str, str]:
        """The visible characters just before and after a text slot (parent.text or after.tail).

        Only inline neighbours count: a block boundary separates words anyway.
        """
        if after is None:
            before = self._before(parent) if _inline(parent) else ""
            first = parent[0] if len(parent) else None
        else:
            before = _text(after) if _inline(after) else ""
            first = self._sibling(after, 1)
        if first is not None:
            following = _text(first) if _inline(first) else ""
        else:
            following = self._after(parent) if _inline(parent) else ""
        return before[-LOOK_AHEAD:], following[:LOOK_AHEAD]

    def _parent(self, el: Node) -> Node | None:
        if self._parents is None:
            self._parents = {child: parent for parent in self.root.iter() for child in parent}
        return self._parents.get(el)

    def _sibling(self, el: Node, step: int, parent: Node | None = None) -> Node | None:
        parent = self._parent(el) if parent is None else parent
        if parent is None:
            return None
        i = _index(parent, el) + step
        return parent[i] if 0 <= i < len(parent) else None

    def _before(self, el: Node) -> str:
        """Visible text that runs on into an inline element from the left."""
        parent = self._parent(el)
        if parent is None:
            return ""
        previous = self._sibling(el, -1, parent)
        if previous is not None:
            return previous.tail or (_text(previous) if _inline(previous) else "")
        return parent.text or (self._before(parent) if _inline(parent) else "")

    def _after(self, el: Node) -> str:
        """Visible text that runs on from an inline element to the right."""
        if el.tail:
            return el.tail
        parent = self._parent(el)
        if parent is None:
            return ""
        following = self._sibling(el, 1, parent)
        if following is not None:
            return _text(following) if _inline(following) else ""
        return self._after(parent) if _inline(parent) else ""


def _strongest(raw_open: list[tuple[str, str]]) -> str:
    effects = {effect for _, effect in raw_open}
    return "skip" if "skip" in effects else ("nolink" if "nolink" in effects else "")


def _effect_at(effects: list[tuple[int, str]], position: int) -> str:
    current = ""
    for start, effect in effects:
        if start > position:
            break
        current = effect
    return current


class _TagEvents(HTMLParser):
    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[str, str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.events.append(("start", tag, tuple((dict(attrs).get("class") or "").split())))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag, ()))

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment", data, ()))


@lru_cache(maxsize=1024)
def _raw_tags(raw: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The start tags, end tags and comments in a piece of raw HTML, in order (html.parser)."""
    parser = _TagEvents()
    parser.feed(raw)
    parser.close()
    return tuple(parser.events)


def _index(parent: Node, child: Node) -> int:
    for i, el in enumerate(parent):
        if el is child:
            return i
    raise ValueError("not a child")


def _text(el: Node) -> str:
    return "".join(el.itertext())


def _heading_text(heading: Node) -> str:
    """A heading's visible text without its permalink symbol."""
    parts = [heading.text or ""]
    for child in heading:
        if "headerlink" not in (child.get("class") or ""):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return normalize("".join(parts))


def _inline(el: Node) -> bool:
    return el.tag in INLINE
