"""Every check on a whole project, without an engine: what `python -m sitecheck` runs, and what
`python -m pagework` runs on its own conversion before Zensical builds.

The pages are converted by pagework.prebuild, with PageWork, exactly as the build converts them
(terms linked, `[[…]]` markers expanded by keynumbers.site); sitecheck adds its collectors of links
and ids (sitecheck.convert). The order follows a MkDocs build: the data files, the navigation, then
page by page (front matter and footnotes, `[[…]]` markers, links to files, terms), then links to
anchors (they need every page), then what the glossary, the index and the claims find once every
page is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from keynumbers.site import NumbersError
from pagework.prebuild import Converted, Prebuild
from pagework.project import Project
from sourcefile import SourceError

from . import messages
from .active import ActiveMarkup
from .convert import Collect, Found
from .links import Links, nav_problems
from .source import page_problems


@dataclass
class Run:
    """One run of the checks on one conversion of the project (step.project)."""

    step: Prebuild
    sources: dict[str, str] = field(default_factory=dict)  # page -> its Markdown, front matter included
    generated: set[str] = field(default_factory=set)  # pages the glossary writes
    converted: dict[str, Converted] = field(default_factory=dict)
    found: dict[str, Found] = field(default_factory=dict)  # page -> its links and ids
    problems: list[str] = field(default_factory=list)
    active: ActiveMarkup = field(init=False)  # script and the like in what editors write

    def __post_init__(self) -> None:
        self.active = ActiveMarkup(self.project.docs)

    @property
    def project(self) -> Project:
        return self.step.project

    def view(self) -> messages.SiteView:
        """The site as sitecheck.messages sees it."""
        files = [*self.project.files, *sorted(self.generated - set(self.project.files))]
        pages = [src for src in files if src in self.sources]
        config_name, config_text = self.project.nav_file()
        return messages.SiteView(
            source=lambda src: self.sources.get(src, ""),
            files=lambda: files,
            pages=lambda: pages,
            anchors=self.anchors,
            generated=lambda src: src in self.generated,
            config_name=config_name,
            config_text=config_text,
        )

    def anchors(self, src: str) -> list[str]:
        """A converted page's anchors, headings first (of the glossary only its title: as on the MkDocs
        site, whose glossary has no table of contents, and the letter bar does its work)."""
        page, found = self.converted.get(src), self.found.get(src)
        if page is None or found is None:
            return []
        terms = self.project.terms
        glossary = terms is not None and src == terms.settings.page
        headings = [anchor for anchor, level, _ in page.headings if level <= 1 or not glossary]
        return messages.ordered_anchors(headings, found.ids)

    def check(self) -> list[str]:
        """Convert every page once, with the checks between; every problem found, in a build's order."""
        step, project = self.step, self.project
        step.prepare()
        self.sources = {**project.sources(), **step.markdown}
        self.generated |= set(step.markdown)
        site = self.view()
        validation = project.config.get("validation") or {}
        if project.config.get("nav") is not None:
            named = [entry.src for entry in project.nav]
            self.problems += nav_problems(site, validation, named, site.pages(), project.not_in_nav)
        links = Links(site, set(site.files()), validation, bool(project.config.get("use_directory_urls", True)))
        self.problems += self.active.words()
        for src, text, generated in step.pages():
            self._check_page(site, links, src, text, generated)
        step.finish()  # the claims' placements go to self.problems (see `checks`), the glossary's to step's
        self.problems += links.anchors(lambda src: self.found[src].ids if src in self.found else None)
        self.problems += step.problems
        return self.problems

    def _check_page(self, site: messages.SiteView, links: Links, src: str, text: str, generated: bool) -> None:
        """A page's own problems, its markers' (while converted) and its links' to files; then its terms'."""
        found, unused = page_problems(src, text.replace("\r\n", "\n"))
        self.problems += found
        site.unused_footnotes |= {(src, label) for label in unused}
        collected = self.found[src] = Found()
        converted = self.converted[src] = self.step.convert(src, text, generated, [Collect(collected)])
        self.problems += links.page(src, collected.links)
        self.problems += self.active.page(src, text, converted.html, generated)
        self.problems += [problem.text for problem in converted.problems if problem.warn]
        self.step.notes += [problem.text for problem in converted.problems if not problem.warn]


def checks(config_file: Path, draw: bool = False) -> tuple[list[str], Prebuild]:
    """Every problem of the project whose config is config_file, and the conversion they were found on.
    draw: whether charts are drawn (`python -m pagework` keeps them for the engine). ProjectError if
    the config cannot be read; data that cannot be read is a problem, and what needs it is not checked."""
    project, problems, generated = Project.read(config_file), list[str](), set[str]()
    if project.uses("terms.py"):
        try:
            project.load_terms()
        except SourceError as exc:  # no term is linked; the glossary's pages exist all the same
            problems.append(str(exc))
            generated = set(project.generated_srcs())
    if project.uses("charts.py"):
        try:
            project.load_numbers(draw)
        except NumbersError as exc:
            return [*problems, str(exc)], Prebuild(project)
    run = Run(Prebuild(project), generated=generated, problems=[*problems, *project.problems])
    if project.numbers is not None:
        project.numbers.report = run.problems.append  # a marker's problem in its place among the page's
    return run.check(), run.step


def checked(step: Prebuild) -> str:
    """What a run that found nothing checked, in one line: the pages, and each data file with what it holds
    (so an editor sees a new term or source counted)."""
    project, terms, numbers = step.project, step.project.terms, step.project.numbers
    parts = [
        f"{len(project.sources())} pages (front matter, footnotes, links, anchors, [[…]] markers, term links, "
        "index markers, active markup), the navigation"
    ]
    if terms is not None:
        parts.append(f"docs/{terms.settings.source} ({len(terms.glossary.terms)} terms)")
    if numbers is not None:
        data = numbers.data
        held = f"{len(data.sources)} sources, {len(data.subjects)} models, laws and facts, {len(data.tables)} tables"
        parts.append(f"{data.path} ({held})")
        parts.append(f"{numbers.claims_path} ({len(numbers.claims)} claims)")
        parts.append(f"{numbers.timeline_path} ({len(numbers.events)} events)")
    listed = f"{', '.join(parts[:-1])} and {parts[-1]}" if len(parts) > 1 else parts[0]
    return f"sitecheck: ok, no problems in {listed}"


def check(config_file: Path) -> list[str]:
    """Every problem of the project whose mkdocs.yml is config_file, as "docs/<file>:<line>: ...; fix: ..."."""
    return checks(config_file)[0]
