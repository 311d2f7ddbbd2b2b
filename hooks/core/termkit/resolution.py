"""The site-wide lists of one build, resolved from every page's report (termkit.site).

Each glossary entry's "Used on" list, the book index page, each page's related pages and
terms, and xref.json: all are functions of the reports, made once every page is converted.
URLs here are site-relative; links in HTML are relative to the page that shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .lists import UsedOn, entry_ids, index_html, most_relevant, used_on_html
from .model import Glossary, Term
from .records import PageReport, Settings
from .render import USED_ON_MARKER
from .urls import relative_url
from .xref import Entry, entry_key, page_json, related_pages, write_index_json

INDEX_MARKER = "<!-- xref-index -->"  # where the index page's entries go


@dataclass(frozen=True)
class SiteTerms:
    """What the lists need of the site's terms (termkit.site.TermSite gives it)."""

    glossary: Glossary
    order: list[Term]  # every term, in the collation order of their names (the glossary page's order)
    strings: dict[str, str]
    settings: Settings
    link: Callable[[str, str], str]  # (target URL, linking page's URL) -> href, as pages' content links
    glossary_url: str
    index_url: str


class Resolution:
    """The site-wide lists of one build, from every page's report."""

    def __init__(self, site: SiteTerms, pages: list[PageReport], groups: list[tuple[str, list[Entry]]]):
        self.site, self.groups = site, groups
        self.glossary_url, self.index_url = site.glossary_url, site.index_url
        self._term_rank = {term.id: rank for rank, term in enumerate(site.order)}  # collation once, not per page
        terms = [e for _, entries in groups for e in entries if e.term]
        ids = entry_ids(groups)
        self.index_entries = {e.term: f"{self.index_url}#{ids[entry_key(e.name)]}" for e in terms}
        self.titles = {p.url: p.title for p in pages}
        self.used_on = self._used_on(pages, self._main_sections(terms))
        self.unused = [t.name for t in site.glossary.terms.values() if t.id not in self.used_on]
        # term ids per page that shows related pages (front matter `xref: false` opts a page out)
        self.terms_used = {p.url: {occ.term for occ in p.occurrences} for p in pages if p.related}
        self.related = related_pages(self.terms_used, limit=site.settings.related)

    def sorted_terms(self, term_ids: set[str] | list[str]) -> list[str]:
        """Term ids in the collation order of their names."""
        return sorted(term_ids, key=self._term_rank.__getitem__)

    def _main_sections(self, terms: list[Entry]) -> dict[str, dict[str, list[str]]]:
        """term id -> page URL -> anchors of the term's main index entries there (the glossary aside)."""
        main: dict[str, dict[str, list[str]]] = {}
        for entry in terms:
            for place in entry.places:
                page_url, _, anchor = place.url.partition("#")
                if entry.term and place.main and page_url != self.glossary_url:
                    main.setdefault(entry.term, {}).setdefault(page_url, []).append(anchor)
        return main

    def _used_on(self, pages: list[PageReport], main: dict[str, dict[str, list[str]]]) -> dict[str, list[UsedOn]]:
        """term id -> pages in navigation order, each once, linking its most relevant section."""
        anchors: dict[str, dict[str, list[str]]] = {}  # term id -> page URL -> its sections using the term
        for page in pages:
            for occ in page.occurrences:
                found = anchors.setdefault(occ.term, {}).setdefault(page.url, [])
                if occ.section.anchor not in found:
                    found.append(occ.section.anchor)
        result: dict[str, list[UsedOn]] = {}
        for term, by_page in anchors.items():
            for url, sections in by_page.items():
                anchor, more = most_relevant(sections, main.get(term, {}).get(url, ()))
                link = self.site.link(f"{url}#{anchor}" if anchor else url, self.glossary_url)
                result.setdefault(term, []).append(UsedOn(self.titles[url], link, more))
        return result

    def index_html(self) -> str:
        """The index page's entries (the page is rendered from termkit.render.index_markdown)."""
        return index_html(self.groups, self.site.strings, lambda url: self.site.link(url, self.index_url))

    def index_page(self, html: str) -> str:
        """The rendered index page with its entries where its marker is."""
        return html.replace(INDEX_MARKER, self.index_html())

    def glossary_html(self, html: str) -> str:
        """The finished glossary page with each entry's "Used on" line.

        The lines go in after site search has indexed the page: search should find a term's entry
        by its name and definition, not by the long lists of pages that mention it.
        """
        return fill_glossary(html, self.used_on_lines())

    def used_on_lines(self) -> list[str]:
        """Every entry's "Used on" line, in the glossary page's order."""
        return [self.used_on_line(term.id) for term in self.site.order]

    def used_on_line(self, term_id: str) -> str:
        """A glossary entry's "Used on" line (HTML)."""
        all_url = self.index_entries.get(term_id)
        return used_on_html(
            self.used_on.get(term_id, []),
            self.site.strings,
            self.site.settings.used_on_cap,
            self.site.link(all_url, self.glossary_url) if all_url else "",
        )

    def page_context(self, url: str) -> dict[str, list[dict[str, Any]]] | None:
        """A page's related pages and terms, for the template after its article (None: it shows none)."""
        if url not in self.related:
            return None
        terms = self.site.glossary.terms
        return {
            "related": [
                {
                    "url": relative_url(other, url),
                    "title": self.titles[other],
                    "shared": [terms[t].name for t in self.sorted_terms(shared)],
                }
                for other, shared in self.related[url]
            ],
            "terms": [
                {"name": terms[t].name, "url": relative_url(f"{self.glossary_url}#{t}", url)}
                for t in self.sorted_terms(self.terms_used[url])
            ],
        }

    def write_json(self, out: TextIO) -> None:
        """xref.json: every entry in index order, every page that shows related pages in navigation order."""
        pages = [
            page_json(
                url,
                self.titles[url],
                self.sorted_terms(self.terms_used[url]),
                [(other, self.titles[other], shared) for other, shared in related],
            )
            for url, related in self.related.items()
        ]
        write_index_json(out, self.groups, pages)

    def save_json(self, path: Path) -> None:
        """Write xref.json to path (written entry by entry: a large site's map is never held in memory twice)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as out:
            self.write_json(out)


def fill_glossary(html: str, lines: list[str]) -> str:
    """The glossary page's HTML with each entry's "Used on" line where its marker is: the entries'
    lines in the page's order (termkit.render.entry_groups), one per marker."""
    parts = html.split(USED_ON_MARKER)
    if len(parts) != len(lines) + 1:
        raise ValueError(f"the glossary page has {len(parts) - 1} entries' markers for {len(lines)} lines")
    return "".join(part + "\n" + line for part, line in zip(parts, lines, strict=False)) + parts[-1]
