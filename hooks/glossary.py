"""MkDocs adapter for the glossary: events only; the logic lives in hooks/termkit.

Terms are linked inside Python-Markdown's conversion of each page (termkit.markdown_ext),
so the page's HTML is never parsed a second time.

Settings (all optional) in mkdocs.yml:

    extra:
      glossary:
        source: data/glossary.yml   # relative to docs_dir
        page: glossary.md           # the generated page
        autolink: page              # page | section | off; a page may override with front matter `glossary:`
        unused: info                # info | warn: how terms used on no page are reported
        used_on_cap: 8              # "Used on" lists this many pages, then links to all of them in the index
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from termkit.collate import Collation
from termkit.linker import MODES, LinkResult, Occurrence, Section, link_tree
from termkit.lists import UsedOn, most_relevant, used_on_html
from termkit.markdown_ext import TermLinking
from termkit.matcher import Matcher
from termkit.model import Glossary, GlossaryError, line_of, load_glossary, parse_yaml
from termkit.render import USED_ON_PATTERN, glossary_markdown
from termkit.urls import relative_url

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("glossary")

DEFAULTS = {"source": "data/glossary.yml", "page": "glossary.md", "autolink": "page", "unused": "info",
            "used_on_cap": 8}
STRINGS = "data/strings.yml"
SEARCH_BOOST = 0.5  # of the glossary's entries in Material's search, against the pages' sections
PERMALINK = re.compile(r'<a class="headerlink" href="#[^"]*"[^>]*>[^<]*</a>')


class Found(NamedTuple):
    """What linking found on one authored page (kept for the whole build, so no HTML here)."""

    page: Page
    occurrences: list[Occurrence]
    markers: list[tuple[str, Section]]


@dataclass
class Build:
    """Everything one build knows; made anew in on_config so nothing leaks between builds."""

    settings: dict
    glossary: Glossary
    matcher: Matcher
    collation: Collation
    strings: dict[str, str]
    results: dict[str, Found] = field(default_factory=dict)  # page src_uri -> what linking found there
    # term id -> the pages using it, each with the anchors of its sections that do
    used_on: dict[str, list[tuple[Page, list[str]]]] = field(default_factory=dict)
    nav_order: dict[str, int] = field(default_factory=dict)  # page src_uri -> position in the navigation
    # Set by hooks/xref.py when it builds the index: term id -> page URL -> anchors of the
    # term's main index entries there, and term id -> site-relative URL of the term's index entry.
    main_sections: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    index_entries: dict[str, str] = field(default_factory=dict)
    glossary_url: str = ""  # URL of the glossary page
    page: Page | None = None  # the page being converted, set in on_page_markdown
    linked: LinkResult | None = None  # what linking found on that page

    @staticmethod
    def where(page: Page, needle: str) -> str:
        """docs/<file>:<line> of needle's first occurrence in the page's source (read only for a message)."""
        return f"docs/{page.file.src_uri}:{line_of(page.file.content_string, needle)}"


build: Build | None = None


def on_config(config: MkDocsConfig) -> None:
    global build
    settings = {**DEFAULTS, **(config.extra.get("glossary") or {})}
    if settings["autolink"] not in MODES or settings["unused"] not in ("info", "warn"):
        raise PluginError(f"extra.glossary: autolink must be one of {MODES}, unused one of info, warn; got {settings}")
    docs = Path(config.docs_dir)
    try:
        glossary = load_glossary(docs / settings["source"], display_path=f"docs/{settings['source']}")
    except GlossaryError as exc:
        raise PluginError(f"glossary source has errors:\n{exc}") from None
    build = Build(settings, glossary, Matcher(glossary), Collation(_language(config)), load_strings(config))
    config["glossary_build"] = build  # read by the cross-reference hook (hooks/xref.py)
    # Link while Python-Markdown converts each page (its tree, before serialising): no second parse.
    extensions = [ext for ext in config.markdown_extensions if not isinstance(ext, TermLinking)]
    config.markdown_extensions = [*extensions, TermLinking(_link_page, _generated)]


def load_strings(config: MkDocsConfig) -> dict[str, str]:
    path = Path(config.docs_dir) / STRINGS
    if not path.is_file():
        raise PluginError(f"docs/{STRINGS}: the file of the words the hooks put on the site does not exist; "
                          f"fix: restore it from the project's repository (one block per language, e.g. 'en:')")
    try:
        table = parse_yaml(path.read_text(encoding="utf-8"), f"docs/{STRINGS}")
    except GlossaryError as exc:
        raise PluginError(f"docs/{STRINGS} has errors:\n{exc}") from None
    language = _language(config)
    if not isinstance(table, dict) or language not in table:
        raise PluginError(f"docs/{STRINGS}: no strings for the site language {language!r}")
    return table[language]


def on_files(files: Files, config: MkDocsConfig) -> None:
    # Material's search skips elements with data-search-exclude; a glossary entry ranks below the
    # page section that explains the term (the boost applies to every entry of the page).
    attr_list = "attr_list" in config.markdown_extensions
    content = glossary_markdown(build.glossary, build.collation, build.strings, unindexed='data-search-exclude="1"',
                                attr_list=attr_list,
                                front_matter=("search:", f"  boost: {SEARCH_BOOST}"))
    page_file = File.generated(config, build.settings["page"], content=content)
    page_file.edit_uri = build.settings["source"]  # the edit button opens the data source
    files.append(page_file)
    build.glossary_url = page_file.url


def on_nav(nav, config: MkDocsConfig, files: Files) -> None:
    build.nav_order = {page.file.src_uri: i for i, page in enumerate(nav.pages)}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    build.page, build.linked = page, None  # _link_page runs during this page's conversion


def _generated() -> bool:
    """Whether the page being converted is one these hooks wrote (for termkit.markdown_ext)."""
    return build.page is not None and build.page.file.generated_by is not None


def _link_page(root, raw_html) -> None:
    """Python-Markdown's tree of build.page, after its other tree processors (termkit.markdown_ext)."""
    page = build.page
    if page is None:  # a conversion that is not a page's (another plugin's): leave it alone
        return
    build.page = None
    mode = _mode(page, page.file.src_uri == build.settings["page"])
    glossary_url = build.glossary_url

    def href_for(term) -> str:
        return relative_url(f"{glossary_url}#{term.id}", page.url)

    # Generated pages (the glossary, the index) only repeat terms: rewrite their explicit references, count nothing.
    authored = page.file.generated_by is None
    build.linked = link_tree(root, build.glossary, build.matcher, href_for, mode, raw_html, find_terms=authored,
                             escape_amp=True)  # Python-Markdown's serialiser keeps entities in attributes


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    result, build.linked = build.linked, None
    if result is None:  # Python-Markdown skips its tree processors for a page with no text
        result = LinkResult()
    for ref in result.unknown_refs:  # as written in the link, which may be URL-encoded ("No%20Such%20Term")
        log.warning(f"{build.where(page, 'term:' + ref)}: unknown glossary term {unquote(ref)!r}; "
                    f"add it to docs/{build.settings['source']} or fix the spelling")
    if page.file.generated_by is None:  # authored pages only (generated pages count nothing)
        build.results[page.file.src_uri] = Found(page, result.occurrences, result.markers)
    elif page.file.src_uri == build.settings["page"]:
        for item in page.toc:  # no table of contents: the letter bar at the top does its work, at a
            item.children = []  # fraction of the elements (two copies of a TOC of 121 entries: ~960)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> None:
    """Every page is converted now: collect the "Used on" lists, report unused terms."""
    build.used_on = _used_on()
    unused = [t.name for t in build.glossary.terms.values() if t.id not in build.used_on]
    if unused:
        report = log.warning if build.settings["unused"] == "warn" else log.info
        report(f"docs/{build.settings['source']}: {len(unused)} term(s) used on no page: {', '.join(unused)}")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str | None:
    """Put the "Used on" lists into the finished glossary page.

    They go in after site search has indexed the page: search should find a term's entry by
    its name and definition, not by the long lists of pages that mention it.
    """
    if page.file.src_uri != build.settings["page"]:
        return None
    # No permalink after each heading: one element per entry, and one tooltip each for Material's script
    output = PERMALINK.sub("", output)
    used_on, build.used_on = build.used_on, {}  # needed for this page only: free it for the rest of the build
    cap = build.settings["used_on_cap"]

    def html(term_id: str) -> str:
        pages = _summary(used_on.get(term_id, []), build.main_sections.get(term_id, {}), page.url)
        all_url = build.index_entries.get(term_id)
        return used_on_html(pages, build.strings, cap, relative_url(all_url, page.url) if all_url else "")

    return USED_ON_PATTERN.sub(lambda m: "\n" + html(m.group(1)), output)  # a line of its own (render.py)


