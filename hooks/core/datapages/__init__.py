"""The data files rendered into pages: key numbers and charts (docs/data/models.yml), the claims and
their verdicts (claims.yml), the timeline (timeline.yml); independent of any engine. Every word they
put on the site comes from docs/data/strings.yml (KeyNumbers.say); the YAML loader and SourceError
from core.sourcefile.

model.py   what the data file holds: sources, subjects and their figures, tables; a figure's text
data.py    load and validate docs/data/models.yml; errors name the file and line
tabledata.py  the `tables:` section of the data file, checked against its subjects and fields
units.py   the units the renderer knows and how each value is written ("15T+", "3.8 × 10²⁵ FLOPs"), in the
           site's language (separators, scale and qualifier words from strings.yml)
tables.py  key-number tables as Markdown, with a Source column
chart.py   what a chart is made of (marks, title, description, data table) and shared drawing helpers
figures/   the site's four charts, one module each: which figures it shows and how it is drawn (site content)
plot.py    draws a chart with matplotlib's SVG backend, with a cache keyed by what it depends on
svg.py     makes the SVG fit to inline: page font and colour, unique ids, title and description
pages.py   find the [[numbers: ...]] and [[chart: ...]] lines in a page and expand them (other markers
           through handlers the adapter passes in), and the figure markers in running text
inline.py  the figure marker [[fig: SUBJECT.FIELD]]: one figure written in a sentence, as the tables write it
handtyped.py  numbers typed by hand in a page that models.yml holds (`python -m core.datapages.handtyped` lists
           them)
site.py    NumberSite: one build's key numbers, charts, claims and timeline, the [[...]] markers' handlers
           and their checks, for any engine (core.pagework.sitebuild makes it)
claims.py  the news summary's claims and verdicts (docs/data/claims.yml): verdict table, boxes, lists
timeline.py  the dated events (docs/data/timeline.yml) as an ordered list with <time> elements
generations.py  the comparison across generations, one row per model, each value linked to its source
cite.py    shared by claims and timeline: citations, dates, links to sections
"""
