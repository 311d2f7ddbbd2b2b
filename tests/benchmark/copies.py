"""The benchmark's dense real-content site: the real site with its theme pages copied N times.

The synthetic sites hold ~36 term mentions per page; the real theme pages are far denser in
terms, index markers, charts and tables, and the glossary's "Used on" lists and the book index
grow with pages x terms. This site measures that at a size where per-build fixed costs no longer
dominate: a copy of docs/ (glossary, data files, home and sources pages), plus N - 1 copies of
every page of the nav section "Themes" as <page>-<k>.md beside the original, under nav sections
"Themes <k>". The copies' links still point to the original pages, which exist, so the copies
build as cleanly as the originals. mkdocs.yml's settings are the real site's (synth.real_site_configs).
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

import synth
import yaml

THEMES = "Themes"  # the nav section whose pages are copied


def theme_pages(nav: list) -> list[tuple[str, str]]:
    """(title, page) of each page in the nav section THEMES."""
    for item in nav:
        if isinstance(item, dict) and THEMES in item:
            return [next(iter(entry.items())) for entry in item[THEMES]]
    raise ValueError(f"mkdocs.yml's nav has no section {THEMES!r}")


def copied_nav(nav: list, copies: int) -> list:
    """The real nav with a section "Themes <k>" after "Themes" for each copy k = 2..copies."""
    pages = theme_pages(nav)
    out: list = []
    for item in nav:
        out.append(item)
        if isinstance(item, dict) and THEMES in item:
            out += [
                {f"{THEMES} {k}": [{f"{title} ({k})": _copy_name(page, k)} for title, page in pages]}
                for k in range(2, copies + 1)
            ]
    return out


def write_copied_site(base: Path, copies: int, others: Mapping[str, Path] | None = None) -> tuple[dict[str, Path], int]:
    """Write the docs and configs (variants "hooks" and "plain") under base; return them and the page count.

    others: label -> another checkout of the project, whose hooks build the same docs as variant
    "hooks@label" (its config in a folder of its own: a chart cache of its own beside it)."""
    real = synth.real_settings()
    docs = base / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(synth.ROOT / real.get("docs_dir", "docs"), docs)
    for _title, page in theme_pages(real["nav"]):
        text = (docs / page).read_text(encoding="utf-8")
        for k in range(2, copies + 1):
            (docs / _copy_name(page, k)).write_text(text, encoding="utf-8")
    nav = copied_nav(real["nav"], copies)
    configs = synth.real_site_configs(base / "configs", docs=docs, nav=nav, name="copied")
    for label, root in (others or {}).items():
        other = synth.real_site_configs(base / f"configs@{label}", docs=docs, nav=nav, name="copied", root=root)
        configs[f"hooks@{label}"] = other["hooks"]
    hooks_config = yaml.safe_load(configs["hooks"].read_text("utf-8"))
    return configs, sum(1 for _ in _pages(hooks_config["nav"]))


def _copy_name(page: str, k: int) -> str:
    return f"{page[: -len('.md')]}-{k}.md"


def _pages(nav: list):
    for item in nav:
        value = item if isinstance(item, str) else next(iter(item.values()))
        if isinstance(value, list):
            yield from _pages(value)
        else:
            yield value
