"""The checks that neither engine makes, each as ONE message that names the file, the line where there
is one, and the fix:

    docs/<file>:<line>: <what is wrong>; fix: <what to do>

`source` checks a page's source (footnotes used but not defined and defined but not used, front
matter that MkDocs would ignore); `active` checks what editors write for active markup (script,
embedded documents, forms, javascript: and data: URLs, styles that load files: in every page as
converted, its front matter and strings.yml); the glossary (unknown terms, index markers) and the
data pages (`[[…]]` markers, claims and timeline) report their own problems while the pages are
converted. `run` runs them all on one conversion of the project (core.pagework.prebuild).
`annotations` turns the messages into GitHub Actions annotations (CI's first job). Links, anchors and
the navigation are the engines' to check: MkDocs does it in its build (the MkDocs adapter words its
warnings), Zensical checks links and anchors in its own. Nothing here imports an engine, and charts
are not drawn (no matplotlib).
"""
