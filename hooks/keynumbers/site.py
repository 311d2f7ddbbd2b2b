"""NumberSite: one build's key numbers, charts, claims and timeline, for any engine (as termkit.site's
TermSite is for the glossary): what hooks/charts.py, pagework (Zensical) and sitecheck share.

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

A NumberSite is made once per build: `know_pages` once titles and sources are known, `expand` and
`insert_charts` per page (pagework.extension calls them), `check_placements` once every page is
converted. Problems go to `report` (an engine's warning: an error under --strict). With `draw`
False a chart is its table and text without an SVG: sitecheck checks the markers so, without
matplotlib.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sourcefile import STRINGS, SourceError, load_strings, source_line

from . import claims as kclaims
from . import generations, timeline
from .chart import Chart
from .cite import check_source_links, marker_section, page_anchors
from .data import KeyNumbers, load
from .figures import CHARTS
from .pages import MarkerError, expand, insert_charts
from .plot import render  # imports matplotlib only when it draws

DEFAULTS = {"source": "data/models.yml", "claims": "data/claims.yml", "timeline": "data/timeline.yml"}
T = TypeVar("T")
Loader = Callable[[str, str, KeyNumbers], tuple[list[T], list[str]]]
Slugify = Callable[[str, str], str]


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
    cache: Path  # drawn charts, by digest of what they show (see keynumbers.plot.render)
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
    timeline_section: str = ""  # "page.md#anchor" of the section with the [[timeline]] line (know_pages)
    site: kclaims.Site = field(init=False)  # page titles and anchors: none until know_pages

    def __post_init__(self) -> None:
        self.site = kclaims.Site(self.data, {}, {})

    @classmethod
    def load(
        cls,
        docs: Path,
        settings: Mapping[str, str],
        cache: Path,
        report: Callable[[str], None],
        error: type[Exception] = NumbersError,
        *,
        draw: bool = True,
        language: str = "en",
    ) -> NumberSite:
        """From the docs directory and `extra: keynumbers:` (paths relative to docs), with the words of the
        site's language from strings.yml; NumbersError if unusable."""
        paths = {**DEFAULTS, **settings}
        if not (docs / paths["source"]).is_file():
            raise NumbersError(f"docs/{paths['source']}: the key-numbers data file is missing")
        try:
            words = load_strings(docs / STRINGS, f"docs/{STRINGS}", language)
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

    def know_pages(self, sources: Mapping[str, str], titles: Mapping[str, str], slugify: Slugify) -> None:
        """Every page's source and title: check the sections that claims and events name."""
        anchors = {src: page_anchors(text, slugify) for src, text in sources.items()}
        table = next(
            (t for src, text in sources.items() if (t := marker_section(text, "[[claims]]", src, slugify))), ""
        )
        self.site = kclaims.Site(self.data, dict(titles), anchors, table, kclaims.box_places(self.claims, sources))
        self.timeline_section = next(
            (t for src, text in sources.items() if (t := marker_section(text, "[[timeline]]", src, slugify))), ""
        )
        for problem in kclaims.check_sections(self.claims, anchors, self.claims_path):
            self.report(problem)
        for problem in timeline.check_sections(self.events, anchors, self.timeline_path):
            self.report(problem)
        for problem in check_source_links(self.data, anchors, sources):
            self.report(problem)

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
            if page not in site.anchors:
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
            "timeline": lambda _: timeline.render(self.events, self.data, src, site.titles, site.anchors),
        }

    def check_placements(self) -> None:
        """Once every page is converted: each correction must sit on its page, each other box somewhere."""
        for c in self.claims:
            if c.page not in self.site.anchors:
                continue  # already reported by know_pages
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
        the site, and a site search ranks sections: the timeline, one section, is where a date is answered."""
        if not self.timeline_section or not self.events:
            return {}
        page, _, anchor = self.timeline_section.partition("#")
        return {page: {anchor: timeline.months(self.events, self.data.words)}}

    def claims_json(self, url_of: Callable[[str], str | None]) -> list[dict[str, Any]]:
        """claims.json's entries; url_of maps a docs-relative 'page.md#anchor' to an absolute URL."""
        return kclaims.as_json(self.claims, self.site, lambda t: url_of(t) or t)
