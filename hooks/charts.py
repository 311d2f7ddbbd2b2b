"""MkDocs adapter for key numbers, charts, claims and the timeline: events only; the logic lives
in hooks/keynumbers.

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

After the build, /llms.txt, /llms-full.txt and /claims.json are written from the pages in nav order.

Settings (optional) in mkdocs.yml:

    extra:
      keynumbers:
        source: data/models.yml     # relative to docs_dir
        claims: data/claims.yml
        timeline: data/timeline.yml
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from markdown.extensions.toc import slugify as default_slugify
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.nav import Section

from keynumbers import claims as kclaims
from keynumbers import generations, llms, timeline
from keynumbers.chart import Chart
from keynumbers.cite import marker_section, page_anchors
from keynumbers.data import KeyNumbers, load
from keynumbers.pages import MarkerError, expand, insert_charts
from keynumbers.plot import render
from sourcefile import STRINGS, SourceError, load_strings, source_line

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("charts")

DEFAULTS = {"source": "data/models.yml", "claims": "data/claims.yml", "timeline": "data/timeline.yml"}


@dataclass
class Build:
    """What one build knows; made anew in on_config so a rebuild under `mkdocs serve` rereads the data."""

    data: KeyNumbers
    cache: Path  # drawn charts, by digest of what they show (see keynumbers.plot.render)
    charts: dict[str, Chart] = field(default_factory=dict)  # chart name -> rendered chart, drawn on first use
    pages: dict[str, list[str]] = field(default_factory=dict)  # page src_uri -> charts placed on it
    claims: list[kclaims.Claim] = field(default_factory=list)
    claims_path: str = ""
    timeline_path: str = ""
    events: list[timeline.Event] = field(default_factory=list)
    site: kclaims.Site = field(init=False)  # page titles and anchors: none until on_nav knows them
    placed: set[str] = field(default_factory=set)  # "claims:PAGE" and "claim:ID" markers expanded
    nav: Navigation | None = None

    def __post_init__(self) -> None:
        self.site = kclaims.Site(self.data, {}, {})

    def chart(self, name: str) -> Chart:
        if name not in self.charts:
            try:
                self.charts[name] = render(name, self.data, self.cache)
            except Exception as exc:  # a chart that cannot be drawn must stop the build, with its name
                raise PluginError(f"chart {name!r} could not be drawn from {self.data.path}: {exc}") from exc
        return self.charts[name]


build: Build  # this build's state, set in on_config (MkDocs runs it before every other event)


def on_config(config: MkDocsConfig) -> None:
    global build
    settings = {**DEFAULTS, **(config.extra.get("keynumbers") or {})}
    source = Path(config.docs_dir) / settings["source"]
    try:
        words = load_strings(Path(config.docs_dir) / STRINGS, f"docs/{STRINGS}", config.theme.get("language") or "en")
        data = load(source, display_path=f"docs/{settings['source']}", words=words)
    except SourceError as exc:
        raise PluginError(f"key-numbers data has errors:\n{exc}") from None
    except FileNotFoundError:
        raise PluginError(f"docs/{settings['source']}: the key-numbers data file is missing") from None
    # Not under .cache/: other tools clear that folder (Zensical's --clean empties all of it).
    build = Build(data, Path(config.config_file_path or config.docs_dir).parent / ".chart-cache")
    build.claims_path = f"docs/{settings['claims']}"
    build.claims = _load(kclaims.load, Path(config.docs_dir) / settings["claims"], build.claims_path)
    build.timeline_path = f"docs/{settings['timeline']}"
    build.events = _load(timeline.load, Path(config.docs_dir) / settings["timeline"], build.timeline_path)
    if "generations" in data.tables:
        for problem in generations.problems(data.tables["generations"], data):
            log.warning(problem)


def _load(loader, path: Path, display: str) -> list:
    """Claims or events from their data file; every problem is a warning (an error under --strict)."""
    if not path.exists():
        return []
    items, problems = loader(path.read_text(encoding="utf-8"), display, build.data)
    for problem in problems:
        log.warning(problem)
    return items


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    """Every page's title and anchors are known now: check the sections that claims and events name."""
    slugify = (config.mdx_configs.get("toc") or {}).get("slugify", default_slugify)
    sources = {f.src_uri: f.content_string for f in files.documentation_pages()}  # read from disk once each
    anchors = {src: page_anchors(text, slugify) for src, text in sources.items()}
    titles = {page.file.src_uri: page.title for page in nav.pages}
    table = next((t for src, text in sources.items() if (t := marker_section(text, "[[claims]]", src, slugify))), "")
    build.site, build.nav = kclaims.Site(build.data, titles, anchors, table), nav
    for problem in kclaims.check_sections(build.claims, anchors, build.claims_path):
        log.warning(problem)
    for problem in timeline.check_sections(build.events, anchors, build.timeline_path):
        log.warning(problem)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Expand the marker lines; unknown names are warnings (errors under --strict)."""
    src = page.file.src_uri
    # Line numbers come from the source file, read again only for a page that has such a box.
    found = kclaims.handwritten_corrections(markdown) and kclaims.handwritten_corrections(page.file.content_string)
    for line in found:
        log.warning(
            f'docs/{src}:{line}: a "Correction" box is written by hand; fix: add the claim to '
            f'{build.claims_path} with its verdict and box, and put [[claims: {src[:-3]}]] after "In short"'
        )
    if "[[" not in markdown:
        return None
    result = expand(markdown, build.data, src, build.chart, _handlers(src))
    for line, message in result.problems:
        log.warning(f"docs/{src}:{source_line(page.file.content_string, markdown, line)}: {message}")
    build.pages[src] = result.charts
    return result.markdown


def _handlers(src: str) -> dict:
    """Marker -> function of the text after its colon, returning Markdown (see the module docstring)."""
    site = build.site

    def claims(arg: str) -> str:
        if not arg:
            return kclaims.verdict_table(build.claims, site, src)
        page = arg if arg.endswith(".md") else f"{arg}.md"
        if page not in site.anchors:
            raise MarkerError(f"[[claims: {arg}]]: no page docs/{page}; fix: name this page, [[claims: {src[:-3]}]]")
        build.placed.add(f"claims:{page}")
        return kclaims.page_boxes(build.claims, page, site)

    def claim(arg: str) -> str:
        found = next((c for c in build.claims if c.id == arg), None)
        if found is None or not found.box_title:
            close = difflib.get_close_matches(arg, [c.id for c in build.claims if c.box_title], n=1)
            raise MarkerError(
                f"[[claim: {arg}]]: no claim with a box has this id in {build.claims_path}"
                + (f"; fix: did you mean {close[0]!r}?" if close else "")
            )
        build.placed.add(f"claim:{arg}")
        return kclaims.box(found, site, src, link_section=found.page != src)

    def table(arg: str) -> str:
        name = arg or "generations"
        if name not in build.data.tables or not build.data.tables[name].is_matrix:
            raise MarkerError(f"[[generations: {name}]]: no matrix table {name!r} under tables: in {build.data.path}")
        return generations.render(build.data.tables[name], build.data, src)

    return {
        "claims": claims,
        "claim": claim,
        "generations": table,
        "corrections": lambda _: kclaims.corrections_list(build.claims, site, src),
        "claims-register": lambda _: kclaims.register(build.claims, site, src),
        "timeline": lambda _: timeline.render(build.events, build.data, src, site.titles, site.anchors),
    }


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> None:
    """Every page is converted: each correction must sit on its page, each other box somewhere."""
    for c in build.claims:
        if c.page not in build.site.anchors:
            continue  # already reported in on_nav
        if c.is_correction and f"claims:{c.page}" not in build.placed:
            log.warning(
                f"{build.claims_path}:{c.line}: claim {c.id!r} is a correction, but docs/{c.page} has no "
                f'[[claims: {c.page[:-3]}]] line; fix: put it right after the "In short" box'
            )
        elif not c.is_correction and c.box_title and f"claim:{c.id}" not in build.placed:
            log.warning(
                f"{build.claims_path}:{c.line}: claim {c.id!r} has a box that no page shows; fix: put "
                f"[[claim: {c.id}]] in the section {c.section}"
            )


def on_post_build(config: MkDocsConfig) -> None:
    """/llms.txt, /llms-full.txt and /claims.json, from the pages in nav order."""
    if build.nav is None:
        return
    site_url = config.site_url or "/"
    files = {p.file.src_uri: p.file.url.removeprefix("./") for p in build.nav.pages}

    def url_of(target: str) -> str | None:
        path, _, anchor = target.partition("#")
        if path not in files:
            return None
        return site_url + files[path] + (f"#{anchor}" if anchor else "")

    pages = [
        llms.PageText(
            p.title,
            p.file.src_uri,
            site_url + files[p.file.src_uri],
            str(p.meta.get("description") or ""),
            p.markdown or "",
            _section_of(p),
        )
        for p in build.nav.pages
    ]
    summary = config.site_description or ""
    out = Path(config.site_dir)
    data_files = [
        (
            "xref.json",
            site_url + "xref.json",
            "every term and indexed topic with the pages and sections that use it, and each page's related pages",
        ),
        (
            "claims.json",
            site_url + "claims.json",
            "each claim of the news summary with its German "
            "wording, verdict, reason, sources and the section that discusses it",
        ),
    ]
    (out / "llms.txt").write_text(
        llms.llms_txt(config.site_name, summary, pages, data_files, site_url + "llms-full.txt"), encoding="utf-8"
    )
    index = (config.extra.get("xref") or {}).get("page", "book-index.md")  # its entries are HTML, built by terms.py
    notes = {index: f"The entries of the index, with the pages and sections they point to, are in {site_url}xref.json."}
    (out / "llms-full.txt").write_text(
        llms.llms_full(config.site_name, summary, pages, url_of, notes), encoding="utf-8"
    )
    claims = kclaims.as_json(build.claims, build.site, lambda t: url_of(t) or t)
    (out / "claims.json").write_text(json.dumps({"claims": claims}, ensure_ascii=False, indent=1), encoding="utf-8")


def _section_of(page: Page) -> str:
    parent = page.parent
    return parent.title if isinstance(parent, Section) else ""


@event_priority(-100)  # after every other hook has rewritten the HTML, so none of them reparses the SVG
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Put each chart's SVG into its placeholder."""
    if not build.pages.get(page.file.src_uri):
        return None
    return insert_charts(html, build.charts)
