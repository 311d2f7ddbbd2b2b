"""Engine-independent core of the site's glossary and cross-reference index.

Nothing in this package imports an engine: core.pagework's SiteBuild and the adapters
(hooks/adapters/) translate an engine's events into calls of these functions, so the core
moves with the site to another generator.

Follow one term, "Grouped-query attention" (abbreviation GQA), through a build:

1. model.py      load_glossary reads docs/data/glossary.yml (with line numbers for messages)
                 into a Glossary of Terms: name, abbreviations, aliases, short definition, and the
                 id `grouped-query-attention` (its anchor on the glossary page).
2. matcher.py    Matcher compiles every name and alias into one search; in a text it finds
                 "GQA" or "grouped-query attention" at word boundaries, the longest name first.
3. linker.py     link_tree walks a page's Python-Markdown element tree (skipping code,
                 headings, links, abbr) and wraps the first use per page or section in
                 <a class="glossary-term" href="../glossary/#grouped-query-attention">; it returns a LinkResult:
                 each Occurrence (term, section) and each index marker comment.
4. site.py       TermSite.link_page runs the linker while the engine converts the page;
                 TermSite.record keeps the page's PageReport (records.py: occurrences, index
                 markers parsed once, headings, anchors).
5. render.py     glossary_markdown writes the glossary page (one entry per term, its id in an
                 attribute list; markdown_ext.py puts the heading's text in from the glossary);
                 index_markdown the index page, whose entries come once every page is in.
6. resolution.py TermSite.resolve turns all reports into a Resolution: the entry's "Used on"
                 line (lists.py: pages in nav order, capped, linking the most relevant
                 section), the index (xref.py Index: terms and markers grouped by letter,
                 collate.py's ICU order), related pages, and xref.json (xref.py's schema).
"""
