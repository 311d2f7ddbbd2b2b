"""core.sitecheck without MkDocs' build: each check on a small project in a temporary folder or in memory.

`python -m adapters.check` and its agreement with a MkDocs build are in tests/engines/test_commands.py;
the wording of MkDocs' own link, anchor and nav warnings in tests/engines/test_mkdocs_messages.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.datapages.site import NumbersError, NumberSite
from core.pagework.page import CurrentPage
from core.sitecheck.source import footnote_problems, front_matter_problem, page_problems, unused_footnote
from core.sourcefile import STRINGS, SourceError, load_strings, split_front_matter
from support import ROOT
from support.sites import HOOK, check_project, make_site

PAGES = {
    "index.md": "# Home\n\nA [good link](other.md#present).\n",
    "other.md": "# Other page\n\n## Present\n\nText.\n\n## Second part {#second}\n\nMore text.\n",
}
NAV = ["index.md", "other.md", "glossary.md", "book-index.md"]


WORDS = load_strings(ROOT / "docs" / STRINGS, f"docs/{STRINGS}", "en")


def problems_of(tmp_path: Path, pages: dict[str, str], **config) -> list[str]:
    """The problems of a small project with the hooks' own data files (strings, a glossary, key numbers)."""
    config.setdefault("nav", [*NAV[:2], *(p for p in pages if p not in PAGES), *NAV[2:]])
    config.setdefault("hooks", [HOOK])
    return check_project(make_site(tmp_path, {**PAGES, **pages}, **config) / "mkdocs.yml")


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
    assert unused == [("b", "6: " + unused_footnote("b"))]


def test_page_problems_name_the_file_and_skip_fenced_code():
    found, unused = page_problems("a.md", "# A\n\n```\n[^x]\n```\n\nText.[^y]\n")
    assert found == [f"docs/a.md:7: {footnote_problems('Text.[^y]')[0][0][1].split(': ', 1)[1]}"]
    assert unused == set()


def test_split_front_matter_counts_the_lines_before_the_markdown():
    assert split_front_matter("---\ntitle: A\n---\n\n# A\n") == ("# A\n", {"title": "A"}, 4)
    assert split_front_matter("---\n- a\n---\n# A\n") == ("---\n- a\n---\n# A\n", {}, 0)


# --- the project, conversion and the link rules ---------------------------------------------------


def numbers_of(docs: Path, **settings: str) -> tuple[NumberSite, list[str]]:
    """The key numbers as the checks load them: charts not drawn; problems listed."""
    problems: list[str] = []
    return NumberSite.load(docs, settings, WORDS, docs / "no-cache", problems.append, draw=False), problems


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
        "import sys; from pathlib import Path; from adapters.check import main\n"
        "assert main(['mkdocs.yml']) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("sitecheck: ok, no problems in ")  # the command's own line, then the script's
    assert result.stdout.splitlines()[-1] == "[]"
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


def test_links_and_anchors_are_the_engines_to_check(tmp_path):
    """A broken link or anchor is MkDocs' (tests/engines/test_friendly_errors.py) and Zensical's to report."""
    assert problems_of(tmp_path, {"bad.md": "# Bad\n\nSee [x](othr.md) and [y](other.md#presnt).\n"}) == []


def test_a_glossary_that_cannot_be_read_is_one_problem(tmp_path):
    problems_of(tmp_path, {})
    project = tmp_path / "project"
    (project / "docs/data/glossary.yml").write_text("terms:\n  - Lonely term\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        check_project(project / "mkdocs.yml")
    assert str(raised.value).startswith("glossary source has errors:\ndocs/data/glossary.yml:2: every entry under")


def test_claims_boxes_written_by_hand_or_shown_nowhere():
    numbers, problems = numbers_of(ROOT / "docs")
    sources = {path.name: path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md"))}
    numbers.know_pages(sources, {})
    for src in sources:  # as if converted: the pages exist
        numbers.know_headings(src, [(src[:-3], 1, src)])
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
