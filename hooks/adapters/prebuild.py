"""`python -m pagework`: the pre-build step for an engine that runs no hooks (Zensical).

    python -m pagework [--config zensical.yml]   check the site, convert every page, write the glossary
                                                 and index pages into docs/, the data files into .pagework/site/
    python -m pagework --clean                   take the generated pages out of docs/ again

Every page is converted once, and sitecheck's checks run on that conversion (`python -m sitecheck`
runs the same): each problem is printed as the MkDocs build words it, and any fails the step (as
`--strict` does), since warnings of an extension do not fail a Zensical build.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitecheck.run import checks

from .prebuild import Prebuild
from .project import Project, ProjectError
from .zensical import WORK_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pagework", description=__doc__.split("\n")[0])
    parser.add_argument("--config", default="zensical.yml", type=Path, help="the site's config file")
    parser.add_argument("--clean", action="store_true", help="remove the generated pages from the docs directory")
    args = parser.parse_args(argv)
    try:
        if args.clean:
            Prebuild(Project.read(args.config)).clean()
            return 0
        problems, step = checks(args.config, draw=True)
    except (ProjectError, ImportError) as exc:
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
    print(f"pagework: {len(step.markdown)} generated page(s) in {step.project.docs}, data files in {work / 'site'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
