"""Link terms while Python-Markdown converts a page: no second parse of the finished HTML.

Python-Markdown builds an element tree of the page, runs its tree processors over it and
serialises it once. `TermLinking` adds one tree processor that runs last, after headings
have their ids (toc) and links have been resolved, and hands the tree and the stash of raw
HTML (where index comments are kept) to a callback, e.g. one that calls
termkit.linker.link_tree. Python-Markdown is the only dependency: any engine built on it
(MkDocs, Zensical, a plain script) can use this.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

TreeCallback = Callable[[object, Sequence[str]], None]  # (root element, raw HTML stash)
# After every tree processor of Python-Markdown and its common extensions (toc: 5, abbr: 7,
# MkDocs' link rewriting: 0), so headings have ids and links are final.
PRIORITY = -10


class TermLinking(Extension):
    """Calls `callback(root, raw_html)` once per conversion, after all other tree processors."""

    def __init__(self, callback: TreeCallback):
        super().__init__()
        self.callback = callback

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_LinkTree(md, self.callback), "termkit", PRIORITY)


class _LinkTree(Treeprocessor):
    def __init__(self, md: Markdown, callback: TreeCallback):
        super().__init__(md)
        self.callback = callback

    def run(self, root) -> None:
        self.callback(root, self.md.htmlStash.rawHtmlBlocks)
