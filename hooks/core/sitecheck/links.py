"""Which links MkDocs 1.6 would warn about, found without MkDocs, and worded by sitecheck.messages.

The rules are MkDocs' (mkdocs/structure/pages.py and nav.py): a relative link must name a file
of docs/ (a link without a file extension is "unrecognized"), an anchor must be an id of the
page it points to, every page must be in `nav:` (unless `not_in_nav:` lists it) and every
`nav:` path must name a file. Each kind is reported at the level `validation:` gives it, and
only a warning counts: what a strict build would stop at.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from . import messages

AMP_SUBSTITUTE = "\x02amp\x03"  # Python-Markdown's stand-in for "&" in obfuscated e-mail links
# MkDocs' defaults: (section, setting) -> level
DEFAULT_LEVELS = {
    ("links", "not_found"): "warn",
    ("links", "anchors"): "info",
    ("links", "unrecognized_links"): "info",
    ("links", "absolute_links"): "info",
    ("nav", "omitted_files"): "info",
    ("nav", "not_found"): "warn",
}


def warns(validation: Mapping[str, Any], section: str, setting: str) -> bool:
    """Whether `validation:` makes this kind of problem a warning (section first, then the shorthand)."""
    specific = (validation.get(section) or {}).get(setting)
    return str(specific or validation.get(setting) or DEFAULT_LEVELS[(section, setting)]) == "warn"


@dataclass
class Links:
    """The links of every page, checked once all pages are converted (anchors need every page's ids)."""

    site: messages.SiteView
    files: set[str]  # every file of the site, excluded ones too
    validation: Mapping[str, Any]
    use_directory_urls: bool = True

    def __post_init__(self) -> None:
        self.to_anchors: dict[str, dict[tuple[str, str], str]] = {}  # page -> (target, anchor) -> first link

    def page(self, src: str, urls: Sequence[str]) -> list[str]:
        """The problems of a page's links to files; its links to anchors are kept for `anchors`."""
        problems = []
        for url in urls:
            problem = self._link(src, url)
            if problem:
                problems.append(problem)
        return problems

    def anchors(self, ids: Callable[[str], set[str] | None]) -> list[str]:
        """The problems of links to anchors; ids(page) is None for a file that is no page."""
        if not warns(self.validation, "links", "anchors"):
            return []
        problems = []
        for src, links in self.to_anchors.items():
            for (target, anchor), url in links.items():
                present = ids(target)
                if present is None or anchor in present:
                    continue
                message = messages.anchor_missing(self.site, src, url, "" if target == src else target, anchor)
                if message:
                    problems.append(message)
        return problems

    def _link(self, src: str, url: str) -> str | None:
        """The problem of one link, if it names no file; a link to an anchor is kept for later."""
        scheme, netloc, path, query, anchor = urlsplit(url)
        if scheme or netloc or AMP_SUBSTITUTE in url:
            return None
        if url.startswith(("/", "\\")):
            return self._absolute(src, url)
        path = unquote(path)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path).lstrip("/")) if path else src
        if not path or target in self.files:
            if anchor:
                self.to_anchors.setdefault(src, {}).setdefault((target, anchor), url)
            return None
        unrecognized = not posixpath.splitext(path)[-1]
        if not warns(self.validation, "links", "unrecognized_links" if unrecognized else "not_found"):
            return None
        guess = self._guess(src, path, target, query, anchor)
        return messages.link_not_found(self.site, src, url, target, guess, unrecognized=unrecognized)

    def _absolute(self, src: str, url: str) -> str | None:
        """An absolute link, which MkDocs leaves as it is (it breaks when the site lives under a sub-path)."""
        if not warns(self.validation, "links", "absolute_links"):
            return None
        where = messages.where_link(self.site, src, url)
        return f"{where}: link '{url}' is an absolute path; fix: link to the file relative to docs/{src}"

    def _guess(self, src: str, path: str, target: str, query: str, anchor: str) -> str:
        """MkDocs' suggestion: the file the link most likely meant (a page's .md for its URL, an index.md)."""
        candidates = []
        if self.use_directory_urls:
            candidates.append(target)
        if not posixpath.splitext(target)[-1]:
            candidates += [posixpath.join(target, "index.md"), posixpath.join(target, "README.md")]
        if (
            not target.endswith(".")
            and not path.endswith(".md")
            and (self.use_directory_urls or not path.endswith("/"))
        ):
            candidates.append(target.removesuffix(".html") + ".md")
        for candidate in candidates:
            guess = posixpath.normpath(candidate)
            if guess != target and not guess.startswith("../") and guess in self.files:
                relative = "" if anchor and guess == src else posixpath.relpath(guess, posixpath.dirname(src) or ".")
                return urlunsplit(("", "", relative, query, anchor))
        return ""


def nav_problems(
    site: messages.SiteView,
    validation: Mapping[str, Any],
    named: Sequence[str],
    pages: Sequence[str],
    outside: set[str],
) -> list[str]:
    """Pages that `nav:` leaves out (unless listed under `not_in_nav:`), and `nav:` paths that name no file."""
    files = set(site.files())
    problems = []
    omitted = [page for page in pages if page not in named and page not in outside]
    if omitted and warns(validation, "nav", "omitted_files"):
        problems.append(messages.nav_omitted(site, omitted))
    if warns(validation, "nav", "not_found"):
        problems += [messages.nav_not_found(site, path) for path in named if path not in files]
    return problems
