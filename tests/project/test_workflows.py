"""The GitHub Actions workflows: valid (actionlint), pinned, least privilege, bounded in time."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)\s*(?P<comment>#.*)?$")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^#\s*v\d+(\.\d+)*\b")
# Write access, and who may have it: only the job that deploys to Pages.
DEPLOY_ONLY = {("pages", "write"), ("id-token", "write")}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def actionlint() -> str:
    """The actionlint that requirements-test.txt installs next to this Python, else one on PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.exists() else shutil.which("actionlint")
    assert found, "actionlint is not installed: run `make test`, which installs requirements-test.txt"
    return found


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def uses(step: dict, action: str) -> bool:
    return step.get("uses", "").split("@")[0] == action


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "pages.yml"}


def test_actionlint_passes():
    result = subprocess.run(
        [actionlint(), "-no-color", "-oneline", *map(str, WORKFLOWS)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_really_checks(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n"
    )
    result = subprocess.run(
        [actionlint(), "-no-color", "-oneline", str(broken)], check=False, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert 'property "nope" is not defined' in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    found = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = USES.match(line)
        if not match or match["ref"].startswith("./"):
            continue
        found += 1
        assert PINNED.match(match["ref"]), f"{path.name}:{number}: pin {match['ref']} to a full commit SHA"
        assert match["comment"], f"{path.name}:{number}: add the version as a comment, e.g. `# v4.2.2`"
        assert VERSION_COMMENT.match(match["comment"]), (
            f"{path.name}:{number}: add the version as a comment, e.g. `# v4.2.2`"
        )
    assert found


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_time_limits(path):
    workflow = load(path)
    assert workflow.get("permissions") in ({}, {"contents": "read"}), f"{path.name}: top-level permissions"
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), f"{path.name}: job {name} has no timeout-minutes"
        permissions = job.get("permissions")
        assert isinstance(permissions, dict), f"{path.name}: job {name} must declare its permissions"
        granted = set(permissions.items())
        deploys = any(uses(s, "actions/deploy-pages") for s in steps(job))
        reads_pages = any(uses(s, "actions/configure-pages") for s in steps(job))
        allowed = {("contents", "read")}
        allowed |= DEPLOY_ONLY if deploys else set()
        allowed |= {("pages", "read")} if reads_pages else set()  # configure-pages reads the Pages settings
        assert granted <= allowed, f"{path.name}: job {name} asks for {sorted(granted - allowed)}"
        if deploys:
            assert granted >= DEPLOY_ONLY


# --- issue #28: the site's own check first, and a preview whatever the tests say ---------------------


def test_ci_runs_the_sites_check_first_and_uploads_the_preview_from_that_job():
    jobs = load(GITHUB / "workflows/ci.yml")["jobs"]
    site = next(job for job in jobs.values() if any(s.get("run") == "make check-site" for s in steps(job)))
    runs = [s["run"] for s in steps(site) if "run" in s]
    assert runs[-1] == "make check-site"  # after set-up only: nothing else runs before it
    assert all(r.startswith("sudo apt-get") for r in runs[:-1])
    upload = next(s for s in steps(site) if uses(s, "actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"
    assert "if" not in upload  # uploaded when the check and the build succeeded, and only then
    assert "needs" not in site  # the tests' outcome does not hold the preview back
    assert not any("make test" in s.get("run", "") for s in steps(site))
