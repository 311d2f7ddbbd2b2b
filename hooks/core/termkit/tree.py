"""The element tree the linker walks (Python-Markdown's): which elements hold prose, and the visible
text around a piece of text.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown.util import HTML_PLACEHOLDER_RE

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


class Surroundings:
    """The visible characters around a text slot of a tree, for the matcher to tell whether a term
    at the slot's edge is glued to a neighbouring word. Needed rarely, so the child -> parent map
    it walks is built the first time it is."""

    def __init__(self, root: Element):
        self.root = root
        self._parents: dict[Element, Element] | None = None

    def around(self, parent: Element, after: Element | None) -> tuple[str, str]:
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

    def _parent(self, el: Element) -> Element | None:
        if self._parents is None:
            self._parents = {child: parent for parent in self.root.iter() for child in parent}
        return self._parents.get(el)

    def _sibling(self, el: Element, step: int, parent: Element | None = None) -> Element | None:
        parent = self._parent(el) if parent is None else parent
        if parent is None:
            return None
        i = index_of(parent, el) + step
        return parent[i] if 0 <= i < len(parent) else None

    def _before(self, el: Element) -> str:
        """Visible text that runs on into an inline element from the left."""
        parent = self._parent(el)
        if parent is None:
            return ""
        previous = self._sibling(el, -1, parent)
        if previous is not None:
            return previous.tail or (text_of(previous) if inline(previous) else "")
        return parent.text or (self._before(parent) if inline(parent) else "")

    def _after(self, el: Element) -> str:
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


def index_of(parent: Element, child: Element) -> int:
    """The position of child among parent's children (by identity)."""
    for i, el in enumerate(parent):
        if el is child:
            return i
    raise ValueError("not a child")


def text_of(el: Element) -> str:
    """All the text inside an element."""
    return "".join(el.itertext())


def heading_text(heading: Element) -> str:
    """A heading's text in the tree without its permalink symbol and without Python-Markdown's
    placeholders of raw HTML (the linker titles sections by the toc extension's text, which has it)."""
    parts = [heading.text or ""]
    for child in heading:
        if "headerlink" not in (child.get("class") or ""):
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return normalize(HTML_PLACEHOLDER_RE.sub("", "".join(parts)))


def inline(el: Element) -> bool:
    return el.tag in INLINE
