"""The benchmark's third baseline: a site without the hooks whose glossary and index pages are
static Markdown files, as a hand-maintained site would have them.

The pages are what the hooks generate: the glossary's Markdown from core.termkit.render with each
entry's "Used on" line, and the index page's entries, both taken from a build with the hooks
(the index entries as the HTML the hooks write, which Markdown passes through). Content pages
are the plain variant's: no term links, no related pages.

A real-content site has a fourth variant: the same, but with its pages as the key-numbers hook
leaves them before conversion (tables, charts, claim boxes and the timeline written out; captured
by capture_hook.py in a build with the hooks), which a hand-maintained site would also contain.
Its charts stay empty slots: the hook puts the SVG in after conversion, and a hand-maintained
site would have them as image files, which cost a build nothing.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))

from core.termkit.collate import Collation  # noqa: E402
from core.termkit.model import load_glossary  # noqa: E402
from core.termkit.render import entry_groups, glossary_markdown, index_markdown  # noqa: E402
from core.termkit.resolution import fill_glossary  # noqa: E402

INDEX_BODY = re.compile(r'<nav class="glossary-letters".*</ul>', re.DOTALL)


def used_on_lines(glossary_html: str, label: str) -> dict[str, str]:
    """term id -> the inline HTML of its "Used on" line in a built glossary page."""
    pattern = re.compile(r'<h3[^>]*\bid="([^"]+)".*?\n' + re.escape(html.escape(label)) + r": (.*?)</p>", re.DOTALL)
    return {m.group(1): f"{label}: {m.group(2)}" for m in pattern.finditer(glossary_html)}


def static_pages(docs: Path, built: Path, language: str = "en") -> dict[str, str]:
    """glossary.md and book-index.md as static Markdown, from the sources in docs and a build with the hooks."""
    strings = yaml.safe_load((docs / "data/strings.yml").read_text("utf-8"))[language]
    glossary = load_glossary(docs / "data/glossary.yml")
    used_on = used_on_lines((built / "glossary/index.html").read_text("utf-8"), strings["used_on"])
    collation = Collation(language)
    page = glossary_markdown(glossary, collation, strings)
    order = [term.id for _, terms in entry_groups(glossary, collation) for term in terms]
    page = fill_glossary(page, [used_on.get(term_id, "") for term_id in order])
    body = INDEX_BODY.search((built / "book-index/index.html").read_text("utf-8"))
    if body is None:
        raise ValueError(f"{built}/book-index/index.html has no index entries")
    entries = body.group(0)
    marker = "<!-- entries -->"
    return {"glossary.md": page, "book-index.md": index_markdown(strings, marker).replace(marker, entries)}


def write_static(docs: Path, built: Path, out: Path) -> Path:
    """Write the static pages (sources in docs, a build with the hooks in built) to out; return out."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in static_pages(docs, built).items():
        (out / name).write_text(text, encoding="utf-8")
    return out


def static_config(config: dict, pages: Path) -> dict:
    """A site's config without the hooks, its glossary and index pages read from the files in pages.

    The pages go in through a hook that only adds two files (static_hook.py): no git history,
    like the pages the hooks generate, so plugins that read a page's history treat them alike.
    """
    config = {key: value for key, value in config.items() if key != "hooks"}
    config["hooks"] = [str(Path(__file__).with_name("static_hook.py"))]
    config["extra"] = {**(config.get("extra") or {}), "static_pages": str(pages)}
    config["site_name"] = str(config.get("site_name", "")).replace("(plain)", "(static)")
    return config


def written_docs(docs: Path, captured: Path, out: Path) -> Path:
    """A copy of docs whose pages are the captured Markdown in captured (capture_hook.py); return out.

    When docs is in a git repository, so is the copy (one commit), so that a plugin reading each
    page's history (git-revision-date-localized) does the same work as on the original.
    """
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(docs, out, ignore=shutil.ignore_patterns("*.md"))
    for page in captured.rglob("*.md"):
        target = out / page.relative_to(captured)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    in_git = subprocess.run(["git", "-C", str(docs), "rev-parse"], check=False, capture_output=True).returncode == 0
    if in_git:
        git = ["git", "-C", str(out), "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "hand-written pages"]):
            subprocess.run([*git, *args], check=True, capture_output=True)
    return out
