"""Every page of a project converted once, as the engine will convert it, outside the engine's build:
before Zensical (which runs no MkDocs hooks) and for the checks (`python -m adapters.check`).

Each page is converted with the engine's Markdown extensions and the build's PageWork (one
SiteBuild), authored pages first, then the glossary and the index; then the site-wide lists are
resolved. core.sitecheck runs its checks on this one conversion. `write` then puts the glossary and
index pages into the docs directory (the engine renders them like any page), and the rest into a
work directory: xref.json, llms.txt, llms-full.txt, claims.json for the built site, and state.json,
which adapters.zensical_extension reads while Zensical converts each page (the glossary's "Used on"
lines, the index's entries, each page's related pages and terms, every page's headings).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from markdown import Markdown

from core.sourcefile import split_front_matter
from core.termkit.records import Problem, Settings

from .generator import PageText, SiteInfo
from .page import CurrentPage
from .project import Project, source_links
from .sitebuild import SiteBuild

ID = re.compile(r'\sid="([^"]+)"')
STATE = "state.json"
GENERATED_NOTE = (
    "# Written by `python -m adapters.prebuild` from docs/data (and deleted after the build): edit those files.\n"
)
PageCheck = Callable[[str, str], None]  # (page src, its source text): checks run on each page before it is converted
# (page src, its source text, its HTML, whether the site generates it): checks run on each page once converted
ConvertedCheck = Callable[[str, str, str, bool], None]


class Prebuild:
    """One conversion of every page of a project, then `write` (or `clean`)."""

    def __init__(self, project: Project, draw: bool = True):
        """SourceError or NumbersError if the site's data cannot be read (draw: see SiteBuild)."""
        self.project = project
        self.problems: list[str] = []  # warnings: each fails the step
        self.notes: list[str] = []  # for information (e.g. terms used on no page)
        self.page: CurrentPage | None = None  # the page being converted
        self.build = SiteBuild(
            project.docs,
            project.extra,
            project.language,
            project.cache,
            extensions=project.extensions,
            current=lambda md: self.page,
            report=self.report,
            source=project.source,
            draw=draw,
        )
        self.markdown = self.build.generated_pages()  # generated page src -> its Markdown
        srcs = [*self.authored(), *self.markdown]
        urls = {src: project.url_of(src) for src in srcs}
        self.build.use_urls(urls, source_links({url: src for src, url in urls.items()}))
        titles = {entry.src: entry.title or "" for entry in project.nav}
        self.build.know_pages({src: split_front_matter(project.source(src))[0] for src in self.authored()}, titles)

    def report(self, problem: Problem) -> None:
        (self.problems if problem.warn else self.notes).append(problem.text)

    def authored(self) -> list[str]:
        """Every authored page, in the engine's order (a generated page left in docs/ left out)."""
        generated = self.build.settings.generated
        return [src for src in self.project.pages if src not in generated]

    def run(self, check: PageCheck | None = None, converted: ConvertedCheck | None = None) -> None:
        """Convert every page (check(src, text) before each authored one, converted(src, text, html,
        generated) after each), then resolve the site."""
        pages = [(src, self.project.source(src), False) for src in self.authored()]
        pages += [(src, text, True) for src, text in self.markdown.items()]
        for src, text, generated in pages:
            if check is not None and not generated:
                check(src, text)
            html = self.convert(src, text, generated)
            if converted is not None:
                converted(src, text, html, generated)
        self.build.resolve()

    def convert(self, src: str, text: str, generated: bool) -> str:
        """One page as the engine will convert it, recorded for the site-wide lists; its HTML."""
        project = self.project
        body, meta, _ = split_front_matter(text)
        url = project.url_of(src)
        self.page = CurrentPage(src, url, meta, partial(str, text), generated)
        md = Markdown(extensions=[*project.extensions, self.build.work], extension_configs=project.extension_configs)
        try:
            html = md.convert(body)
        finally:
            self.page = None
        rank, nav_title = self._nav.get(src, (len(self._nav), None))
        headings = self.build.headings.get(src, [])
        h1 = headings[0][2] if headings and headings[0][1] == 1 else ""
        self.build.record(
            src,
            url,
            str(nav_title or meta.get("title") or h1),  # as MkDocs titles a page: nav's, front matter's, the h1's
            rank,
            ID.findall(html),
            authored=not generated,
            related=meta.get("xref", True) is not False,
        )
        return html

    @cached_property
    def _nav(self) -> dict[str, tuple[int, str | None]]:
        """Each page in the navigation: (its place in it, its title there if nav gives one)."""
        found: dict[str, tuple[int, str | None]] = {}
        for rank, entry in enumerate(self.project.nav):
            if entry.src in found:  # a page named twice: ranked by its first place, titled by the first title
                found[entry.src] = (found[entry.src][0], found[entry.src][1] or entry.title)
            else:
                found[entry.src] = (rank, entry.title)
        return found

    def write(self, work_dir: Path, site_out: Path) -> None:
        """The generated pages into the docs directory; the data files and state.json under work_dir."""
        project, build = self.project, self.build
        for src, text in self.markdown.items():
            _write(project.docs / src, _with_note(text))
        site_out.mkdir(parents=True, exist_ok=True)
        build.write_xref(site_out)
        site = SiteInfo(project.name, project.description, project.url)
        build.write_site_files(site_out, site, self.page_texts())
        _write(work_dir / STATE, json.dumps(self.state(), ensure_ascii=False, indent=1))

    def state(self) -> dict[str, Any]:
        """What adapters.zensical_extension needs of the whole site while Zensical converts each page."""
        resolved, terms = self.build.resolved, self.build.terms
        assert resolved is not None, "run() first"
        return {
            "strings": terms.strings,
            "used_on": resolved.used_on_lines(),
            "index_html": resolved.index_html(),
            "pages": {r.src: resolved.page_context(r.url) for r in terms.reports.values() if r.authored},
            "headings": self.build.headings,
        }

    def page_texts(self) -> list[PageText]:
        """The pages in navigation order, as llms.txt and llms-full.txt list them."""
        texts = {**{src: self.project.source(src) for src in self.authored()}, **self.markdown}
        pages: list[PageText] = []
        for entry in self.project.nav:
            body, meta, _ = split_front_matter(texts.get(entry.src, ""))
            title = entry.title or str(meta.get("title") or "")
            description = str(meta.get("description") or "")
            pages.append(self.build.page_text(entry.src, title, description, body, entry.section))
        return pages


def clean(project: Project) -> None:
    """Take the generated pages out of the docs directory again (only files that `write` wrote)."""
    extra = project.extra
    settings = Settings.read(extra.get("glossary") or {}, extra.get("xref") or {})
    for src in settings.generated:
        path = project.docs / src
        if path.is_file() and path.read_text(encoding="utf-8").startswith("---\n" + GENERATED_NOTE):
            path.unlink()


def _with_note(markdown: str) -> str:
    """The generated page with a note as the first line of its front matter (a YAML comment: no trace in the page)."""
    return "---\n" + GENERATED_NOTE + markdown.removeprefix("---\n")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:  # unchanged files keep their time
        path.write_text(text, encoding="utf-8")
