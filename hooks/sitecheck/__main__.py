"""`python -m sitecheck [path/to/mkdocs.yml]` (with hooks/ on sys.path): print every problem of the
project, one per line, and exit 1 if there is any; else say "ok" and what was checked, and exit 0."""

from __future__ import annotations

import sys
from pathlib import Path

from pagework.project import ProjectError

from .run import checked, checks


def main(argv: list[str]) -> int:
    """Check the project of argv[0] (default: ./mkdocs.yml); 2 if it cannot be read at all."""
    config = Path(argv[0] if argv else "mkdocs.yml")
    if not config.is_file():
        print(f"{config}: no such file; give the path of the project's mkdocs.yml", file=sys.stderr)
        return 2
    try:
        problems, step = checks(config)
    except (ProjectError, ImportError) as exc:  # mkdocs.yml unreadable, or a Markdown extension not installed
        print(f"{config}: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    if not problems:
        print(checked(step))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
