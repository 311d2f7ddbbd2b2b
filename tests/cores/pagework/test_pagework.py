"""hooks/pagework without any engine: the extension, its page providers, the config reader and links."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
from markdown.preprocessors import Preprocessor

from pagework.extension import PageWork
from pagework.page import CurrentPage, mkdocs_page, zensical_page
from pagework.project import Project, read_config, source_links, split_front_matter
from support.sites import MINI_GLOSSARY
from termkit.collate import Collation
from termkit.matcher import Matcher
from termkit.model import parse_glossary
from termkit.site import Settings, TermSite

GLOSSARY = parse_glossary(MINI_GLOSSARY, "docs/data/glossary.yml")
STRINGS = {"related_title": "Related pages"}


def page(src: str = "guide/intro.md", generated: bool = False) -> CurrentPage:
    return CurrentPage(src, src.removesuffix(".md") + "/", {}, lambda: "", generated)


def terms(link=None) -> TermSite:
    site = TermSite(GLOSSARY, Matcher(GLOSSARY), Collation(), STRINGS, Settings())
    site.glossary_url = "glossary/"
    if link is not None:
        site.link = link
    return site


def convert(work: PageWork, text: str) -> str:
    return markdown.Markdown(extensions=["toc", work]).convert(text)


def test_terms_are_linked_on_the_page_the_provider_names():
    work = PageWork(lambda md: page())
    work.terms = terms()
    html = convert(work, "Grouped-query attention saves memory.")
    assert '<a class="glossary-term" href="../../glossary/#grouped-query-attention"' in html


def test_a_conversion_that_is_no_page_is_left_alone():
    work = PageWork(lambda md: None)
    work.terms = terms()
    assert "glossary-term" not in convert(work, "Grouped-query attention saves memory.")


def test_the_provider_is_asked_once_per_conversion_and_after_is_called_with_the_page():
    asked, finished = [], []
    work = PageWork(lambda md: asked.append(md) or page())
    work.finish = lambda current, html, md: finished.append(current.src) or html + "<!-- done -->"
    html = convert(work, "# Title\n\nText.")  # toc runs the postprocessors on its own HTML too
    assert len(asked) == 1
    assert finished == ["guide/intro.md"]
    assert html.endswith("<!-- done -->")


def test_one_page_work_per_list_of_extensions():
    extensions: list[object] = ["toc"]
    first = PageWork.installed(extensions, lambda md: None)
    assert PageWork.installed(extensions, lambda md: None) is first
    assert extensions == ["toc", first]


def test_source_links_are_paths_of_source_files_relative_to_the_linking_page():
    work = PageWork(lambda md: page())
    urls = {"glossary/": "glossary.md", "guide/intro/": "guide/intro.md"}
    work.terms = terms(source_links(urls))
    assert 'href="../glossary.md#grouped-query-attention"' in convert(work, "Grouped-query attention.")
    assert source_links(urls)("glossary/#gqa", "glossary/") == "#gqa"


def test_mkdocs_provider_names_the_page_only_while_it_is_converted():
    file = SimpleNamespace(src_uri="a.md", content_string="# A", generated_by=None)
    current = SimpleNamespace(file=file, url="a/", meta={"x": 1}, content=None)
    config = SimpleNamespace(_current_page=current)
    found = mkdocs_page(config)
    assert found is not None
    assert (found.src, found.url, found.meta, found.source, found.generated) == ("a.md", "a/", {"x": 1}, "# A", False)
    current.content = "<h1>A</h1>"  # converted: a template's conversion is not the page's
    assert mkdocs_page(config) is None
    assert mkdocs_page(SimpleNamespace()) is None


def test_zensical_provider_reads_the_rendering_context(tmp_path):
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")

    class Context(Preprocessor):
        name = "rendering_context"

        def run(self, lines):
            return lines

    md = markdown.Markdown()
    context = Context(md)
    context.page = SimpleNamespace(path="a.md", url="a/", meta={"title": "A"})
    md.preprocessors.register(context, "rendering_context", 0)
    found = zensical_page(md, tmp_path, generated={"glossary.md"})
    assert found is not None
    assert (found.src, found.url, found.source, found.generated) == ("a.md", "a/", "# A\n", False)
    assert zensical_page(markdown.Markdown(), tmp_path) is None


def test_config_inherits_as_zensical_merges_it(tmp_path):
    (tmp_path / "base.yml").write_text(
        "site_name: S\ntheme: {name: material, language: en}\nmarkdown_extensions: [toc]\n"
        "x: !ENV [NO_SUCH_VARIABLE, fallback]\n",
        encoding="utf-8",
    )
    (tmp_path / "z.yml").write_text(
        "INHERIT: base.yml\ntheme: {variant: classic}\nmarkdown_extensions: [pagework.zensical]\n", encoding="utf-8"
    )
    config, files = read_config(tmp_path / "z.yml")
    assert [(path.name, text.split("\n")[0]) for path, text in files] == [
        ("z.yml", "INHERIT: base.yml"),
        ("base.yml", "site_name: S"),
    ]
    assert config["theme"] == {"name": "material", "language": "en", "variant": "classic"}
    assert config["markdown_extensions"] == ["toc", "pagework.zensical"]
    assert config["x"] == "fallback"


def test_front_matter_is_split_as_mkdocs_splits_it():
    assert split_front_matter("---\ntitle: T\nxref: false\n---\n\n# Body\n") == (
        "# Body\n",
        {"title": "T", "xref": False},
        5,
    )
    assert split_front_matter("# No front matter\n") == ("# No front matter\n", {}, 0)
    assert split_front_matter("---\na: b: c\n---\n# Body\n") == ("---\na: b: c\n---\n# Body\n", {}, 0)


def test_urls_and_extensions_of_a_project(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\nnav:\n  - Home: index.md\n  - Part:\n      - One: part/one.md\n"
        "markdown_extensions:\n  - toc:\n      permalink: true\n  - pagework.zensical\n",
        encoding="utf-8",
    )
    project = Project.load(tmp_path / "mkdocs.yml")
    assert [(e.src, e.title, e.section) for e in project.nav] == [
        ("index.md", "Home", ""),
        ("part/one.md", "One", "Part"),
    ]
    assert [project.url_of(s) for s in ("index.md", "part/one.md", "part/index.md")] == ["", "part/one/", "part/"]
    assert project.extensions() == (["toc", "tables", "fenced_code"], {"toc": {"permalink": True}})
    assert project.terms is None
    assert project.numbers is None  # no hooks listed: no glossary, no key numbers


def test_project_reads_tags_exclusions_and_urls(tmp_path):
    (tmp_path / "docs/data").mkdir(parents=True)
    for name in ("index.md", "a.md", "data/x.md", ".hidden.md", "draft.md"):
        (tmp_path / "docs" / name).write_text("# X\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: !ENV [NO_SUCH_VARIABLE_HERE, Fallback]\n"
        "exclude_docs: |\n  data/\nnot_in_nav: draft.md\n"
        "markdown_extensions:\n  - toc:\n      slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n"
        "  - pymdownx.superfences:\n      custom_fences:\n"
        "        - name: x\n          format: !!python/name:no.such.thing\n"
        "nav: [index.md, {Section: [a.md, 'https://example.org', /abs.md]}]\n",
        encoding="utf-8",
    )
    project = Project.read(tmp_path / "mkdocs.yml")
    assert project.config["site_name"] == "Fallback"
    assert project.pages == ["index.md", "a.md", "draft.md"]
    assert project.not_in_nav == {"draft.md"}
    names, configs = project.extensions()
    assert names[:4] == ["toc", "tables", "fenced_code", "pymdownx.superfences"]
    assert configs["toc"]["slugify"].__name__ == "slugify_unicode"
    assert configs["pymdownx.superfences"]["custom_fences"][0]["format"] == "no.such.thing"  # kept, not fatal
    assert [(e.src, e.title, e.section) for e in project.nav] == [("index.md", None, ""), ("a.md", None, "Section")]
    assert [project.url_of(p) for p in ("index.md", "a.md", "sub/index.md")] == ["", "a/", "sub/"]
