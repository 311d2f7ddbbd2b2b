"""The German edition against the English one (issue 26).

- Every English page has its German counterpart and back, and both navs list them in one order.
- Each page pair keeps in its source what a translation must not change (tests/support/editions.py): the
  figure markers, the block markers in their order, the footnotes with their URLs, the links and the index
  markers; its built pages have the same heading ids (German headings carry `{#english-id}`).
- Built, each page pair shows the same figures in the two number formats; both editions have the same
  claims with the same verdicts, and every glossary entry in both languages.
- Every built page says its language (`<html lang>`).
- Each German page names the English commit it was translated from. An English page changed after it gives
  a warning, not a failure: an English fix must never wait for a translator, and what must never differ
  between the two is what the tests above check.
- The German config builds into the folder adapters/editions.py names.

What a translation may change (the words, the order of sentences, a figure marker's options) is not compared.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import lxml.html
import pytest
from mkdocs.utils.yaml import yaml_load

from adapters.editions import EDITIONS
from core.sourcefile import LineDict, LineList, load_strings, parse_yaml
from core.termkit.model import Glossary, load_glossary
from support import ROOT
from support.editions import (
    Source,
    TranslationDrift,
    block_markers,
    differences,
    drift,
    figure_markers,
    figures_shown,
    footnotes,
    git,
    index_markers,
    links,
)

ENGLISH_CONFIG, GERMAN_CONFIG = "mkdocs.yml", "mkdocs.de.yml"
PAGES = sorted(path.name for path in (ROOT / "docs").glob("*.md"))
GENERATED = ["glossary", "book-index"]  # the pages the hooks write from the data files
HEADINGS = "//article//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"


def config(name: str) -> dict:
    """A MkDocs config as MkDocs reads it (its own YAML reader): its settings over those it INHERITs."""
    with (ROOT / name).open("rb") as file:
        return yaml_load(file)


GERMAN_DOCS = config(GERMAN_CONFIG)["docs_dir"]  # docs/de


def built(site: Path, page: str, folder: str = "") -> Path:
    """A page's HTML file in the built site (page: agents.md or glossary), in the edition below folder."""
    name = page.removesuffix(".md")
    return site / folder / ("index.html" if name == "index" else f"{name}/index.html")


@pytest.fixture(scope="module")
def glossaries() -> dict[str, Glossary]:
    path = ROOT / "docs/data/glossary.yml"
    return {language: load_glossary(path, "docs/data/glossary.yml", language) for language in ("en", "de")}


# --- Every page and its counterpart ------------------------------------------------------------------------


def test_every_page_has_its_german_counterpart_and_back():
    german = sorted(path.name for path in (ROOT / GERMAN_DOCS).glob("*.md"))
    untranslated = [f"docs/{page}: no {GERMAN_DOCS}/{page}; fix: translate it" for page in PAGES if page not in german]
    orphans = [f"{GERMAN_DOCS}/{page}: no docs/{page}; fix: delete it" for page in german if page not in PAGES]
    assert PAGES
    assert not untranslated + orphans, "\n".join(untranslated + orphans)


def nav_pages(nav: list) -> list[str]:
    return [
        page
        for item in nav
        for value in item.values()
        for page in (nav_pages(value) if isinstance(value, list) else [value])
    ]


def test_both_navs_list_the_same_pages_in_the_same_order():
    english, german = nav_pages(config(ENGLISH_CONFIG)["nav"]), nav_pages(config(GERMAN_CONFIG)["nav"])
    assert german == english, f"{GERMAN_CONFIG}: nav: list the pages of {ENGLISH_CONFIG}'s nav in its order"


# --- Source parity -----------------------------------------------------------------------------------------

ASPECTS = {
    "figure markers": figure_markers,
    "footnotes": footnotes,
    "links": links,
    "index markers": index_markers,
}


@pytest.mark.parametrize("aspect", ASPECTS)
@pytest.mark.parametrize("page", PAGES)
def test_the_translation_keeps_the_sources_markers_footnotes_and_links(page, aspect, glossaries):
    english, german = Source.read(ROOT, f"docs/{page}"), Source.read(ROOT, f"{GERMAN_DOCS}/{page}")
    find = ASPECTS[aspect]
    found = differences(english, german, find(english, glossaries["en"]), find(german, glossaries["de"]))
    assert not found, f"{page}: the two pages differ in their {aspect}; fix the translation:\n" + "\n".join(found)


@pytest.mark.parametrize("page", PAGES)
def test_the_translation_keeps_the_block_markers_in_their_order(page, glossaries):
    english, german = Source.read(ROOT, f"docs/{page}"), Source.read(ROOT, f"{GERMAN_DOCS}/{page}")
    theirs, ours = block_markers(english, glossaries["en"]), block_markers(german, glossaries["de"])
    for (marker, line), (translated, translated_line) in zip(theirs, ours, strict=False):
        assert translated == marker, (
            f"{german.path}:{translated_line}: {translated}; {english.path}:{line} has {marker}"
        )
    assert len(ours) == len(theirs), f"{german.path}: {len(ours)} block markers, {english.path} {len(theirs)}"


