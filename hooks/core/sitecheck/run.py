"""The checks on a whole project, on one conversion of its pages (core.pagework.prebuild): what
`python -m adapters.check` prints and what `python -m adapters.prebuild` stops at before Zensical.

The order follows a MkDocs build: the data files (while the build is made), then page by page (front
matter and footnotes, then the `[[…]]` markers and terms while it is converted), then what the
glossary, the index and the claims find once every page is.
"""

from __future__ import annotations

from core.pagework.prebuild import Prebuild

from .source import page_problems


def check(step: Prebuild) -> list[str]:
    """Convert every page of step's project once, with the page checks before each: every problem."""

    def page(src: str, text: str) -> None:
        step.problems.extend(page_problems(src, text.replace("\r\n", "\n"))[0])

    step.run(page)
    return step.problems
