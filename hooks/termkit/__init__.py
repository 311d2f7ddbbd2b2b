"""Engine-independent core of the site's glossary and cross-reference index.

Nothing in this package imports MkDocs: the adapters in hooks/*.py translate MkDocs events
into calls of these functions, so the core can move to another site generator.
"""
