"""The MkDocs adapter: one plugin-style object whose events run the site's work in a MkDocs build.

hooks/mkdocs_hooks.py (the file mkdocs.yml names under `hooks:`) makes one SitePlugin and exposes its
events. `on_config` makes a fresh SiteBuild (core.pagework.sitebuild) for every build, so nothing
survives into the next build of `mkdocs serve`; every other event asks `self.build`. Another MkDocs
hook reaches the same build with `site_build(config)`. The events, in the order MkDocs runs them:

- on_startup      whether this is `mkdocs serve` (no Content Security Policy then)
- on_config       the SiteBuild: settings, strings, glossary, key numbers; its PageWork joins the Markdown
                  extensions; MkDocs' link, anchor and nav warnings are worded by adapters.mkdocs_log;
                  strings.yml's words checked for active markup (core.sitecheck.active)
- on_files        the glossary and index pages are added, last (after other plugins' files)
- on_nav          each page's place in the navigation; the pages and their titles for the data pages
- on_page_markdown  the page's source checks (footnotes, front matter); the page being converted
- on_page_content the converted page is recorded for the site-wide lists, and checked for active markup
- on_env          every page is converted: the lists resolved, links to sections filled in, the index
                  page's entries put in, xref.json written
- on_page_context related pages and terms for the template (overrides/partials/xref-page.html), and the
                  site's words for it, the sheet a tap opens and the report link
- on_post_page    after Material's search has read the glossary page: its "Used on" lines; then, last of
                  all, every page's Content Security Policy (core.pagework.csp)
- on_post_template  the policy of the pages made from a template alone (404.html)
- on_post_build   llms.txt, llms-full.txt, claims.json; the search fields added to search_index.json, the
                  footnote markers dropped from its texts
Problems are logged under the MkDocs loggers `glossary`, `xref`, `charts` and `checks`, so `--strict`
counts them.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section

from core.datapages.site import NumbersError
from core.pagework.csp import with_policy
from core.pagework.generator import PageText, SiteInfo
from core.pagework.page import CurrentPage
from core.pagework.sitebuild import SiteBuild
from core.sitecheck.active import ActiveMarkup
from core.sitecheck.source import page_problems
from core.sourcefile import SourceError
from core.termkit.records import Problem
from core.termkit.search import add_search_fields, drop_footnote_markers

from . import mkdocs_messages as messages
from .mkdocs_log import LOGGERS, rewrite

if TYPE_CHECKING:
    from typing import Literal

    from jinja2 import Environment
    from markdown import Markdown
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

LOGS = {topic: get_plugin_logger(topic) for topic in ("glossary", "xref", "charts", "checks")}
SEARCH_INDEX = "search/search_index.json"
# Material's search multiplies the score of a page's first section (title and intro) by up to
# 2.5 more than any other section's, and then folds the page's other sections under "N more on
# this page". A theme page's intro ("In short") touches every section's subject, so it would
# hide the section that explains what the reader searched for. This boost cancels that bonus.
PAGE_BOOST = 0.4


class SitePlugin:
    """The site's MkDocs events, on one object; `build` is this build's SiteBuild, made in on_config."""

    def __init__(self) -> None:
        self._build: SiteBuild | None = None
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.rank: dict[str, int] = {}  # page src -> its place in the navigation
        self.page: Page | None = None  # the page MkDocs is converting, from on_page_markdown to on_page_content
        self.view: messages.SiteView | None = None  # what the friendly link and nav messages know of the site
        self.active: ActiveMarkup | None = None  # this build's check for script and the like in what editors write
        self.serving = False  # `mkdocs serve`: no Content Security Policy (set once per process, in on_startup)

    @property
    def build(self) -> SiteBuild:
        if self._build is None:
            raise PluginError("the site's hook ran an event before on_config")
        return self._build

    def on_startup(self, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """`mkdocs serve` writes its live-reload script into each page as it serves it, a script no hash of
        the page can allow: its pages get no policy."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig, **kwargs: Any) -> None:
        self.files, self.nav, self.rank, self.page, self.active = None, None, {}, None, None
        # Not under .cache/: other tools clear that folder (Zensical's --clean empties all of it).
        cache = Path(config.config_file_path or config.docs_dir).parent / ".chart-cache"
        try:
            self._build = SiteBuild(
                Path(config.docs_dir),
                config.extra,
                config.theme.get("language") or "en",
                cache,
                extensions=config.markdown_extensions,
                current=self._current,
                report=_log,
                source=self._source,
                error=PluginError,
            )
        except (SourceError, NumbersError) as exc:
            raise PluginError(str(exc)) from None
        extensions: list[Any] = config.markdown_extensions  # names, and the instances MkDocs passes on as they are
        extensions.append(self.build.work)
        config_file = Path(config.config_file_path) if config.config_file_path else None
        text = config_file.read_text(encoding="utf-8") if config_file and config_file.is_file() else ""
        name = config_file.name if config_file else "mkdocs.yml"
        view = messages.SiteView(self._source, self._files, self._pages, self._anchors, self._generated, name, text)
        self.view = view
        _install_filter(self)
        self.active = ActiveMarkup(Path(config.docs_dir))
        for problem in self.active.words():
            LOGS["checks"].warning(problem)

    @event_priority(-100)  # last: the generated pages come after every other plugin's files
    def on_files(self, files: Files, config: MkDocsConfig, **kwargs: Any) -> None:
        build = self.build
        for src, content in build.generated_pages().items():
            if (left := files.src_uris.get(src)) is not None:  # left in docs/ by an interrupted Zensical build
                files.remove(left)
            files.append(file := File.generated(config, src, content=content))
            file.edit_uri = build.settings.source  # the edit button opens the glossary source
        build.use_urls({f.src_uri: f.url.removeprefix("./") for f in files.documentation_pages()})
        self.files = files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files, **kwargs: Any) -> None:
        self.nav, self.rank = nav, {page.file.src_uri: i for i, page in enumerate(nav.pages)}
        generated = self.build.settings.generated
        sources = {f.src_uri: f.content_string for f in files.documentation_pages() if f.src_uri not in generated}
        self.build.know_pages(sources, {page.file.src_uri: page.title for page in nav.pages})

    @event_priority(-100)  # last: the next conversion is the page's
    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> None:
        problems, unused = page_problems(page.file.src_uri, page.file.content_string.replace("\r\n", "\n"))
        for problem in problems:
            LOGS["checks"].warning(problem)
        if self.view is not None:
            self.view.unused_footnotes |= {(page.file.src_uri, label) for label in unused}
        self.page = page

    def on_page_content(self, html: str, page: Page, **kwargs: Any) -> None:
        self.page = None
        src = page.file.src_uri
        self.build.record(
            src,
            page.url,
            page.title or "",
            self.rank.get(src, len(self.rank)),
            page.present_anchor_ids or (),
            authored=page.file.generated_by is None,
            related=page.meta.get("xref", True) is not False,
        )
        if self.active is not None:  # script and the like in the page as converted, with the line that holds it
            for problem in self.active.page(src, self._source(src), html, page.file.generated_by is not None):
                LOGS["checks"].warning(problem)
        if src == self.build.settings.page:
            for item in page.toc:  # no table of contents: the letter bar at the top does its work, at a
                item.children = []  # fraction of the elements (two copies of a TOC of 121 entries: ~960)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files, **kwargs: Any) -> None:
        """Every page is converted: resolve the site-wide lists, fill in what needed every page, write xref.json."""
        build = self.build
        resolved = build.resolve()
        for file in files.documentation_pages():
            page = file.page
            if page is not None and page.content is not None:
                page.content = build.fill(page.content, file.src_uri)
        index = files.src_uris[build.settings.index_page].page  # generated in on_files, rendered since
        if index is not None and index.content is not None:
            index.content = resolved.index_page(index.content)
        build.write_xref(Path(config.site_dir))  # now, rather than kept in memory to the end

    def on_page_context(self, context: dict[str, Any], page: Page, **kwargs: Any) -> None:
        """Related pages and the page's terms, for overrides/partials/xref-page.html; the site's words, for it and
        for the sheet a tap opens and the link that reports an error (overrides/main.html, source-file.html)."""
        resolved = self.build.resolved
        context["xref_strings"] = self.build.strings
        context["xref"] = resolved.page_context(page.url) if resolved is not None else None

    @event_priority(-100)  # last: the policy's hashes must fit the page as every plugin leaves it
    def on_post_page(self, output: str, page: Page, **kwargs: Any) -> str:
        """After Material's search indexer has read the glossary page: its "Used on" lines (search should
        find an entry by its name and definition, not by the lists of pages that mention it). Then every
        page's Content Security Policy, computed from the finished page."""
        build = self.build
        if page.file.src_uri == build.settings.page and build.resolved is not None:
            output = build.resolved.glossary_html(output)
        return output if self.serving else with_policy(output)

    @event_priority(-100)
    def on_post_template(self, output_content: str, template_name: str, **kwargs: Any) -> str:
        """The policy of the pages made from a template alone: 404.html (sitemap.xml is no page)."""
        if self.serving or not template_name.endswith(".html"):
            return output_content
        return with_policy(output_content)

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, config: MkDocsConfig, **kwargs: Any) -> None:
        try:
            if self.nav is not None:
                site = SiteInfo(config.site_name, config.site_description or "", config.site_url or "/")
                pages = [self._page_text(page) for page in self.nav.pages]
                self.build.write_site_files(Path(config.site_dir), site, pages)
            self._add_search_fields(Path(config.site_dir) / SEARCH_INDEX)
        finally:
            _remove_filter()

    def on_build_error(self, error: Exception, **kwargs: Any) -> None:
        _remove_filter()

    # --- helpers ---------------------------------------------------------------------------------

    def _current(self, md: Markdown) -> CurrentPage | None:
        """The page this conversion is (PageWork asks at its start): the one between on_page_markdown and
        on_page_content, if it has not been converted yet; a template's conversion is no page's."""
        page = self.page
        if page is None or page.content is not None:
            return None
        file = page.file
        generated = file.generated_by is not None
        return CurrentPage(file.src_uri, page.url, page.meta, lambda: file.content_string, generated)

    def _page_text(self, page: Page) -> PageText:
        section = page.parent.title if isinstance(page.parent, Section) else ""
        description = str(page.meta.get("description") or "")
        return self.build.page_text(page.file.src_uri, page.title or "", description, page.markdown or "", section)

    def _add_search_fields(self, path: Path) -> None:
        """The fields `topics`, `entries` and `aliases` (core.termkit.search; the timeline's section also gets
        its events' months as entries) in each section's entry of Material's search index, which
        `plugins: search: fields:` in mkdocs.yml weighs; and the footnote markers dropped from each section's
        text, where a result's snippet ran them into the words."""
        if not path.is_file():  # search disabled, or another search plugin
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        separator = (index.get("config") or {}).get("separator")  # split the fields' words as the search will
        changed = add_search_fields(index["docs"], self.build.search_keywords(), separator=separator)
        drop_footnote_markers(index["docs"])  # in a result's snippet they ran into the words
        for doc in index["docs"]:
            if "#" not in doc["location"]:
                doc["boost"] = doc.get("boost", 1) * PAGE_BOOST
        # Material writes the index with these separators (and ensure_ascii); so does this.
        path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
        LOGS["glossary"].debug(f"{SEARCH_INDEX}: search keywords added to {changed} of {len(index['docs'])} sections")

    def _file(self, src: str) -> File | None:
        return self.files.get_file_from_path(src) if self.files is not None else None

    def _source(self, src: str) -> str:
        file = self._file(src)
        return file.content_string.replace("\r\n", "\n") if file is not None else ""

    def _files(self) -> list[str]:
        return [f.src_uri for f in self.files or []]

    def _pages(self) -> list[str]:
        return [f.src_uri for f in self.files.documentation_pages()] if self.files is not None else []

    def _anchors(self, src: str) -> list[str]:
        """The page's anchors, headings first (adapters.mkdocs_messages.ordered_anchors); of the glossary
        only its title, as its table of contents (the letter bar does the rest's work)."""
        page, build = getattr(self._file(src), "page", None), self._build
        if page is None or build is None:
            return []
        headings = build.heading_ids(src, top_only=src == build.settings.page)
        return messages.ordered_anchors(headings, page.present_anchor_ids or ())

    def _generated(self, src: str) -> bool:
        return getattr(self._file(src), "generated_by", None) is not None


