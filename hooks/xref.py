"""MkDocs adapter for the cross-reference index: events only; the logic lives in termkit.xref.

Runs after hooks/glossary.py (list it second in mkdocs.yml) and reads what that hook found on
each page. Settings (optional) in mkdocs.yml:

    extra:
      xref:
        page: book-index.md   # the generated index page
        related: 3            # how many related pages to show on a page

A page with `xref: false` in its front matter gets no related-pages box and is never offered
as related; its terms and markers still count in the index.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from termkit.linker import Section
from termkit.lists import entry_ids, index_html
from termkit.render import index_markdown
from termkit.xref import (Entry, Index, Marker, MarkerError, Place, entry_key, parse_marker, related_pages,
                          write_index_json)
from termkit.urls import relative_url

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("xref")

DEFAULTS = {"page": "book-index.md", "related": 3}
INDEX_MARKER = "<!-- xref-index -->"


@dataclass
class Build:
    settings: dict
    glossary: object  # hooks/glossary.py's Build for this same build
    markers: dict[str, list[tuple[Marker, Section, str]]] = field(default_factory=dict)  # src_uri -> (marker, section, its text)
    related: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)  # page url -> related pages
    terms_used: dict[str, set[str]] = field(default_factory=dict)  # page url -> term ids
    titles: dict[str, str] = field(default_factory=dict)  # page url -> title
    glossary_url: str = ""
    nav_order: list[str] = field(default_factory=list)  # src_uri of pages in navigation order
    term_rank: dict[str, int] = field(default_factory=dict)  # term id -> position in collation order


build: Build | None = None


def on_config(config: MkDocsConfig) -> None:
    global build
    if "glossary_build" not in config:
        raise PluginError("hooks/xref.py needs hooks/glossary.py listed before it under 'hooks:'")
    build = Build({**DEFAULTS, **(config.extra.get("xref") or {})}, config["glossary_build"])


def on_files(files: Files, config: MkDocsConfig) -> None:
    content = index_markdown(build.glossary.strings, INDEX_MARKER)
    index_file = File.generated(config, build.settings["page"], content=content)
    index_file.edit_uri = build.glossary.settings["source"]  # entries come from the glossary and page markers
    files.append(index_file)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    build.nav_order = [page.file.src_uri for page in nav.pages]


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    """Parse this page's index markers (the glossary hook found them); report bad ones."""
    found = build.glossary.results.get(page.file.src_uri)
    if found is None:
        return
    markers = build.markers[page.file.src_uri] = []
    for text, section in found.markers:
        try:
            markers.append((parse_marker(text), section, text))
        except MarkerError as exc:
            log.warning(f"{build.glossary.where(page, text)}: {exc}")


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> None:
    """Every page is converted: build the index, related pages and the map, render the index page."""
    glossary_page = files.get_file_from_path(build.glossary.settings["page"]).page
    index_page = files.get_file_from_path(build.settings["page"]).page
    strings = build.glossary.strings
    index = Index(build.glossary.glossary, lambda term_id: f"{glossary_page.url}#{term_id}", glossary_page.title)
    pages = _content_pages(files)
    for page in pages:
        places: dict[Section, Place] = {}  # one Place per section of the page, shared by its terms
        for occ in _found(page).occurrences:
            place = places.get(occ.section)
            if place is None:
                place = places[occ.section] = _place(page, occ.section.anchor, occ.section.title)
            index.add_term(occ.term, place)
        for marker, section, text in build.markers.get(page.file.src_uri, []):
            place = _marker_place(page, marker, section, text, files)
            if place is not None:
                index.add_marker(marker, place)
    groups = index.groups(build.glossary.collation)
    by_name = build.glossary.collation.sort(build.glossary.glossary.terms.values(), lambda t: t.name)
    build.term_rank = {term.id: rank for rank, term in enumerate(by_name)}  # collation once, not per page

    html = index_html(groups, strings, lambda url: relative_url(url, index_page.url))
    terms = [e for _, entries in groups for e in entries if e.term]
    _tell_glossary(terms, entry_ids(groups), index_page, glossary_page)
    index_page.content = index_page.content.replace(INDEX_MARKER, html)

    used = {p.url: {occ.term for occ in _found(p).occurrences} for p in pages}
    shown = [p for p in pages if p.meta.get("xref", True) is not False]  # `xref: false` opts a page out
    build.related = related_pages({p.url: used[p.url] for p in shown}, limit=build.settings["related"])
    build.terms_used = {p.url: used[p.url] for p in shown}
    build.titles = {p.url: p.title for p in pages}
    build.glossary_url = glossary_page.url
    map_pages = [
        {"url": url, "title": build.titles[url], "terms": _sorted_terms(used[url]),
         "related": [{"url": other, "title": build.titles[other], "shared": shared} for other, shared in related]}
        for url, related in build.related.items()
    ]
    # xref.json is written now, while the index exists, rather than kept in memory until the build ends
    # (MkDocs cleaned site_dir before any page was read).
    out = Path(config.site_dir) / "xref.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as stream:
        write_index_json(stream, groups, map_pages)
    build.glossary.results = {}  # this was their last reader: free them for the rest of the build


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> None:
    """Related pages and the page's terms, for overrides/partials/xref-page.html."""
    context["xref_strings"] = build.glossary.strings
    if page.url not in build.related:
        context["xref"] = None
        return
    terms = build.glossary.glossary.terms
    context["xref"] = {
        "related": [
            {"url": relative_url(other, page.url), "title": build.titles[other],
             "shared": [terms[t].name for t in _sorted_terms(shared)]}
            for other, shared in build.related[page.url]
        ],
        "terms": [{"name": terms[t].name, "url": relative_url(f"{build.glossary_url}#{t}", page.url)}
                  for t in _sorted_terms(build.terms_used[page.url])],
    }


