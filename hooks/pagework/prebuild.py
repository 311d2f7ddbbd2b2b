"""Before an engine that runs no hooks (Zensical) builds: convert every page once, resolve the site.

Each page is converted with the config's Markdown extensions and PageWork, as the engine will
convert it, to learn what the site-wide lists need (termkit's PageReport); then the glossary and
index pages are written into the docs directory (the engine renders them like any page), and the
rest into a work directory: xref.json, llms.txt, llms-full.txt, claims.json for the built site,
and state.json, which pagework.zensical reads while the engine converts each page (the glossary's
"Used on" lines, the index's entries, each page's related pages and terms).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from markdown import Markdown

from termkit.resolution import Resolution
from termkit.site import PageReport, Problem

from .extension import PageWork
from .generator import NavPage, SiteInfo, generated_pages, write_site_files, write_xref
from .page import CurrentPage
from .project import GENERATED_NOTE, Project, source_links, split_front_matter

ID = re.compile(r'\sid="([^"]+)"')
STATE = "state.json"


@dataclass
class Prebuild:
    project: Project
    problems: list[str] = field(default_factory=list)  # warnings: each fails the step
    notes: list[str] = field(default_factory=list)  # for information (e.g. terms used on no page)
    markdown: dict[str, str] = field(default_factory=dict)  # generated page src -> its Markdown
    resolved: Resolution | None = None

    def run(self) -> None:
        project, terms = self.project, self.project.terms
        if terms is not None:
            self.markdown = generated_pages(terms, "attr_list" in project.extensions()[0])
            srcs = [*project.sources(), *self.markdown]
            terms.link = source_links({project.url_of(src): src for src in srcs})
            terms.glossary_url = project.url_of(terms.settings.page)
        self._convert_all()
        if terms is not None:
            self.resolved, problems = terms.resolve()
            self._report(problems)
        if project.numbers is not None:
            project.numbers.check_placements()
        self.problems[:0] = project.problems  # what the key numbers reported, from loading them on

    def _convert_all(self) -> None:
        project, terms = self.project, self.project.terms
        rank = {entry.src: i for i, entry in enumerate(project.nav)}
        titles = {entry.src: entry.title for entry in project.nav}
        pages = [(src, text, False) for src, text in project.sources().items()]
        pages += [(src, text, True) for src, text in self.markdown.items()]
        names, configs = project.extensions()
        for src, text, generated in pages:
            meta, body = split_front_matter(text)
            page = CurrentPage(src, project.url_of(src), meta, partial(str, text), generated)
            work = PageWork(partial(_same, page))
            work.terms, work.numbers = terms, project.numbers
            md = Markdown(extensions=[*names, work], extension_configs=configs)
            html = md.convert(body)
            if terms is not None:
                headings = dict(_headings(getattr(md, "toc_tokens", [])))
                title = titles.get(src) or str(meta.get("title") or "") or _first_title(md)
                report = PageReport(
                    src,
                    page.url,
                    title,
                    rank.get(src, len(rank)),
                    headings=headings,
                    anchors=frozenset(ID.findall(html)),
                    authored=not generated,
                    related=meta.get("xref", True) is not False,
                )
                self._report(terms.record(report))

    def _report(self, problems: list[Problem]) -> None:
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
        for entry in project.nav:
            meta, body = split_front_matter(texts.get(entry.src, ""))
            title = entry.title or str(meta.get("title") or "")
            pages.append(
                NavPage(
                    title, entry.src, project.url_of(entry.src), str(meta.get("description") or ""), body, entry.section
                )
            )
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


def _headings(tokens: list[dict[str, Any]]) -> Iterator[tuple[str, str | None]]:
    for token in tokens:
        yield token["id"], None if token["level"] <= 1 else token["name"]
        yield from _headings(token["children"])


def _first_title(md: Markdown) -> str:
    tokens: list[dict[str, Any]] = getattr(md, "toc_tokens", [])
    return str(tokens[0]["name"]) if tokens and tokens[0]["level"] == 1 else ""
