"""A site read from its mkdocs.yml-style config file, for a run without MkDocs' hooks: `python -m pagework`
(before Zensical), pagework.zensical (during it) and `python -m sitecheck`.

Reads what the per-page work, the site-wide pages and the checks need (pagework.config reads the
file): the docs directory and its files as MkDocs lists them, `extra:`, the navigation (titles,
order, sections), the Markdown extensions as MkDocs passes them, and which of the site's hooks are
listed (hooks/terms.py: the glossary and index, termkit.site.TermSite; hooks/charts.py: key numbers
and charts, keynumbers.site.NumberSite), whose data it loads.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify as default_slugify

from keynumbers.site import NumberSite
from sourcefile import SourceError, line_of
from termkit.site import Settings, TermSite

from .config import Entry, ProjectError, list_files, nav_entries, read_config, split_front_matter

__all__ = ["Entry", "Project", "ProjectError", "read_config", "source_links", "split_front_matter"]

GENERATED_NOTE = "# Written by `python -m pagework` from docs/data (and deleted after the build): edit those files.\n"
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")  # what MkDocs always adds to `markdown_extensions:`
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
NAV_KEY = re.compile(r"^nav\s*:", re.MULTILINE)
CHART_CACHE = ".chart-cache"  # beside the config file, as hooks/charts.py keeps it: not under .cache/


@dataclass
class Project:
    config_file: Path
    config: dict[str, Any]
    config_files: list[tuple[Path, str]]  # (path, text) of config_file and of each INHERIT parent
    docs: Path
    files: list[str] = field(default_factory=list)  # every file in docs/, in MkDocs' order, excluded ones too
    excluded: set[str] = field(default_factory=set)
    not_in_nav: set[str] = field(default_factory=set)  # pages that `not_in_nav:` keeps out of the navigation
    nav: list[Entry] = field(default_factory=list)  # every path `nav:` names, in navigation order
    terms: TermSite | None = None
    numbers: NumberSite | None = None
    problems: list[str] = field(default_factory=list)  # reported while loading the key numbers
    _texts: dict[str, str] = field(default_factory=dict, repr=False)  # page src -> its source, read once

    @classmethod
    def read(cls, config_file: Path) -> Project:
        """The config and the docs directory's files, without the site's data; ProjectError if unreadable."""
        config, files = read_config(config_file)
        docs = (config_file.parent / str(config.get("docs_dir") or "docs")).resolve()
        project = cls(config_file, config, files, docs, nav=list(nav_entries(config.get("nav") or [])))
        project.files, project.excluded, project.not_in_nav = list_files(
            docs, config.get("exclude_docs"), config.get("not_in_nav")
        )
        return project

    @classmethod
    def load(cls, config_file: Path, draw: bool = True) -> Project:
        """read, and the data of the hooks the config lists; SourceError or NumbersError if unusable.
        draw: whether charts are drawn (False: their tables and text only, and matplotlib is not imported)."""
        project = cls.read(config_file)
        if project.uses("terms.py"):
            project.load_terms()
        if project.uses("charts.py"):
            project.load_numbers(draw)
        return project

    def nav_file(self) -> tuple[str, str]:
        """The name and text of the config file that writes `nav:` (a message about it names its lines)."""
        found = next((f for f in self.config_files if NAV_KEY.search(f[1])), self.config_files[0])
        return found[0].name, found[1]

    def uses(self, hook: str) -> bool:
        """Whether the config's `hooks:` lists a hook of this file name."""
        return hook in {Path(str(h)).name for h in self.config.get("hooks") or []}

    @property
    def language(self) -> str:
        return str((self.config.get("theme") or {}).get("language") or "en")

    def load_terms(self) -> None:
        self.terms = TermSite.load(self.docs, self.extra("glossary"), self.extra("xref"), self.language, self.where)

    def load_numbers(self, draw: bool = True) -> None:
        cache = self.config_file.resolve().parent / CHART_CACHE
        numbers = NumberSite.load(
            self.docs, self.extra("keynumbers"), cache, self.problems.append, draw=draw, language=self.language
        )
        slugify = self.extensions()[1].get("toc", {}).get("slugify", default_slugify)
        sources = {src: split_front_matter(text)[0] for src, text in self.sources().items()}
        numbers.know_pages(sources, {e.src: e.title or "" for e in self.nav}, slugify)
        self.numbers = numbers

    def where(self, src: str, needle: str) -> str:
        """docs/<file>:<line> of needle's first occurrence in the page's source (read only for a message)."""
        path = self.docs / src
        text = self._texts.get(src) or (path.read_text(encoding="utf-8") if path.is_file() else "")
        return f"docs/{src}:{line_of(text, needle) if text else 0}"

    @property
    def pages(self) -> list[str]:
        """The Markdown pages in docs/ that the site publishes (a generated page left in docs/ too)."""
        return [f for f in self.files if f.endswith(MARKDOWN_SUFFIXES) and f not in self.excluded]

    def authored(self) -> list[str]:
        """Every authored page's path, in MkDocs' order (the generated pages left out)."""
        generated = set(self.generated_srcs())
        return [src for src in self.pages if src not in generated]

    def sources(self) -> dict[str, str]:
        """Every authored page's source text by path, in MkDocs' order; each file is read once per project."""
        for src in self.authored():
            if src not in self._texts:
                self._texts[src] = (self.docs / src).read_text(encoding="utf-8")
        return {src: self._texts[src] for src in self.authored()}

    def generated_srcs(self) -> list[str]:
        """The pages the glossary adds (none without hooks/terms.py)."""
        if not self.uses("terms.py"):
            return []
        settings = self.terms.settings if self.terms else self._glossary_settings
        return [settings.page, settings.index_page]

    @cached_property
    def _glossary_settings(self) -> Settings:
        """The glossary's settings as the config writes them; the defaults when they cannot be read
        (reading the glossary reports that: its pages are still where the defaults put them)."""
        try:
            return Settings.read(self.extra("glossary"), self.extra("xref"))
        except (SourceError, TypeError):
            return Settings()

    def nav_pages(self) -> list[Entry]:
        """The pages in the navigation, in its order (no other files)."""
        return [entry for entry in self.nav if entry.src.endswith(MARKDOWN_SUFFIXES)]

    def extensions(self) -> tuple[list[Any], dict[str, dict[str, Any]]]:
        """Python-Markdown's extensions and their settings, as MkDocs passes them (its own first), without
        the Zensical adapter of this package."""
        names: list[Any] = list(BUILTIN_EXTENSIONS)
        configs: dict[str, dict[str, Any]] = {}
        for item in self.config.get("markdown_extensions") or []:
            name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, None)
            if str(name).startswith("pagework"):
                continue
            if name not in names:
                names.append(name)
            if settings:
                configs[name] = dict(settings)
        return names, configs

    def extra(self, key: str) -> dict[str, Any]:
        """A mapping under `extra:` (empty if there is none)."""
        value = (self.config.get("extra") or {}).get(key)
        return dict(value) if isinstance(value, dict) else {}

    def url_of(self, src: str) -> str:
        """A page's site-relative URL, as MkDocs and Zensical make it ("" for the home page)."""
        stem, _ = posixpath.splitext(src)
        parent, name = posixpath.split(stem)
        if not self.config.get("use_directory_urls", True):
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
