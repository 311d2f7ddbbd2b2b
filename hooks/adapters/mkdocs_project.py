"""A Project (core.pagework.project) read by MkDocs' own reader: `mkdocs.config.load_config` (INHERIT,
!ENV, defaults, the Markdown extensions as MkDocs passes them), `get_files` (exclude_docs, not_in_nav,
URLs) and the navigation as `get_navigation` builds it. What `python -m adapters.check` and the
pre-build step use where MkDocs is installed."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import Section, get_navigation

from core.pagework.project import NavEntry, Project, ProjectError

ADAPTER_PREFIX = "adapters."  # the Zensical adapter among the Markdown extensions: not for a conversion here


def read(config_file: Path) -> Project:
    """The project of config_file; ProjectError if MkDocs cannot use it."""
    try:
        with _quiet("mkdocs"):
            config = load_config(str(config_file))
    except MkDocsException as exc:  # MkDocs has logged what is wrong (its Abort is also a SystemExit)
        raise ProjectError(str(exc)) from None
    files = get_files(config)
    with _quiet("mkdocs.structure.nav"):  # MkDocs' build reports the navigation's problems, not this reader
        nav = get_navigation(files, config)
    entries = [
        NavEntry(page.file.src_uri, page.title, page.parent.title if isinstance(page.parent, Section) else "")
        for page in nav.pages
    ]
    return Project(
        config_file=config_file,
        docs=Path(config.docs_dir),
        name=config.site_name,
        description=config.site_description or "",
        url=config.site_url or "/",
        language=config.theme.get("language") or "en",
        extra=dict(config.extra),
        use_directory_urls=config.use_directory_urls,
        extensions=[e for e in config.markdown_extensions if not str(e).startswith(ADAPTER_PREFIX)],
        extension_configs={k: v for k, v in config.mdx_configs.items() if not k.startswith(ADAPTER_PREFIX)},
        pages=[file.src_uri for file in files.documentation_pages()],
        nav=entries,
    )


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    """MkDocs' log messages below ERROR left out while reading (they are its build's to report)."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
