"""The same site from both engines: MkDocs 1.6 (`make build`) and Zensical (`make build-zensical`).

Every page's article is compared element by element (tests/support/article_diff), apart from the
engine markup named in ENGINE_MARKUP, and the data files byte by byte.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import ROOT
from support.article_diff import article, differences

pytestmark = pytest.mark.slow

ZENSICAL_SITE = ROOT / "site-zensical"
DATA_FILES = ["xref.json", "llms.txt", "llms-full.txt", "claims.json"]
# What differs because the engines (and their themes) differ, never because of the site's own work:
ENGINE_MARKUP = {
    "a[@id='__skip']": "Zensical's template puts the skip link's target inside the article",
    "aside[contains(@class, 'md-source-file')]": "MkDocs' git-revision-date plugin (Zensical has no plugins)",
    "a[contains(@class, 'md-content__button')]": (
        "the edit and view buttons: the MkDocs adapter points those of the generated pages to docs/data/glossary.yml"
    ),
}
# Zensical's search reads the valueless data-search-exclude of a chart's <figure> and drops it.
DROPPED_ATTRIBUTES = {"data-search-exclude": ""}


@pytest.fixture(scope="session")
def zensical_site() -> Path:
    """The Zensical build; `make build-zensical` sets up its virtual environment first if it is missing."""
    result = subprocess.run(
        ["make", "-s", "build-zensical"], cwd=ROOT, capture_output=True, text=True, check=False, env=os.environ.copy()
    )
    assert result.returncode == 0, f"make build-zensical failed:\n{result.stdout}\n{result.stderr}"
    return ZENSICAL_SITE


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html") if p.parent != site / "assets")


def _normalised(html: str, page: str):
    """The article without engine markup; relative links as the site path they resolve to, as each
    engine writes a link to the page itself differently ("./#a" and "../sources/#a")."""
    root = article(html)
    for xpath in ENGINE_MARKUP:
        for el in root.xpath(f"./{xpath}"):
            root.remove(el)
    base = "/" + posixpath.dirname(page) + "/"
    for el in root.iter():
        for name, value in DROPPED_ATTRIBUTES.items():
            if el.get(name) == value:
                del el.attrib[name]
        if el.get("href"):
            el.set("href", _resolved(el.get("href"), base))
    root.text = (root.text or "").strip()
    for child in root:
        child.tail = (child.tail or "").strip()
    return root


def _resolved(href: str, base: str) -> str:
    """A relative link as the site path it points to (directory URLs keep their slash)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return href
    path = posixpath.normpath(posixpath.join(base, parts.path)) + ("/" if parts.path.endswith("/") else "")
    return path.replace("//", "/") + (f"#{parts.fragment}" if parts.fragment else "")


def test_both_engines_build_the_same_pages(real_site, zensical_site):
    assert _pages(real_site) == _pages(zensical_site)


def test_every_article_is_the_same_element_by_element(real_site, zensical_site):
    problems = {}
    for page in _pages(real_site):
        mkdocs = _normalised((real_site / page).read_text(encoding="utf-8"), page)
        zensical = _normalised((zensical_site / page).read_text(encoding="utf-8"), page)
        if found := differences(mkdocs, zensical):
            problems[page] = found[:5]
    assert not problems, problems


def test_the_zensical_articles_have_the_site_work(zensical_site):
    """Not an empty comparison: term links, charts, key numbers, the lists of the generated pages."""
    architecture = (zensical_site / "architecture/index.html").read_text(encoding="utf-8")
    assert 'class="glossary-term"' in architecture
    assert '<figure class="kn-chart"' in architecture
    assert 'class="xref-page"' in architecture
    assert "[[chart:" not in architecture
    assert "[[numbers:" not in architecture
    assert "Used on" in (zensical_site / "glossary/index.html").read_text(encoding="utf-8")
    assert "<!-- xref-index -->" not in (zensical_site / "book-index/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_files_are_byte_identical(real_site, zensical_site, name):
    assert (zensical_site / name).read_bytes() == (real_site / name).read_bytes()


def test_the_build_leaves_docs_as_it_was(zensical_site):
    for generated in ("glossary.md", "book-index.md"):
        assert not (ROOT / "docs" / generated).exists()


def test_every_zensical_page_has_the_policy(zensical_site):
    """After the build, `python -m core.pagework.csp` puts the policy into every page: the template's inline
    scripts by hash, never 'unsafe-inline' for scripts; any inline style, since Zensical's search dialog
    writes its style sheet into the page from its script, where no hash of the page can find it."""
    pages = sorted(zensical_site.rglob("*.html"))
    assert "404.html" in {p.name for p in pages}
    for path in pages:
        found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', path.read_text("utf-8"))
        assert len(found) == 1, path
        directives = {part.split()[0]: part.split()[1:] for part in found[0].split("; ")}
        assert directives["script-src"][0] == "'self'", path
        assert all(source.startswith("'sha256-") for source in directives["script-src"][1:]), path
        assert len(directives["script-src"]) > 1, path
        assert directives["style-src"] == ["'self'", "'unsafe-inline'"], path
        assert directives["object-src"] == ["'none'"], path
