"""Engine-independent core of the site's glossary and cross-reference index.

Nothing in this package imports MkDocs: the adapters in hooks/*.py translate MkDocs events
into calls of these functions, so the core can move to another site generator.

Start at site.py: one TermSite per build links each page (matcher.py, linker.py), keeps a
report of it, and resolves the site-wide lists from all reports (resolution.py: the glossary's
"Used on" lines, the index from xref.py and lists.py, related pages, xref.json).
"""
