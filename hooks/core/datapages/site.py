"""NumberSite: one build's key numbers, charts, claims and timeline, for any engine (as termkit.site's
TermSite is for the glossary); core.pagework.sitebuild.SiteBuild makes it.

A page places a table, a chart or a box with a line of its own:

    [[numbers: parameter-sizing]]     a table from `tables:` in the data file
    [[chart: tokens-vs-params]]       an SVG chart, with its data in a collapsed block below it
    [[generations]]                   the comparison across generations (`tables: generations`)
    [[claims]]                        the verdict table of the news summary's claims (claims.yml)
    [[claims: scaling-laws]]          that page's "Correction" boxes, right after "In short"
    [[claim: gpt4-goal]]              one claim's box ("Context" unless its verdict is a correction)
    [[corrections]]                   the corrections as a list, with the summary's German wording
    [[claims-register]]               every bullet of the summary in German, with its verdict
    [[timeline]]                      the timeline (timeline.yml)

and a figure inside a sentence with `[[fig: SUBJECT.FIELD]]` (inline.py).

A NumberSite is made once per build: `know_pages` once the pages and their titles are known, then
per page `expand`, `know_headings` (the toc extension's headings, once the page is converted) and
`insert_charts` (core.pagework.extension calls them), and `finish` once every page is converted.
A link to a section shows its heading; until the page that holds it is converted, a token stands for
it, which `fill` replaces (in the HTML of the pages and in their Markdown) once every page is.
Problems go to `report` (an engine's warning: an error under --strict). With `draw` False a chart is
its table and text without an SVG: the checks see the markers so, without matplotlib.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any, Protocol, TypeVar

from core.sourcefile import SourceError, source_line

from . import claims as kclaims
from . import generations, timeline
from .chart import Chart
from .cite import check_source_links, headings_before
from .data import KeyNumbers, load
from .figures import CHARTS
from .pages import MarkerError, expand, insert_charts
from .plot import render  # imports matplotlib only when it draws

DEFAULTS = {"source": "data/models.yml", "claims": "data/claims.yml", "timeline": "data/timeline.yml"}
T = TypeVar("T")
Loader = Callable[[str, str, KeyNumbers], tuple[list[T], list[str]]]
Heading = tuple[str, int, str]  # (id, level, text as a reader sees it) of a heading, as the toc extension made it
TOKEN = re.compile(r"knsection(\d+)kn")  # stands for a section's heading until its page is converted


class Page(Protocol):
    """The page being expanded (pagework.page.CurrentPage is one)."""

    @property
    def src(self) -> str: ...  # path in the docs directory
    @property
    def source(self) -> str: ...  # the source file's text, read only for a message's line number


class NumbersError(Exception):
    """The key-numbers data cannot be used, or a chart cannot be drawn; the message says why."""


@dataclass
class NumberSite:
    data: KeyNumbers
    cache: Path  # drawn charts, by digest of what they show (see datapages.plot.render)
    report: Callable[[str], None]  # a problem for the author: "docs/<file>:<line>: what; fix: how"
    error: type[Exception] = NumbersError  # raised when a chart cannot be drawn (an engine's own error)
    draw: bool = True  # False: a chart is its title, table and notes without an SVG (checks need no matplotlib)
    claims: list[kclaims.Claim] = field(default_factory=list)
    claims_path: str = ""
    events: list[timeline.Event] = field(default_factory=list)
    timeline_path: str = ""
    charts: dict[str, Chart] = field(default_factory=dict)  # chart name -> rendered chart, drawn on first use
    pages: dict[str, list[str]] = field(default_factory=dict)  # page src -> charts placed on it
    markdown: dict[str, str] = field(default_factory=dict)  # page src -> its Markdown with markers expanded
    placed: set[str] = field(default_factory=set)  # "claims:PAGE" and "claim:ID" markers expanded
    site: kclaims.Site = field(init=False)  # the pages and their titles: none until know_pages
    anchors: dict[str, dict[str, str]] = field(default_factory=dict)  # page src -> its headings' ids -> text
    table_at: tuple[str, int] | None = None  # (page, headings before it) of the [[claims]] line
    timeline_at: tuple[str, int] | None = None  # (page, headings before it) of the [[timeline]] line
    sources: dict[str, str] = field(default_factory=dict)  # page src -> its Markdown (know_pages)
    tokens: dict[str, str] = field(default_factory=dict)  # 'page.md#anchor' -> its token, while not yet known

    def __post_init__(self) -> None:
        self.site = kclaims.Site(self.data, {}, frozenset(), self.heading)

    @classmethod
    def load(
        cls,
        docs: Path,
        settings: Mapping[str, str],
        words: dict[str, str],
        cache: Path,
        report: Callable[[str], None],
        error: type[Exception] = NumbersError,
        *,
        draw: bool = True,
    ) -> NumberSite:
        """From the docs directory and `extra: datapages:` (paths relative to docs), with the site's words
        (strings.yml, in its language); NumbersError if unusable."""
        paths = {**DEFAULTS, **settings}
        if not (docs / paths["source"]).is_file():
            raise NumbersError(f"docs/{paths['source']}: the key-numbers data file is missing")
        try:
            data = load(docs / paths["source"], display_path=f"docs/{paths['source']}", words=words)
        except SourceError as exc:
            raise NumbersError(f"key-numbers data has errors:\n{exc}") from None
        site = cls(data, cache, report, error, draw)
        site.claims_path, site.timeline_path = f"docs/{paths['claims']}", f"docs/{paths['timeline']}"
        site.claims = site._load(kclaims.load, docs / paths["claims"], site.claims_path)
        site.events = site._load(timeline.load, docs / paths["timeline"], site.timeline_path)
        if "generations" in data.tables:
            for problem in generations.problems(data.tables["generations"], data):
                report(problem)
        return site

    def _load(self, loader: Loader[T], path: Path, display: str) -> list[T]:
        """Claims or events from their data file; every problem is reported."""
        if not path.exists():
            return []
        items, problems = loader(path.read_text(encoding="utf-8"), display, self.data)
        for problem in problems:
            self.report(problem)
        return items

    def know_pages(self, sources: Mapping[str, str], titles: Mapping[str, str]) -> None:
        """Every page's source (without front matter) and title, before any page is converted."""
        self.sources = dict(sources)
        self.table_at = _marker_at(sources, "[[claims]]")
        self.timeline_at = _marker_at(sources, "[[timeline]]")
        table = kclaims.VERDICT_TABLE if self.table_at else ""
        boxes = kclaims.box_places(self.claims, sources)
        self.site = kclaims.Site(self.data, dict(titles), frozenset(sources), self.heading, table, boxes)
        for src in list(self.anchors):  # headings known before (a build whose pages were converted earlier)
            self._table(src)

    def know_headings(self, src: str, headings: Sequence[Heading]) -> None:
        """A converted page's headings: links to its sections show them from now on."""
        self.anchors[src] = {anchor: text for anchor, _, text in headings}
        self._table(src, headings)

    def _table(self, src: str, headings: Sequence[Heading] = ()) -> None:
        """Once the page of the verdict table is converted: the link to the table's section."""
        if self.table_at is not None and self.table_at[0] == src:
            self.site.table = self._section(self.table_at, [anchor for anchor, _, _ in headings])

    def _section(self, at: tuple[str, int], ids: Sequence[str] = ()) -> str:
        """'page.md#anchor' of the section that holds a marker line (the page alone if no heading comes
        before it), from the ids of its page's headings (by default, as its conversion found them)."""
        src, before = at
        ids = ids or list(self.anchors.get(src, ()))
        return f"{src}#{ids[before - 1]}" if 0 < before <= len(ids) else src

    def heading(self, target: str) -> str:
        """What a link to 'page.md#anchor' shows while a page is expanded: a token, which `fill` replaces
        by the heading once every page is converted (whatever the order the engine converts them in, the
        same text is in every page: no link's text counts as a use of a glossary term)."""
        return self.tokens.setdefault(target, f"knsection{len(self.tokens)}kn")

    def _heading_text(self, target: str) -> str:
        """The heading of 'page.md#anchor' (the anchor if the page has no such heading)."""
        page, _, anchor = target.partition("#")
        return self.anchors.get(page, {}).get(anchor, anchor)

    def fill(self, text: str, link: Callable[[str], str], html: bool) -> str:
        """A page's HTML (html True) or Markdown with the tokens replaced by the headings they stand for,
        and the verdict table's link by link('page.md#anchor'), the page's link to it."""
        if self.tokens and "knsection" in text:
            targets = {token: target for target, token in self.tokens.items()}
            shown: Callable[[str], str] = (lambda s: escape(s, quote=False)) if html else str
            text = TOKEN.sub(lambda m: shown(self._heading_text(targets[m.group(0)])), text)
        if kclaims.VERDICT_TABLE in text and self.site.table != kclaims.VERDICT_TABLE:
            return text.replace(kclaims.VERDICT_TABLE, link(self.site.table))
        return text

    def finish(self) -> None:
        """Once every page is converted: the sections that claims and events name must exist, each
        correction must sit on its page, each other box somewhere."""
        for problem in kclaims.check_sections(self.claims, self.anchors, self.claims_path):
            self.report(problem)
        for problem in timeline.check_sections(self.events, self.anchors, self.timeline_path):
            self.report(problem)
        for problem in check_source_links(self.data, self.anchors, self.sources):
            self.report(problem)
        self.check_placements()

    def chart(self, name: str) -> Chart:
        """The named chart, drawn (or read from the cache) on first use; undrawn if `draw` is False."""
        if name not in self.charts and not self.draw:
            self.charts[name] = CHARTS[name][0](self.data)
        if name not in self.charts:
            try:
                self.charts[name] = render(name, self.data, self.cache)
            except Exception as exc:  # a chart that cannot be drawn must stop the build, with its name
                raise self.error(f"chart {name!r} could not be drawn from {self.data.path}: {exc}") from exc
        return self.charts[name]

    def expand(self, markdown: str, page: Page) -> str:
        """The page's Markdown with its marker lines expanded; unknown names are reported."""
        src = page.src
        # Line numbers come from the source file, read only for a page that has such a box.
        found = kclaims.handwritten_corrections(markdown, self.data.words)
        for line in found and kclaims.handwritten_corrections(page.source, self.data.words):
            self.report(
                f'docs/{src}:{line}: a "Correction" box is written by hand; fix: add the claim to '
                f'{self.claims_path} with its verdict and box, and put [[claims: {src[:-3]}]] after "In short"'
            )
        if "[[" not in markdown:
            self.markdown[src] = markdown
            return markdown
        result = expand(markdown, self.data, src, self.chart, self._handlers(src))
        for line, message in result.problems:
            self.report(f"docs/{src}:{source_line(page.source, markdown, line)}: {message}")
        self.pages[src], self.markdown[src] = result.charts, result.markdown
        return result.markdown

    def insert_charts(self, html: str, src: str) -> str:
        """Put each chart's SVG into its placeholder (after conversion: no Markdown or HTML processing touches it)."""
        return insert_charts(html, self.charts) if self.pages.get(src) else html

    def _handlers(self, src: str) -> dict[str, Callable[[str], str]]:
        """Marker -> function of the text after its colon, returning Markdown (see the module docstring)."""
        site, claims = self.site, self.claims

        def claims_boxes(arg: str) -> str:
            if not arg:
                return kclaims.verdict_table(claims, site, src)
            page = arg if arg.endswith(".md") else f"{arg}.md"
            if page not in site.pages:
                raise MarkerError(
                    f"[[claims: {arg}]]: no page docs/{page}; fix: name this page, [[claims: {src[:-3]}]]"
                )
            self.placed.add(f"claims:{page}")
            return kclaims.page_boxes(claims, page, site)

        def claim(arg: str) -> str:
            found = next((c for c in claims if c.id == arg), None)
            if found is None or not found.box_title:
                close = difflib.get_close_matches(arg, [c.id for c in claims if c.box_title], n=1)
                raise MarkerError(
                    f"[[claim: {arg}]]: no claim with a box has this id in {self.claims_path}"
                    + (f"; fix: did you mean {close[0]!r}?" if close else "")
                )
            self.placed.add(f"claim:{arg}")
            return kclaims.box(found, site, src, link_section=found.page != src)

        def table(arg: str) -> str:
            name, data = arg or "generations", self.data
            if name not in data.tables or not data.tables[name].is_matrix:
                raise MarkerError(f"[[generations: {name}]]: no matrix table {name!r} under tables: in {data.path}")
            return generations.render(data.tables[name], data, src)

        return {
            "claims": claims_boxes,
            "claim": claim,
            "generations": table,
            "corrections": lambda _: kclaims.corrections_list(claims, site, src),
            "claims-register": lambda _: kclaims.register(claims, site, src),
            "timeline": lambda _: timeline.render(self.events, self.data, src, site.titles, site.heading),
        }

    def check_placements(self) -> None:
        """Once every page is converted: each correction must sit on its page, each other box somewhere."""
        for c in self.claims:
            if c.page not in self.anchors:
                continue  # already reported by check_sections
            if c.is_correction and f"claims:{c.page}" not in self.placed:
                self.report(
                    f"{self.claims_path}:{c.line}: claim {c.id!r} is a correction, but docs/{c.page} has no "
                    f'[[claims: {c.page[:-3]}]] line; fix: put it right after the "In short" box'
                )
            elif not c.is_correction and c.box_title and f"claim:{c.id}" not in self.placed:
                self.report(
                    f"{self.claims_path}:{c.line}: claim {c.id!r} has a box that no page shows; fix: put "
                    f"[[claim: {c.id}]] in the section {c.section}"
                )

    def search_keywords(self) -> dict[str, dict[str, list[str]]]:
        """Page src -> section anchor -> what a reader may search for to find that section, which its text
        alone does not rank: the months of the timeline's events ("April 2025"). Dates are written all over
        the site, and a site search ranks sections: the timeline, one section, is where a date is answered.
        Known once the page of the [[timeline]] line is converted."""
        if self.timeline_at is None or self.timeline_at[0] not in self.anchors or not self.events:
            return {}
        page, _, anchor = self._section(self.timeline_at).partition("#")
        return {page: {anchor: timeline.months(self.events, self.data.words)}}

    def claims_json(self, url_of: Callable[[str], str | None]) -> list[dict[str, Any]]:
        """claims.json's entries; url_of maps a docs-relative 'page.md#anchor' to an absolute URL."""
        return kclaims.as_json(self.claims, self.site, lambda t: url_of(t) or t)


def _marker_at(sources: Mapping[str, str], marker: str) -> tuple[str, int] | None:
    """(page, how many headings come before it) of the first line that is exactly marker, if a page has one."""
    for src, text in sources.items():
        before = headings_before(text, marker)
        if before is not None:
            return src, before
    return None
