"""PageWork: all per-page work of the site in one Python-Markdown extension, for any engine.

While Python-Markdown converts a page, and only then:
1. a preprocessor, before every other one, expands the page's `[[...]]` marker lines into Markdown
   (key-number tables, chart placeholders, claims, the timeline: datapages.site);
2. termkit's tree processors put the glossary page's headings in and link the glossary terms in the
   finished tree (termkit.markdown_ext), after the toc extension, whose headings it hands on
   (`converted`): the one reading of a page's table of contents;
3. a postprocessor, after the raw HTML is back in, puts each chart's SVG into its placeholder (the
   figure carries data-search-exclude, so site search leaves it out), then runs the engine's own
   last step, if any (`finish`).

On every page, a tree processor puts a comma between adjacent footnote markers, which would
otherwise read as one number ("24" for notes 2 and 4).

Which page is converted comes from a provider (pagework.page). A SiteBuild (pagework.sitebuild)
makes the one PageWork of a build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from html import unescape
from typing import TYPE_CHECKING, Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from core.termkit.markdown_ext import TermLinking

from .page import CurrentPage, PageProvider

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from core.datapages.site import NumberSite
    from core.termkit.site import TermSite

MARKERS_PRIORITY = 35  # before superfences (31.05), whitespace normalising (30) and raw HTML blocks (20)
HTML_PRIORITY = 10  # after raw HTML is restored (30), footnotes (25) and "&" substitution (20)
FOOTNOTE_RUNS_PRIORITY = 12  # after inline patterns (20) and the footnotes' own tree processors (50, 15)
MARKER_SEPARATOR = ","  # between two adjacent footnote markers, inside the second one's <sup>
Heading = tuple[str, int, str]  # (id, level, text as a reader sees it) of a heading, in reading order
Finish = Callable[[CurrentPage, str, Markdown], str]  # (page, its HTML, the Markdown instance) -> HTML
Converted = Callable[[CurrentPage, list[Heading]], None]  # a page's headings, once its tree is finished


class PageWork(Extension):
    """One per build (SiteBuild makes it): the build's terms and key numbers, the page provider, and
    what is told each page's headings."""

    def __init__(self, terms: TermSite, numbers: NumberSite, current: PageProvider, converted: Converted):
        super().__init__()
        self.terms, self.numbers, self.current, self.converted = terms, numbers, current, converted
        self.finish: Finish | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        conversion = _Conversion(self, md)
        md.preprocessors.register(_Markers(md, conversion), "pagework-markers", MARKERS_PRIORITY)
        TermLinking(conversion.link, conversion.glossary_headings).extendMarkdown(md)
        md.postprocessors.register(_Html(md, conversion), "pagework-html", HTML_PRIORITY)
        md.treeprocessors.register(_FootnoteRuns(md), "pagework-footnote-runs", FOOTNOTE_RUNS_PRIORITY)


class _Conversion:
    """One conversion by one Markdown instance: the page is asked for once, at its start."""

    def __init__(self, work: PageWork, md: Markdown):
        self.work, self.md = work, md
        self.page: CurrentPage | None = None
        self.tree_done = False  # toc runs the postprocessors on its own HTML before: only the page's count

    def start(self) -> None:
        self.page, self.tree_done = self.work.current(self.md), False

    def glossary_headings(self) -> Mapping[str, str] | None:
        page, terms = self.page, self.work.terms
        if page is None or not page.generated or page.src != terms.settings.page:
            return None
        return terms.glossary_headings()

    def link(self, root: Element, raw_html: Sequence[str | Element]) -> None:
        self.tree_done = True  # the last tree processor: what is serialised next is the page
        page = self.page
        if page is None:
            return
        headings = list(_flatten(getattr(self.md, "toc_tokens", [])))
        self.work.terms.link_page(
            root,
            raw_html,
            src=page.src,
            url=page.url,
            meta=page.meta,
            source=lambda: page.source,  # read only for a message
            authored=not page.generated,
            headings={anchor: text for anchor, level, text in headings if level > 1},
        )
        self.work.converted(page, headings)


class _Markers(Preprocessor):
    def __init__(self, md: Markdown, conversion: _Conversion):
        super().__init__(md)
        self.conversion = conversion

    def run(self, lines: list[str]) -> list[str]:
        self.conversion.start()
        page = self.conversion.page
        if page is None:
            return lines
        return self.conversion.work.numbers.expand("\n".join(lines), page).split("\n")


class _Html(Postprocessor):
    def __init__(self, md: Markdown, conversion: _Conversion):
        super().__init__(md)
        self.conversion = conversion

    def run(self, text: str) -> str:
        page, work = self.conversion.page, self.conversion.work
        if page is None or not self.conversion.tree_done:
            return text
        text = work.numbers.insert_charts(text, page.src)
        return work.finish(page, text, self.md) if work.finish is not None else text


def _flatten(tokens: list[dict[str, Any]]) -> Iterator[Heading]:
    """(id, level, text) of every heading in the toc extension's nested tokens, in reading order; the
    text as a reader sees it (the toc's name is HTML: "A &amp; B")."""
    for token in tokens:
        yield str(token["id"]), int(token["level"]), unescape(str(token["name"]))
        yield from _flatten(token.get("children") or [])


class _FootnoteRuns(Treeprocessor):
    """A comma between footnote markers that follow each other with nothing between them ("2,4", not "24")."""

    def run(self, root: Element) -> None:
        for parent in root.iter():
            previous: Element | None = None
            for child in parent:
                if previous is not None and _is_marker(previous) and _is_marker(child) and not previous.tail:
                    child.text = MARKER_SEPARATOR + (child.text or "")
                previous = child


def _is_marker(element: Element) -> bool:
    """A footnote marker as Python-Markdown's footnotes extension writes it: <sup id="fnref:x"><a ...>."""
    return element.tag == "sup" and element.get("id", "").startswith("fnref")
