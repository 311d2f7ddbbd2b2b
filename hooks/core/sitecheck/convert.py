"""What the checks collect while a page is converted (pagework.prebuild converts it, with PageWork, as
the engine will): the links it makes and the ids it has.

What MkDocs 1.6 counts is copied exactly: every `id` (and `name` of an `<a>`) in the element
tree after the toc extension and in the page's raw HTML is an anchor; every `href` of an `<a>`
and `src` of an `<img>` in the tree is a link, read where MkDocs reads it (before term links
are added, so the glossary's own links are not checked twice).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

import markdown
from markdown import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor


@dataclass
class Found:
    """What a converted page offers the link and anchor checks."""

    links: list[str] = field(default_factory=list)  # href/src values, in document order
    ids: set[str] = field(default_factory=set)


class Collect(Extension):
    """Collects a page's links and ids into `found`, at the points where MkDocs collects them."""

    def __init__(self, found: Found):
        super().__init__()
        self.found = found

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.register(_RawIds(md, self.found.ids), "sitecheck_raw_ids", 21)  # as MkDocs: before html_block
        md.treeprocessors.register(_TreeIds(md, self.found), "sitecheck_ids", 5)  # as MkDocs: with toc
        md.treeprocessors.register(_Links(md, self.found), "sitecheck_links", 0)  # as MkDocs' link rewriting


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

    def __init__(self, md: markdown.Markdown, found: Found):
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
