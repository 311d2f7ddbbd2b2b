"""A MkDocs project as the checks see it, read without MkDocs: mkdocs.yml, the files in docs/, `nav:`.

mkdocs.yml is read with PyYAML. Its tags are honoured where a check needs the value
(`!!python/name:` imports the object, e.g. a toc `slugify` function; `!ENV` reads the
environment) and otherwise read as plain values, so a tag no check knows never stops a check.
Files are listed and excluded as MkDocs 1.6 does (`exclude_docs:`, `not_in_nav:`, dot files).
"""

from __future__ import annotations

import importlib
import os
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pathspec
import yaml

# What MkDocs always adds to `markdown_extensions:`, and always leaves out of the site.
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
DEFAULT_EXCLUDE = (".*", "/templates/")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


class _ConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader, plus the tags mkdocs.yml may hold."""


def _python_name(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> object:
    """`!!python/name:package.module.attr`: the object, or its dotted name if it cannot be imported."""
    module, _, attr = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError, ValueError):
        return suffix


def _env(loader: _ConfigLoader, node: yaml.Node) -> object:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable that is set, else the default."""
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    for name in names[:-1] if len(names) > 1 else names:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return names[-1] if len(names) > 1 else None


def _any_tag(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> object:
    """Any other tag (`!relative`, a plugin's own): the value as if it had none."""
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _any_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


@dataclass
class Project:
    """One project's settings and files, as the checks need them."""

    config_file: Path
    config: dict[str, Any]
    config_text: str
    docs_dir: Path
    files: list[str] = field(default_factory=list)  # every file in docs/, in MkDocs' order, excluded ones too
    excluded: set[str] = field(default_factory=set)
    not_in_nav: set[str] = field(default_factory=set)  # pages that `not_in_nav:` keeps out of the navigation

    @property
    def pages(self) -> list[str]:
        """The Markdown pages the site publishes."""
        return [f for f in self.files if f.endswith(MARKDOWN_SUFFIXES) and f not in self.excluded]

    @property
    def extensions(self) -> tuple[list[str], dict[str, dict[str, Any]]]:
        """Python-Markdown's extensions and their settings, as MkDocs passes them."""
        names: list[str] = list(BUILTIN_EXTENSIONS)
        configs: dict[str, dict[str, Any]] = {}
        for item in self.config.get("markdown_extensions") or []:
            name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, None)
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
        """A page's site-relative URL, as MkDocs makes it ("" for the home page)."""
        stem, _ = posixpath.splitext(src)
        parent, name = posixpath.split(stem)
        if not self.config.get("use_directory_urls", True):
            return f"{stem}.html"
        if name in ("index", "README"):
            return f"{parent}/" if parent else ""
        return f"{stem}/"


def load_project(config_file: Path) -> Project:
    """Read mkdocs.yml and list the files of its docs directory."""
    text = config_file.read_text(encoding="utf-8")
    try:
        config = yaml.load(text, Loader=_ConfigLoader) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{config_file.name} is not valid YAML: {exc}") from None
    if not isinstance(config, dict):
        raise ValueError(f"{config_file.name}: expected 'key: value' settings, found {type(config).__name__}")
    docs_dir = (config_file.parent / str(config.get("docs_dir") or "docs")).resolve()
    project = Project(config_file, config, text, docs_dir)
    exclude = _spec(DEFAULT_EXCLUDE, config.get("exclude_docs"))
    outside_nav = _spec((), config.get("not_in_nav"))
    for src in _walk(docs_dir):
        project.files.append(src)
        if exclude.match_file(src):
            project.excluded.add(src)
        elif outside_nav.match_file(src):
            project.not_in_nav.add(src)
    return project


def nav_paths(nav: object) -> Iterator[str]:
    """Every path that `nav:` names, in order, URLs and absolute paths left out."""
    if isinstance(nav, list):
        for item in nav:
            yield from nav_paths(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_paths(value)
    elif isinstance(nav, str):
        parts = urlsplit(nav)
        if not (parts.scheme or parts.netloc or nav.startswith("/")):
            yield nav


def _spec(defaults: tuple[str, ...], lines: object) -> pathspec.GitIgnoreSpec:
    """A .gitignore-style set of patterns, as MkDocs reads `exclude_docs:` and `not_in_nav:`."""
    extra = str(lines).splitlines() if isinstance(lines, str) else [str(p) for p in lines or []]  # type: ignore[attr-defined]
    return pathspec.GitIgnoreSpec.from_lines([*defaults, *extra])


def _walk(docs_dir: Path) -> Iterator[str]:
    """Every file under docs_dir by its posix path, in MkDocs' order: folders sorted, and in each,
    index and README first, then the other names sorted."""
    for folder, dirs, names in os.walk(docs_dir, followlinks=True):
        dirs.sort()
        relative = Path(folder).relative_to(docs_dir).as_posix()
        for name in sorted(names, key=lambda n: (posixpath.splitext(n)[0] not in ("index", "README"), n)):
            yield name if relative == "." else f"{relative}/{name}"
