"""Key numbers and charts from one data file, independent of MkDocs.

data.py    load and validate docs/data/models.yml; errors name the file and line
units.py   the units the renderer knows and how each value is written ("15T+", "3.8 × 10²⁵ FLOPs")
tables.py  key-number tables as Markdown, with a Source column
chart.py   what a chart is made of (marks, title, description, data table) and shared drawing helpers
figures.py the site's four charts: which figures each shows and how it is drawn (site content)
plot.py    draws a chart with matplotlib's SVG backend, with a cache keyed by what it depends on
svg.py     makes the SVG fit to inline: page font and colour, unique ids, title and description
pages.py   find the [[numbers: ...]] and [[chart: ...]] lines in a page and expand them (other markers
           through handlers the adapter passes in)
site.py    NumberSite: one build's key numbers, charts, claims and timeline, the [[...]] markers' handlers
           and their checks, for any engine (hooks/charts.py, pagework, sitecheck)
claims.py  the news summary's claims and verdicts (docs/data/claims.yml): verdict table, boxes, lists
timeline.py  the dated events (docs/data/timeline.yml) as an ordered list with <time> elements
generations.py  the comparison across generations, one row per model, each value linked to its source
cite.py    shared by claims and timeline: citations, dates, the anchors of a page's headings
llms.py    /llms.txt and /llms-full.txt from the pages' Markdown
"""
