"""A mkdocs.yml-style config file and a docs directory, read as MkDocs 1.6 (and Zensical) read them,
with no engine: the one reader of pagework.project (and so of `python -m pagework` and
`python -m sitecheck`).

- The config is read with PyYAML. Its tags are honoured where a value is needed (`!!python/name:`
  imports the object, e.g. a toc `slugify` function; `!ENV` reads the environment) and otherwise read
  as plain values, so a tag nothing here knows never stops a run. An `INHERIT:` file is merged under
  it as Zensical and MkDocs merge it (mappings merged, lists appended).
- Files are listed and excluded as MkDocs 1.6 does (`exclude_docs:`, `not_in_nav:`, dot files).
- A page's front matter is split off as MkDocs splits it (a block that is not a YAML mapping is none).
"""

from __future__ import annotations

import importlib
import os
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pathspec
import yaml

from sourcefile import load_plain_yaml

# A front matter block as MkDocs (mkdocs.utils.meta) and Zensical find it.
YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
DEFAULT_EXCLUDE = (".*", "/templates/")  # what MkDocs always leaves out of the site


class ProjectError(Exception):
    """The config or the site's data cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Entry:
    """A path that `nav:` names (a page, or another file of docs/), with its title and top-level section."""

    src: str
    title: str | None
    section: str = ""


def read_config(path: Path) -> tuple[dict[str, Any], list[tuple[Path, str]]]:
    """The config with its INHERIT parents merged in, and each file's path and text, the given one first
    (for line numbers in messages)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProjectError(f"{path}: cannot be read: {exc}") from None
    try:
        config = yaml.load(text, Loader=_ConfigLoader) or {}
    except yaml.YAMLError as exc:
        raise ProjectError(f"{path.name} is not valid YAML: {exc}") from None
    if not isinstance(config, dict):
        raise ProjectError(f"{path.name}: expected 'key: value' settings, found {type(config).__name__}")
    parent = config.pop("INHERIT", None)
    if parent:
        base, files = read_config(path.parent / str(parent))
        return _merge(base, config), [(path, text), *files]
    return dict(config), [(path, text)]


def split_front_matter(source: str) -> tuple[str, dict[str, Any], int]:
    """The page's Markdown without its front matter, the front matter (empty unless a YAML mapping),
    as MkDocs splits them, and how many lines come before the Markdown."""
    block = YAML_RE.match(source)
    try:
        data = load_plain_yaml(block.group(1)) if block else None
    except yaml.YAMLError:
        data = None
    if block is None or not isinstance(data, dict):
        return source, {}, 0
    body = source[block.end() :].lstrip("\n")
    return body, data, source.count("\n", 0, len(source) - len(body))


def nav_entries(items: object, section: str = "") -> Iterator[Entry]:
    """Every local path that `nav:` names, in order, with its title (None if the entry has none) and its
    top-level section; URLs and absolute paths left out."""
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        yield from nav_entries(value, section or str(title))
                    elif isinstance(value, str) and _local(value):
                        yield Entry(value, str(title), section)
            else:
                yield from nav_entries(item, section)
    elif isinstance(items, str) and _local(items):
        yield Entry(items, None, section)


def list_files(docs_dir: Path, exclude: object, not_in_nav: object) -> tuple[list[str], set[str], set[str]]:
    """Every file of docs_dir in MkDocs' order, those that `exclude_docs:` (or MkDocs itself) leaves out,
    and those that `not_in_nav:` keeps out of the navigation."""
    excluded_spec, outside_spec = _spec(DEFAULT_EXCLUDE, exclude), _spec((), not_in_nav)
    files, excluded, outside = [], set(), set()
    for src in _walk(docs_dir):
        files.append(src)
        if excluded_spec.match_file(src):
            excluded.add(src)
        elif outside_spec.match_file(src):
            outside.add(src)
    return files, excluded, outside


def _local(path: str) -> bool:
    parts = urlsplit(path)
    return not (parts.scheme or parts.netloc or path.startswith("/"))


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


class _ConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader, plus the tags a mkdocs.yml may hold."""


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
