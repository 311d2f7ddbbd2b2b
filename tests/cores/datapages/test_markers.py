"""A line that starts with `[[` outside code and is no marker fails the checks (`python -m adapters.check`)
and the strict build, with file:line and the marker it was most likely meant to be (issue #28). Before,
such a line stayed on the page as text, and the page lost its table."""

from __future__ import annotations

import shutil

import pytest

from support import ROOT
from support.sites import check_project, make_site, run_build

NAV = ["index.md", "bad.md", "glossary.md", "book-index.md"]
FIX = "fix: did you mean '[[numbers: llama31-settings]]'?"


def project(tmp_path, page: str):
    """A small site with the real models.yml and one page, bad.md."""
    built = make_site(tmp_path, {"index.md": "# Home\n", "bad.md": page}, nav=NAV)
    shutil.copy(ROOT / "docs/data/models.yml", built / "docs/data/models.yml")
    return built


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "[[numbers: llama31-settings]",
            f"the marker '[[numbers: llama31-settings]' is not closed: it must end with ']]'; {FIX}",
        ),
        (
            "[[numbers: llama31-settings",
            f"the marker '[[numbers: llama31-settings' is not closed: it must end with ']]'; {FIX}",
        ),
        ("[[number: llama31-settings]]", f"unknown marker '[[number: llama31-settings]]'; {FIX}"),
        (
            "[[Numbers: llama31-settings]]",
            f"unknown marker '[[Numbers: llama31-settings]]' (markers are written in lower case); {FIX}",
        ),
        ("[[tabel: llama31-settings]]", f"unknown marker '[[tabel: llama31-settings]]'; {FIX}"),
        (
            "[[numbers llama31-settings]]",
            f"the marker '[[numbers llama31-settings]]' needs a ':' after its name; {FIX}",
        ),
        (
            "[[numbers: llama31-settings]] here",
            "the marker '[[numbers: llama31-settings]] here' has text after its ']]': a marker stands alone on its "
            f"line; {FIX}",
        ),
        (
            "  [[numbers: llama31-setings]]",
            "the marker '[[numbers: llama31-setings]]' must start at the beginning of its line, with no space "
            f"before it; {FIX}",
        ),
        (
            "[[Timeline]]",
            "unknown marker '[[Timeline]]' (markers are written in lower case); fix: did you mean '[[timeline]]'?",
        ),
        (
            "[[wibble]]",
            "'[[wibble]]' is not a marker: there is no marker [[wibble]]; fix: use one of [[numbers]], [[chart]], "
            "[[claims]], [[claim]], [[generations]], [[corrections]], [[claims-register]], [[timeline]], or write "
            "\\[[ for text that starts with [[",
        ),
    ],
)
def test_a_line_that_is_no_marker_is_found_by_sitecheck_with_its_line(tmp_path, line, message):
    page = f"# Bad\n\nIntro.\n\n{line}\n\nMore text.\n"
    assert check_project(project(tmp_path, page) / "mkdocs.yml") == [f"docs/bad.md:5: {message}"]


def test_the_strict_build_fails_on_it_with_the_same_message(tmp_path):
    built = run_build(project(tmp_path, "# Bad\n\nIntro.\n\n[[numbers: llama31-settings]\n"))
    assert not built.ok
    warnings = [line for line in built.log.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        "WARNING: charts: docs/bad.md:5: the marker '[[numbers: llama31-settings]' is not closed: it must end "
        f"with ']]'; {FIX}"
    ]


def test_a_misspelled_table_or_chart_name_gets_a_did_you_mean(tmp_path):
    found = check_project(
        project(tmp_path, "# Bad\n\n[[numbers: llama31-setings]]\n\n[[chart: gpu-hour]]\n") / "mkdocs.yml"
    )
    assert [problem.split("; fix: ")[1] for problem in found] == [
        "did you mean 'llama31-settings'?",
        "did you mean 'gpu-hours'?",
    ]


def test_code_and_a_link_whose_text_is_in_brackets_are_left_alone(tmp_path):
    page = (
        "---\ndescription: A page.\n---\n# Fine\n\n```markdown\n[[numbers: in-code\n[[tabel: x]]\n```\n\n"
        "[[1]](https://example.org/) is a link whose text is in brackets.\n\n"
        "Text that mentions `[[numbers: NAME]]` in code inside a sentence.\n"
    )
    assert check_project(project(tmp_path, page) / "mkdocs.yml") == []
