"""Link terms while Python-Markdown converts a page: no second parse of the finished HTML.

Python-Markdown builds an element tree of the page, runs its tree processors over it and
serialises it once. `TermLinking` adds one tree processor that runs last, after headings
have their ids (toc) and links have been resolved, and hands the tree and the stash of raw
HTML (where index comments are kept) to a callback, e.g. one that calls
termkit.linker.link_tree. Python-Markdown is the only dependency: any engine built on it
(MkDocs, Zensical, a plain script) can use this.

On the glossary page that termkit.render writes, a second tree processor puts each heading's text
in from the glossary, by the id its attribute list gave it, before toc runs: no inline pattern
touches a name, and the table of contents lists the names. The page's permalinks are left out
(one element less per entry, and the letter bar does their work).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .tree import HEADINGS

# (root element, Python-Markdown's stash of raw HTML: strings, and elements some extensions stash); its result is unused
TreeCallback = Callable[[Element, Sequence[str | Element]], object]
# After every tree processor of Python-Markdown and its common extensions (toc: 5, abbr: 7,
# MkDocs' link rewriting: 0), so headings have ids and links are final.
PRIORITY = -10
# After inline patterns (20), attr_list (8), abbr (7) and pymdownx.smartsymbols (6.1); before toc (5).
HEADINGS_PRIORITY = 5.5
PERMALINK_CLASS = "headerlink"  # the toc extension's permalinks


class TermLinking(Extension):
    """Calls `callback(root, raw_html)` once per conversion, after all other tree processors.

    glossary_headings() gives, while the glossary page is converted, the text of each of its headings
    by id (termkit.site.TermSite.glossary_headings), and None on every other page.
    """

    def __init__(
        self, callback: TreeCallback, glossary_headings: Callable[[], Mapping[str, str] | None] = lambda: None
    ):
        super().__init__()
        self.callback = callback
        self.glossary_headings = glossary_headings

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_LinkTree(md, self), "termkit", PRIORITY)
        md.treeprocessors.register(_GlossaryHeadings(md, self), "termkit-headings", HEADINGS_PRIORITY)


class _LinkTree(Treeprocessor):
    def __init__(self, md: Markdown, linking: TermLinking):
        super().__init__(md)
        self.linking = linking

    def run(self, root: Element) -> None:
        if self.linking.glossary_headings() is not None:
            _drop_permalinks(root)
        self.linking.callback(root, self.md.htmlStash.rawHtmlBlocks)


class _GlossaryHeadings(Treeprocessor):
    def __init__(self, md: Markdown, linking: TermLinking):
        super().__init__(md)
        self.linking = linking

    def run(self, root: Element) -> None:
        texts = self.linking.glossary_headings()
        if texts is None:
            return
        for heading in root.iter():
            text = texts.get(heading.get("id") or "") if heading.tag in HEADINGS else None
            if text is not None:
                for child in list(heading):  # whatever an inline pattern made of the name
                    heading.remove(child)
                heading.text = AtomicString(text)


def _drop_permalinks(root: Element) -> None:
    for heading in root.iter():
        if heading.tag in HEADINGS:
            for link in [child for child in heading if child.get("class") == PERMALINK_CLASS]:
                heading.remove(link)