def _tell_glossary(terms: list[Entry], ids: dict[str, str], index_page: Page, glossary_page: Page) -> None:
    """For the glossary's "Used on" lists: each term's index entry, and its main sections per page."""
    build.glossary.index_entries = {e.term: f"{index_page.url}#{ids[entry_key(e.name)]}" for e in terms}
    main: dict[str, dict[str, list[str]]] = {}
    for entry in terms:
        for place in entry.places:
            page_url, _, anchor = place.url.partition("#")
            if place.main and page_url != glossary_page.url:
                main.setdefault(entry.term, {}).setdefault(page_url, []).append(anchor)
    build.glossary.main_sections = main


def _sorted_terms(term_ids) -> list[str]:
    """Term ids in the collation order of their names."""
    return sorted(term_ids, key=build.term_rank.__getitem__)


def _content_pages(files: Files) -> list[Page]:
    """Pages the glossary hook linked, in navigation order (pages outside the nav last)."""
    rank = {src: i for i, src in enumerate(build.nav_order)}
    pages = [found.page for found in build.glossary.results.values()]
    return sorted(pages, key=lambda p: (rank.get(p.file.src_uri, len(rank)), p.file.src_uri))


def _found(page: Page):
    """What the glossary hook's linking found on this page (terms, sections, index markers)."""
    return build.glossary.results[page.file.src_uri]


def _place(page: Page, anchor: str, heading: str, main: bool = False) -> Place:
    return Place(f"{page.url}#{anchor}" if anchor else page.url, page.title, heading or page.title, main)


def _marker_place(page: Page, marker: Marker, section: Section, text: str, files: Files) -> Place | None:
    """Where a marker points: its own section, or its target, which must exist."""
    if not marker.target:
        return _place(page, section.anchor, section.title, marker.main)
    path, _, target_anchor = marker.target.partition("#")
    target = page
    if path:
        src = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), path))
        target_file = files.get_file_from_path(src)
        if target_file is None or target_file.page is None:
            log.warning(f"{build.glossary.where(page, text)}: index marker points to '{path}', which is not a page of the site")
            return None
        target = target_file.page
    if target_anchor and target_anchor not in (target.present_anchor_ids or set()):
        log.warning(
            f"{build.glossary.where(page, text)}: index marker points to '#{target_anchor}', "
            f"which is not an anchor in docs/{target.file.src_uri}"
        )
        return None
    heading = next((h for a, h in _headings(target) if a == target_anchor), "")
    return _place(target, target_anchor, heading, marker.main)


def _headings(page: Page):
    """(anchor, title) of every heading in the page's table of contents."""
    stack = list(page.toc)
    while stack:
        item = stack.pop(0)
        yield item.id, item.title
        stack[:0] = item.children

