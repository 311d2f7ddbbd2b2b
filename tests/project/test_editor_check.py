"""`make check`, the editor's loop (tests/support/editor_check.py): the site's own message, with file and
line, comes first, before any test output; content alone never waits for lint and the unit tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from adapters.editions import EDITIONS
from support import ROOT
from support.editor_check import CONTENT, rule_messages, strict_build

PLANTED = "See [the trick](term:grouped-query-atention).\n\n"
MESSAGE = (
    "unknown glossary term 'grouped-query-atention'; fix: did you mean 'term:grouped-query-attention'? "
    "(a new term goes into docs/data/glossary.yml)"
)


def copy_of_the_project(tmp_path: Path) -> Path:
    """The files `make check` reads, copied with their times (so make sees the shared .venv as current);
    the code and the virtual environment are linked."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("Makefile", *EDITIONS, "pyproject.toml", *(p.name for p in ROOT.glob("requirements*.txt"))):
        shutil.copy2(ROOT / name, copy / name)
    shutil.copytree(ROOT / "docs", copy / "docs")
    (copy / "tests/support").mkdir(parents=True)
    shutil.copy2(ROOT / "tests/support/editor_check.py", copy / "tests/support/editor_check.py")
    for name in ("hooks", "overrides", ".venv"):
        (copy / name).symlink_to(ROOT / name)
    return copy


def plant(page: Path) -> int:
    """An unknown term link before the page's first section; the line it is on."""
    text = page.read_text(encoding="utf-8")
    at = text.index("\n## ") + 1
    page.write_text(text[:at] + PLANTED + text[at:], encoding="utf-8")
    return text[:at].count("\n") + 1


def test_make_check_prints_the_sites_message_first_and_stops(tmp_path):
    copy = copy_of_the_project(tmp_path)
    line = plant(copy / "docs/agents.md")
    # -o: the shared virtual environment counts as set up (its stamps move when others install into it)
    done = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.test", "-o", ".venv/.site", "check"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("MAKE")},
    )
    assert done.returncode != 0
    assert done.stdout.splitlines() == [
        f"docs/agents.md:{line}: {MESSAGE}",
        "sitecheck: the problem above; fix it, then run `make check` again",
    ], done.stdout + done.stderr
    assert "pytest" not in done.stderr
    assert "ruff" not in done.stderr


def test_the_strict_build_step_prints_mkdocs_warnings_as_the_sites_messages(tmp_path, capsys):
    """What only the build finds (after sitecheck passed): its warnings, without MkDocs' level or the
    hook's name in front, each with file:line."""
    copy = copy_of_the_project(tmp_path)
    line = plant(copy / "docs/agents.md")
    shown: list[str] = []
    assert not strict_build(tmp_path / "site", shown.extend, root=copy)
    assert shown == [f"docs/agents.md:{line}: {MESSAGE}"]
    assert capsys.readouterr().out == (
        "strict build: failed (Aborted with 1 warnings in strict mode!); fix what it says, then run `make check` "
        "again\n"
    )


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("docs/agents.md", True),
        ("docs/data/glossary.yml", True),
        ("README.md", True),
        (".github/pull_request_template.md", True),
        ("docs/javascripts/site.js", False),
        ("docs/stylesheets/extra.css", False),
        ("hooks/core/sourcefile.py", False),
        ("tests/realsite/test_real_site.py", False),
        ("overrides/main.html", False),
        ("mkdocs.yml", False),
        (".github/workflows/ci.yml", False),
    ],
)
def test_what_counts_as_content(path, content):
    assert bool(CONTENT.match(path)) is content


def test_the_content_rules_messages_keep_every_line():
    """A rule's message of several lines (a parity test's list of places) reaches the editor whole, without
    pytest's own lines."""
    report = (
        "___ test_pages_share_footnotes[scaling-laws.md] ___\n"
        "tests/project/test_editions.py:120: in test_pages_share_footnotes\n"
        "    assert not problems, message\n"
        "E   AssertionError: scaling-laws.md: the two pages differ in their footnotes; fix the translation:\n"
        "E     docs/scaling-laws.md:9: [^ch-abs] (3x here, 2x in docs/de/scaling-laws.md)\n"
        "E   assert not ['docs/scaling-laws.md:9: ...']\n"
        "E    +  where ...\n"
    )
    assert rule_messages(report) == [
        "scaling-laws.md: the two pages differ in their footnotes; fix the translation:\n"
        "docs/scaling-laws.md:9: [^ch-abs] (3x here, 2x in docs/de/scaling-laws.md)"
    ]
