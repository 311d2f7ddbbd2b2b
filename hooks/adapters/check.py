"""`python -m adapters.check [path/to/mkdocs.yml]` (with hooks/ on sys.path): the checks that neither
engine makes (core.sitecheck), on one conversion of the project, without building it. Prints every
problem, one per line, and exits 1 if there is any; else says "ok" and what it checked, and exits 0;
exits 2 if the config cannot be read.

The config is read by the engine that is installed (adapters.reader). Links, anchors and the
navigation are checked by the engines' builds (`make build`, `make build-zensical`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from core.datapages.site import NumbersError
from core.pagework.prebuild import Prebuild
from core.pagework.project import ProjectError
from core.sitecheck.run import check, checked
from core.sourcefile import SourceError

from .reader import read_project


def main(argv: list[str]) -> int:
    """Check the project of argv[0] (default: ./mkdocs.yml)."""
    config = Path(argv[0] if argv else "mkdocs.yml")
    if not config.is_file():
        print(f"{config}: no such file; give the path of the project's mkdocs.yml", file=sys.stderr)
        return 2
    try:
        project = read_project(config)
    except (ProjectError, ImportError) as exc:  # the config unreadable, or a Markdown extension not installed
        print(f"{config}: {exc}", file=sys.stderr)
        return 2
    try:
        step = Prebuild(project, draw=False)
        problems = check(step)
    except (SourceError, NumbersError) as exc:  # the site's data cannot be read: one problem, as a build says
        print(exc)
        return 1
    for problem in problems:
        print(problem)
    if not problems:
        print(checked(step))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
