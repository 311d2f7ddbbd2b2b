"""The site-wide pages and files, for any engine: one place that writes each of them.

- the glossary and index pages' Markdown (`generated_pages`; the index's entries and the glossary's
  "Used on" lines come from termkit.resolution once every page is converted);
- xref.json (termkit), llms.txt, llms-full.txt and claims.json (keynumbers), from the pages in
  navigation order (`write_site_files`).

The MkDocs adapters call these from their events; `python -m pagework` calls them before Zensical.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from keynumbers import llms
from sourcefile import say

if TYPE_CHECKING:
    from keynumbers.site import NumberSite
    from termkit.resolution import Resolution
    from termkit.site import TermSite

SEARCH_BOOST = 0.5  # of the glossary's entries in site search, against the pages' sections


@dataclass(frozen=True)
class SiteInfo:
    name: str
    description: str
    url: str  # absolute, ending in "/"
    index_page: str = "book-index.md"  # the index page's source: its entries are HTML, so llms-full.txt notes xref.json


@dataclass(frozen=True)
class NavPage:
    """A page in navigation order, as the site-wide text files list it."""

    title: str
    src: str
    url: str  # site-relative
    description: str
    markdown: str  # as written (without front matter); the marker lines are expanded from NumberSite.markdown
    section: str = ""  # the navigation section it sits in; "" at the top level


def generated_pages(terms: TermSite, attr_list: bool) -> dict[str, str]:
    """The glossary and index pages' Markdown, by source path. Site search (Material's and Zensical's)
    leaves out elements with data-search-exclude, and ranks the glossary's entries lower."""
    return terms.generated_pages(
        unindexed='data-search-exclude="1"',
        front_matter=("search:", f"  boost: {SEARCH_BOOST}"),
        attr_list=attr_list,
    )


def write_xref(out: Path, resolved: Resolution) -> None:
    resolved.save_json(out / "xref.json")


def write_site_files(out: Path, site: SiteInfo, pages: list[NavPage], numbers: NumberSite) -> None:
    """/llms.txt, /llms-full.txt and /claims.json, from the pages in navigation order."""
    files = {p.src: p.url for p in pages}

    def url_of(target: str) -> str | None:
        path, _, anchor = target.partition("#")
        if path not in files:
            return None
        return site.url + files[path] + (f"#{anchor}" if anchor else "")

    texts = [
        llms.PageText(
            p.title, p.src, site.url + p.url, p.description, numbers.markdown.get(p.src, p.markdown), p.section
        )
        for p in pages
    ]
    words = numbers.data.words
    data_files = [
        ("xref.json", site.url + "xref.json", say(words, "llms_xref_what")),
        ("claims.json", site.url + "claims.json", say(words, "llms_claims_what")),
    ]
    out.mkdir(parents=True, exist_ok=True)
    (out / "llms.txt").write_text(
        llms.llms_txt(site.name, site.description, texts, data_files, site.url + "llms-full.txt", words),
        encoding="utf-8",
    )
    notes = {site.index_page: say(words, "llms_index_note", url=site.url + "xref.json")}
    (out / "llms-full.txt").write_text(
        llms.llms_full(site.name, site.description, texts, url_of, notes), encoding="utf-8"
    )
    claims = numbers.claims_json(url_of)
    (out / "claims.json").write_text(json.dumps({"claims": claims}, ensure_ascii=False, indent=1), encoding="utf-8")
