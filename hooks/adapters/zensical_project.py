"""A Project (core.pagework.project) read by Zensical's own reader, `zensical.config.parse_config`
(INHERIT, !ENV, its defaults and its list of Markdown extensions), where Zensical runs: the pre-build
step before a Zensical build and the checks in Zensical's virtual environment, which has no MkDocs.

Zensical lists the files of docs/ in its Rust core; `pages` lists the Markdown pages the same way
MkDocs does (docs/'s files sorted, index first; `exclude_docs:` and dot files left out).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pathspec

from core.pagework.project import NavEntry, Project, ProjectError

ADAPTER_PREFIX = "adapters."  # this package's extension among the Markdown extensions: not for a conversion here
MARKDOWN_SUFFIXES = (".md", ".markdown")


def read(config_file: Path) -> Project:
    """The project of config_file; ProjectError if Zensical cannot use it."""
    from click import ClickException  # Zensical's errors are click's
    from zensical.config import parse_config

    try:
        config = parse_config(str(config_file))
    except (ClickException, OSError) as exc:
        message = exc.format_message() if isinstance(exc, ClickException) else str(exc)
        raise ProjectError(message) from None
    return from_config(config, config_file)


def from_config(config: Mapping[str, Any], config_file: Path) -> Project:
    """The project of a config as parse_config gives it (also inside a Zensical build, where the
    config is the one Zensical renders with)."""
    docs = (Path(config.get("root_dir") or ".") / str(config["docs_dir"])).resolve()
    return Project(
        config_file=config_file,
        docs=docs,
        name=str(config["site_name"]),
        description=str(config.get("site_description") or ""),
        url=str(config.get("site_url") or "/"),
        language=str((config.get("theme") or {}).get("language") or "en"),
        extra=dict(config.get("extra") or {}),
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        extensions=[e for e in config["markdown_extensions"] if not str(e).startswith(ADAPTER_PREFIX)],
        extension_configs={k: v for k, v in config["mdx_configs"].items() if not k.startswith(ADAPTER_PREFIX)},
        pages=list(_pages(docs, str(config.get("exclude_docs") or ""))),
        nav=list(_nav(config.get("nav") or [])),
    )


def _pages(docs: Path, exclude: str) -> Iterator[str]:
    """The Markdown pages of docs/ by their posix paths: folders sorted, and in each, index and README
    first, then the other names sorted; dot files, templates/ and `exclude_docs:` left out."""
    excluded = pathspec.GitIgnoreSpec.from_lines([".*", "/templates/", *exclude.splitlines()])
    for folder, dirs, names in os.walk(docs, followlinks=True):
        dirs.sort()
        relative = Path(folder).relative_to(docs).as_posix()
        for name in sorted(names, key=lambda n: (posixpath.splitext(n)[0] not in ("index", "README"), n)):
            src = name if relative == "." else f"{relative}/{name}"
            if src.endswith(MARKDOWN_SUFFIXES) and not excluded.match_file(src):
                yield src


def _nav(items: list[Any], section: str = "") -> Iterator[NavEntry]:
    """The pages of Zensical's navigation (title, url, children), in order, with their section."""
    for item in items:
        if isinstance(item, list):
            yield from _nav(item, section)
            continue
        url, title = item.get("url"), item.get("title")
        if item.get("children"):
            yield from _nav(item["children"], str(title or ""))
        elif isinstance(url, str) and url.endswith(MARKDOWN_SUFFIXES) and "://" not in url and not url.startswith("/"):
            yield NavEntry(url, title, section)
