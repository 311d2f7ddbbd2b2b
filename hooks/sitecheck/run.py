"""Every check on a whole project, without an engine: what `python -m sitecheck` runs.

The order follows a MkDocs build: the data files, the navigation, then page by page (front
matter and footnotes, `[[…]]` markers, links to files), then links to anchors (they need every
page), then what the glossary and the index find once every page is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify as default_slugify

from termkit.model import GlossaryError, line_of
from termkit.site import PageReport, Settings, TermSite

from . import markers, messages
from .convert import Converted, convert
from .links import Links, nav_problems
from .project import Project, load_project, nav_paths
from .source import page_problems, split_front_matter


@dataclass
class Run:
    """One run of the checks: the project, its pages' sources (generated ones too), what they hold."""

    project: Project
    sources: dict[str, str] = field(default_factory=dict)  # page -> its Markdown, front matter included
    generated: set[str] = field(default_factory=set)  # pages the glossary writes
    converted: dict[str, Converted] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    terms: TermSite | None = None

    def view(self) -> messages.SiteView:
        """The site as sitecheck.messages sees it."""
        files = [*self.project.files, *sorted(self.generated - set(self.project.files))]
        pages = [src for src in files if src in self.sources]
        return messages.SiteView(
            source=lambda src: self.sources.get(src, ""),
            files=lambda: files,
            pages=lambda: pages,
            anchors=self.anchors,
            generated=lambda src: src in self.generated,
            config_name=self.project.config_file.name,
            config_text=self.project.config_text,
        )

    def anchors(self, src: str) -> list[str]:
        """A converted page's anchors, headings first (of the glossary only its title: as on the MkDocs
        site, whose glossary has no table of contents, and the letter bar does its work)."""
        page = self.converted.get(src)
        if page is None:
            return []
        glossary = self.terms is not None and src == self.terms.settings.page
        headings = [anchor for anchor, level, _ in page.headings if level <= 1 or not glossary]
        return messages.ordered_anchors(headings, page.ids)


def check(config_file: Path) -> list[str]:
    """Every problem of the project whose mkdocs.yml is config_file, as "docs/<file>:<line>: ...; fix: ..."."""
    project = load_project(config_file)
    run = Run(project, {src: (project.docs_dir / src).read_text(encoding="utf-8") for src in project.pages})
    _load_terms(run)
    keynumbers, found = markers.load(project.docs_dir, project.extra("keynumbers"))
    run.problems += found
    site = run.view()
    named = list(nav_paths(project.config.get("nav")))
    validation = project.config.get("validation") or {}
    if project.config.get("nav") is not None:
        run.problems += nav_problems(site, validation, named, site.pages(), project.not_in_nav)
    if keynumbers is not None:
        slugify = (project.extensions[1].get("toc") or {}).get("slugify")
        titles = {src: src for src in run.sources}  # only the text of links the markers write: unchecked
        run.problems += markers.set_pages(keynumbers, run.sources, titles, slugify or default_slugify)
    links = Links(site, set(site.files()), validation, bool(project.config.get("use_directory_urls", True)))
    for src in site.pages():
        _check_page(run, site, links, keynumbers, src)
    if keynumbers is not None:
        run.problems += markers.unplaced(keynumbers)
    run.problems += links.anchors(lambda src: run.converted[src].ids if src in run.converted else None)
    if run.terms is not None:
        _, resolved = run.terms.resolve()
        run.problems += [problem.text for problem in resolved if problem.warn]
    return run.problems


def _load_terms(run: Run) -> None:
    """The glossary and the pages it writes; a glossary that cannot be read is a problem, and no term is linked."""
    project = run.project
    language = (project.config.get("theme") or {}).get("language") or "en"
    where = lambda src, text: f"docs/{src}:{line_of(run.sources.get(src, ''), text)}"  # noqa: E731
    try:
        run.terms = TermSite.load(project.docs_dir, project.extra("glossary"), project.extra("xref"), language, where)
    except GlossaryError as exc:
        run.problems.append(str(exc))
        try:  # the pages exist all the same (links to them are not broken); their anchors are unknown
            settings = Settings.read(project.extra("glossary"), project.extra("xref"))
        except (GlossaryError, TypeError):
            settings = Settings()
        run.generated = {settings.page, settings.index_page}
        return
    generated = run.terms.generated_pages(attr_list="attr_list" in project.extensions[0])
    run.sources.update(generated)
    run.generated = set(generated)
    run.terms.glossary_url = project.url_of(run.terms.settings.page)


def _check_page(
    run: Run, site: messages.SiteView, links: Links, keynumbers: markers.KeyNumberData | None, src: str
) -> None:
    """A page's own problems, its markers' and its links' (to files); converts it and records its terms."""
    source = run.sources[src].replace("\r\n", "\n")
    found, unused = page_problems(src, source)
    run.problems += found
    site.unused_footnotes |= {(src, label) for label in unused}
    body, meta, offset = split_front_matter(source)
    if keynumbers is not None:
        run.problems += markers.handwritten_boxes(keynumbers, src, body, source)
        body, marker_problems = markers.expand_page(keynumbers, src, body)
        run.problems += [f"docs/{src}:{offset + line}: {problem}" for line, problem in marker_problems]
    authored, url = src not in run.generated, run.project.url_of(src)
    terms = run.terms

    def link_terms(root: Any, raw_html: Any) -> None:
        if terms is not None:
            terms.link_page(root, raw_html, src=src, url=url, meta=meta, source=source, authored=authored)

    extensions, configs = run.project.extensions
    page = run.converted[src] = convert(body, extensions, configs, link_terms, generated=not authored)
    run.problems += links.page(src, page.links)
    if terms is not None:
        headings = {anchor: None if level <= 1 else text for anchor, level, text in page.headings}
        title, related = str(meta.get("title") or page.title()), meta.get("xref", True) is not False
        report = PageReport(src, url, title, 0, headings=headings, anchors=frozenset(page.ids), authored=authored)
        report.related = related
        run.problems += [problem.text for problem in terms.record(report) if problem.warn]
