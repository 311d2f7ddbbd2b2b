"""`python -m adapters.prebuild`: the pre-build step for an engine that runs no MkDocs hooks (Zensical).

    python -m adapters.prebuild [--config zensical.yml]   check the site, convert every page, write the
                                                          glossary and index pages into docs/, the data
                                                          files into .pagework/site/
    python -m adapters.prebuild --clean                   take the generated pages out of docs/ again

Every page is converted once (core.pagework.prebuild), and core.sitecheck's checks run on that
conversion (`python -m adapters.check` runs the same): each problem is printed as the MkDocs build
words it, and any fails the step (as `--strict` does), since warnings of an extension do not fail a
Zensical build. Zensical checks the links and anchors itself.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.datapages.site import NumbersError
from core.pagework.prebuild import Prebuild, clean
from core.pagework.project import ProjectError
from core.sitecheck.run import check
from core.sourcefile import SourceError

from .reader import read_project
from .zensical_extension import WORK_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m adapters.prebuild", description=__doc__.split("\n")[0])
    parser.add_argument("--config", default="zensical.yml", type=Path, help="the site's config file")
    parser.add_argument("--clean", action="store_true", help="remove the generated pages from the docs directory")
    args = parser.parse_args(argv)
    try:
        project = read_project(args.config)
        if args.clean:
            clean(project)
            return 0
        step = Prebuild(project, draw=True)
        problems = check(step)
    except (ProjectError, SourceError, NumbersError, ImportError) as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    for note in step.notes:
        print(f"INFO: {note}", file=sys.stderr)
    for problem in problems:
        print(f"WARNING: {problem}", file=sys.stderr)
    if problems:
        print(f"Aborted with {len(problems)} warning(s) (the pre-build step is always strict)", file=sys.stderr)
        return 1
    work = args.config.resolve().parent / WORK_DIR
    step.write(work, work / "site")
    print(f"prebuild: {len(step.markdown)} generated page(s) in {project.docs}, data files in {work / 'site'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
