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
from termkit.lists import UsedOn, used_on_html
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

DEFAULTS = {"source": "data/glossary.yml", "page": "glossary.md", "autolink": "page", "unused": "info"}
STRINGS = "data/strings.yml"
SEARCH_BOOST = 0.5  # of the glossary's entries in Material's search, against the pages' sections
PERMALINK_TITLE = re.compile(r'(<a class="headerlink" href="#[^"]*") title="[^"]*"')


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
    used_on: dict[str, list[UsedOn]] = field(default_factory=dict)  # term id -> pages and sections using it
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
    # (The "Source:" line is Markdown: it can carry the attribute only where attr_list is on.)
    unindexed = 'data-search-exclude="1"' if "attr_list" in config.markdown_extensions else ""
    content = glossary_markdown(build.glossary, build.collation, build.strings, unindexed=unindexed,
                                front_matter=("search:", f"  boost: {SEARCH_BOOST}"))
    page_file = File.generated(config, build.settings["page"], content=content)
    page_file.edit_uri = build.settings["source"]  # the edit button opens the data source
    files.append(page_file)
    build.glossary_url = page_file.url


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


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> None:
    """Every page is converted now: collect the "Used on" lists, report unused terms."""
    glossary_page = files.get_file_from_path(build.settings["page"]).page
    build.used_on = _used_on(glossary_page)
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
    output = PERMALINK_TITLE.sub(r"\1", output)  # one tooltip per heading is a lot of script work on a phone
    used_on, build.used_on = build.used_on, {}  # needed for this page only: free it for the rest of the build
    return USED_ON_PATTERN.sub(
        lambda m: used_on_html(used_on.get(m.group(1), []), build.strings), output)


def _used_on(glossary_page: Page) -> dict[str, list[UsedOn]]:
    """term id -> pages in build order, each with its sections (anchor -> heading) that use the term."""
    result: dict[str, dict[str, UsedOn]] = {}
    for page, occurrences, _ in build.results.values():
        url = relative_url(page.url, glossary_page.url)
        for occ in occurrences:
            pages = result.setdefault(occ.term, {})
            if page.url not in pages:
                pages[page.url] = UsedOn(page.title, url, {})
            if occ.section.anchor:
                pages[page.url].sections.setdefault(occ.section.anchor, occ.section.title)
    return {term: list(pages.values()) for term, pages in result.items()}


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
