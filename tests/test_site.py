"""The real site: strict build, page structure, citations, and no third-party requests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
import yaml
from support import ROOT
from support.sites import make_site, run_build

DOCS = ROOT / "docs"
THEMES = ["parameter-sizing", "scaling-laws", "architecture", "synthetic-data", "evaluation", "agents"]
PAGES = ["index", *THEMES, "sources"]
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)


@pytest.fixture(scope="session")
def site(real_site) -> Path:
    return real_site


def html_of(site: Path, page: str) -> lxml.html.HtmlElement:
    path = site / ("index.html" if page == "index" else f"{page}/index.html")
    return lxml.html.fromstring(path.read_bytes())


def split_front_matter(name: str) -> tuple[dict, str]:
    text = (DOCS / f"{name}.md").read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, f"docs/{name}.md has no front matter"
    return yaml.safe_load(match.group(1)), text[match.end():]


def test_strict_build_passes(site):
    assert (site / "index.html").exists()
    assert (site / "404.html").exists()
    assert (site / "sitemap.xml").exists()
    assert not (site / "data").exists(), "data files are inputs, not pages"


@pytest.mark.parametrize("page", THEMES)
def test_theme_page_shape(site, page):
    root = html_of(site, page)
    article = root.find(".//article")
    assert len(article.findall(".//h1")) == 1
    first = article.xpath("./h1/following-sibling::*[1]")[0]
    assert "abstract" in first.get("class", ""), f"{page}: the 'In short' box must follow the H1"
    assert first.findtext("p[@class='admonition-title']") == "In short"
    corrections = [t.text_content() for t in article.xpath(".//div[contains(@class,'warning')]/p[@class='admonition-title']")]
    assert corrections and all(t.startswith("Correction: ") for t in corrections), corrections
    assert article.xpath(".//h2[starts-with(normalize-space(.), 'Key numbers')]/following-sibling::*[1][self::div or self::table]")
    refs = {a.get("href") for a in article.xpath(".//sup/a[@class='footnote-ref']")}
    assert len(refs) >= 8, f"{page}: only {len(refs)} footnote citations"


@pytest.mark.parametrize("page", THEMES)
def test_theme_page_length(page):
    _, body = split_front_matter(page)
    prose = FOOTNOTE_DEF.split(body, maxsplit=1)[0]
    words = len(re.findall(r"[A-Za-z0-9][\w.,'’%×-]*", prose))
    assert 800 <= words <= 2000, f"docs/{page}.md: {words} words of body text"


@pytest.mark.parametrize("page", PAGES)
def test_meta_description(site, page):
    meta, _ = split_front_matter(page)
    assert 100 <= len(meta["description"]) <= 165
    root = html_of(site, page)
    assert root.find(".//meta[@name='description']").get("content") == meta["description"].strip()


def test_no_third_party_assets(site):
    """Stylesheets, scripts, fonts and images all come from the site itself."""
    offenders = []
    for page in site.rglob("*.html"):
        root = lxml.html.fromstring(page.read_bytes())
        for el in root.xpath("//link[@href] | //script[@src] | //img[@src] | //source[@src] | //iframe[@src]"):
            url = el.get("href") or el.get("src")
            if el.tag == "link" and el.get("rel") in ("canonical", "alternate", "sitemap"):
                continue
            if urlsplit(url).netloc:
                offenders.append(f"{page.relative_to(site)}: {url}")
        if root.xpath("//*[@data-md-component='source']"):
            offenders.append(f"{page.relative_to(site)}: repository facts fetched from the GitHub API")
    for css in site.rglob("*.css"):
        for url in re.findall(r"(?:url\(|@import\s+)['\"]?([^'\")\s]+)", css.read_text(encoding="utf-8")):
            if urlsplit(url).netloc:
                offenders.append(f"{css.relative_to(site)}: {url}")
    for js in site.rglob("*.js"):
        if re.search(r"fonts\.(googleapis|gstatic)\.com", js.read_text(encoding="utf-8")):
            offenders.append(f"{js.relative_to(site)}: Google Fonts")
    assert offenders == []


def test_every_page_has_edit_and_view_buttons(site):
    for page in [*PAGES, "glossary"]:
        root = html_of(site, page)
        edit = root.find(".//a[@rel='edit']").get("href")
        source = "data/glossary.yml" if page == "glossary" else f"{page}.md"
        assert edit == f"https://github.com/llama-explained/site/edit/main/docs/{source}"
        assert (DOCS / source).exists()


MAX_DOM_ELEMENTS = 1_500  # Lighthouse flags pages over 1,400; style and layout on a phone grow with the count


def test_every_page_is_light(site):
    """Every built page, the glossary and the index included, stays under the DOM size budget
    (document.getElementsByTagName('*').length in a browser: every element, <head> included)."""
    counts = {str(page.relative_to(site)): len(lxml.html.fromstring(page.read_bytes()).xpath("//*"))
              for page in sorted(site.rglob("*.html"))}
    assert {"glossary/index.html", "book-index/index.html", "index.html"} <= set(counts)
    heavy = {page: count for page, count in counts.items() if count > MAX_DOM_ELEMENTS}
    assert not heavy, f"pages over {MAX_DOM_ELEMENTS:,} elements: {heavy}"
