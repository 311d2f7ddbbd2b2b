"""The engine-free code of the site: nothing under core/ imports MkDocs or Zensical.

Layers, lowest first; a module imports only from its own layer and the ones below (tests/project/test_layers.py
checks it, and that the import graph has no cycle):

    sourcefile   the source files: YAML with lines, SourceError, line finding, strings, fences, front matter
    termkit      the glossary and the book index (terms, matcher, linker, index, xref.json)
    datapages    the data files rendered into pages: key numbers, charts, claims, timeline
                 (termkit and datapages never import each other)
    pagework     one build of the site (SiteBuild), the per-page Markdown extension (PageWork), the
                 conversion of every page outside a build (prebuild), the site-wide files
    sitecheck    the checks neither engine makes

The engines' adapters (hooks/adapters/) sit above all of them.
"""
