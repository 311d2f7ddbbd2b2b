"""Plain data that the parts of termkit pass around: the site's settings, what a page holds for the
site-wide lists, and a problem for an editor. Nothing here does any work."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from core.sourcefile import SourceError

from .linker import MODES, Occurrence, Section
from .xref import Marker


@dataclass(frozen=True)
class Settings:
    """The site's settings, all optional: `extra: glossary:` (the first five) and `extra: xref:` (`page`
    for index_page, `related`) in mkdocs.yml."""

    source: str = "data/glossary.yml"  # the glossary, relative to the docs directory
    page: str = "glossary.md"  # the generated glossary page
    autolink: str = "page"  # page | section | off; a page may override it with front matter `glossary:`
    unused: str = "info"  # info | warn: how terms used on no page are reported
    used_on_cap: int = 8  # "Used on" lists this many pages, then links to all of them in the index
    index_page: str = "book-index.md"  # the generated index page
    related: int = 3  # how many related pages a page shows

    @classmethod
    def read(cls, glossary: Mapping[str, Any], xref: Mapping[str, Any]) -> Settings:
        """From the site's `glossary` and `xref` settings (other keys are ignored); SourceError for a bad value."""
        known = {k: v for k, v in glossary.items() if k in ("source", "page", "autolink", "unused", "used_on_cap")}
        settings = cls(**known, index_page=xref.get("page", cls.index_page), related=xref.get("related", cls.related))
        if settings.autolink not in MODES or settings.unused not in ("info", "warn"):
            raise SourceError(
                [
                    f"extra.glossary: autolink must be one of {', '.join(MODES)}, unused one of "
                    f"info, warn; got {settings.autolink!r} and {settings.unused!r}"
                ]
            )
        return settings

    @property
    def generated(self) -> tuple[str, str]:
        """The pages the site adds: the glossary and the index."""
        return self.page, self.index_page


class IndexMarker(NamedTuple):
    """An index marker that parses, where it stands, and its text as written (for a message)."""

    marker: Marker
    section: Section
    text: str


@dataclass
class PageReport:
    """What one page holds for the site-wide lists (plain data, no HTML)."""

    src: str  # path in the docs directory
    url: str  # site-relative
    title: str
    rank: int  # position in the navigation; pages outside it come after all others
    # what linking found on the page (filled in by TermSite.record): terms and index markers, each with its section
    occurrences: list[Occurrence] = field(default_factory=list)
    markers: list[IndexMarker] = field(default_factory=list)
    headings: dict[str, str | None] = field(default_factory=dict)  # anchor -> heading; None for the page's title
    anchors: frozenset[str] = frozenset()  # every id in the page
    authored: bool = True  # generated pages count nowhere, but markers may point to them
    related: bool = True  # False (front matter `xref: false`): no related pages, never offered as related


class Problem(NamedTuple):
    """Something an editor should fix (or know), with where it is."""

    topic: str  # "glossary", "xref", "charts" or "checks": what it concerns (MkDocs logs it under that name)
    text: str  # "docs/<file>[:<line>]: what is wrong; fix: ..."
    warn: bool = True  # False: for information only


Where = Callable[[str, str], str]  # (page src, text in the page) -> "docs/<src>:<line>", to start a message
