"""The glossary hook in real MkDocs builds of small sites."""

import json

import lxml.html
import pytest

from support.glossary_page import entry_refs
from support.linkcheck import broken_links
from support.samples import HOOK_PAGES
from support.sites import MINI_GLOSSARY, make_site, run_build

PAGES = HOOK_PAGES


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample pages with the sample glossary, built once for the tests that only read the result."""
    result = run_build(make_site(tmp_path_factory.mktemp("glossary-hook"), PAGES))
    assert result.ok, result.log
    return result


def term_links(html: str) -> list[tuple[str, str | None]]:
    root = lxml.html.fromstring(html)
    return [(a.text_content(), a.get("href")) for a in root.iterfind(".//article//a[@class='glossary-term']")]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_links_resolve_under_both_url_styles(site_builder, directory_urls):
    built = site_builder(PAGES, use_directory_urls=directory_urls)
    assert built.ok, built.log
    ext = "/index.html" if directory_urls else ".html"
    home = built.page("index.html")
    deep = built.page(f"topics/deep{ext}")
    glossary_href = "glossary/" if directory_urls else "glossary.html"
    assert term_links(home) == [
        ("Grouped-query attention", f"{glossary_href}#grouped-query-attention"),
        ("Chinchilla scaling law", f"{glossary_href}#chinchilla-scaling-law"),
        ("scaling law", f"{glossary_href}#scaling-law"),
        ("experts", f"{glossary_href}#mixture-of-experts"),
    ]
    up = "../../glossary/" if directory_urls else "../glossary.html"
    assert term_links(deep) == [
        ("GQA", f"{up}#grouped-query-attention"),
        ("GQA", f"{up}#grouped-query-attention"),
        ("Mixtures of experts", f"{up}#mixture-of-experts"),
        ("GQA", f"{up}#grouped-query-attention"),
    ]
    assert term_links(built.page(f"quiet{ext}")) == []
    assert broken_links(built.site, base_path="/sub/path/") == []


def test_links_are_relative_so_a_sub_path_works(site_builder):
    built = site_builder(PAGES, site_url="https://example.org/deep/sub/path/")
    for page in built.site.rglob("*.html"):
        for _, href in term_links(page.read_text()):
            assert not href.startswith(("/", "http")), (page, href)


def test_tooltip_carries_the_escaped_short_definition(site_builder):
    glossary = MINI_GLOSSARY.replace(
        "short: Attention in which several query heads share one key/value head.",
        "short: 'Shares <script>alert(1)</script> \"heads\" & more.'",
    )
    built = site_builder(PAGES, glossary=glossary)
    home = built.page("index.html")
    assert "<script>alert(1)" not in home
    link = lxml.html.fromstring(home).xpath(
        ".//a[@class='glossary-term'][substring-after(@href, '#') = 'grouped-query-attention']"
    )[0]
    assert link.get("title") == 'Shares <script>alert(1)</script> "heads" & more.'


def test_glossary_page_lists_entries_sorted_with_backlinks(built):
    root = lxml.html.fromstring(built.page("glossary/index.html"))
    article = root.find(".//article")
    assert [h.get("id") for h in article.iterfind(".//h3")] == [
        "chinchilla-scaling-law",
        "grouped-query-attention",
        "mixture-of-experts",
        "scaling-law",
    ]
    assert [a.text for a in article.iterfind(".//nav[@class='glossary-letters']/a")] == ["C", "G", "M", "S"]
    gqa = entry_refs(article, "grouped-query-attention")
    assert gqa["Used on"] == (
        "Home; Quiet; Deep page and 2 more sections",
        [
            ("Home", "../"),
            ("Quiet", "../quiet/"),
            ("Deep page", "../topics/deep/"),
            ("and 2 more sections", "../book-index/#entry-grouped-query-attention"),
        ],
    )  # each page once, in navigation order, linking the first section that uses the term, and the index
    assert gqa["See also"][1] == [("Mixture of experts", "#mixture-of-experts")]
    assert list(gqa) == ["See also", "Source", "Used on"]
    assert broken_links(built.site, base_path="/sub/path/") == []


def test_glossary_page_edit_button_opens_the_data_source(built):
    root = lxml.html.fromstring(built.page("glossary/index.html"))
    assert (
        root.find(".//a[@rel='edit']").get("href") == "https://github.com/example/repo/edit/main/docs/data/glossary.yml"
    )


def test_glossary_is_never_written_into_docs(built):
    assert not list((built.site.parent / "docs").rglob("glossary.md"))


def test_search_finds_entry_by_abbreviation(built):
    index = json.loads(built.page("search/search_index.json"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["glossary/#grouped-query-attention"] == "Grouped-query attention (GQA)"


def test_search_indexes_definitions_not_the_used_on_lists(built):
    docs = json.loads(built.page("search/search_index.json"))["docs"]
    entry = next(doc for doc in docs if doc["location"] == "glossary/#grouped-query-attention")
    assert "several query heads share one key/value head" in entry["text"]
    assert "Used on" not in entry["text"]
    assert "Deep page" not in entry["text"]


def test_unknown_explicit_term_fails_strict_with_file_and_line(site_builder):
    pages = dict(PAGES, **{"bad.md": "# Bad\n\nSome text.\n\nSee [this](term:Nonexistent).\n"})
    built = site_builder(pages)
    assert not built.ok
    assert "WARNING: glossary: docs/bad.md:5: unknown glossary term 'Nonexistent'" in built.log


def test_broken_glossary_fails_with_file_and_line(site_builder):
    glossary = MINI_GLOSSARY + "  - term: Generalised query attention\n    abbr: [GQA]\n    short: x\n    source: y\n"
    built = site_builder(PAGES, glossary=glossary)
    assert not built.ok
    line = MINI_GLOSSARY.count("\n") + 1  # the entry appended to the sample glossary
    assert (
        f"docs/data/glossary.yml:{line}: 'GQA' is claimed by two terms: 'Grouped-query attention' (line 2) "
        f"and 'Generalised query attention' (line {line})"
    ) in built.log


def test_unused_terms_are_reported_as_info_by_default(site_builder):
    built = site_builder({"index.md": "# Home\n\nGQA only.\n"})
    assert built.ok, built.log
    assert (
        "INFO: glossary: docs/data/glossary.yml: 3 term(s) used on no page: "
        "Mixture of experts, Scaling law, Chinchilla scaling law"
    ) in built.log


def test_unused_terms_can_fail_the_build(site_builder):
    built = site_builder({"index.md": "# Home\n\nGQA only.\n"}, extra={"glossary": {"unused": "warn"}})
    assert not built.ok
    assert "WARNING: glossary: docs/data/glossary.yml: 3 term(s) used on no page" in built.log


def test_bad_front_matter_mode_is_reported(site_builder):
    built = site_builder({"index.md": "---\nglossary: sometimes\n---\n# Home\n\nGQA\n"})
    assert (
        "WARNING: glossary: docs/index.md:2: front matter 'glossary: sometimes' must be one of page, section, off; "
        "fix: write 'glossary: page' (link each term once per page), 'glossary: section' (once per section) "
        "or 'glossary: off' (no links)"
    ) in built.log


def test_two_builds_in_one_process_are_identical(tmp_path):
    project = make_site(tmp_path, PAGES)
    first = run_build(project, site=tmp_path / "a")
    second = run_build(project, site=tmp_path / "b")
    assert first.ok
    assert second.ok
    files_a = sorted(p.relative_to(first.site) for p in first.site.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(second.site) for p in second.site.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        if rel.name != "sitemap.xml.gz":  # gzip stamps the time of writing
            assert (first.site / rel).read_bytes() == (second.site / rel).read_bytes(), rel


def test_editing_the_glossary_updates_every_page_on_rebuild(tmp_path):
    project = make_site(tmp_path, PAGES)
    assert run_build(project).ok
    source = project / "docs/data/glossary.yml"
    source.write_text(source.read_text().replace("several query heads share", "query heads pool"))
    rebuilt = run_build(project)
    for page in ("index.html", "topics/deep/index.html"):
        link = lxml.html.fromstring(rebuilt.page(page)).xpath(
            ".//a[@class='glossary-term'][substring-after(@href, '#') = 'grouped-query-attention']"
        )[0]
        assert link.get("title") == "Attention in which query heads pool one key/value head."
    assert "query heads pool" in rebuilt.page("glossary/index.html")


def test_a_page_with_no_text_builds(site_builder):
    """Python-Markdown runs no tree processor on an empty page, so the linker never sees it."""
    built = site_builder({**PAGES, "empty.md": "---\ntitle: Empty\n---\n"})
    assert built.ok, built.log
    assert "glossary-term" not in built.page("empty/index.html").split("<article")[1].split("</article>")[0]