def headings(page: Path) -> list[tuple[str, str]]:
    return [(h.tag, h.get("id")) for h in lxml.html.fromstring(page.read_bytes()).xpath(HEADINGS)]


@pytest.mark.parametrize("page", PAGES)
def test_headings_have_the_english_ids(real_site, page):
    """The built pages' headings, level and id in order: a German heading that lacks `{#english-id}`, or a
    heading one page has and the other not, breaks the links and the language switch."""
    english, german = headings(built(real_site, page)), headings(built(real_site, page, "de"))
    for (level, anchor), (german_level, german_anchor) in zip(english, german, strict=False):
        assert (german_level, german_anchor) == (level, anchor), (
            f"{GERMAN_DOCS}/{page}: heading #{german_anchor} ({german_level}) where docs/{page} has #{anchor} "
            f"({level}); fix: end the German heading with {{#{anchor}}}, or add or remove a heading"
        )
    assert len(german) == len(english), f"{GERMAN_DOCS}/{page}: {len(german)} headings, docs/{page} {len(english)}"


# --- Built parity ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", [*PAGES, *GENERATED])
def test_both_editions_show_the_same_figures(real_site, page):
    """Every figure an English page shows, its German page shows in German format, and no other figure."""
    english, german = figures_shown(built(real_site, page), "en"), figures_shown(built(real_site, page, "de"), "de")
    assert english, f"{page}: no figures found on the English page"
    only_english = [english[value] for value in sorted(english.keys() - german.keys())]
    only_german = [german[value] for value in sorted(german.keys() - english.keys())]
    assert not only_english + only_german, (
        f"{page}: figures only on the English page {only_english}, only on the German page {only_german}; fix: "
        f"write the figure with a marker, or correct a number typed in {GERMAN_DOCS}/ or a `de:` block of docs/data/"
    )


def verdicts(site: Path, language: str, site_url: str) -> dict[str, tuple[str, bool, str]]:
    """Each claim of a built claims.json by its id: its verdict as the key of strings.yml (verdict_name_*),
    whether it is a correction, and the section that discusses it (from the edition's root)."""
    words = load_strings(ROOT / "docs/data/strings.yml", "docs/data/strings.yml", language)
    names = {name: key for key, name in words.items() if key.startswith("verdict_name_")}
    assert len(names) == sum(key.startswith("verdict_name_") for key in words), (
        f"docs/data/strings.yml: two of {language}.verdict_name_* have one name; fix: give each verdict its own"
    )
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]
    return {
        c["id"]: (names.get(c["verdict"], c["verdict"]), c["correction"], c["section"].removeprefix(site_url))
        for c in claims
    }


def test_both_editions_have_the_same_claims_with_the_same_verdicts(real_site):
    english = verdicts(real_site, "en", config(ENGLISH_CONFIG)["site_url"])
    german = verdicts(real_site / "de", "de", config(GERMAN_CONFIG)["site_url"])
    assert len(english) >= 15
    differ = [
        f"{i}: English {english.get(i)}, German {german.get(i)}"
        for i in {**english, **german}
        if english.get(i) != german.get(i)
    ]
    assert not differ, "claims.json and de/claims.json differ (verdict, correction, section):\n" + "\n".join(differ)


def term_ids(site: Path) -> set[str]:
    def walk(entries: list[dict]) -> set[str]:
        return {e["term"] for e in entries if e["term"]} | {i for e in entries for i in walk(e.get("subs", []))}

    return walk(json.loads((site / "xref.json").read_text(encoding="utf-8"))["entries"])


def test_every_glossary_entry_is_in_both_languages(real_site):
    text = (ROOT / "docs/data/glossary.yml").read_text(encoding="utf-8")
    entries = parse_yaml(text, "docs/data/glossary.yml")
    assert isinstance(entries, LineDict)
    assert isinstance(entries["terms"], LineList)
    missing = [
        f"docs/data/glossary.yml:{entry.line}: {entry['term']!r} has no de: block with term and short; fix: add it"
        for entry in entries["terms"]
        if not (isinstance(entry.get("de"), LineDict) and entry["de"].get("term") and entry["de"].get("short"))
    ]
    assert not missing, "\n".join(missing)
    english, german = term_ids(real_site), term_ids(real_site / "de")
    assert len(english) >= 100
    assert german == english, (
        f"xref.json: only English {sorted(english - german)}, only German {sorted(german - english)}"
    )


# --- Language ----------------------------------------------------------------------------------------------


