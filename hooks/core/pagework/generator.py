"""The site-wide pages and files, for any engine: one place that writes each of them.

- the glossary and index pages' Markdown (`generated_pages`; the index's entries and the glossary's
  "Used on" lines come from termkit.resolution once every page is converted);
- xref.json (termkit), llms.txt and llms-full.txt (pagework.llms), claims.json (datapages), from the
  pages in navigation order (`write_site_files`).

SiteBuild calls these for the MkDocs adapter and for the pre-build step before Zensical.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.sourcefile import say

from . import llms
from .llms import PageText

if TYPE_CHECKING:
    from core.datapages.site import NumberSite
    from core.termkit.resolution import Resolution
    from core.termkit.site import TermSite

__all__ = ["PageText", "SiteInfo", "generated_pages", "write_site_files", "write_xref"]

SEARCH_BOOST = 0.5  # of the glossary's entries in site search, against the pages' sections


@dataclass(frozen=True)
class SiteInfo:
    name: str
    description: str
    url: str  # absolute, ending in "/"


def generated_pages(terms: TermSite) -> dict[str, str]:
    """The glossary and index pages' Markdown, by source path. Site search (Material's and Zensical's)
    leaves out elements with data-search-exclude, and ranks the glossary's entries lower."""
    return terms.generated_pages(
        unindexed='data-search-exclude="1"', front_matter=("search:", f"  boost: {SEARCH_BOOST}")
    )


def write_xref(out: Path, resolved: Resolution) -> None:
    resolved.save_json(out / "xref.json")


def write_site_files(out: Path, site: SiteInfo, pages: list[PageText], numbers: NumberSite, index_page: str) -> None:
    """/llms.txt, /llms-full.txt and /claims.json, from the pages in navigation order (their Markdown as
    expanded; index_page's content is HTML, so llms-full.txt points to xref.json for it)."""
    files = {p.src: p.url for p in pages}

    def url_of(target: str) -> str | None:
        path, _, anchor = target.partition("#")
        if path not in files:
            return None
        return site.url + files[path] + (f"#{anchor}" if anchor else "")

    words = numbers.data.words
    data_files = [
        ("xref.json", site.url + "xref.json", say(words, "llms_xref_what")),
        ("claims.json", site.url + "claims.json", say(words, "llms_claims_what")),
    ]
    out.mkdir(parents=True, exist_ok=True)
    (out / "llms.txt").write_text(
        llms.llms_txt(site.name, site.description, pages, data_files, site.url, words), encoding="utf-8"
    )
    notes = {index_page: say(words, "llms_index_note", url=site.url + "xref.json")}
    (out / "llms-full.txt").write_text(
        llms.llms_full(site.name, site.description, pages, url_of, site.url, notes), encoding="utf-8"
    )
    claims = numbers.claims_json(url_of)
    (out / "claims.json").write_text(json.dumps({"claims": claims}, ensure_ascii=False, indent=1), encoding="utf-8")
