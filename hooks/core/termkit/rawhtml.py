"""Raw HTML in a page that Python-Markdown converts: what the linker must know of it.

Python-Markdown keeps raw HTML out of its tree: it stashes each piece and leaves a placeholder in
the text. An index marker written as an HTML comment is such a piece, and so is a raw inline tag
like <span class="no-glossary">, whose text stays in the tree between two placeholders. RawTags
follows the placeholders through a page's text in document order and says, at each position,
whether the text there is prose ("" ), not prose ("skip") or prose never linked ("nolink").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from markdown.util import ETX, HTML_PLACEHOLDER_RE, STX

from .tree import IGNORED, NO_LINK, SKIP_CLASSES

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# Any of Python-Markdown's placeholders (raw HTML, entities): never part of a term, whatever the term.
HOLE = re.compile(f"{STX}[^{STX}{ETX}]*{ETX}")


class RawTags:
    """Python-Markdown's stash of raw HTML (an element in it is read as str() of it), and the raw
    inline tags open around the text being read, innermost last: (tag, effect)."""

    def __init__(self, stash: Sequence[str | Element]):
        self.stash = stash
        self.open: list[tuple[str, str]] = []

    def effects(self, text: str, alone: bool, on_comment: Callable[[str], None]) -> list[tuple[int, str]]:
        """Follow the raw HTML placeholders in text: [(position, effect from there on)].

        Calls on_comment with the text of each HTML comment, and tracks raw inline tags such as
        <span class="no-glossary"> ... </span>, whose text Python-Markdown leaves in the tree.
        alone: text is all the text of a block element, so raw tags in it affect no other text.
        """
        effects = [(0, _strongest(self.open))]
        for placeholder in HTML_PLACEHOLDER_RE.finditer(text):
            number = int(placeholder.group(1))
            if number >= len(self.stash):
                continue
            raw = str(self.stash[number])
            if alone and "<!--" not in raw and placeholder.group(0) == text.strip():
                continue  # a raw HTML block such as highlighted code: no marker, no text of this block in it
            for kind, name, classes in tag_events(raw):
                if kind == "comment":
                    on_comment(name)
                elif kind == "start":
                    self.open.append((name, _effect_of(name, classes)))
                elif any(tag == name for tag, _ in self.open):  # an end tag: close the innermost one
                    last = max(i for i, (tag, _) in enumerate(self.open) if tag == name)
                    del self.open[last:]
            effects.append((placeholder.end(), _strongest(self.open)))
        return effects


def effect_at(effects: list[tuple[int, str]], position: int) -> str:
    """The effect (RawTags.effects) in force at a position of the text."""
    current = ""
    for start, effect in effects:
        if start > position:
            break
        current = effect
    return current


def _effect_of(tag: str, classes: tuple[str, ...]) -> str:
    if tag in IGNORED or not SKIP_CLASSES.isdisjoint(classes):
        return "skip"
    return "nolink" if tag in NO_LINK else ""


def _strongest(raw_open: list[tuple[str, str]]) -> str:
    effects = {effect for _, effect in raw_open}
    return "skip" if "skip" in effects else ("nolink" if "nolink" in effects else "")


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
def tag_events(raw: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The start tags, end tags and comments in a piece of raw HTML, in order (html.parser); cached, so
    `tag_events.cache_info()` says how many pieces were parsed."""
    parser = _TagEvents()
    parser.feed(raw)
    parser.close()
    return tuple(parser.events)
