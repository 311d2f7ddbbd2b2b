"""Relative links between pages, so a site works under any host and sub-path."""

from __future__ import annotations

import posixpath
from functools import lru_cache


def relative_url(target: str, source: str) -> str:
    """A link from the page at `source` to `target`, both site-relative page URLs.

    URLs look like "" (home), "guide/" (directory URLs) or "guide.html"; the target may
    carry a "#fragment". Links within one page become bare fragments.
    """
    path, _, fragment = target.partition("#")
    relative = _relative_path(path, source)
    if fragment:
        return f"{relative}#{fragment}"
    # A page's link to itself: its folder ("./") with directory URLs, else its own file name.
    return relative or posixpath.basename(path) or "./"


@lru_cache(maxsize=1 << 16)  # a pure function of two URLs; pages link to the same few targets
def _relative_path(path: str, source: str) -> str:
    if path == source:
        return ""
    source_dir = source[: source.rfind("/") + 1]
    relative = posixpath.relpath("/" + path, "/" + source_dir)
    if path == "" or path.endswith("/"):
        relative += "/"
    return relative
