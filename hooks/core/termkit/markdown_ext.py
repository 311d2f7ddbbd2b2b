"""Link terms while Python-Markdown converts a page: no second parse of the finished HTML.

Python-Markdown builds an element tree of the page, runs its tree processors over it and
serialises it once. `TermLinking` adds one tree processor that runs last, after headings
have their ids (toc) and links have been resolved, and hands the tree and the stash of raw
HTML (where index comments are kept) to a callback, e.g. one that calls
termkit.linker.link_tree. Python-Markdown is the only dependency: any engine built on it
(MkDocs, Zensical, a plain script) can use this.

On the pages that termkit.render writes, a second tree processor turns the headings that render
writes as raw HTML back into headings of the tree, before toc runs: the table of contents lists
them, and no inline pattern has touched their ids or text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import unescape
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

# (root element, Python-Markdown's stash of raw HTML: strings, and elements some extensions stash); its result is unused
TreeCallback = Callable[[Element, Sequence[str | Element]], object]
# After every tree processor of Python-Markdown and its common extensions (toc: 5, abbr: 7,
# MkDocs' link rewriting: 0), so headings have ids and links are final.
PRIORITY = -10
# After inline patterns (20), attr_list (8), abbr (7) and pymdownx.smartsymbols (6.1); before toc (5).
HEADINGS_PRIORITY = 5.5
# A heading as termkit.render.raw_heading writes it, alone in a raw HTML block.
RAW_HEADING = re.compile(r'<(h[1-6])(?: class="([^"<>]*)")? id="([^"<>]+)"((?: [a-z-]+="[^"<>]*")*)>([^<]*)</\1>\s*')
ATTRIBUTE = re.compile(r' ([a-z-]+)="([^"<>]*)"')
PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")


class TermLinking(Extension):
    """Calls `callback(root, raw_html)` once per conversion, after all other tree processors.

    generated() says whether the page being converted is one termkit.render wrote, whose raw
    HTML headings become headings of the tree.
    """

    def __init__(self, callback: TreeCallback, generated: Callable[[], bool] = lambda: False):
        super().__init__()
        self.callback = callback
        self.generated = generated

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_LinkTree(md, self.callback), "termkit", PRIORITY)
        md.treeprocessors.register(_RawHeadings(md, self.generated), "termkit-headings", HEADINGS_PRIORITY)


class _LinkTree(Treeprocessor):
    def __init__(self, md: Markdown, callback: TreeCallback):
        super().__init__(md)
        self.callback = callback

    def run(self, root: Element) -> None:
        self.callback(root, self.md.htmlStash.rawHtmlBlocks)


class _RawHeadings(Treeprocessor):
    def __init__(self, md: Markdown, generated: Callable[[], bool]):
        super().__init__(md)
        self.generated = generated

    def run(self, root: Element) -> None:
        if not self.generated():
            return
        stash = self.md.htmlStash.rawHtmlBlocks
        for block in root:
            if block.tag != "p" or len(block):
                continue
            placeholder = PLACEHOLDER.fullmatch((block.text or "").strip())
            if placeholder is None or int(placeholder.group(1)) >= len(stash):
                continue
            heading = RAW_HEADING.fullmatch(str(stash[int(placeholder.group(1))]))
            if heading is not None:
                tag, cls, anchor, extra, text = heading.groups()
                block.tag, block.text = tag, AtomicString(unescape(text))
                if cls:
                    block.set("class", unescape(cls))
                block.set("id", unescape(anchor))
                for name, value in ATTRIBUTE.findall(extra):
                    block.set(name, unescape(value))
