"""Small sites built in temporary directories with the project's real hooks, and the real site."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import ROOT

MINI_GLOSSARY = """\
terms:
  - term: Grouped-query attention
    abbr: [GQA]
    short: Attention in which several query heads share one key/value head.
    see_also: [Mixture of experts]
    source: Llama 3 paper, §3.2
  - term: Mixture of experts
    abbr: [MoE]
    forms: [mixtures of experts]
    short: A layer that routes each token to a few of many expert networks.
    source: Llama 4 blog post
  - term: Scaling law
    forms: [scaling laws]
    short: A fitted relation between compute, model size, data and loss.
    source: Chinchilla paper
  - term: Chinchilla scaling law
    short: The finding that parameters and tokens should grow in equal proportion.
    source: Chinchilla paper, abstract
"""


@dataclass
class Built:
    site: Path
    log: str
    ok: bool

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


HOOK = str(ROOT / "hooks/mkdocs_hooks.py")  # the one file the site's mkdocs.yml names under `hooks:`


def make_site(tmp_path: Path, pages: dict[str, str], glossary: str = MINI_GLOSSARY, **config) -> Path:
    """Write a small site that uses the project's hook, overrides, strings and key-numbers data."""
    project = tmp_path / "project"
    docs = project / "docs"
    (docs / "data").mkdir(parents=True)
    shutil.copy(ROOT / "docs/data/strings.yml", docs / "data/strings.yml")
    shutil.copy(ROOT / "docs/data/models.yml", docs / "data/models.yml")
    (docs / "data/glossary.yml").write_text(glossary, encoding="utf-8")
    for name, text in pages.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    settings = {
        "site_name": "Test",
        "site_url": "https://example.org/sub/path/",
        "repo_url": "https://github.com/example/repo",
        "edit_uri": "edit/main/docs/",
        "theme": {
            "name": "material",
            "custom_dir": str(ROOT / "overrides"),
            "font": False,
            "features": ["content.action.edit", "content.action.view", "content.tooltips"],
        },
        "hooks": [HOOK],
        "exclude_docs": "data/\n",
        "markdown_extensions": ["attr_list", "toc", "footnotes", "abbr", "admonition", "md_in_html"],
        "validation": {
            "unrecognized_links": "warn",
            "anchors": "warn",
            "absolute_links": "warn",
            "omitted_files": "warn",
        },
    }
    settings.update(config)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return project


def run_build(project: Path, strict: bool = True, site: Path | None = None) -> Built:
    """Build in-process like `mkdocs build`, capturing what the mkdocs loggers say."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site = site or project / "site"
    stream = _LogCapture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(stream)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        cfg = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=strict)
        build(cfg)
        ok = True
    except (MkDocsException, SystemExit) as exc:
        stream.messages.append(f"ABORT: {exc}")
        ok = False
    finally:
        logger.removeHandler(stream)
        logger.setLevel(level)
    return Built(site, "\n".join(stream.messages), ok)


def check_project(config: Path) -> list[str]:
    """What `python -m adapters.check` finds in the project whose config is config, in this process: the
    checks of core.sitecheck on one conversion of its pages, read by MkDocs' reader, charts not drawn."""
    from adapters.mkdocs_project import read
    from core.pagework.prebuild import Prebuild
    from core.sitecheck.run import check

    return check(Prebuild(read(config), draw=False))


class _LogCapture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record):
        if record.levelno >= logging.INFO:
            self.messages.append(f"{record.levelname}: {record.getMessage()}")


def build_real_site(out: Path, project: Path = ROOT) -> Path:
    """`mkdocs build --strict` of the real site (or a copy of it in project) into out, as `make build`
    does, in a fresh process. Never with -q: it drops warnings before strict mode counts them."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        check=False,
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return out
