"""The Zensical adapter: the Python-Markdown extension that zensical.yml names.

Zensical (0.0.x) runs no MkDocs hooks, but converts each page with the Markdown extensions its config
names. This extension gives each conversion the PageWork of one SiteBuild (core.pagework.sitebuild),
made from the config Zensical renders with (adapters.zensical_project) and from the state that
`python -m adapters.prebuild` wrote just before: every page's headings (so links to sections show
them), the glossary's "Used on" lines, the index's entries, and each page's related pages and terms,
which reach the template through page.meta.

    markdown_extensions:
      - adapters.zensical_extension:
          config_file: zensical.yml   # relative to the project root (the default)

Zensical makes a new instance of the extension for every page (it passes Python-Markdown the name),
so the build is kept here, keyed by the config file and the time of the state; a new state (as
`zensical serve` sees after the pre-build step runs again) makes a new build.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown

from core.pagework.page import CurrentPage
from core.pagework.prebuild import STATE
from core.pagework.project import Project, source_links
from core.pagework.sitebuild import SiteBuild
from core.sourcefile import split_front_matter
from core.termkit.records import Problem
from core.termkit.resolution import INDEX_MARKER, fill_glossary

from .zensical_project import from_config

WORK_DIR = ".pagework"
_builds: dict[tuple[Path, float], tuple[SiteBuild, dict[str, Any]]] = {}  # see the module's docstring


class ZensicalPageWork(Extension):
    def __init__(self, **kwargs: Any):
        self.config = {"config_file": ["zensical.yml", "the config file, relative to the project root"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        context = _rendering_context(md)
        if context is None:  # not a conversion of Zensical's (MkDocs checking the config's extensions)
            return
        config = getattr(context, "config", {})
        root = Path(config.get("root_dir") or ".")
        config_file = root / str(self.getConfig("config_file"))
        build, _ = _build(config, config_file, root / WORK_DIR / STATE)
        build.work.extendMarkdown(md)


def makeExtension(**kwargs: Any) -> ZensicalPageWork:
    return ZensicalPageWork(**kwargs)


def _rendering_context(md: Markdown) -> Any:
    """Zensical (0.0.x) registers a preprocessor "rendering_context" whose .page has .path, .url and .meta."""
    return next((p for p in md.preprocessors if getattr(p, "name", "") == "rendering_context"), None)


def _build(config: dict[str, Any], config_file: Path, state_file: Path) -> tuple[SiteBuild, dict[str, Any]]:
    """This build's SiteBuild and state: made again when the pre-build step has written a new state."""
    if not state_file.is_file():
        sys.exit(
            f"{state_file}: missing; fix: run `python -m adapters.prebuild` before Zensical (make build-zensical does)"
        )
    key = (config_file.resolve(), state_file.stat().st_mtime)
    if key not in _builds:
        _builds.clear()
        state = json.loads(state_file.read_text(encoding="utf-8"))
        _builds[key] = (_make(from_config(config, config_file), state), state)
    return _builds[key]


def _make(project: Project, state: dict[str, Any]) -> SiteBuild:
    build: SiteBuild

    def current(md: Markdown) -> CurrentPage | None:
        page: Any = getattr(_rendering_context(md), "page", None)
        if page is None:
            return None
        path = project.docs / page.path
        generated = page.path in build.settings.generated
        return CurrentPage(page.path, page.url, page.meta, lambda: path.read_text(encoding="utf-8"), generated)

    build = SiteBuild(
        project.docs,
        project.extra,
        project.language,
        project.cache,
        extensions=project.extensions,
        current=current,
        report=_reported_before,
        source=project.source,
    )
    srcs = [*[src for src in project.pages if src not in build.settings.generated], *build.settings.generated]
    urls = {src: project.url_of(src) for src in srcs}
    build.use_urls(urls, source_links({url: src for src, url in urls.items()}))
    sources = {src: split_front_matter(project.source(src))[0] for src in srcs if src not in build.settings.generated}
    build.know_pages(sources, {entry.src: entry.title or "" for entry in project.nav})
    for src, headings in state["headings"].items():  # every page's, as the pre-build step converted it
        build.numbers.know_headings(src, [(anchor, level, text) for anchor, level, text in headings])
    build.work.finish = lambda page, html, md: _finish(build, state, page, html, md)
    return build


def _reported_before(problem: Problem) -> None:
    """The pre-build step reported every problem, and stopped at any, before Zensical ran."""


def _finish(build: SiteBuild, state: dict[str, Any], page: CurrentPage, html: str, md: Markdown) -> str:
    """Related pages and terms into page.meta (overrides/main.html shows them); links to sections with their
    headings; the generated pages' lists."""
    html = build.fill(html, page.src)
    context = state["pages"].get(page.src)
    if context:
        page.meta["xref_page"] = {"page": context, "strings": state["strings"]}
    if page.src == build.settings.page:
        for token in getattr(md, "toc_tokens", []):  # no table of contents below the title (as under MkDocs)
            token["children"] = []
        return fill_glossary(html, state["used_on"])
    if page.src == build.settings.index_page:
        return html.replace(INDEX_MARKER, state["index_html"])
    return html
