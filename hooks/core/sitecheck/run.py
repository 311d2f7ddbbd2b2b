"""The checks on a whole project, on one conversion of its pages (core.pagework.prebuild): what
`python -m adapters.check` prints and what `python -m adapters.prebuild` stops at before Zensical.

The order follows a MkDocs build: the data files and strings.yml's words (while the build is made),
then page by page (front matter and footnotes, then the `[[…]]` markers and terms while it is
converted, then active markup in the page as converted), then what the glossary, the index and the
claims find once every page is.
"""

from __future__ import annotations

from core.pagework.prebuild import Prebuild

from .active import ActiveMarkup
from .source import page_problems


def check(step: Prebuild) -> list[str]:
    """Convert every page of step's project once, with the page checks before each and the check for
    active markup after each: every problem."""
    active = ActiveMarkup(step.project.docs)
    step.problems.extend(active.words())

    def page(src: str, text: str) -> None:
        step.problems.extend(page_problems(src, text.replace("\r\n", "\n"))[0])

    def converted(src: str, text: str, html: str, generated: bool) -> None:
        step.problems.extend(active.page(src, text, html, generated))

    step.run(page, converted)
    return step.problems


def checked(step: Prebuild) -> str:
    """What a run that found nothing checked, in one line: the pages, and each data file with what it holds
    (so an editor sees a new term or source counted). Links, anchors and the navigation are the build's."""
    terms, numbers, data = step.build.terms, step.build.numbers, step.build.numbers.data
    held = f"{len(data.sources)} sources, {len(data.subjects)} models, laws and facts, {len(data.tables)} tables"
    return (
        f"sitecheck: ok, no problems in {len(step.authored())} pages (front matter, footnotes, [[…]] markers, "
        f"term links, index markers, active markup), docs/{terms.settings.source} ({len(terms.glossary.terms)} "
        f"terms), {data.path} ({held}), {numbers.claims_path} ({len(numbers.claims)} claims) and "
        f"{numbers.timeline_path} ({len(numbers.events)} events)"
    )
