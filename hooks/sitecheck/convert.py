"""Convert a page with Python-Markdown as MkDocs would, and keep what the checks need from it:
the links it makes, the ids it has, its headings.

What MkDocs 1.6 counts is copied exactly: every `id` (and `name` of an `<a>`) in the element
tree after the toc extension and in the page's raw HTML is an anchor; every `href` of an `<a>`
and `src` of an `<img>` in the tree is a link, read where MkDocs reads it (before term links
are added, so the glossary's own links are not checked twice).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from termkit.markdown_ext import TermLinking

TreeCallback = Callable[[Element, Sequence[str | Element]], object]


@dataclass
class Converted:
    """What a converted page offers the checks."""

    links: list[str] = field(default_factory=list)  # href/src values, in document order
    ids: set[str] = field(default_factory=set)
    headings: list[tuple[str, int, str]] = field(default_factory=list)  # (id, level, text) in order

    def title(self) -> str:
        """The text of the page's first level-1 heading ("" if none)."""
        return next((text for _, level, text in self.headings if level == 1), "")


def convert(
    text: str,
    extensions: list[Any],
    configs: dict[str, dict[str, Any]],
    link_terms: TreeCallback | None = None,
    generated: bool = False,
) -> Converted:
    """Convert a page's Markdown (front matter removed); link_terms is termkit's per-page callback."""
    found = Converted()
    linking = [TermLinking(link_terms, lambda: generated)] if link_terms else []
    md = markdown.Markdown(extensions=[*extensions, *linking], extension_configs=configs)
    md.preprocessors.register(_RawIds(md, found.ids), "sitecheck_raw_ids", 21)  # as MkDocs: before html_block
    md.treeprocessors.register(_TreeIds(md, found), "sitecheck_ids", 5)  # as MkDocs: with toc
    md.treeprocessors.register(_Links(md, found), "sitecheck_links", 0)  # as MkDocs' link rewriting
    md.convert(text)
    found.headings = list(_flatten(getattr(md, "toc_tokens", [])))
    return found


class _RawIds(Preprocessor):
    """Ids in the page's raw HTML."""

    def __init__(self, md: markdown.Markdown, ids: set[str]):
        super().__init__(md)
        self.ids = ids

    def run(self, lines: list[str]) -> list[str]:
        parser = _IdParser(self.ids)
        parser.feed("\n".join(lines))
        parser.close()
        return lines


class _IdParser(HTMLParser):
    def __init__(self, ids: set[str]):
        super().__init__()
        self.ids = ids

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value is not None and (key == "id" or (key == "name" and tag == "a")):
                self.ids.add(value)


class _TreeIds(Treeprocessor):
    """Ids of the element tree, headings' included."""

    def __init__(self, md: markdown.Markdown, found: Converted):
        super().__init__(md)
        self.found = found

    def run(self, root: Element) -> None:
        for element in root.iter():
            if anchor := element.get("id"):
                self.found.ids.add(anchor)
            if element.tag == "a" and (anchor := element.get("name")):
                self.found.ids.add(anchor)


class _Links(_TreeIds):
    """Targets of links and images."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            key = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if key and (url := element.get(key)) is not None:
                self.found.links.append(url)


def _flatten(tokens: list[dict[str, Any]]) -> Iterator[tuple[str, int, str]]:
    """(id, level, text) of every heading in the toc extension's nested tokens, in reading order."""
    for token in tokens:
        yield str(token["id"]), int(token["level"]), str(token["name"])
        yield from _flatten(token.get("children") or [])
