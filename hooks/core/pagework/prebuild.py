"""Before an engine that runs no hooks (Zensical) builds: convert every page once, resolve the site.

Each page is converted with the config's Markdown extensions and PageWork, as the engine will
convert it, to learn what the site-wide lists need (termkit's PageReport); sitecheck's checks run
on the same conversion (sitecheck.run drives the steps), so `python -m sitecheck` checks exactly
what is built. Then the glossary and index pages are written into the docs directory (the engine
renders them like any page), and the rest into a work directory: xref.json, llms.txt,
llms-full.txt, claims.json for the built site, and state.json, which pagework.zensical reads while
the engine converts each page (the glossary's "Used on" lines, the index's entries, each page's
related pages and terms).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown

from termkit.resolution import Resolution
from termkit.site import PageReport, Problem

from .extension import PageWork
from .generator import NavPage, SiteInfo, generated_pages, write_site_files, write_xref
from .page import CurrentPage
from .project import GENERATED_NOTE, Project, source_links, split_front_matter

ID = re.compile(r'\sid="([^"]+)"')
STATE = "state.json"
Heading = tuple[str, int, str]  # (id, level, text) of a heading, in reading order


@dataclass
class Converted:
    """One page as converted, with what the checks and the site-wide lists need of it."""

    page: CurrentPage
    html: str
    headings: list[Heading]
    problems: list[Problem]  # what termkit found recording the page (the caller reports them)


@dataclass
class Prebuild:
    """One conversion of every page, in steps: `prepare`, `convert` each of `pages`, `finish`, then
    `write`. sitecheck.run.Run drives them, with its checks and collectors between (one conversion
    serves both: `python -m pagework` is `python -m sitecheck` plus `write`)."""

    project: Project
    problems: list[str] = field(default_factory=list)  # warnings: each fails the step
    notes: list[str] = field(default_factory=list)  # for information (e.g. terms used on no page)
    markdown: dict[str, str] = field(default_factory=dict)  # generated page src -> its Markdown
    resolved: Resolution | None = None

    def prepare(self) -> None:
        """The generated pages' Markdown; term links written as paths of source files (see source_links)."""
        project, terms = self.project, self.project.terms
        if terms is not None:
            self.markdown = generated_pages(terms, "attr_list" in project.extensions()[0])
            srcs = [*project.authored(), *self.markdown]
            terms.link = source_links({project.url_of(src): src for src in srcs})
            terms.glossary_url = project.url_of(terms.settings.page)

    def pages(self) -> list[tuple[str, str, bool]]:
        """(src, source text, generated) of every page, authored ones first, in MkDocs' order."""
        pages = [(src, text, False) for src, text in self.project.sources().items()]
        return pages + [(src, text, True) for src, text in self.markdown.items()]

    def convert(self, src: str, text: str, generated: bool, extra: Sequence[Extension] = ()) -> Converted:
        """Convert one page as the engine will (the config's extensions, PageWork, and extra), and record it."""
        project, terms = self.project, self.project.terms
        body, meta, _ = split_front_matter(text)
        page = CurrentPage(src, project.url_of(src), meta, partial(str, text), generated)
        work = PageWork(partial(_same, page))
        work.terms, work.numbers = terms, project.numbers
        names, configs = project.extensions()
        md = Markdown(extensions=[*names, work, *extra], extension_configs=configs)
        html = md.convert(body)
        converted = Converted(page, html, list(_flatten(getattr(md, "toc_tokens", []))), [])
        if terms is not None:
            converted.problems = terms.record(self._page_report(converted))
        return converted

    @cached_property
    def _nav(self) -> dict[str, tuple[int, str | None]]:
        """Each page in the navigation: (its place in it, its title there if nav gives one)."""
        found: dict[str, tuple[int, str | None]] = {}
        for rank, entry in enumerate(self.project.nav_pages()):
            if entry.src in found:  # a page named twice: ranked by its first place, titled by the first title
                found[entry.src] = (found[entry.src][0], found[entry.src][1] or entry.title)
            else:
                found[entry.src] = (rank, entry.title)
        return found

    def _page_report(self, converted: Converted) -> PageReport:
        """What termkit records of a page; its title as MkDocs gives it: nav's, front matter's, or the h1's."""
        page, headings, nav = converted.page, converted.headings, self._nav
        rank, nav_title = nav.get(page.src, (len(nav), None))
        title = nav_title or page.meta.get("title")
        h1 = headings[0][2] if headings and headings[0][1] == 1 else ""
        return PageReport(
            page.src,
            page.url,
            str(title or h1),
            rank,
            headings={anchor: None if level <= 1 else text for anchor, level, text in headings},
            anchors=frozenset(ID.findall(converted.html)),
            authored=not page.generated,
            related=page.meta.get("xref", True) is not False,
        )

    def finish(self) -> None:
        """Once every page is converted: the site-wide lists resolved, the claims' placements checked."""
        terms, numbers = self.project.terms, self.project.numbers
        if terms is not None:
            self.resolved, problems = terms.resolve()
            self.report(problems)
        if numbers is not None:
            numbers.check_placements()

    def report(self, problems: list[Problem]) -> None:
        for _, text, warn in problems:
            (self.problems if warn else self.notes).append(text)

    def write(self, work_dir: Path, site_out: Path) -> None:
        """The generated pages into the docs directory; the data files and state.json under work_dir."""
        project = self.project
        for src, text in self.markdown.items():
            _write(project.docs / src, _with_note(text))
        site_out.mkdir(parents=True, exist_ok=True)
        state: dict[str, Any] = {}
        if self.resolved is not None and project.terms is not None:
            write_xref(site_out, self.resolved)
            state = _state(self.resolved, project)
        if project.numbers is not None:
            write_site_files(site_out, _site_info(project), self.nav_pages(), project.numbers)
        _write(work_dir / STATE, json.dumps(state, ensure_ascii=False, indent=1))

    def nav_pages(self) -> list[NavPage]:
        project, pages = self.project, []
        texts = {**project.sources(), **self.markdown}
        for entry in project.nav_pages():
            body, meta, _ = split_front_matter(texts.get(entry.src, ""))
            title = entry.title or str(meta.get("title") or "")
            url, description = project.url_of(entry.src), str(meta.get("description") or "")
            pages.append(NavPage(title, entry.src, url, description, body, entry.section))
        return pages

    def clean(self) -> None:
        """Take the generated pages out of the docs directory again (only files this step wrote)."""
        for src in self.project.generated_srcs():
            path = self.project.docs / src
            if path.is_file() and path.read_text(encoding="utf-8").startswith("---\n" + GENERATED_NOTE):
                path.unlink()


