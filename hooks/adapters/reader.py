"""Which engine reads a project's config outside a build: MkDocs where it is installed (the site's
virtual environment), else Zensical (its own, which has no MkDocs)."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from core.pagework.project import Project


def read_project(config_file: Path) -> Project:
    """The project of config_file, read by the installed engine; ProjectError if it cannot use it."""
    if find_spec("mkdocs") is not None:
        from . import mkdocs_project

        return mkdocs_project.read(config_file)
    from . import zensical_project

    return zensical_project.read(config_file)
