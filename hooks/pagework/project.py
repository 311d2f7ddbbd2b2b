"""A site read from its mkdocs.yml-style config file, for an engine that runs no MkDocs hooks (Zensical).

Reads what the per-page work and the site-wide pages need: the docs directory, `extra:`, the
navigation (titles, order, sections), the Markdown extensions, and which of the site's hooks are
listed (hooks/terms.py: the glossary and index; hooks/charts.py: key numbers and charts). An
`INHERIT:` file is merged under it as Zensical merges it (mappings merged, lists appended).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown.extensions.toc import slugify

from termkit.model import line_of
from termkit.site import TermSite

from .numbers import NumberSite

FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)  # as MkDocs reads it
GENERATED_NOTE = "# Written by `python -m pagework` from docs/data (and deleted after the build): edit those files.\n"


class ProjectError(Exception):
    """The config or the site's data cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Entry:
    """A page in the navigation."""

    src: str
    title: str | None
    section: str = ""


@dataclass
class Project:
    root: Path
    config: dict[str, Any]
    docs: Path
    nav: list[Entry]  # in navigation order
    terms: TermSite | None = None
    numbers: NumberSite | None = None
    problems: list[str] = field(default_factory=list)  # reported while loading

    @classmethod
    def load(cls, config_file: Path) -> Project:
        config = read_config(config_file)
        root = config_file.resolve().parent
        docs = root / config.get("docs_dir", "docs")
        project = cls(root, config, docs, list(_nav(config.get("nav") or [])))
        hooks = {Path(h).name for h in config.get("hooks") or []}
        extra = config.get("extra") or {}
        if "terms.py" in hooks:
            language = (config.get("theme") or {}).get("language") or "en"
            glossary, xref = extra.get("glossary") or {}, extra.get("xref") or {}
            project.terms = TermSite.load(docs, glossary, xref, language, project.where)
        if "charts.py" in hooks:
            report = project.problems.append
            project.numbers = NumberSite.load(docs, extra.get("keynumbers") or {}, root / ".chart-cache", report)
            sources = {src: split_front_matter(text)[1] for src, text in project.sources().items()}
            titles = {e.src: e.title or "" for e in project.nav}
            project.numbers.know_pages(sources, titles, slugify)
        return project

    def where(self, src: str, needle: str) -> str:
        """docs/<file>:<line> of needle's first occurrence in the page's source (read only for a message)."""
        path = self.docs / src
        return f"docs/{src}:{line_of(path.read_text(encoding='utf-8'), needle) if path.is_file() else 0}"

    def sources(self) -> dict[str, str]:
        """Every authored page's source text by path (the docs directory's Markdown files, data/ excluded)."""
        generated = set(self.generated_srcs())
        found = sorted(p.relative_to(self.docs).as_posix() for p in self.docs.rglob("*.md"))
        return {
            src: (self.docs / src).read_text(encoding="utf-8")
            for src in found
            if not src.startswith("data/") and src not in generated
        }

    def generated_srcs(self) -> list[str]:
        if self.terms is None:
            return []
        return [self.terms.settings.page, self.terms.settings.index_page]

    def extensions(self) -> tuple[list[Any], dict[str, dict[str, Any]]]:
        """The config's Markdown extensions (names and their settings), without the adapter of this package."""
        names: list[Any] = []
        configs: dict[str, dict[str, Any]] = {}
        for item in self.config.get("markdown_extensions") or []:
            name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, None)
            if not str(name).startswith("pagework"):
                names.append(name)
                configs[name] = settings or {}
        return names, configs

    def url_of(self, src: str) -> str:
        """The page's site-relative URL, with directory URLs (MkDocs' and Zensical's default)."""
        stem = src[:-3]
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        if self.config.get("use_directory_urls", True) is False:
            return stem + ".html"
        return stem + "/"


def read_config(path: Path) -> dict[str, Any]:
    """A mkdocs.yml-style file with its INHERIT parent merged in; tags such as !ENV read as their default."""
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ProjectError(f"{path}: cannot be read: {exc}") from None
    parent = config.pop("INHERIT", None)
    if parent:
        return _merge(read_config(path.parent / parent), config)
    return dict(config)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, the Markdown after it), as MkDocs splits a page."""
    found = FRONT_MATTER.match(text)
    if not found:
        return {}, text
    meta = yaml.safe_load(found.group(1))
    return (meta if isinstance(meta, dict) else {}), text[found.end() :].lstrip("\n")


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


def _nav(items: list[Any], section: str = "") -> Any:
    for item in items:
        if isinstance(item, str):
            yield Entry(item, None, section)
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    yield from _nav(value, section if section else str(title))
                elif isinstance(value, str) and value.endswith(".md"):
                    yield Entry(value, str(title), section)


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = [*out[key], *value]
        else:
            out[key] = value
    return out


class _Loader(yaml.SafeLoader):
    """SafeLoader that reads any tag (`!ENV [NAME, default]`, `!!python/name:...`) as its plain value."""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if suffix == "ENV" or suffix.endswith("ENV") else values
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_multi_constructor("!", _plain)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)