def _state(resolved: Resolution, project: Project) -> dict[str, Any]:
    terms = resolved.site
    return {
        "glossary": terms.settings.page,
        "index": terms.settings.index_page,
        "strings": terms.strings,
        "used_on": {term_id: resolved.used_on_line(term_id) for term_id in terms.glossary.terms},
        "index_html": resolved.index_html(),
        "pages": {r.src: resolved.page_context(r.url) for r in terms.reports.values() if r.authored},
    }


def _site_info(project: Project) -> SiteInfo:
    config = project.config
    index = (config.get("extra") or {}).get("xref", {}).get("page", "book-index.md")
    return SiteInfo(config["site_name"], config.get("site_description") or "", config.get("site_url") or "/", index)


def _with_note(markdown: str) -> str:
    """The generated page with a note as the first line of its front matter (a YAML comment: no trace in the page)."""
    return "---\n" + GENERATED_NOTE + markdown.removeprefix("---\n")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:  # unchanged files keep their time
        path.write_text(text, encoding="utf-8")


def _same(page: CurrentPage, md: Markdown) -> CurrentPage:
    return page


def _flatten(tokens: list[dict[str, Any]]) -> Iterator[Heading]:
    """(id, level, text) of every heading in the toc extension's nested tokens, in reading order."""
    for token in tokens:
        yield str(token["id"]), int(token["level"]), str(token["name"])
        yield from _flatten(token.get("children") or [])
