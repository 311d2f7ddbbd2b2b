"""MkDocs adapter for search keywords: events only; the logic lives in termkit.search.

Material's search plugin indexes each page's sections (title and text) and writes
site/search/search_index.json when the build ends. This hook then adds to each section's
document the fields `topics`, `entries` and `aliases` (termkit.search explains them), which
`plugins: search: fields:` in mkdocs.yml weighs. Material's search never displays them, so
readers and screen readers never meet them; the page HTML is unchanged. It also drops the
footnote markers from each section's text, where a result's snippet ran them into the words.

It needs hooks/terms.py (in any order under `hooks:`): the keywords come from the TermSite that
hook keeps in config["termsite"], read only here, once the build has ended; with hooks/charts.py,
the timeline's section also gets its events' months ("April 2025", NumberSite.search_keywords) as entries.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from keynumbers.site import NumberSite
from termkit.search import SectionKeywords, add_search_fields, drop_footnote_markers
from termkit.site import TermSite

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger("search-keywords")
INDEX = "search/search_index.json"
# Material's search multiplies the score of a page's first section (title and intro) by up to
# 2.5 more than any other section's, and then folds the page's other sections under "N more on
# this page". A theme page's intro ("In short") touches every section's subject, so it would
# hide the section that explains what the reader searched for. This boost cancels that bonus.
PAGE_BOOST = 0.4


@event_priority(-100)  # after Material's search plugin has written the index
def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    site = config.get("termsite")
    if not isinstance(site, TermSite):
        raise PluginError("hooks/search.py needs hooks/terms.py under 'hooks:' in mkdocs.yml")
    path = Path(config.site_dir) / INDEX
    if not path.is_file():  # search disabled, or another search plugin
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    keywords = site.search_keywords()
    numbers = config.get("numbersite")  # hooks/charts.py's, if it runs: the months of the timeline's events
    if isinstance(numbers, NumberSite):
        for src, sections in numbers.search_keywords().items():
            if src in site.reports:
                for anchor, names in sections.items():
                    keywords.setdefault(site.reports[src].url, {}).setdefault(anchor, SectionKeywords()).add(
                        "entries", names
                    )
    separator = (index.get("config") or {}).get("separator")  # split the fields' words as the search will
    changed = add_search_fields(index["docs"], keywords, separator=separator)
    drop_footnote_markers(index["docs"])  # in a result's snippet they ran into the words
    for doc in index["docs"]:
        if "#" not in doc["location"]:
            doc["boost"] = doc.get("boost", 1) * PAGE_BOOST
    # Material writes the index with these separators (and ensure_ascii); so does this hook.
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    log.debug(f"{INDEX}: search keywords added to {changed} of {len(index['docs'])} sections")