def language_of(edition: str) -> str:
    """The language an edition is written in: the name of its folder (de/), English at the root."""
    return EDITIONS[edition].strip("/") or "en"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_says_its_language(real_site, edition):
    language, folder = language_of(edition), real_site / EDITIONS[edition]
    nested = [real_site / below for below in EDITIONS.values() if folder in (real_site / below).parents]
    pages = [page for page in sorted(folder.rglob("*.html")) if not any(n in page.parents for n in nested)]
    assert len(pages) >= len(PAGES) + len(GENERATED)
    wrong = [
        f"{page.relative_to(real_site)}: lang={lang!r}"
        for page in pages
        if (lang := lxml.html.fromstring(page.read_bytes()).get("lang")) != language
    ]
    assert not wrong, f"{edition} builds pages that do not say lang={language!r}:\n" + "\n".join(wrong)


# --- Drift -------------------------------------------------------------------------------------------------


def test_each_translation_names_the_english_commit_it_follows():
    """Fails only on a German page without translated_from, or with one that is no commit of the repository;
    warns (TranslationDrift) about English pages changed since, and on a clone without history says it cannot
    tell."""
    found = drift(ROOT, PAGES)
    assert not found.wrong, "\n".join(found.wrong)
    if found.unknown:
        why = "\n".join(found.unknown)
        hint = "a clone with the whole history (fetch-depth: 0, or `git fetch --unshallow`) can"
        warnings.warn(TranslationDrift(f"cannot tell which translations are behind ({hint}):\n{why}"), stacklevel=1)
    if found.changed:
        behind = [
            f"{GERMAN_DOCS}/{page}: docs/{page} changed since its translated_from, in {'; '.join(commits)}"
            for page, commits in found.changed.items()
        ]
        fix = "translate the changes, then set translated_from to the newest English commit"
        warnings.warn(
            TranslationDrift(f"German pages behind their English pages ({fix}):\n" + "\n".join(behind)), stacklevel=1
        )


def commit_all(repo: Path, message: str) -> str:
    author = ("-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false")
    assert git(repo, "add", "-A").returncode == 0
    assert git(repo, *author, "commit", "-q", "-m", message).returncode == 0
    return git(repo, "rev-parse", "HEAD").stdout.strip()


def test_drift_tells_changed_pages_wrong_commits_and_what_a_shallow_clone_cannot_tell(tmp_path):
    repo = tmp_path / "repo"
    (repo / "docs/de").mkdir(parents=True)
    assert git(repo, "init", "-q").returncode == 0
    for page in ("a.md", "b.md", "c.md"):
        (repo / "docs" / page).write_text("# A page\n", encoding="utf-8")
    first = commit_all(repo, "English pages")
    (repo / "docs/de/a.md").write_text(f"---\ntranslated_from: {first}\n---\n# Eine Seite\n", encoding="utf-8")
    (repo / "docs/de/b.md").write_text("---\ntranslated_from: 0123456789abcdef\n---\n# Eine Seite\n", encoding="utf-8")
    (repo / "docs/de/c.md").write_text("# Eine Seite\n", encoding="utf-8")
    commit_all(repo, "German pages")
    assert drift(repo, ["a.md"]).changed == {}
    (repo / "docs/a.md").write_text("# A page, corrected\n", encoding="utf-8")
    fix = commit_all(repo, "Correct page a")

    found = drift(repo, ["a.md", "b.md", "c.md"])
    assert found.changed == {"a.md": [f"{fix[:7]} Correct page a"]}
    assert [problem.split(":")[0:2] for problem in found.wrong] == [["docs/de/b.md", "2"], ["docs/de/c.md", "1"]]
    assert not found.unknown

    shallow = tmp_path / "shallow"
    assert git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)).returncode == 0
    found = drift(shallow, ["a.md"])
    assert (found.changed, found.wrong) == ({}, [])
    assert found.unknown == [f"docs/de/a.md: {first[:12]} is not in this shallow clone's history"]
    assert drift(tmp_path, ["a.md"]).unknown  # no repository at all


# --- The configs -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_config_builds_into_the_folder_editions_names(edition):
    english, settings, below = config(ENGLISH_CONFIG), config(edition), EDITIONS[edition]
    english_dir = Path(english.get("site_dir", "site"))
    assert Path(settings.get("site_dir", "site")) == english_dir / below, (
        f"{edition}: site_dir: {english_dir / below} (adapters/editions.py puts the edition in {below or 'the root'})"
    )
    assert settings["site_url"] == english["site_url"] + below, f"{edition}: site_url: {english['site_url']}{below}"
    assert settings["theme"]["language"] == language_of(edition), f"{edition}: theme: language: {language_of(edition)}"
    assert next(iter(EDITIONS)) == ENGLISH_CONFIG  # the English site builds first and empties the folder
