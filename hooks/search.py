"""MkDocs adapter for search keywords: events only; the logic lives in termkit.search.

Material's search plugin indexes each page's sections (title and text) and writes
site/search/search_index.json when the build ends. This hook then adds to each section's
document the fields `topics`, `entries` and `aliases` (termkit.search explains them), which
`plugins: search: fields:` in mkdocs.yml weighs. Material's search never displays them, so
readers and screen readers never meet them; the page HTML is unchanged.

List it after hooks/glossary.py in mkdocs.yml: it reads what that hook found on each page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from termkit.search import SectionKeywords, add_search_fields, page_keywords

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("search-keywords")
INDEX = "search/search_index.json"
# Material's search multiplies the score of a page's first section (title and intro) by up to
# 2.5 more than any other section's, and then folds the page's other sections under "N more on
# this page". A theme page's intro ("In short") touches every section's subject, so it would
# hide the section that explains what the reader searched for. This boost cancels that bonus.
PAGE_BOOST = 0.4

glossary_build = None  # hooks/glossary.py's Build for this build
keywords: dict[str, dict[str, SectionKeywords]] = {}  # page URL -> section anchor -> keywords


def on_config(config: MkDocsConfig) -> None:
    global glossary_build
    if "glossary_build" not in config:
        raise PluginError("hooks/search.py needs hooks/glossary.py listed before it under 'hooks:'")
    glossary_build = config["glossary_build"]
    keywords.clear()


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    """The glossary hook has just recorded this page's terms and markers (authored pages only)."""
    found = glossary_build.results.get(page.file.src_uri)
    if found is not None:
        keywords[page.url] = page_keywords(glossary_build.glossary, found.occurrences, found.markers)


@event_priority(-100)  # after Material's search plugin has written the index
def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / INDEX
    if not path.is_file():  # search disabled, or another search plugin
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    # A glossary entry's other names sit in its line of references, which the index leaves out
    # with "See also" and "Source" (they name other terms): give them back as aliases.
    keywords[glossary_build.glossary_url] = {
        term.id: SectionKeywords(aliases=list(term.aliases)) for term in glossary_build.glossary.terms.values()
        if term.aliases}
    changed = add_search_fields(index["docs"], keywords)
    for doc in index["docs"]:
        if "#" not in doc["location"]:
            doc["boost"] = doc.get("boost", 1) * PAGE_BOOST
    # Material writes the index with these separators (and ensure_ascii); so does this hook.
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    log.debug(f"{INDEX}: search keywords added to {changed} of {len(index['docs'])} sections")
