"""hooks/sitecheck without MkDocs: each check on a small project in a temporary folder or in memory.

`python -m sitecheck` and its agreement with a MkDocs build are in test_sitecheck_cli.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import pytest

from keynumbers.site import NumbersError, NumberSite
from pagework.page import CurrentPage
from sitecheck import messages
from sitecheck.convert import Collect, Found
from sitecheck.links import Links, nav_problems
from sitecheck.mkdocs_log import rewrite
from sitecheck.run import check
from sitecheck.source import footnote_problems, front_matter_problem, page_problems, split_front_matter
from support import ROOT
from support.sites import make_site

PAGES = {
    "index.md": "# Home\n\nA [good link](other.md#present).\n",
    "other.md": "# Other page\n\n## Present\n\nText.\n\n## Second part {#second}\n\nMore text.\n",
}
NAV = ["index.md", "other.md", "glossary.md", "book-index.md"]


def view(sources: dict[str, str], anchors: dict[str, list[str]] | None = None, config: str = "") -> messages.SiteView:
    return messages.SiteView(
        source=lambda src: sources.get(src, ""),
        files=lambda: list(sources),
        pages=lambda: [src for src in sources if src.endswith(".md")],
        anchors=lambda src: (anchors or {}).get(src, []),
        config_text=config,
    )


def problems_of(tmp_path: Path, pages: dict[str, str], **config) -> list[str]:
    """sitecheck's problems of a small project with the hooks' own data files (strings, a glossary)."""
    config.setdefault("nav", [*NAV[:2], *(p for p in pages if p not in PAGES), *NAV[2:]])
    config.setdefault("hooks", [str(ROOT / "hooks" / name) for name in ("terms.py", "checks.py", "charts.py")])
    project = make_site(tmp_path, {**PAGES, **pages}, **config)
    shutil.copy(ROOT / "docs/data/models.yml", project / "docs/data/models.yml")
    return check(project / "mkdocs.yml")


# --- page sources ---------------------------------------------------------------------------------


def test_front_matter_problems():
    assert front_matter_problem("---\ntitle: A\n---\n# A\n") is None
    assert front_matter_problem("---\ndescription: Why dense: stability\n---\n").startswith(
        "2: front matter is not valid YAML (mapping values are not allowed here)"
    )
    assert front_matter_problem("---\n- a\n- b\n---\n").startswith("2: front matter must be 'key: value' lines")
    assert front_matter_problem("---\ntitle: A\n# A\n").startswith("1: front matter opened with --- is never closed")


def test_footnotes_used_not_defined_and_defined_not_used():
    undefined, unused = footnote_problems("A.[^mc31] B.[^mc3]\n\n`[^code]`\n\n[^mc31]: Card.\n[^b]: Other.\n")
    assert [label for label, _ in undefined] == ["mc3"]
    assert undefined[0][1].endswith("or correct the label: did you mean [^mc31]?")
    assert unused == [("b", "6: " + messages.unused_footnote("b"))]


def test_page_problems_name_the_file_and_skip_fenced_code():
    found, unused = page_problems("a.md", "# A\n\n```\n[^x]\n```\n\nText.[^y]\n")
    assert found == [f"docs/a.md:7: {footnote_problems('Text.[^y]')[0][0][1].split(': ', 1)[1]}"]
    assert unused == set()


def test_split_front_matter_counts_the_lines_before_the_markdown():
    assert split_front_matter("---\ntitle: A\n---\n\n# A\n") == ("# A\n", {"title": "A"}, 4)
    assert split_front_matter("---\n- a\n---\n# A\n") == ("---\n- a\n---\n# A\n", {}, 0)


# --- wording --------------------------------------------------------------------------------------


def test_link_to_a_missing_file_guesses_the_closest_page():
    site = view({"a.md": "# A\n\nOne [x](othr.md).\n", "other.md": "# Other\n"})
    assert messages.link_not_found(site, "a.md", "othr.md") == (
        "docs/a.md:3: link 'othr.md' points to docs/othr.md, which does not exist; fix: did you mean 'other.md'?"
    )


def test_missing_anchor_lists_the_anchors_and_an_unused_footnote_is_said_once():
    site = view({"a.md": "[x](b.md#presnt)\n"}, {"b.md": ["b", "present"]})
    assert messages.anchor_missing(site, "a.md", "b.md#presnt", "b.md", "presnt") == (
        "docs/a.md:1: link 'b.md#presnt' points to the anchor '#presnt', which docs/b.md does not have; "
        "fix: did you mean '#present'? The anchors of docs/b.md: #b, #present"
    )
    site.unused_footnotes.add(("a.md", "n"))
    assert messages.anchor_missing(site, "a.md", "#fnref:n") is None


def test_ordered_anchors_puts_headings_first_and_leaves_out_footnotes():
    assert messages.ordered_anchors(["t", "b"], {"b", "z", "a", "fn:1", "fnref:1", "t"}) == ["t", "b", "a", "z"]


def test_heading_ids_walk_a_table_of_contents_in_reading_order():
    @dataclass
    class Entry:
        id: str
        children: list[Entry] = field(default_factory=list)

    toc = [Entry("title", [Entry("a", [Entry("a1")]), Entry("b")])]
    assert list(messages.heading_ids(toc)) == ["title", "a", "a1", "b"]


def test_nav_messages_name_the_config_line():
    site = view({"index.md": "# Home\n", "draft.md": "# Draft: later\n"}, config="site_name: X\nnav:\n  - index.md\n")
    assert messages.nav_omitted(site, ["draft.md"]) == (
        "docs/draft.md: this page is not in the navigation; fix: add a line '- \"Draft: later\": draft.md' under "
        "nav: in mkdocs.yml (line 2), or list it under not_in_nav: if readers reach it only through links"
    )
    assert messages.nav_not_found(site, "index.md").startswith("mkdocs.yml:3: the nav: entry 'index.md'")


def test_mkdocs_warnings_are_rewritten_and_others_left_alone():
    site = view({"a.md": "See [x](othr.md).\n", "other.md": "# Other\n"})
    raw = "Doc file 'a.md' contains a link 'othr.md', but the target is not found among documentation files."
    assert rewrite(site, raw) == (
        "docs/a.md:1: link 'othr.md' points to docs/othr.md, which does not exist; fix: did you mean 'other.md'?"
    )
    assert rewrite(site, "Something else.") == "Something else."


# --- the project, conversion and the link rules ---------------------------------------------------


def test_conversion_finds_every_kind_of_id_and_the_links():
    page = Found()
    md = markdown.Markdown(extensions=["toc", "attr_list", "footnotes", "md_in_html", Collect(page)])
    md.convert(
        '# Title\n\n## Part {#own}\n\nText.[^1] [a](b.md#c) ![i](p.png)\n\n<span id="raw"></span>\n\n[^1]: Note.\n'
    )
    assert {"title", "own", "raw", "fn:1", "fnref:1"} <= page.ids
    assert "b.md#c" in page.links
    assert "p.png" in page.links


def test_link_rules_follow_the_validation_levels():
    site = view({"a.md": "[x](b) [y](/abs.md) [z](c.md#k)\n", "b.md": "", "c.md": ""})
    files = {"a.md", "b.md", "c.md"}
    quiet = Links(site, files, {})
    assert quiet.page("a.md", ["b", "/abs.md", "c.md#k", "https://x.org/y.md"]) == []  # info by default
    strict = Links(site, files, {"unrecognized_links": "warn", "absolute_links": "warn", "anchors": "warn"})
    found = strict.page("a.md", ["b", "/abs.md", "c.md#k"])
    assert found[0] == (
        "docs/a.md:1: link 'b' does not name a file of the site (link to the page's .md file); "
        "fix: did you mean 'b.md'?"
    )
    assert found[1].startswith("docs/a.md:1: link '/abs.md' is an absolute path")
    assert strict.anchors(lambda src: {"other"} if src == "c.md" else None)[0].startswith(
        "docs/a.md:1: link 'c.md#k' points to the anchor '#k', which docs/c.md does not have"
    )


def test_nav_problems_respect_not_in_nav():
    site = view({"index.md": "# Home\n", "draft.md": "# Draft\n", "other.md": "# Other\n"}, config="nav:\n- gone.md\n")
    validation = {"omitted_files": "warn"}
    found = nav_problems(site, validation, ["index.md", "gone.md"], ["index.md", "draft.md", "other.md"], {"draft.md"})
    assert found[0].startswith("docs/other.md: this page is not in the navigation")
    assert found[1].startswith("mkdocs.yml:2: the nav: entry 'gone.md' names no page in docs/")
    assert len(found) == 2


def numbers_of(docs: Path, **settings: str) -> tuple[NumberSite, list[str]]:
    """The key numbers as sitecheck loads them: charts not drawn; problems listed."""
    problems: list[str] = []
    return NumberSite.load(docs, settings, docs / "no-cache", problems.append, draw=False), problems


def expand(numbers: NumberSite, src: str, text: str) -> str:
    return numbers.expand(text, CurrentPage(src, src[:-3] + "/", {}, lambda: text))


def test_a_missing_key_numbers_file_is_one_problem(tmp_path):
    with pytest.raises(NumbersError, match=r"docs/data/numbers\.yml: the key-numbers data file is missing"):
        numbers_of(tmp_path, source="data/numbers.yml")


def test_unknown_markers_are_reported_with_their_line():
    numbers, problems = numbers_of(ROOT / "docs")
    assert problems == []
    expand(numbers, "a.md", "# A\n\n[[chart: nope]]\n\n[[numbers: none]]\n\n[[claim: x]]\n")
    found = problems
    assert [p.split(": ", 1)[0] for p in found] == ["docs/a.md:3", "docs/a.md:5", "docs/a.md:7"]
    assert found[0].startswith("docs/a.md:3: unknown chart 'nope'; known: ")
    assert found[2] == "docs/a.md:7: [[claim: x]]: no claim with a box has this id in docs/data/claims.yml"


def test_sitecheck_draws_no_chart_and_imports_no_matplotlib(tmp_path):
    """The checks need a chart's table and text, not its SVG: no matplotlib (seconds to import), no cache."""
    script = (
        "import sys; from pathlib import Path; from sitecheck.run import check\n"
        "assert check(Path('mkdocs.yml')) == []\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "[]\n", "")
    numbers, _ = numbers_of(ROOT / "docs")
    expand(numbers, "a.md", "# A\n\n[[chart: tokens-vs-params]]\n")
    chart = numbers.charts["tokens-vs-params"]
    assert chart.title
    assert not chart.svg


# --- whole projects -------------------------------------------------------------------------------


def test_a_correct_project_has_no_problems(tmp_path):
    page = "# Bad\n\nA claim.[^a] [Term](term:Scaling law)\n\n[^a]: A source.\n"
    assert problems_of(tmp_path, {"bad.md": page}) == []


@pytest.mark.parametrize(
    ("page", "problem"),
    [
        ("# Bad\n\nSee [x](othr.md).\n", "docs/bad.md:3: link 'othr.md' points to docs/othr.md, which does not exist"),
        ("# Bad\n\nA [x](other.md#presnt).\n", "docs/bad.md:3: link 'other.md#presnt' points to the anchor '#presnt'"),
        ("# Bad\n\nA [x](glossary.md#nope).\n", "docs/bad.md:3: link 'glossary.md#nope' points to the anchor '#nope'"),
        ("# Bad\n\nA [x](term:Nonexistent).\n", "docs/bad.md:3: unknown glossary term 'Nonexistent'"),
        ("# Bad\n\n<!-- index: ; -->\n", "docs/bad.md:3: empty index marker 'index: ;'"),
        ("# Bad\n\n<!-- index: X -> other.md#nope -->\n", "docs/bad.md:3: index marker points to '#nope', which"),
        ("# Bad\n\n[[chart: nope]]\n", "docs/bad.md:3: unknown chart 'nope'"),
        ("# Bad\n\nA.[^x]\n", "docs/bad.md:3: footnote [^x] is used but never defined"),
        ("---\na: b: c\n---\n# Bad\n", "docs/bad.md:2: front matter is not valid YAML"),
    ],
)
def test_each_planted_mistake_is_found_once(tmp_path, page, problem):
    found = problems_of(tmp_path, {"bad.md": page})
    assert len(found) == 1, found
    assert found[0].startswith(problem)


def test_a_link_to_a_glossary_entry_is_checked_against_the_generated_glossary(tmp_path):
    assert problems_of(tmp_path, {"bad.md": "# Bad\n\n[GQA](glossary.md#grouped-query-attention)\n"}) == []


def test_a_glossary_that_cannot_be_read_is_one_problem_and_its_pages_still_exist(tmp_path):
    readable = problems_of(tmp_path, {"bad.md": "# Bad\n\nSee the [glossary](glossary.md#anything).\n"})
    assert len(readable) == 1, readable  # while the glossary can be read, its anchors are known
    assert readable[0].startswith("docs/bad.md:3: link 'glossary.md#anything' points to the anchor '#anything'")
    project = tmp_path / "project"
    (project / "docs/data/glossary.yml").write_text("terms:\n  - Lonely term\n", encoding="utf-8")
    found = check(project / "mkdocs.yml")
    assert found[0].startswith("glossary source has errors:\ndocs/data/glossary.yml:2: every entry under 'terms:'")
    assert len(found) == 1  # no link to the glossary, no nav entry of its pages, is reported as broken


def test_claims_boxes_written_by_hand_or_shown_nowhere():
    numbers, problems = numbers_of(ROOT / "docs")
    sources = {path.name: path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md"))}
    numbers.know_pages(sources, {}, _slugify)
    assert problems == []
    numbers.check_placements()
    assert len(problems) == len([c for c in numbers.claims if c.is_correction or c.box_title])
    problems.clear()
    for src, text in sources.items():
        expand(numbers, src, text)
    assert problems == []
    numbers.check_placements()
    assert problems == []  # every box is on a page of the real site
    expand(numbers, "a.md", '# A\n\n!!! note "Correction: no"\n    Text.\n')
    assert problems == [
        'docs/a.md:3: a "Correction" box is written by hand; fix: add the claim to docs/data/claims.yml with its '
        'verdict and box, and put [[claims: a]] after "In short"'
    ]


def _slugify(text: str, separator: str) -> str:
    from markdown.extensions.toc import slugify

    return slugify(text, separator)
