"""The editor's check (`make check`, and CI's first step): the site's own messages first, each as
`docs/<file>:<line>: what is wrong; fix: what to do`, before any test output.

    python tests/support/editor_check.py [--annotate] [--site-dir DIR] [--no-rules]
    python tests/support/editor_check.py --code-changed

It stops at the first step that finds a problem:

1. `python -m adapters.check`: every content mistake that the site's own checks find, at once, without
   building (a few seconds);
2. the strict MkDocs build, into a temporary folder (or DIR): MkDocs checks every link, anchor and
   `nav:` entry (the site's hook words its warnings), and the hook reports what it finds; only its
   warnings and errors are printed;
3. the content rules (RULES: each theme page's shape and length, descriptions, no third-party assets; what
   the two editions must share) on that build.

Steps 1 and 2 run for every edition (adapters/editions.py).

`--annotate` prints each message as a GitHub Actions annotation instead (core.sitecheck.annotations),
so a pull request shows it on its line. `--code-changed` exits 0 if the branch changes anything but
content (then `make check` runs lint and the unit tests), 1 if it does not.

It runs as a script, not as `-m tests.support.editor_check`: the tests' package needs pytest, and CI's
first job installs only the site's requirements (it passes --no-rules; the test job runs the rules).
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from adapters.editions import EDITIONS  # noqa: E402
from core.sitecheck.annotations import PLACE, github_annotations  # noqa: E402

BASES = ("origin/main", "main")  # what a branch is compared with, the first that git knows
# Changed files that are content: the pages and data files, and the texts for people. Anything else
# (hooks/, tests/, overrides/, the site's scripts and styles, mkdocs.yml, requirements) is code.
CONTENT = re.compile(
    r"^(?:docs/(?!javascripts/|stylesheets/).*|README\.md|CONTRIBUTING\.md|\.github/(?:pull_request_template\.md"
    r"|ISSUE_TEMPLATE/.*))$"
)
HOOK_PREFIX = re.compile(r"^[a-z][\w-]*: (?=[\w./-]+\.(?:md|ya?ml)[:\s])")  # "charts: docs/x.md:3: ..."
# The content rules: each page's shape and length, descriptions, figures typed by hand that a marker should
# write; and what the two editions must share
# (pages, heading ids, footnotes, figures, verdicts, glossary entries), so that an English edit that the
# German page must follow is named here, not first in CI.
RULES = ("tests/realsite/test_real_site.py", "tests/realsite/test_site_figures.py", "tests/project/test_editions.py")
BUILT_SITE = "EDITOR_CHECK_SITE"  # tells tests/conftest.py to test this build instead of making one


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotate", action="store_true", help="print messages as GitHub Actions annotations")
    parser.add_argument("--site-dir", type=Path, help="build into this folder and keep it (default: a temporary one)")
    parser.add_argument("--no-rules", action="store_true", help=f"leave out the content rules of {', '.join(RULES)}")
    parser.add_argument("--code-changed", action="store_true", help="exit 0 if the branch changes code, else 1")
    args = parser.parse_args(argv)
    if args.code_changed:
        return 0 if code_changed(print) else 1
    show = _annotate if args.annotate else _plain
    if not sitecheck(show):
        return 1
    with tempfile.TemporaryDirectory(prefix="editor-check-") as tmp:
        site = args.site_dir or Path(tmp) / "site"
        if not strict_build(site, show):
            return 1
        return 0 if args.no_rules or content_rules(site) else 1


def sitecheck(show: Callable[[list[str]], None]) -> bool:
    """`python -m adapters.check`: its messages, or its "ok" line; whether it found nothing."""
    start = time.perf_counter()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "hooks"), os.environ.get("PYTHONPATH")])),
    }
    problems: list[str] = []
    passed: list[str] = []  # each edition's "ok" line, printed only if every edition passed
    for config in EDITIONS:
        done = subprocess.run(
            [sys.executable, "-m", "adapters.check", config],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            passed.append(f"{config}: {done.stdout.strip()} ({time.perf_counter() - start:.1f} s)")
            continue
        found = done.stdout.strip().split("\n") if done.stdout.strip() else [done.stderr.strip()]
        problems += [p for p in found if p not in problems]  # a data file's problem is found by both editions
    if not problems:
        print("\n".join(passed))
        return True
    show(problems)
    count = len([p for p in problems if re.match(r"^\S+?\.(?:md|ya?ml)(?::\d+)?: ", p)])
    said = f"{count} problems above; fix them" if count > 1 else "the problem above; fix it"
    print(f"sitecheck: {said}, then run `make check` again")
    return False


def strict_build(site: Path, show: Callable[[list[str]], None], root: Path = ROOT) -> bool:
    """`mkdocs build --strict` of the project in root into site, in this process; its warnings and errors
    as the site's messages (without the hook's name in front), or its "ok" line; whether it passed."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    start, kept = time.perf_counter(), _Kept()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(kept)
    propagate, logger.propagate = logger.propagate, False  # Python's last-resort handler would print them again
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        for config, below in EDITIONS.items():
            build(load_config(str(root / config), site_dir=str(site / below), strict=True))
        failed = ""
    except (MkDocsException, SystemExit) as exc:  # strict mode's abort, or a hook's error
        failed = str(exc)
    finally:
        logger.removeHandler(kept)
        logger.propagate = propagate
        logger.setLevel(level)
    if not failed and not kept.messages:
        print(f"strict build: ok, no warnings: every link, anchor and nav entry resolves ({_since(start)})")
        for note in kept.notes:
            print(f"  note: {note}")
        return True
    show(kept.messages or [failed])
    print(f"strict build: failed ({failed or 'warnings above'}); fix what it says, then run `make check` again")
    return False


