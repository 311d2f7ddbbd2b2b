"""PageWork: all per-page work of the site in one Python-Markdown extension, for any engine.

While Python-Markdown converts a page, and only then:
1. a preprocessor, before every other one, expands the page's `[[...]]` marker lines into Markdown
   (key-number tables, chart placeholders, claims, the timeline: keynumbers.site);
2. termkit's tree processors link the glossary terms in the finished tree (termkit.markdown_ext);
3. a postprocessor, after the raw HTML is back in, puts each chart's SVG into its placeholder
   (unless the engine does that later: `defer_charts`), then runs the engine's own last step, if
   any (`finish`).

On every page, a tree processor puts a comma between adjacent footnote markers, which would
otherwise read as one number ("24" for notes 2 and 4).

Which page is converted comes from a provider (pagework.page). Each part is optional: an engine's
adapters set `numbers` and `terms` on the one PageWork of a build.
"""

from __future__ import annotations

from collections.abc import Callable, MutableSequence, Sequence
from typing import TYPE_CHECKING, Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from termkit.markdown_ext import TermLinking

from .page import CurrentPage, PageProvider

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from keynumbers.site import NumberSite
    from termkit.site import TermSite

MARKERS_PRIORITY = 35  # before superfences (31.05), whitespace normalising (30) and raw HTML blocks (20)
HTML_PRIORITY = 10  # after raw HTML is restored (30), footnotes (25) and "&" substitution (20)
FOOTNOTE_RUNS_PRIORITY = 12  # after inline patterns (20) and the footnotes' own tree processors (50, 15)
MARKER_SEPARATOR = ","  # between two adjacent footnote markers, inside the second one's <sup>
Finish = Callable[[CurrentPage, str, Markdown], str]  # (page, its HTML, the Markdown instance) -> HTML


class PageWork(Extension):
    """One per build; `numbers` and `terms` are set by the engine's adapters."""

    def __init__(self, current: PageProvider):
        super().__init__()
        self.current = current
        self.numbers: NumberSite | None = None
        self.terms: TermSite | None = None
        self.finish: Finish | None = None
        # True: leave each chart's slot for the engine to fill once its search indexer has read the
        # page (MkDocs: hooks/charts.py, on_post_page), so that no indexer parses the SVG it excludes.
        self.defer_charts = False

    @classmethod
    def installed(cls, extensions: MutableSequence[Any], current: PageProvider) -> PageWork:
        """The PageWork in an engine's list of extension instances, appended if there is none yet."""
        found = next((ext for ext in extensions if isinstance(ext, cls)), None)
        if found is None:
            found = cls(current)
            extensions.append(found)
        return found

    def extendMarkdown(self, md: Markdown) -> None:
        conversion = _Conversion(self, md)
        md.preprocessors.register(_Markers(md, conversion), "pagework-markers", MARKERS_PRIORITY)
        TermLinking(conversion.link, conversion.generated).extendMarkdown(md)
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

    def generated(self) -> bool:
        return self.page is not None and self.page.generated and self.work.terms is not None

    def link(self, root: Element, raw_html: Sequence[str | Element]) -> None:
        self.tree_done = True  # the last tree processor: what is serialised next is the page
        page, terms = self.page, self.work.terms
        if page is not None and terms is not None:
            terms.link_page(
                root,
                raw_html,
                src=page.src,
                url=page.url,
                meta=page.meta,
                source=lambda: page.source,  # read only for a message
                authored=not page.generated,
            )


class _Markers(Preprocessor):
    def __init__(self, md: Markdown, conversion: _Conversion):
        super().__init__(md)
        self.conversion = conversion

    def run(self, lines: list[str]) -> list[str]:
        self.conversion.start()
        page, numbers = self.conversion.page, self.conversion.work.numbers
        if page is None or numbers is None:
            return lines
        return numbers.expand("\n".join(lines), page).split("\n")


class _Html(Postprocessor):
    def __init__(self, md: Markdown, conversion: _Conversion):
        super().__init__(md)
        self.conversion = conversion

    def run(self, text: str) -> str:
        page, work = self.conversion.page, self.conversion.work
        if page is None or not self.conversion.tree_done:
            return text
        if work.numbers is not None and not work.defer_charts:
            text = work.numbers.insert_charts(text, page.src)
        return work.finish(page, text, self.md) if work.finish is not None else text


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
