"""The benchmark's synthetic sites: deterministic, in the project's glossary format, same terms for ezglossary."""

from __future__ import annotations

import re

import lxml.html
import static
import synth
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from core.termkit.model import load_glossary
from support.sites import run_build


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_site_and_a_valid_glossary(tmp_path):
    a = synth.write_site(tmp_path / "a", pages=4, terms_count=15, seed=7)
    b = synth.write_site(tmp_path / "b", pages=4, terms_count=15, seed=7)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert a.page_paths == b.page_paths
    assert a.page_paths[0] == "index.md"

    glossary = load_glossary(a.docs("hooks") / "data/glossary.yml")  # raises on anything the hooks would reject
    assert len(glossary.terms) == 15
    assert any(t.abbr for t in glossary.terms.values())
    assert any(t.aliases for t in glossary.terms.values())

    page = (a.docs("hooks") / a.page_paths[1]).read_text("utf-8")
    words = len(page.split())
    assert 1000 < words < 1600
    assert page.count("\n## ") == synth.SECTIONS
    assert "```python" in page
    assert 0.02 < a.mentions / (a.pages * synth.WORDS_PER_PAGE) < 0.045
    assert (a.docs("plain") / a.page_paths[1]).read_text("utf-8") == page


def test_ezglossary_variant_references_the_first_mention_of_each_term(tmp_path):
    info = synth.write_site(tmp_path / "s", pages=3, terms_count=10, seed=1)
    ez = (info.docs("ez") / info.page_paths[1]).read_text("utf-8")
    refs = re.findall(r"<g:([^|>]+)\|([^>]+)>", ez)
    assert refs
    assert len({name for name, _ in refs}) == len(refs)
    assert "<!-- index:" not in ez  # ezglossary would read an index marker as a reference
    defined = re.findall(r"^g:(.+)$", (info.docs("ez") / "glossary.md").read_text("utf-8"), re.MULTILINE)
    assert {name for name, _ in refs} <= set(defined)
    assert len(defined) == 10


def test_static_baseline_is_the_site_without_hooks_and_with_the_generated_pages_as_files(tmp_path):
    info = synth.write_site(tmp_path / "s", pages=3, terms_count=10, seed=1)
    hooks = run_build(info.base / "hooks", site=tmp_path / "hooks-site")
    assert hooks.ok, hooks.log
    pages = static.write_static(info.docs("hooks"), hooks.site, tmp_path / "pages")
    glossary = (pages / "glossary.md").read_text("utf-8")
    assert "Used on: <a href=" in glossary
    assert "<!-- glossary-used-on" not in glossary
    config = static.static_config(synth.site_config("plain", 3, 10), pages)
    config["docs_dir"] = str(info.docs("plain"))
    assert [hook.rsplit("/", 1)[-1] for hook in config["hooks"]] == ["static_hook.py"]  # adds the two files only
    (tmp_path / "static.yml").write_text(yaml.safe_dump(config), "utf-8")
    site = tmp_path / "static-site"
    build(load_config(str(tmp_path / "static.yml"), site_dir=str(site)))
    for page in ("glossary/index.html", "book-index/index.html"):
        ours = lxml.html.fromstring((hooks.site / page).read_bytes()).find(".//article")
        theirs = lxml.html.fromstring((site / page).read_bytes()).find(".//article")
        assert len(theirs.findall(".//a")) >= len(ours.findall(".//a")) - 2, page  # the same links but edit buttons
    assert "glossary-term" not in (site / info.page_paths[1].replace(".md", "/index.html")).read_text("utf-8")


def test_key_numbers_baseline_has_the_markers_written_out(tmp_path):
    """The "+ key numbers" baseline: the real pages as the hooks expand them, with no `[[...]]` line left."""
    import bench

    configs = synth.real_site_configs(tmp_path / "configs")
    captured = tmp_path / "captured"
    built = bench.run_cli(bench.capture_config(configs["hooks"], captured), tmp_path / "site", timeout=600)
    assert built.ok, built.note
    sources = {p.name: p.read_text("utf-8") for p in (synth.ROOT / "docs").glob("*.md")}
    pages = {p.name: p.read_text("utf-8") for p in captured.glob("*.md")}
    assert set(pages) == set(sources)  # every authored page (the generated two are static.py's)
    markers = re.compile(r"^\[\[.+\]\]\s*$", re.M)
    assert any(markers.search(text) for text in sources.values())
    assert not any(markers.search(text) for text in pages.values())
    assert '<div class="kn-timeline" markdown>' in pages["what-happened-next.md"]
    assert pages["architecture.md"].startswith(sources["architecture.md"].split("\n---\n", 1)[0])  # front matter kept
