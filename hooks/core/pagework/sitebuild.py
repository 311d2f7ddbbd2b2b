"""SiteBuild: everything one build of the site knows, whichever engine builds it.

One SiteBuild is made for each build by the engine's adapter, and it is the one owner of that
build's state:

- the settings (`extra: glossary:`, `extra: xref:`, `extra: datapages:`) and the site's words
  (docs/data/strings.yml, read once, in the site's language);
- the glossary and the index (`terms`, a termkit TermSite) and the key numbers, charts, claims and
  timeline (`numbers`, a datapages NumberSite);
- the PageWork extension (`work`) that does each page's work while the engine converts it, and
  what each conversion found (`headings`, the pages' reports in `terms`);
- once every page is converted, the site-wide lists (`resolved`).

Who makes it: the MkDocs adapter (adapters.mkdocs_plugin.SitePlugin, in on_config, so that nothing
survives into the next build of `mkdocs serve`), the pre-build step before Zensical and the checks
(pagework.prebuild), and the Zensical extension (adapters.zensical_extension). Every adapter reaches
the build's parts through it, and through nothing else (no module globals, no config entries).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from core.datapages.site import NumbersError, NumberSite
from core.datapages.tables import link_from
from core.sourcefile import STRINGS, SourceError, line_of, load_strings
from core.termkit.records import PageReport, Problem, Settings
from core.termkit.resolution import Resolution
from core.termkit.search import SectionKeywords
from core.termkit.site import TermSite

from .extension import Heading, PageWork
from .generator import PageText, SiteInfo, generated_pages, write_site_files, write_xref
from .page import CurrentPage, PageProvider

Report = Callable[[Problem], None]


class SiteBuild:
    def __init__(
        self,
        docs: Path,
        extra: Mapping[str, Any],
        language: str,
        cache: Path,
        *,
        extensions: Sequence[Any],
        current: PageProvider,
        report: Report,
        source: Callable[[str], str],
        draw: bool = True,
        error: type[Exception] = NumbersError,
    ):
        """Read the site's data; SourceError or NumbersError saying what is wrong.

        extensions: the Markdown extensions the engine converts with; current: which page a conversion
        is (pagework.page); report: where problems go; source(src): a page's source text, read only for
        a message's line number; cache: where drawn charts are kept; draw: False to leave charts undrawn
        (their tables and text only, and matplotlib is never imported); error: the engine's error for
        a chart that cannot be drawn.
        """
        if not any(str(ext).rpartition(".")[2] == "attr_list" for ext in extensions if isinstance(ext, str)):
            raise SourceError(
                ["markdown_extensions: the glossary page needs attr_list; fix: add '- attr_list' under it"]
            )
        self.docs, self.report, self.source = docs, report, source
        self.settings = Settings.read(_mapping(extra, "glossary"), _mapping(extra, "xref"))
        self.strings = load_strings(docs / STRINGS, f"docs/{STRINGS}", language)
        self.terms = TermSite.load(docs, self.settings, self.strings, language, self.where)
        datapages = _mapping(extra, "datapages")
        self.numbers = NumberSite.load(docs, datapages, self.strings, cache, self._numbers_problem, error, draw=draw)
        self.work = PageWork(self.terms, self.numbers, current, self._converted)
        self.headings: dict[str, list[Heading]] = {}  # page src -> its headings, as its conversion found them
        self.urls: dict[str, str] = {}  # page src -> site-relative URL, generated pages included
        self.resolved: Resolution | None = None

    def generated_pages(self) -> dict[str, str]:
        """The Markdown of the pages the site adds (the glossary and the index), by path in docs/."""
        return generated_pages(self.terms)

    def use_urls(self, urls: Mapping[str, str], link: Callable[[str, str], str] | None = None) -> None:
        """Every page's site-relative URL, once the engine has listed the pages, and how a page's content
        links another site-relative URL: link(target URL, linking page's URL) (by default relative to
        the page's URL; Zensical's adapter writes paths of source files). The one link set-up."""
        self.urls = dict(urls)
        self.terms.glossary_url = self.urls[self.settings.page]
        if link is not None:
            self.terms.link = link

    def know_pages(self, sources: Mapping[str, str], titles: Mapping[str, str]) -> None:
        """Every authored page's Markdown (without front matter) and title, before any is converted."""
        self.numbers.know_pages(sources, titles)

    def where(self, src: str, needle: str) -> str:
        """docs/<file>:<line> of needle's first occurrence in the page's source (read only for a message)."""
        return f"docs/{src}:{line_of(self.source(src), needle)}"

    def _converted(self, page: CurrentPage, headings: list[Heading]) -> None:
        self.headings[page.src] = headings
        self.numbers.know_headings(page.src, headings)

    def _numbers_problem(self, text: str) -> None:
        self.report(Problem("charts", text))

    def record(
        self, src: str, url: str, title: str, rank: int, anchors: Iterable[str], *, authored: bool, related: bool
    ) -> None:
        """A converted page, for the site-wide lists (its headings are what its conversion found)."""
        headings = {anchor: None if level <= 1 else text for anchor, level, text in self.headings.get(src, [])}
        report = PageReport(
            src, url, title, rank, headings=headings, anchors=frozenset(anchors), authored=authored, related=related
        )
        for problem in self.terms.record(report):
            self.report(problem)

    def resolve(self) -> Resolution:
        """Once every page is converted: the site-wide lists, and the checks that need every page."""
        self.resolved, problems = self.terms.resolve()
        for problem in problems:
            self.report(problem)
        self.numbers.finish()
        return self.resolved

    def fill(self, html: str, src: str) -> str:
        """A converted page's HTML with what needed every page converted: the headings that links to
        sections show, and the link to the verdict table."""
        return self.numbers.fill(html, lambda target: self._href(src, target), html=True)

    def _href(self, src: str, target: str) -> str:
        """The href of a link from page src to 'page.md#anchor', as the page's content links."""
        path, _, anchor = target.partition("#")
        return self.terms.link(self.urls[path] + (f"#{anchor}" if anchor else ""), self.urls[src])

    def page_text(self, src: str, title: str, description: str, markdown: str, section: str) -> PageText:
        """A page as llms.txt and llms-full.txt list it: its Markdown with the `[[...]]` lines expanded."""
        expanded = self.numbers.markdown.get(src, markdown)
        filled = self.numbers.fill(expanded, lambda target: link_from(src, target), html=False)
        return PageText(title, src, self.urls.get(src, ""), description, filled, section)

    def write_xref(self, out: Path) -> None:
        if self.resolved is not None:
            write_xref(out, self.resolved)

    def write_site_files(self, out: Path, site: SiteInfo, pages: list[PageText]) -> None:
        """/llms.txt, /llms-full.txt and /claims.json, from the pages in navigation order."""
        write_site_files(out, site, pages, self.numbers, self.settings.index_page)

    def search_keywords(self) -> dict[str, dict[str, SectionKeywords]]:
        """Page URL -> section anchor -> its search keywords (core.termkit.search): the terms' and index
        markers' names, and the months of the timeline's events as the entries of its section."""
        keywords = self.terms.search_keywords()
        for src, sections in self.numbers.search_keywords().items():
            if src in self.terms.reports:
                for anchor, names in sections.items():
                    page = keywords.setdefault(self.terms.reports[src].url, {})
                    page.setdefault(anchor, SectionKeywords()).add("entries", names)
        return keywords

    def heading_ids(self, src: str, top_only: bool = False) -> list[str]:
        """The ids of a converted page's headings, in reading order (top_only: only its title's)."""
        return [anchor for anchor, level, _ in self.headings.get(src, []) if level <= 1 or not top_only]


def _mapping(extra: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = extra.get(key)
    return value if isinstance(value, Mapping) else {}