def site_build(config: MkDocsConfig) -> SiteBuild:
    """The SiteBuild of the build that config belongs to: how another MkDocs hook (the benchmark's, a
    test's) reaches it, through MkDocs' own list of plugins and hooks."""
    for plugin in config.plugins.values():
        found = getattr(plugin, "plugin", None)
        if isinstance(found, SitePlugin):
            return found.build
    raise PluginError("hooks/mkdocs_hooks.py is not under 'hooks:' in mkdocs.yml")


def _log(problem: Problem) -> None:
    log = LOGS[problem.topic]
    (log.warning if problem.warn else log.info)(problem.text)


class FriendlyMessages(logging.Filter):
    """Rewrites MkDocs' link, anchor and navigation warnings into one friendly message each."""

    friendly_errors = True  # how _remove_filter recognises a filter left by an earlier build

    def __init__(self, plugin: SitePlugin):
        super().__init__()
        self.plugin = plugin

    def filter(self, record: logging.LogRecord) -> bool:
        view = self.plugin.view
        if record.levelno < logging.INFO or view is None:
            return True
        try:
            friendly = rewrite(view, record.getMessage())
        except Exception:  # a message this adapter cannot place: MkDocs' own words are better than none
            return True
        if friendly is None:
            return False
        record.msg, record.args = friendly, ()
        return True


def _install_filter(plugin: SitePlugin) -> None:
    _remove_filter()
    for name in LOGGERS:
        logging.getLogger(name).addFilter(FriendlyMessages(plugin))


def _remove_filter() -> None:
    for name in LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if getattr(f, "friendly_errors", False)]:
            logger.removeFilter(old)
