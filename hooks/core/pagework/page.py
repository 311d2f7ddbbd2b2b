"""The page being converted: the one thing PageWork asks of an engine.

An engine hands Python-Markdown a page's Markdown without saying which page it is. A provider,
called with the Markdown instance at the start of each conversion, says it: the MkDocs adapter
knows it from its page events, the Zensical adapter from a preprocessor Zensical registers, and
the pre-build step (pagework.prebuild) converts the page itself.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from functools import cached_property
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
