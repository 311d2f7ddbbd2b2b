"""A site as an engine's own reader gives it, for a run outside the engine's build: the pre-build
step before Zensical and the checks (`python -m adapters.prebuild`, `python -m adapters.check`).

Nothing here reads a config file: adapters.mkdocs_project fills a Project with MkDocs' own reader
(`load_config`, `get_files`, the nav), adapters.zensical_project with Zensical's (`parse_config`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.sourcefile import line_of


class ProjectError(Exception):
    """The config cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class NavEntry:
    """A page that `nav:` names, with its title there (None if the entry gives none) and its section."""

    src: str
    title: str | None
    section: str = ""  # the navigation section it sits in; "" at the top level


@dataclass
class Project:
    config_file: Path
    docs: Path
    name: str  # site_name
    description: str  # site_description
    url: str  # site_url, ending in "/" ("/" if the config has none)
    language: str  # the theme's
    extra: Mapping[str, Any]  # `extra:`
    use_directory_urls: bool
    extensions: list[Any]  # Python-Markdown's extensions as the engine passes them (the engine's own first)
    extension_configs: dict[str, dict[str, Any]]
    pages: list[str]  # every Markdown page of docs/ that the site publishes, in the engine's order
    nav: list[NavEntry]  # the pages `nav:` names, in its order
    _texts: dict[str, str] = field(default_factory=dict, repr=False)  # page src -> its source, read once

    @property
    def cache(self) -> Path:
        """Where drawn charts are kept: beside the config file (not under .cache/, which other tools clear)."""
        return self.config_file.resolve().parent / ".chart-cache"

    def source(self, src: str) -> str:
        """A page's source text ("" if docs/ has no such file); each file is read once."""
        if src not in self._texts:
            path = self.docs / src
            self._texts[src] = path.read_text(encoding="utf-8") if path.is_file() else ""
        return self._texts[src]

    def where(self, src: str, needle: str) -> str:
        """docs/<file>:<line> of needle's first occurrence in the page's source (read only for a message)."""
        text = self.source(src)
        return f"docs/{src}:{line_of(text, needle) if text else 0}"

    def url_of(self, src: str) -> str:
        """A page's site-relative URL, as MkDocs and Zensical make it ("" for the home page)."""
        stem, _ = posixpath.splitext(src)
        parent, name = posixpath.split(stem)
        if not self.use_directory_urls:
            return f"{stem}.html"
        if name in ("index", "README"):
            return f"{parent}/" if parent else ""
        return f"{stem}/"


def source_links(urls: Mapping[str, str]) -> Callable[[str, str], str]:
    """A TermSite.link writing a link as the path of the target's source file, relative to the linking
    page's source (Zensical rewrites such paths to URLs, and every other relative link as a path too).

    urls: site-relative page URL -> its source path.
    """

    def link(target: str, base: str) -> str:
        path, _, anchor = target.partition("#")
        fragment = f"#{anchor}" if anchor else ""
        if path == base and fragment:
            return fragment
        return posixpath.relpath(urls[path], posixpath.dirname(urls[base]) or ".") + fragment

    return link
