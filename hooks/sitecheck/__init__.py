"""Friendly checks of a MkDocs project, with no engine: the mistakes an editor typically makes,
each as ONE message that names the file, the line where there is one, and the fix.

    docs/<file>:<line>: <what is wrong>; fix: <what to do>

Both engines use it. The MkDocs adapter (hooks/checks.py) runs the page checks of `source` and
words MkDocs' own link, anchor and navigation warnings with `messages`. Engines that validate
nothing themselves (Zensical) run `python -m sitecheck` before their build: it reads
mkdocs.yml, docs/ and the data files, converts each page with Python-Markdown as MkDocs would,
and reports the same messages (see `run`). Nothing here imports MkDocs.
"""
