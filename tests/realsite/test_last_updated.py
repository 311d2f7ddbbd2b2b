"""Every page shows a "last updated" date from git history, and the strict build still passes
when there is no history (a tarball) or only a shallow clone (a CI checkout)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

import lxml.html
import pytest
import yaml

from support import ROOT
from support.sites import make_site, run_build

pytestmark = pytest.mark.slow  # makes git repositories and builds in them

PLUGIN = "git-revision-date-localized"
PAGES = {
    "index.md": "# Home\n\nSee the [other page](other.md).\n",
    "other.md": "# Other\n\nText.\n",
}
COMMIT_DATE = "2024-07-23T12:00:00+00:00"


def site_plugin_settings() -> dict:
    """The plugin's settings exactly as the real mkdocs.yml has them."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and PLUGIN in plugin:
            return plugin[PLUGIN]
    raise AssertionError(f"mkdocs.yml does not configure the {PLUGIN} plugin")


def last_updated(html: str) -> str:
    dates = [
        span
        for span in lxml.html.fromstring(html).iterfind(".//aside[@class='md-source-file']//span")
        if "git-revision-date-localized-plugin-date" in (span.get("class") or "")
    ]
    assert len(dates) == 1, "the page shows no last-updated date"
    return str(dates[0].text_content()).strip()


def long_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def git(cwd, *args):
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE}
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.fixture(autouse=True)
def not_on_a_ci_runner(monkeypatch):
    """The plugin warns about shallow clones when it sees a CI runner; the real CI fetches full history."""
    for name in ("GITHUB_ACTIONS", "GITLAB_CI", "BITBUCKET_BUILD_NUMBER", "Agent.Source.Git.ShallowFetchDepth"):
        monkeypatch.delenv(name, raising=False)


def test_site_configuration_is_safe_without_history():
    settings = site_plugin_settings()
    assert settings["fallback_to_build_date"] is True  # no history: the build date, not a failure
    assert settings["strict"] is False  # the fallback is reported at info level, so --strict passes
    assert settings["enable_creation_date"] is False
    assert settings["type"] == "date"


def test_without_git_history_the_build_date_is_shown(tmp_path):
    project = make_site(tmp_path, PAGES, plugins=["search", {PLUGIN: site_plugin_settings()}])
    assert subprocess.run(["git", "rev-parse"], check=False, cwd=project, capture_output=True).returncode != 0, (
        "not a repository"
    )
    before = dt.datetime.now(dt.UTC).date()
    built = run_build(project)
    after = dt.datetime.now(dt.UTC).date()
    assert built.ok, built.log
    assert "WARNING" not in built.log
    for page in ("index.html", "other/index.html"):
        assert last_updated(built.page(page)) in {long_date(before), long_date(after)}


def test_in_a_shallow_clone_the_commit_date_is_shown(tmp_path):
    origin = make_site(tmp_path / "origin", PAGES, plugins=["search", {PLUGIN: site_plugin_settings()}])
    git(origin, "init", "-q")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "First")
    (origin / "docs/other.md").write_text("# Other\n\nMore text.\n", encoding="utf-8")
    git(origin, "commit", "-q", "-am", "Second")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", origin.as_uri(), str(clone))
    assert (clone / ".git/shallow").exists()

    built = run_build(clone)
    assert built.ok, built.log
    assert "WARNING" not in built.log
    for page in ("index.html", "other/index.html"):
        assert last_updated(built.page(page)) == "July 23, 2024"
