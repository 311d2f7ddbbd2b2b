"""The page being converted: the one thing PageWork asks of an engine.

An engine hands Python-Markdown a page's Markdown without saying which page it is. A provider,
called with the Markdown instance at the start of each conversion, says it: MkDocs keeps the
page it is converting in its config, Zensical in a preprocessor of its own. Neither is imported.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, MutableMapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from markdown import Markdown


@dataclass
class CurrentPage:
    src: str  # path in the docs directory, e.g. "scaling-laws.md"
    url: str  # site-relative, e.g. "scaling-laws/" ("" for the home page)
    meta: MutableMapping[str, Any]  # front matter; what the work adds reaches the page's template
    read_source: Callable[[], str] = field(repr=False)  # the source file's text (line numbers in messages)
    generated: bool = False  # a page the site adds (glossary, index), not an author's

    @cached_property
    def source(self) -> str:
        return self.read_source()


PageProvider = Callable[[Markdown], CurrentPage | None]  # None: a conversion that is not a page's


def mkdocs_page(config: object) -> CurrentPage | None:
    """MkDocs 1.6 sets config._current_page before it converts a page; its content is None until converted.

    A later conversion while the page is built (a template's) is not the page's: None.
    """
    page: Any = getattr(config, "_current_page", None)
    if page is None or page.content is not None:
        return None
    file = page.file
    return CurrentPage(file.src_uri, page.url, page.meta, lambda: file.content_string, file.generated_by is not None)


def zensical_page(md: Markdown, docs: Path, generated: Collection[str] = ()) -> CurrentPage | None:
    """Zensical (0.0.x) registers a preprocessor "rendering_context" whose .page has .path, .url and .meta."""
    context = next((p for p in md.preprocessors if getattr(p, "name", "") == "rendering_context"), None)
    page: Any = getattr(context, "page", None)
    if page is None:
        return None
    path = docs / page.path
    return CurrentPage(page.path, page.url, page.meta, lambda: path.read_text(encoding="utf-8"), page.path in generated)
