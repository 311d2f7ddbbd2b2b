"""`python -m adapters.check` and `python -m adapters.prebuild`: the checks neither engine makes, from
the command line, with the config read by the installed engine, and the same messages as a MkDocs
build with the project's hook gives for the same mistakes (which also checks links, anchors and nav)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import ROOT
from support.sites import HOOK, make_site, run_build

DATA_FILES = ("glossary.yml", "models.yml", "claims.yml", "timeline.yml")
HOOKS = [HOOK]
GOOD = {
    "index.md": "# Home\n\nA [good link](other.md#present).\n",
    "other.md": "# Other page\n\n## Present\n\nText.\n\n## Second part {#second}\n\nMore text.\n",
}
# One page with one mistake of each kind a page can hold, each on its own line.
BAD = """\
---
description: A page with mistakes.
---
# Bad page

See [the other page](othr.md) and [a section](other.md#presnt) and [here](#nowhere).

A [term](term:Nonexistent) and a [glossary entry](glossary.md#no-such-term) and [a folder](other/).

A claim.[^missing]

<!-- index: ; -->

<!-- index: Something -> nowhere.md -->

[[chart: no-such-chart]]

[[numbers: no-such-table]]

[^unused]: A source no sentence cites.
"""


def project_with_mistakes(tmp_path: Path, nav: list[str] | None = None) -> Path:
    """A small project with the page above, a nav entry naming no page and a page left out of nav."""
    pages = {**GOOD, "bad.md": BAD, "draft.md": "# Draft: later\n\nText.\n"}
    nav = nav or ["index.md", "other.md", "bad.md", "gone.md", "glossary.md", "book-index.md"]
    project = make_site(tmp_path, pages, hooks=HOOKS, nav=nav)
    shutil.copy(ROOT / "docs/data/models.yml", project / "docs/data/models.yml")
    return project


ZENSICAL_PYTHON = ROOT / ".venv-zensical/bin/python"  # Zensical's virtual environment: no MkDocs in it


def run_cli(
    *args: str, cwd: Path = ROOT, module: str = "adapters.check", python: str = sys.executable
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run([python, "-m", module, *args], check=False, capture_output=True, text=True, cwd=cwd, env=env)


def test_cli_reports_every_planted_mistake_and_fails(tmp_path):
    project = project_with_mistakes(tmp_path)
    result = run_cli(str(project / "mkdocs.yml"))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    places = [line.split(": ", 1)[0] for line in lines]
    assert places == [
        "docs/bad.md:10",  # footnote used, not defined
        "docs/bad.md:20",  # footnote defined, not used
        "docs/bad.md:16",  # unknown chart
        "docs/bad.md:18",  # unknown table
        "docs/bad.md:8",  # unknown term
        "docs/bad.md:12",  # empty index marker
        "docs/bad.md:14",  # index marker pointing nowhere
    ], result.stdout
    assert sum("; fix: " in line for line in lines) == 2  # the others say what to write, or what is known


def test_cli_passes_the_real_project_and_says_what_it_checked():
    result = run_cli("mkdocs.yml")
    data = {name: yaml.safe_load((ROOT / "docs/data" / name).read_text(encoding="utf-8")) for name in DATA_FILES}
    models = data["models.yml"]
    subjects = sum(len(models[kind]) for kind in ("models", "projections", "laws", "facts"))
    pages = [path for path in (ROOT / "docs").rglob("*.md") if "data" not in path.parts]
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"sitecheck: ok, no problems in {len(pages)} pages (front matter, footnotes, [[…]] markers, "
        f"term links, index markers, active markup), "
        f"docs/data/glossary.yml ({len(data['glossary.yml']['terms'])} terms), "
        f"docs/data/models.yml ({len(models['sources'])} sources, {subjects} models, laws and facts, "
        f"{len(models['tables'])} tables), docs/data/claims.yml ({len(data['claims.yml']['claims'])} claims) and "
        f"docs/data/timeline.yml ({len(data['timeline.yml']['events'])} events)\n"
    )


def test_cli_without_a_config_file_says_so(tmp_path):
    result = run_cli(str(tmp_path / "mkdocs.yml"))
    assert result.returncode == 2
    assert "no such file" in result.stderr


def mkdocs_warnings(project: Path) -> list[str]:
    """What a strict MkDocs build with the project's hook warns about, without the loggers' names."""
    built = run_build(project)
    assert not built.ok
    return [
        re.sub(r"^(?:checks|glossary|xref|charts): ", "", line.removeprefix("WARNING: "))
        for line in built.log.splitlines()
        if line.startswith("WARNING: ")
    ]


def test_the_checks_say_what_a_mkdocs_build_says_which_also_checks_links_and_nav(tmp_path):
    """The same mistakes, the same messages, in the build's order; MkDocs finds the links, anchors and
    nav entries too (and the hook words them): 7 more."""
    project = project_with_mistakes(tmp_path)
    from_mkdocs = mkdocs_warnings(project)
    checked = run_cli(str(project / "mkdocs.yml")).stdout.splitlines()
    assert [line for line in from_mkdocs if line in checked] == checked
    engine_only = [line for line in from_mkdocs if line not in checked]
    assert len(engine_only) == 7
    assert all(": link '" in line or "nav" in line for line in engine_only), engine_only


def test_the_zensical_pre_build_step_says_the_same_and_stops(tmp_path):
    """`python -m adapters.prebuild` (before Zensical) runs the same checks on its one conversion of the
    pages, and writes nothing when they find a problem."""
    project = project_with_mistakes(tmp_path)
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    result = run_cli("--config", str(project / "mkdocs.yml"), module="adapters.prebuild")
    assert result.returncode == 1
    warnings = [line.removeprefix("WARNING: ") for line in result.stderr.splitlines() if line.startswith("WARNING: ")]
    assert warnings == run_cli(str(project / "mkdocs.yml")).stdout.splitlines()
    assert len(warnings) == 7
    assert result.stderr.splitlines()[-1] == "Aborted with 7 warning(s) (the pre-build step is always strict)"
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before


@pytest.mark.slow
def test_zensicals_reader_gives_the_same_messages_for_a_config_that_inherits_mkdocs_yml(tmp_path):
    """In Zensical's environment (no MkDocs) zensical.config reads the config, INHERIT as Zensical merges
    it (lists appended): the checks say the same as MkDocs' reader does of mkdocs.yml."""
    project = project_with_mistakes(tmp_path)
    (project / "zensical.yml").write_text(
        "INHERIT: mkdocs.yml\nmarkdown_extensions:\n  - adapters.zensical_extension\n", encoding="utf-8"
    )
    zensical = run_cli(str(project / "zensical.yml"), python=str(ZENSICAL_PYTHON))
    no_mkdocs = subprocess.run([ZENSICAL_PYTHON, "-c", "import mkdocs"], check=False, capture_output=True, text=True)
    assert "No module named 'mkdocs'" in no_mkdocs.stderr
    assert (zensical.returncode, zensical.stderr) == (1, "")
    assert zensical.stdout == run_cli(str(project / "mkdocs.yml")).stdout


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_cli_on_a_config_it_cannot_use_says_why(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: [unclosed\n", encoding="utf-8")
    result = run_cli(str(config))
    assert (result.returncode, result.stdout) == (2, "")
    assert "mkdocs.yml: " in result.stderr
    assert "Traceback" not in result.stderr
    project = make_site(tmp_path / "ext", GOOD, markdown_extensions=["no_such_extension_anywhere"])
    result = run_cli(str(project / "mkdocs.yml"))
    assert (result.returncode, result.stdout) == (2, "")
    assert "no_such_extension_anywhere" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_glossary_setting_is_one_message_for_both_commands(tmp_path):
    """The glossary cannot be read, so no term is linked; the pages are still checked, and each command
    says what is wrong in one line and fails, with no traceback."""
    project = make_site(tmp_path, GOOD, hooks=HOOKS, extra={"glossary": {"autolink": "bogus"}})
    config = str(project / "mkdocs.yml")
    for module, args in (("adapters.check", [config]), ("adapters.prebuild", ["--config", config])):
        result = run_cli(*args, module=module)
        assert result.returncode == 1, (module, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, module
        said = [line for line in (result.stdout + result.stderr).splitlines() if "autolink" in line]
        assert len(said) == 1, (module, said)
        assert "got 'bogus'" in said[0], said
