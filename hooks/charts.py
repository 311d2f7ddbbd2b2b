"""MkDocs adapter for key numbers, charts, claims and the timeline: events only; the logic lives in
keynumbers.site (which lists the `[[...]]` marker lines a page can use) and hooks/keynumbers.

The marker lines are expanded while Python-Markdown converts each page (pagework.extension), so
any engine built on it does the same work; MkDocs puts the charts in after its search indexer.
After the build, /llms.txt, /llms-full.txt and /claims.json are written from the pages in nav
order (pagework.generator).

Settings (optional) in mkdocs.yml:

    extra:
      keynumbers:
        source: data/models.yml     # relative to docs_dir
        claims: data/claims.yml
        timeline: data/timeline.yml
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown.extensions.toc import slugify as default_slugify
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Section

from keynumbers.site import NumbersError, NumberSite
from pagework.extension import PageWork
from pagework.generator import NavPage, SiteInfo, write_site_files
from pagework.page import mkdocs_page

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("charts")

numbers: NumberSite  # this build's, made in on_config (MkDocs runs it before every other event)
navigation: Navigation | None = None


def on_config(config: MkDocsConfig, **kwargs: Any) -> None:
    global numbers, navigation
    # Not under .cache/: other tools clear that folder (Zensical's --clean empties all of it).
    cache = Path(config.config_file_path or config.docs_dir).parent / ".chart-cache"
    settings = config.extra.get("keynumbers") or {}
    try:
        language = config.theme.get("language") or "en"
        numbers = NumberSite.load(Path(config.docs_dir), settings, cache, log.warning, PluginError, language=language)
    except NumbersError as exc:
        raise PluginError(str(exc)) from None
    navigation = None
    config["numbersite"] = numbers  # hooks/search.py reads the timeline's search keywords once the build has ended
    work = PageWork.installed(config.markdown_extensions, lambda md: mkdocs_page(config))
    work.numbers, work.defer_charts = numbers, True  # the SVG goes in after search has indexed the page


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files, **kwargs: Any) -> None:
    """Every page's title and anchors are known now: check the sections that claims and events name."""
    global navigation
    slugify = (config.mdx_configs.get("toc") or {}).get("slugify", default_slugify)
    sources = {f.src_uri: f.content_string for f in files.documentation_pages()}  # read from disk once each
    numbers.know_pages(sources, {page.file.src_uri: page.title for page in nav.pages}, slugify)
    navigation = nav


def on_env(env: Environment, config: MkDocsConfig, files: Files, **kwargs: Any) -> None:
    """Every page is converted: each correction must sit on its page, each other box somewhere."""
    numbers.check_placements()


def on_post_page(output: str, page: Page, **kwargs: Any) -> str:
    """Each chart's SVG, into its slot: Material's search indexer, which leaves charts out, has read
    the page by now (parsing the SVGs for nothing cost it 0.6 of 17 CPU s on the benchmark's 40x copy)."""
    return numbers.insert_charts(output, page.file.src_uri)


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    """/llms.txt, /llms-full.txt and /claims.json, from the pages in nav order."""
    if navigation is None:
        return
    index = (config.extra.get("xref") or {}).get("page", "book-index.md")
    site = SiteInfo(config.site_name, config.site_description or "", config.site_url or "/", index)
    write_site_files(Path(config.site_dir), site, [_nav_page(p) for p in navigation.pages], numbers)


def _nav_page(page: Page) -> NavPage:
    section = page.parent.title if isinstance(page.parent, Section) else ""
    url = page.file.url.removeprefix("./")
    return NavPage(
        page.title or "", page.file.src_uri, url, str(page.meta.get("description") or ""), page.markdown or "", section
    )
