"""Per-page work and site-wide pages for any Python-Markdown engine (MkDocs 1.6, Zensical), engine-free.

page.py       the page being converted, as an engine tells it (CurrentPage; MkDocs' and Zensical's providers)
extension.py  PageWork: one Python-Markdown extension doing all per-page work: [[...]] marker lines
              expanded (numbers.py), terms linked (termkit), chart SVGs put in
numbers.py    NumberSite: one build's key numbers, charts, claims and timeline (hooks/keynumbers)
generator.py  the site-wide files: xref.json, llms.txt, llms-full.txt, claims.json
project.py    a site read from its mkdocs.yml-style config, for engines that run no hooks
prebuild.py   converts every page once and writes the generated pages and data files (Zensical)
zensical.py   the Zensical adapter: a Markdown extension named in zensical.yml
__main__.py   `python -m pagework`: the pre-build step
"""
