"""The element tree the linker walks: what it needs of an element, which elements hold prose, and
the visible text around a piece of text.

Works on xml.etree's elements (Python-Markdown's tree) and lxml's alike, through the
ElementTree API only (Node).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Protocol, Self

from .matcher import LOOK_AHEAD
from .model import normalize

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


class Surroundings:
    """The visible characters around a text slot of a tree, for the matcher to tell whether a term
    at the slot's edge is glued to a neighbouring word. Needed rarely, so the child -> parent map
    it walks is built the first time it is."""

    def __init__(self, root: Node):
        self.root = root
        self._parents: dict[Node, Node] | None = None

    def around(self, parent: Node, after: Node | None) -> tuple[str, str]:
        """The visible characters just before and after a text slot (parent.text, or after.tail when
        after is a child of parent), up to LOOK_AHEAD of each.

        Only inline neighbours count: a block boundary separates words anyway.
        """
        if after is None:
            before = self._before(parent) if inline(parent) else ""
            first = parent[0] if len(parent) else None
        else:
            before = text_of(after) if inline(after) else ""
            first = self._sibling(after, 1)
        if first is not None:
            following = text_of(first) if inline(first) else ""
        else:
            following = self._after(parent) if inline(parent) else ""
        return before[-LOOK_AHEAD:], following[:LOOK_AHEAD]

    def _parent(self, el: Node) -> Node | None:
        if self._parents is None:
            self._parents = {child: parent for parent in self.root.iter() for child in parent}
        return self._parents.get(el)

    def _sibling(self, el: Node, step: int, parent: Node | None = None) -> Node | None:
        parent = self._parent(el) if parent is None else parent
        if parent is None:
            return None
        i = index_of(parent, el) + step
        return parent[i] if 0 <= i < len(parent) else None

    def _before(self, el: Node) -> str:
        """Visible text that runs on into an inline element from the left."""
        parent = self._parent(el)
        if parent is None:
            return ""
        previous = self._sibling(el, -1, parent)
        if previous is not None:
            return previous.tail or (text_of(previous) if inline(previous) else "")
        return parent.text or (self._before(parent) if inline(parent) else "")

    def _after(self, el: Node) -> str:
        """Visible text that runs on from an inline element to the right."""
        if el.tail:
            return el.tail
        parent = self._parent(el)
        if parent is None:
            return ""
        following = self._sibling(el, 1, parent)
        if following is not None:
            return text_of(following) if inline(following) else ""
        return self._after(parent) if inline(parent) else ""


def index_of(parent: Node, child: Node) -> int:
    """The position of child among parent's children (by identity)."""
    for i, el in enumerate(parent):
        if el is child:
            return i
    raise ValueError("not a child")


def text_of(el: Node) -> str:
    """All the text inside an element."""
    return "".join(el.itertext())


def heading_text(heading: Node) -> str:
    """A heading's visible text without its permalink symbol."""
    parts = [heading.text or ""]
    for child in heading:
        if "headerlink" not in (child.get("class") or ""):
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return normalize("".join(parts))


def inline(el: Node) -> bool:
    return el.tag in INLINE
