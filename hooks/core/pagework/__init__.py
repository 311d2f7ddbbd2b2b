"""One build of the site, for any Python-Markdown engine (MkDocs 1.6, Zensical), engine-free.

sitebuild.py  SiteBuild: the one owner of a build's state (settings, strings, terms, key numbers, PageWork)
extension.py  PageWork: one Python-Markdown extension doing all per-page work: [[...]] marker lines
              expanded (datapages' NumberSite), terms linked (termkit's TermSite), chart SVGs put in
page.py       the page being converted, as an engine's adapter tells it (CurrentPage)
project.py    a site as an engine's own reader gives it (the adapters read it), for a run outside a build
prebuild.py   converts every page of a project once, as the engine will, and writes what Zensical needs
generator.py  the site-wide files: the glossary and index pages' Markdown, xref.json, llms.txt,
              llms-full.txt (llms.py), claims.json
csp.py        a finished page's Content Security Policy (`python -m core.pagework.csp SITE_DIR` after Zensical)
"""
