"""core.pagework without any engine: one SiteBuild of a small project, its PageWork extension in
Python-Markdown's conversion, the page provider, links written as paths of source files, and the
conversion of every page outside a build (prebuild)."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import markdown
import pytest
import yaml

from core.pagework.page import CurrentPage
from core.pagework.project import NavEntry, Project, source_links
from core.pagework.sitebuild import SiteBuild
from core.sourcefile import STRINGS, SourceError
from core.termkit.records import Problem
from support import ROOT
from support.sites import make_site

EXTENSIONS = ["toc", "attr_list"]


def page(src: str = "guide/intro.md", generated: bool = False) -> CurrentPage:
    return CurrentPage(src, src.removesuffix(".md") + "/", {}, lambda: "", generated)


def site_build(tmp_path: Path, current=lambda md: page(), **options) -> tuple[SiteBuild, list[Problem]]:
    """A SiteBuild of a small project (the project's strings, a small glossary, the real key numbers)."""
    docs = make_site(tmp_path, {"index.md": "# Home\n"}) / "docs"
    problems: list[Problem] = []
    options = {"extensions": EXTENSIONS, "current": current, "report": problems.append, "source": lambda src: ""}
    build = SiteBuild(docs, {}, "en", tmp_path / "cache", **options)
    build.use_urls({"glossary.md": "glossary/", "book-index.md": "book-index/", "guide/intro.md": "guide/intro/"})
    return build, problems


def convert(build: SiteBuild, text: str) -> str:
    return markdown.Markdown(extensions=[*EXTENSIONS, build.work]).convert(text)


def test_terms_are_linked_on_the_page_the_provider_names(tmp_path):
    build, _ = site_build(tmp_path)
    html = convert(build, "Grouped-query attention saves memory.")
    assert '<a class="glossary-term" href="../../glossary/#grouped-query-attention"' in html


def test_a_conversion_that_is_no_page_is_left_alone(tmp_path):
    build, _ = site_build(tmp_path, current=lambda md: None)
    html = convert(build, "# Title\n\nGrouped-query attention saves memory.\n\n[[numbers: nope]]\n")
    assert "glossary-term" not in html
    assert "[[numbers: nope]]" in html
    assert build.headings == {}


def test_the_provider_is_asked_once_per_conversion_and_finish_gets_the_page(tmp_path):
    asked, finished = [], []
    build, _ = site_build(tmp_path, current=lambda md: asked.append(md) or page())
    build.work.finish = lambda current, html, md: finished.append(current.src) or html + "<!-- done -->"
    html = convert(build, "# Title\n\nText.")  # toc runs the postprocessors on its own HTML too
    assert len(asked) == 1
    assert finished == ["guide/intro.md"]
    assert html.endswith("<!-- done -->")


def test_a_comma_goes_between_adjacent_footnote_markers_only(tmp_path):
    """On any conversion, a page's or not: "1,2,3" for adjacent markers, none where text parts them."""
    build, _ = site_build(tmp_path, current=lambda md: None)
    md = markdown.Markdown(extensions=["footnotes", build.work])
    html = md.convert("A point.[^a][^b][^c] Then [^d] and [^a].\n\n[^a]: One.\n[^b]: Two.\n[^c]: Three.\n[^d]: Four.\n")
    paragraph = lxml.html.fromstring(html).xpath("//p")[0]
    assert paragraph.text_content().startswith("A point.1,2,3 Then 4 and 1.")


def test_a_conversion_tells_the_build_its_headings_as_a_reader_sees_them(tmp_path):
    """The one reading of the toc extension's result: ids, levels, and text without markup or entities."""
    build, _ = site_build(tmp_path)
    convert(build, "# Title\n\n## A `code` &amp; <small>small</small> part {#own}\n\n### on_&lt;event&gt;()\n")
    assert build.headings["guide/intro.md"] == [
        ("title", 1, "Title"),
        ("own", 2, "A code & small part"),
        ("on_event", 3, "on_<event>()"),
    ]


def test_source_links_are_paths_of_source_files_relative_to_the_linking_page(tmp_path):
    build, _ = site_build(tmp_path)
    urls = {"glossary.md": "glossary/", "book-index.md": "book-index/", "guide/intro.md": "guide/intro/"}
    build.use_urls(urls, source_links({url: src for src, url in urls.items()}))
    assert 'href="../glossary.md#grouped-query-attention"' in convert(build, "Grouped-query attention.")
    assert source_links({"glossary/": "glossary.md"})("glossary/#gqa", "glossary/") == "#gqa"


def test_the_sites_words_are_those_of_its_language_for_terms_and_key_numbers_alike(tmp_path):
    english = yaml.safe_load((ROOT / "docs" / STRINGS).read_text(encoding="utf-8"))["en"]
    german = {key: f"DE-{value}" for key, value in english.items()}
    docs = make_site(tmp_path, {"index.md": "# Home\n"}) / "docs"
    (docs / STRINGS).write_text(yaml.safe_dump({"en": english, "de": german}, allow_unicode=True), encoding="utf-8")
    options = {"extensions": EXTENSIONS, "current": lambda md: None, "report": pytest.fail, "source": lambda src: ""}
    for language, words in (("en", english), ("de", german)):
        build = SiteBuild(docs, {}, language, tmp_path / "cache", **options)
        assert build.strings == words
        assert build.terms.strings is build.strings
        assert build.numbers.data.words == build.strings


def test_the_glossary_page_needs_attr_list(tmp_path):
    docs = make_site(tmp_path, {"index.md": "# Home\n"}) / "docs"
    options = {"current": lambda md: None, "report": pytest.fail, "source": lambda src: ""}
    with pytest.raises(SourceError, match="the glossary page needs attr_list"):
        SiteBuild(docs, {}, "en", tmp_path / "cache", extensions=["toc"], **options)


def test_the_glossary_page_is_built_from_the_glossary_not_from_html_in_markdown(tmp_path):
    """Its headings' ids come from attribute lists, their text from the glossary (no inline pattern
    touches it), and it keeps no permalinks."""
    build, _ = site_build(tmp_path, current=lambda md: page("glossary.md", generated=True))
    markdown_text = build.generated_pages()["glossary.md"]
    assert "<h3" not in markdown_text
    assert "### Grouped-query attention (GQA) {: .glossary-entry #grouped-query-attention }" in markdown_text
    md = markdown.Markdown(extensions=[*EXTENSIONS, build.work], extension_configs={"toc": {"permalink": True}})
    html = md.convert(markdown_text.split("---\n", 2)[2])
    assert '<h3 class="glossary-entry" id="grouped-query-attention">Grouped-query attention (GQA)</h3>' in html
    assert '<h2 data-search-exclude="1" id="letter-g">G</h2>' in html
    assert "headerlink" not in html


def test_prebuild_converts_every_page_and_writes_what_zensical_needs(tmp_path):
    from core.pagework.prebuild import Prebuild

    pages = {"index.md": "# Home\n\nGrouped-query attention, [its entry](glossary.md#grouped-query-attention).\n"}
    docs = make_site(tmp_path, pages) / "docs"
    project = Project(
        config_file=tmp_path / "project/mkdocs.yml",
        docs=docs,
        name="Test",
        description="About.",
        url="https://example.org/",
        language="en",
        extra={},
        use_directory_urls=True,
        extensions=EXTENSIONS,
        extension_configs={},
        pages=["index.md"],
        nav=[NavEntry("index.md", "Home"), NavEntry("glossary.md", "Glossary"), NavEntry("book-index.md", "Index")],
    )
    step = Prebuild(project, draw=False)
    step.run()
    assert step.problems == []
    step.write(tmp_path / "work", tmp_path / "work/site")
    assert sorted(p.name for p in (tmp_path / "work/site").iterdir()) == [
        "claims.json",
        "llms-full.txt",
        "llms.txt",
        "xref.json",
    ]
    assert (docs / "glossary.md").read_text(encoding="utf-8").startswith("---\n# Written by `python -m adapters")
    state = yaml.safe_load((tmp_path / "work/state.json").read_text(encoding="utf-8"))
    assert state["headings"]["index.md"] == [["home", 1, "Home"]]
    assert len(state["used_on"]) == 4
