"""Per-page work and site-wide pages for any Python-Markdown engine (MkDocs 1.6, Zensical), engine-free.

page.py       the page being converted, as an engine tells it (CurrentPage; MkDocs' and Zensical's providers)
extension.py  PageWork: one Python-Markdown extension doing all per-page work: [[...]] marker lines
              expanded (keynumbers.site's NumberSite), terms linked (termkit's TermSite), chart SVGs put in
generator.py  the site-wide files: xref.json, llms.txt, llms-full.txt, claims.json
config.py     a mkdocs.yml-style config file and docs directory read as MkDocs reads them (the one reader)
project.py    a site read from its config, for a run without MkDocs' hooks (Zensical, sitecheck)
prebuild.py   converts every page once, as the engine will, and writes the generated pages and data files
zensical.py   the Zensical adapter: a Markdown extension named in zensical.yml
csp.py        a finished page's Content Security Policy (`python -m pagework.csp SITE_DIR` after Zensical)
__main__.py   `python -m pagework`: the pre-build step (sitecheck's checks on its one conversion, then write)
"""
