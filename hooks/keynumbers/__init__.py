"""Key numbers and charts from one data file, independent of MkDocs.

data.py    load and validate docs/data/models.yml; errors name the file and line
units.py   the units the renderer knows and how each value is written ("15T+", "3.8 × 10²⁵ FLOPs")
tables.py  key-number tables as Markdown, with a Source column
plot.py    charts drawn with matplotlib's SVG backend, ready to inline in a page
pages.py   find the [[numbers: ...]] and [[chart: ...]] lines in a page and expand them
"""