def _used_on() -> dict[str, list[tuple[Page, list[str]]]]:
    """term id -> pages in navigation order, each with the anchors of its sections that use the term."""
    result: dict[str, dict[str, tuple[Page, list[str]]]] = {}
    rank = build.nav_order
    src = lambda found: found.page.file.src_uri  # noqa: E731
    found = sorted(build.results.values(), key=lambda f: (rank.get(src(f), len(rank)), src(f)))
    for page, occurrences, _ in found:
        for occ in occurrences:
            anchors = result.setdefault(occ.term, {}).setdefault(page.url, (page, []))[1]
            if occ.section.anchor not in anchors:
                anchors.append(occ.section.anchor)
    return {term: list(pages.values()) for term, pages in result.items()}


def _summary(pages: list[tuple[Page, list[str]]], main: dict[str, list[str]], base: str) -> list[UsedOn]:
    """Each page once, linking its most relevant section (the term's main index entry, else the first)."""
    result = []
    for page, anchors in pages:
        anchor, more = most_relevant(anchors, main.get(page.url, ()))
        result.append(UsedOn(page.title, relative_url(f"{page.url}#{anchor}" if anchor else page.url, base), more))
    return result


def _language(config: MkDocsConfig) -> str:
    return config.theme.get("language") or "en"


def _mode(page: Page, is_glossary: bool) -> str:
    setting = page.meta.get("glossary", build.settings["autolink"])
    if is_glossary or setting is False:
        return "off"
    if setting not in MODES:
        written = next((line.strip() for line in page.file.content_string.splitlines()
                        if line.startswith("glossary:")), f"glossary: {setting}")
        log.warning(f"{build.where(page, 'glossary:')}: front matter '{written}' must be one of {', '.join(MODES)}; "
                    f"fix: write 'glossary: page' (link each term once per page), 'glossary: section' "
                    f"(once per section) or 'glossary: off' (no links)")
        return build.settings["autolink"]
    return setting
