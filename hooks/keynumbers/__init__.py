"""Key numbers and charts from one data file, independent of MkDocs.

data.py    load and validate docs/data/models.yml; errors name the file and line
units.py   the units the renderer knows and how each value is written ("15T+", "3.8 × 10²⁵ FLOPs")
tables.py  key-number tables as Markdown, with a Source column
plot.py    charts drawn with matplotlib's SVG backend, ready to inline in a page
pages.py   find the [[numbers: ...]] and [[chart: ...]] lines in a page and expand them (other markers
           through handlers the adapter passes in)
claims.py  the news summary's claims and verdicts (docs/data/claims.yml): verdict table, boxes, lists
timeline.py  the dated events (docs/data/timeline.yml) as an ordered list with <time> elements
generations.py  the comparison across generations, one row per model, each value linked to its source
cite.py    shared by claims and timeline: citations, dates, the anchors of a page's headings
llms.py    /llms.txt and /llms-full.txt from the pages' Markdown
"""