def content_rules(site: Path) -> bool:
    """The content rules of tests/realsite/test_real_site.py, on the site just built; whether they hold."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *RULES, "-q", "--no-header", "-p", "no:cacheprovider", "--tb=short"],
        cwd=ROOT,
        env={**os.environ, BUILT_SITE: str(site)},
        capture_output=True,
        text=True,
        check=False,
    )
    summary = re.sub(r" in [\d.]+s\b.*", "", done.stdout.strip().split("\n")[-1].strip("= "))
    if done.returncode == 0:
        checked = "page shape and length, descriptions, typed figures, the editions' parity"
        print(f"content rules: ok, {summary} ({checked}; {_since(start)})")
        return True
    said = rule_messages(done.stdout)
    print("\n".join(said) if said else done.stdout + done.stderr)  # the rules' own words, else pytest's report
    print(f"content rules: {summary} ({', '.join(RULES)}); fix what it says, then run `make check` again")
    return False


def rule_messages(report: str) -> list[str]:
    """The rules' own words in pytest's short report: each failed assertion's message, every line of it
    (pytest writes "E   AssertionError: <first line>", then "E     <next line>", then its own "E   assert ...")."""
    messages: list[list[str]] = []
    current: list[str] | None = None
    for line in report.split("\n"):
        if line.startswith("E   AssertionError: "):
            current = [line.removeprefix("E   AssertionError: ")]
            messages.append(current)
        elif current is not None and line.startswith("E     "):
            current.append(line.removeprefix("E     "))
        else:
            current = None
    return ["\n".join(message).rstrip() for message in messages]


def code_changed(say: Callable[[str], None]) -> bool:
    """Whether the branch changes code (committed or not, untracked files too) since it left main; True
    if git cannot tell (no repository, no main)."""
    changed = changed_files()
    if changed is None:
        say("code: git cannot say what this branch changes; running lint and the unit tests")
        return True
    code = [path for path in changed if not CONTENT.match(path)]
    if not code:
        say(
            "code: only content changed since main; lint and unit tests skipped "
            "(CI runs them; `make check-code` runs them here)"
        )
        return False
    listed = ", ".join(code[:5]) + (f" and {len(code) - 5} more" if len(code) > 5 else "")
    say(f"code: {listed} changed since main; running lint and the unit tests")
    return True


def changed_files() -> list[str] | None:
    """Paths changed since the merge base with main (working tree included), and untracked files."""

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)

    for base in BASES:
        merge_base = git("merge-base", "HEAD", base)
        if merge_base.returncode == 0:
            diff = git("diff", "--name-only", merge_base.stdout.strip())
            untracked = git("ls-files", "--others", "--exclude-standard")
            if diff.returncode == 0 and untracked.returncode == 0:
                return sorted(set(diff.stdout.split("\n") + untracked.stdout.split("\n")) - {""})
    return None


class _Kept(logging.Handler):
    """The build's warnings and errors, as the site's messages; and the hooks' notes about a file of the
    project (such as the glossary's terms that no page uses), which do not fail the build."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []
        self.notes: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = HOOK_PREFIX.sub("", record.getMessage())
        if record.levelno >= logging.WARNING:
            self.messages.append(message)
        elif PLACE.match(message):
            self.notes.append(message)


def _plain(messages: list[str]) -> None:
    for message in messages:
        print(message)


def _annotate(messages: list[str]) -> None:
    for command in github_annotations(messages):
        print(command)


def _since(start: float) -> str:
    return f"{time.perf_counter() - start:.1f} s"


if __name__ == "__main__":
    sys.exit(main())
