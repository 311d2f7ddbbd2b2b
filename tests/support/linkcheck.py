"""Resolve every link in a built site and report those that lead nowhere."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html


def page_ids(path: Path) -> set[str]:
    root = lxml.html.fromstring(path.read_bytes())
    ids = {el.get("id") for el in root.iter()} | {el.get("name") for el in root.iter("a")}
    return {i for i in ids if i}


def target_file(site: Path, page: Path, href_path: str, base_path: str = "/") -> Path:
    if href_path.startswith("/"):  # absolute (the 404 page): only valid under the site's own path
        if not href_path.startswith(base_path):
            return site / "__outside_the_site__"
        page, href_path = site / "index.html", href_path[len(base_path) :]
    base = posixpath.dirname(page.relative_to(site).as_posix())
    resolved = (
        posixpath.normpath(posixpath.join(base, unquote(href_path))) if href_path else page.relative_to(site).as_posix()
    )
    candidate = site / resolved
    return candidate / "index.html" if candidate.is_dir() else candidate


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """Every internal link (and anchor) that does not resolve, as 'page -> href'."""
    problems, ids = [], {}
    for page in sorted(site.rglob("*.html")):
        root = lxml.html.fromstring(page.read_bytes())
        for a in root.iterfind(".//a"):
            href = a.get("href")
            if not isinstance(href, str):
                continue
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = target_file(site, page, parts.path, base_path)
            if not target.exists():
                problems.append(f"{page.relative_to(site)} -> {href} (no file)")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = page_ids(target)
                if unquote(parts.fragment) not in ids[target]:
                    problems.append(f"{page.relative_to(site)} -> {href} (no anchor)")
    return problems
