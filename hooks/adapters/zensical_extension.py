"""Zensical adapter: a Python-Markdown extension that Zensical loads by this module's path.

Zensical (0.0.x) runs no MkDocs hooks, but converts each page with the Markdown extensions its
config names, in one process. zensical.yml names this module; it hands each conversion to one
PageWork per build, made from the same config, and adds what needs the whole site from the
state that `python -m pagework` wrote just before (the glossary's "Used on" lines, the index's
entries, each page's related pages and terms, which reach the template through page.meta).

    markdown_extensions:
      - pagework.zensical:
          config_file: zensical.yml   # relative to the project root (the default)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown

from termkit.resolution import INDEX_MARKER, fill_glossary

from .extension import PageWork
from .page import CurrentPage, zensical_page
from .prebuild import STATE
from .project import Project, source_links

WORK_DIR = ".pagework"
_builds: dict[tuple[Path, float], PageWork] = {}  # (config file, state.json's time) -> the build's PageWork


class ZensicalPageWork(Extension):
    def __init__(self, **kwargs: Any):
        self.config = {"config_file": ["zensical.yml", "the config file, relative to the project root"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        context = next((p for p in md.preprocessors if getattr(p, "name", "") == "rendering_context"), None)
        root = Path(getattr(context, "config", {}).get("root_dir") or ".")
        _work(root / str(self.getConfig("config_file")), root / WORK_DIR / STATE).extendMarkdown(md)


def makeExtension(**kwargs: Any) -> ZensicalPageWork:
    return ZensicalPageWork(**kwargs)


def _work(config_file: Path, state_file: Path) -> PageWork:
    """This build's PageWork: made again when `python -m pagework` has written a new state (zensical serve)."""
    if not state_file.is_file():
        sys.exit(f"{state_file}: missing; fix: run `python -m pagework` before Zensical (make build-zensical does)")
    key = (config_file.resolve(), state_file.stat().st_mtime)
    if key not in _builds:
        _builds.clear()
        _builds[key] = _make(config_file, json.loads(state_file.read_text(encoding="utf-8")))
    return _builds[key]


def _make(config_file: Path, state: dict[str, Any]) -> PageWork:
    project = Project.load(config_file)  # its problems were reported, and failed the build, before Zensical ran
    generated = project.generated_srcs()
    work = PageWork(lambda md: zensical_page(md, project.docs, generated))
    work.terms, work.numbers = project.terms, project.numbers
    if project.terms is not None:
        srcs = [*project.authored(), *generated]
        project.terms.link = source_links({project.url_of(src): src for src in srcs})
        project.terms.glossary_url = project.url_of(project.terms.settings.page)
        work.finish = lambda page, html, md: _finish(state, page, html, md)
    return work


def _finish(state: dict[str, Any], page: CurrentPage, html: str, md: Markdown) -> str:
    """Related pages and terms into page.meta (overrides/main.html shows them); the generated pages' lists."""
    context = state["pages"].get(page.src)
    if context:
        page.meta["xref_page"] = {"page": context, "strings": state["strings"]}
    if page.src == state["glossary"]:
        for token in getattr(md, "toc_tokens", []):  # no table of contents below the title (see hooks/terms.py)
            token["children"] = []
        return fill_glossary(html, lambda term_id: str(state["used_on"].get(term_id, "")))
    if page.src == state["index"]:
        return html.replace(INDEX_MARKER, state["index_html"])
    return html
