"""One build's terms: link and record each page, then resolve the site-wide lists once.

A TermSite is made once per build (core.pagework.sitebuild.SiteBuild makes it). While the engine
converts pages, `link_page` links a page's terms and `record` keeps a PageReport of it (plain data:
where each term and index marker occurs, the page's headings and anchors). Once every page is
converted, `resolve` turns the reports into everything that needs the whole site: each glossary
entry's "Used on" list, the book index, related pages and xref.json. The engine's adapter supplies
pages and URLs and reports the problems; nothing here knows the engine.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import Element

from core.sourcefile import SourceError

from .collate import Collation
from .linker import MODES, LinkResult, Section, link_tree
from .matcher import Matcher
from .model import Glossary, Term, load_glossary
from .records import IndexMarker, PageReport, Problem, Settings, Where
from .render import entry_groups, glossary_headings, glossary_markdown, index_markdown
from .resolution import INDEX_MARKER, Resolution, SiteTerms
from .search import SectionKeywords, names_of, page_keywords
from .urls import relative_url
from .xref import Index, Marker, MarkerError, Place, parse_marker

__all__ = ["PageReport", "Problem", "Settings", "TermSite"]


class TermSite:
    """Everything one build knows about terms: made anew for each build, fed page by page, resolved once."""

    def __init__(
        self,
        glossary: Glossary,
        matcher: Matcher,
        collation: Collation,
        strings: dict[str, str],
        settings: Settings,
        where: Where = lambda src, text: f"docs/{src}",
    ):
        self.glossary, self.matcher, self.collation, self.strings = glossary, matcher, collation, strings
        self.settings, self.where = settings, where
        self._groups = entry_groups(glossary, collation)  # the glossary page's letters and entries, in order
        # How pages' content links another site-relative URL: by default relative to the page's URL. An
        # engine that rewrites links in content as paths of source files (Zensical) sets its own.
        self.link: Callable[[str, str], str] = relative_url  # (target URL, linking page's URL) -> href
        self.glossary_url = ""  # site-relative URL of the glossary page, set once the engine lists the files
        self.reports: dict[str, PageReport] = {}  # page src -> its report
        self._linked: dict[str, tuple[LinkResult, list[Problem]]] = {}  # page src -> linked, not yet recorded

    @classmethod
    def load(cls, docs: Path, settings: Settings, strings: dict[str, str], language: str, where: Where) -> TermSite:
        """A site's TermSite from its docs directory, its settings and its words; SourceError saying what is wrong."""
        try:
            terms = load_glossary(docs / settings.source, display_path=f"docs/{settings.source}")
        except SourceError as exc:
            raise SourceError(["glossary source has errors:", *exc.problems]) from None
        return cls(terms, Matcher(terms), Collation(language), strings, settings, where)

    def generated_pages(self, unindexed: str = "", front_matter: tuple[str, ...] = ()) -> dict[str, str]:
        """The Markdown of the pages the site adds, by path in the docs directory: the glossary and the
        index (whose entries come once every page is recorded). Options: see render.glossary_markdown."""
        return {
            self.settings.page: glossary_markdown(
                self.glossary, self.collation, self.strings, unindexed=unindexed, front_matter=front_matter
            ),
            self.settings.index_page: index_markdown(self.strings, INDEX_MARKER),
        }

    def glossary_headings(self) -> dict[str, str]:
        """The text of the glossary page's letter and entry headings, by id (termkit.markdown_ext puts it in)."""
        return glossary_headings(self._groups)

    def link_page(
        self,
        root: Element,
        raw_html: Sequence[str | Element],
        *,
        src: str,
        url: str,
        meta: Mapping[str, object],
        source: Callable[[], str],
        authored: bool,
        headings: Mapping[str, str],
    ) -> None:
        """Link a page's tree in place while it is converted (Python-Markdown's, before serialising).

        meta is the page's front matter; source reads its Markdown, only for a message (an engine may read
        the file again for it, as MkDocs does, so not on every page). Generated pages only repeat
        terms: their explicit references are rewritten, nothing is counted (authored=False).
        headings: the text of each heading as a reader sees it, by id (the toc extension's), which
        titles the sections.
        """
        mode, problems = self._mode(src, meta, source)
        glossary_url, link = self.glossary_url, self.link

        def href_for(term: Term) -> str:
            return link(f"{glossary_url}#{term.id}", url)

        result = link_tree(
            root, self.glossary, self.matcher, href_for, mode, raw_html, find_terms=authored, headings=headings
        )
        self._linked[src] = (result, problems)

    def _mode(self, src: str, meta: Mapping[str, object], source: Callable[[], str]) -> tuple[str, list[Problem]]:
        """How a page links terms (front matter `glossary:`), and the problem with its setting."""
        setting = meta.get("glossary", self.settings.autolink)
        if src == self.settings.page or setting is False:
            return "off", []
        if setting not in MODES:
            written = next(
                (line.strip() for line in source().splitlines() if line.startswith("glossary:")), f"glossary: {setting}"
            )
            return self.settings.autolink, [
                Problem(
                    "glossary",
                    (
                        f"{self.where(src, 'glossary:')}: front matter '{written}' must be one of "
                        f"{', '.join(MODES)}; fix: write 'glossary: page' (link each term once per page), "
                        "'glossary: section' (once per section) "
                        f"or 'glossary: off' (no links)"
                    ),
                )
            ]
        return str(setting), []

    def record(self, report: PageReport) -> list[Problem]:
        """Keep a converted page's report, with what linking found on it; the problems found there.

        A generated page (report.authored False) counts nowhere; it is kept as a target of index markers.
        """
        src = report.src
        result, problems = self._linked.pop(src, (LinkResult(), []))  # a page without text is never linked
        for ref in result.unknown_refs:  # as written in the link, which may be URL-encoded ("No%20Such%20Term")
            problems.append(Problem("glossary", f"{self.where(src, 'term:' + ref)}: {self.unknown_term(unquote(ref))}"))
        self.reports[src] = report
        if not report.authored:
            return problems
        report.occurrences = result.occurrences
        for text, section in result.markers:  # each marker is parsed here, once
            try:
                report.markers.append(IndexMarker(parse_marker(text), section, text))
            except MarkerError as exc:
                problems.append(Problem("xref", f"{self.where(src, text)}: {exc}"))
        return problems

    def unknown_term(self, name: str) -> str:
        """The problem of a `term:` link to a name that no term has, with the term it most likely meant."""
        glossary_file = f"docs/{self.settings.source}"
        close = self.glossary.closest(name)
        if close is None:
            return f"unknown glossary term {name!r}; add it to {glossary_file} or fix the spelling"
        return (
            f"unknown glossary term {name!r}; fix: did you mean 'term:{close}'? (a new term goes into {glossary_file})"
        )

    def search_keywords(self) -> dict[str, dict[str, SectionKeywords]]:
        """Page URL -> section anchor -> its search keywords.

        A glossary entry's other names sit in its line of references, which search leaves out with
        "See also" and "Source" (they name other terms): they come back as the entry's aliases, with
        its inflected forms and joined spellings (termkit.search.names_of; what its text has is left out).
        """
        keywords = {r.url: page_keywords(self.glossary, r.occurrences, r.markers) for r in self._pages()}
        keywords[self.glossary_url] = {
            term.id: SectionKeywords(aliases=names_of(term)) for term in self.glossary.terms.values()
        }
        return keywords

    def resolve(self) -> tuple[Resolution, list[Problem]]:
        """Once every page is recorded: the site-wide lists, and the problems found making them."""
        glossary_page = self.reports[self.settings.page]
        index = Index(self.glossary, lambda term_id: f"{glossary_page.url}#{term_id}", glossary_page.title)
        problems: list[Problem] = []
        pages = self._pages()
        for page in pages:
            places: dict[Section, Place] = {}  # one Place per section of the page, shared by its terms
            for occ in page.occurrences:
                place = places.get(occ.section)
                if place is None:
                    place = places[occ.section] = _place(page, occ.section)
                index.add_term(occ.term, place)
            for marker, section, text in page.markers:
                found = self._marker_place(page, marker, section)
                if isinstance(found, str):
                    problems.append(Problem("xref", f"{self.where(page.src, text)}: {found}"))
                else:
                    index.add_marker(marker, found)
        order = [term for _, terms in self._groups for term in terms]
        index_url = self.reports[self.settings.index_page].url
        terms = SiteTerms(self.glossary, order, self.strings, self.settings, self.link, self.glossary_url, index_url)
        resolved = Resolution(terms, pages, index.groups(self.collation))
        if unused := resolved.unused:
            problems.insert(
                0,
                Problem(
                    "glossary",
                    f"docs/{self.settings.source}: {len(unused)} term(s) used on no page: {', '.join(unused)}",
                    warn=self.settings.unused == "warn",
                ),
            )
        return resolved, problems

    def _pages(self) -> list[PageReport]:
        """Authored pages in navigation order (pages outside it last)."""
        return sorted((r for r in self.reports.values() if r.authored), key=lambda r: (r.rank, r.src))

    def _marker_place(self, page: PageReport, marker: Marker, section: Section) -> Place | str:
        """Where a marker points: its own section, or its target, which must exist (else the problem)."""
        if not marker.target:
            return _place(page, section, marker.main)
        path, _, anchor = marker.target.partition("#")
        target = page
        if path:
            src = posixpath.normpath(posixpath.join(posixpath.dirname(page.src), path))
            if src not in self.reports:
                return f"index marker points to '{path}', which is not a page of the site"
            target = self.reports[src]
        if anchor and anchor not in target.anchors:
            return f"index marker points to '#{anchor}', which is not an anchor in docs/{target.src}"
        heading = target.headings.get(anchor) if anchor else None  # an anchor that is no heading: the page
        return Place(f"{target.url}#{anchor}" if anchor else target.url, target.title, heading, marker.main)


def _place(page: PageReport, section: Section, main: bool = False) -> Place:
    """A section of the page, or the page itself for the text before its first heading."""
    if not section.anchor:
        return Place(page.url, page.title, None, main)
    return Place(f"{page.url}#{section.anchor}", page.title, section.title or None, main)
