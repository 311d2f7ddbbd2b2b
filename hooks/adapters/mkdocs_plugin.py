"""MkDocs adapter for the glossary and the book index: events only; the logic lives in termkit.site.

Terms are linked while Python-Markdown converts each page (pagework.extension, which asks MkDocs
which page it converts), so no page is parsed twice; each converted page is recorded, and once
every page is, the site-wide lists are resolved (pagework.generator writes the pages and files).
Settings: `extra: glossary:` and `extra: xref:` in mkdocs.yml (termkit.site.Settings).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from pagework.extension import PageWork
from pagework.generator import generated_pages, write_xref
from pagework.page import mkdocs_page
from sourcefile import SourceError, line_of
from termkit.site import PageReport, Problem, TermSite

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink

    from termkit.resolution import Resolution

LOGS = {topic: get_plugin_logger(topic) for topic in ("glossary", "xref")}


@dataclass
class Build:
    """What one build knows; made anew in on_config so nothing leaks between builds."""

    site: TermSite
    files: Files | None = None
    rank: dict[str, int] = field(default_factory=dict)  # page src_uri -> position in the navigation
    resolved: Resolution = field(init=False)  # set in on_env, once every page is converted


build: Build


def on_config(config: MkDocsConfig, **kwargs: Any) -> None:
    global build
    glossary, xref = config.extra.get("glossary") or {}, config.extra.get("xref") or {}
    try:
        site = TermSite.load(Path(config.docs_dir), glossary, xref, config.theme.get("language") or "en", _where)
    except SourceError as exc:
        raise PluginError(str(exc)) from None
    build, config["termsite"] = Build(site), site  # hooks/search.py reads it once the build has ended
    # Link while Python-Markdown converts each page (its tree, before serialising): no second parse.
    PageWork.installed(config.markdown_extensions, lambda md: mkdocs_page(config)).terms = site


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> None:
    for src, content in generated_pages(build.site, "attr_list" in config.markdown_extensions).items():
        if (left := files.src_uris.get(src)) is not None:  # left in docs/ by an interrupted Zensical build
            files.remove(left)
        files.append(file := File.generated(config, src, content=content))
        file.edit_uri = build.site.settings.source  # the edit button opens the glossary source
    build.site.glossary_url, build.files = files.src_uris[build.site.settings.page].url, files


def on_nav(nav: Navigation, **kwargs: Any) -> None:
    build.rank = {page.file.src_uri: i for i, page in enumerate(nav.pages)}


def on_page_content(html: str, page: Page, **kwargs: Any) -> None:
    src = page.file.src_uri
    _report(
        build.site.record(
            PageReport(
                src,
                page.url,
                page.title or "",
                build.rank.get(src, len(build.rank)),
                headings=dict(_headings(page.toc)),
                anchors=frozenset(page.present_anchor_ids or ()),
                authored=page.file.generated_by is None,
                related=page.meta.get("xref", True) is not False,
            )
        )
    )
    if src == build.site.settings.page:
        for item in page.toc:  # no table of contents: the letter bar at the top does its work, at a
            item.children = []  # fraction of the elements (two copies of a TOC of 121 entries: ~960)


def on_env(env: Environment, config: MkDocsConfig, files: Files, **kwargs: Any) -> None:
    """Every page is converted: resolve the site-wide lists, fill in the index page, write xref.json."""
    build.resolved, problems = build.site.resolve()
    _report(problems)
    index = files.src_uris[build.site.settings.index_page].page  # generated in on_files, rendered since
    index.content = build.resolved.index_page(index.content)  # type: ignore[union-attr,arg-type]
    write_xref(Path(config.site_dir), build.resolved)  # now, rather than kept in memory to the end


def on_page_context(context: dict[str, Any], page: Page, **kwargs: Any) -> None:
    """Related pages and the page's terms, for overrides/partials/xref-page.html."""
    context["xref_strings"], context["xref"] = build.site.strings, build.resolved.page_context(page.url)


def on_post_page(output: str, page: Page, **kwargs: Any) -> str | None:
    """The glossary page gets its "Used on" lines after search has indexed it."""
    return build.resolved.glossary_html(output) if page.file.src_uri == build.site.settings.page else None


def _report(problems: Iterable[Problem]) -> None:
    for topic, text, warn in problems:
        (LOGS[topic].warning if warn else LOGS[topic].info)(text)


def _where(src: str, needle: str) -> str:
    """docs/<file>:<line> of needle's first occurrence in the page's source (read only for a message)."""
    file = build.files.get_file_from_path(src) if build.files else None
    return f"docs/{src}:{line_of(file.content_string, needle) if file else 0}"


def _headings(toc: Iterable[AnchorLink]) -> Iterator[tuple[str, str | None]]:
    """(anchor, title) of every heading in a table of contents; None for the page's title (h1)."""
    for item in toc:
        yield item.id, None if item.level <= 1 else item.title
        yield from _headings(item.children)
