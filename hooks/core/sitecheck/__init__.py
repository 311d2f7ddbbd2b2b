"""Friendly checks of a MkDocs project, with no engine: the mistakes an editor typically makes,
each as ONE message that names the file, the line where there is one, and the fix.

    docs/<file>:<line>: <what is wrong>; fix: <what to do>

Both engines use it. The MkDocs adapter (hooks/checks.py) runs the page checks of `source` and
words MkDocs' own link, anchor and navigation warnings with `messages`. Engines that validate
nothing themselves (Zensical) get the same messages before their build: `python -m pagework`
(the pre-build step) runs `run` on its one conversion of the site, and `python -m sitecheck` runs
it alone. `run` reads the config with pagework.project and converts each page as the build does,
with PageWork (pagework.prebuild), adding its collectors of links and ids (`convert`). Nothing
here imports MkDocs, and charts are not drawn (no matplotlib).
"""
