"""MkDocs adapter for the friendly errors (hooks/sitecheck, which `python -m sitecheck` runs without
MkDocs): events only.

Each page's source is checked for footnotes and front matter (sitecheck.source), and the page as
converted, its front matter and strings.yml for active markup (sitecheck.active). MkDocs' own warnings
for a misspelled page link, a missing anchor, a page left out of `nav:` and a `nav:` entry that names
no page are rewritten in sitecheck's words (sitecheck.mkdocs_log) by a logging filter on the MkDocs
loggers, in place, so they still count for `--strict`; the filter lives from on_config to the build's end.
Unknown terms and index markers are reported by hooks/terms.py, `[[…]]` markers by hooks/charts.py.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority, get_plugin_logger

from sitecheck import messages
from sitecheck.active import ActiveMarkup
from sitecheck.mkdocs_log import LOGGERS, rewrite
from sitecheck.source import page_problems

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("checks")

site: messages.SiteView  # this build's view of the site, made in on_config
listed: Files | None = None  # this build's files, once MkDocs has listed them
active: ActiveMarkup  # this build's check for script and the like in what editors write


def on_config(config: MkDocsConfig) -> None:
    global site, listed, active
    config_file = Path(config.config_file_path) if config.config_file_path else None
    text = config_file.read_text(encoding="utf-8") if config_file and config_file.is_file() else ""
    name = config_file.name if config_file else "mkdocs.yml"
    site, listed = messages.SiteView(_source, _files, _pages, _anchors, _generated, name, text), None
    _install_filter()
    active = ActiveMarkup(Path(config.docs_dir))
    for problem in active.words():
        log.warning(problem)


@event_priority(-100)  # last, so files that other hooks add are known too
def on_files(files: Files, config: MkDocsConfig) -> None:
    global listed
    listed = files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    problems, unused = page_problems(page.file.src_uri, page.file.content_string.replace("\r\n", "\n"))
    for problem in problems:
        log.warning(problem)
    site.unused_footnotes |= {(page.file.src_uri, label) for label in unused}


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    """Script and the like in the page as converted (sitecheck.active), with the line that holds it."""
    for problem in active.page(page.file.src_uri, _source(page.file.src_uri), html, _generated(page.file.src_uri)):
        log.warning(problem)


def on_post_build(config: MkDocsConfig) -> None:
    _remove_filter()


def on_build_error(error: Exception) -> None:
    _remove_filter()


class FriendlyMessages(logging.Filter):
    """Rewrites MkDocs' link, anchor and navigation warnings into one friendly message each."""

    friendly_errors = True  # how on_config recognises a filter left by an earlier copy of this hook

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.INFO:
            return True
        try:
            friendly = rewrite(site, record.getMessage())
        except Exception:  # a message this hook cannot place: MkDocs' own words are better than none
            return True
        if friendly is None:
            return False
        record.msg, record.args = friendly, ()
        return True


def _install_filter() -> None:
    _remove_filter()
    for name in LOGGERS:
        logging.getLogger(name).addFilter(FriendlyMessages())


def _remove_filter() -> None:
    for name in LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if getattr(f, "friendly_errors", False)]:
            logger.removeFilter(old)


def _file(src: str) -> File | None:
    return listed.get_file_from_path(src) if listed is not None else None


def _source(src: str) -> str:
    file = _file(src)
    return file.content_string.replace("\r\n", "\n") if file is not None else ""


def _files() -> list[str]:
    return [f.src_uri for f in listed or []]


def _pages() -> list[str]:
    return [f.src_uri for f in listed.documentation_pages()] if listed is not None else []


def _anchors(src: str) -> list[str]:
    """The page's anchors, headings first (sitecheck.messages.ordered_anchors)."""
    page = getattr(_file(src), "page", None)
    if page is None:
        return []
    return messages.ordered_anchors(messages.heading_ids(page.toc or []), page.present_anchor_ids or ())


def _generated(src: str) -> bool:
    return getattr(_file(src), "generated_by", None) is not None
