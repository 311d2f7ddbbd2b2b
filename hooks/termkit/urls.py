"""Relative links between pages, so a site works under any host and sub-path."""

from __future__ import annotations

import posixpath


def relative_url(target: str, source: str) -> str:
    """A link from the page at `source` to `target`, both site-relative page URLs.

    URLs look like "" (home), "guide/" (directory URLs) or "guide.html"; the target may
    carry a "#fragment". Links within one page become bare fragments.
    """
    path, _, fragment = target.partition("#")
    source_dir = source[: source.rfind("/") + 1]
    relative = posixpath.relpath("/" + path, "/" + source_dir)
    if path == "" or path.endswith("/"):
        relative += "/"
    if path == source:
        relative = ""
    if fragment:
        return f"{relative}#{fragment}"
    return relative or "./"
