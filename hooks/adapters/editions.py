"""The site's editions: one MkDocs config each, built in this order into one folder.

Each config names the folder its pages go to below the English site's (its `site_dir` and `site_url`
say the same; tests/project/test_editions.py checks that they do). The English config builds first and
empties the folder; the German one then builds into de/. Everything that builds the whole site reads
this list: `make build` and `make serve` (adapters.serve), the editor's check and the tests' build
(tests/support), `make bench`.
"""

from __future__ import annotations

EDITIONS = {"mkdocs.yml": "", "mkdocs.de.yml": "de/"}  # config file -> its folder below the English site
