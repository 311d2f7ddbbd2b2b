"""Find `[[numbers: NAME]]` and `[[chart: NAME]]` lines in a page's Markdown and expand them, and
write the figure markers of running text (`[[fig: SUBJECT.FIELD]]`, inline.py).

Other markers (`[[claims]]`, `[[timeline]]`, ...) are expanded by handlers that the caller passes
in: a handler takes the text after the colon ("" if none) and returns Markdown, or raises
MarkerError with a message for the page's author. A line whose marker no one handles stays as it is.

A table becomes a Markdown table. A chart becomes an empty placeholder element (the SVG goes
in after the page is converted, so no Markdown or HTML processing touches it) followed by a
collapsed "Data" block holding the chart's numbers as a table.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .chart import Chart
from .fences import fenced
from .figures import CHARTS
from .inline import KIND as FIGURE
from .inline import write
from .model import KeyNumbers
from .tables import render_rows, render_table

DIRECTIVE = re.compile(r"^\[\[\s*([a-z][a-z-]*)\s*(?::\s*([^\]]*?))?\s*\]\]\s*$")
SLOT = '<div class="kn-chart-slot" data-kn-chart="{name}"></div>'
SLOT_PATTERN = re.compile(r'<div class="kn-chart-slot" data-kn-chart="([a-z0-9-]+)"></div>')


class MarkerError(Exception):
    """A marker that cannot be expanded; the message says why and how to fix it."""


@dataclass
class Expansion:
    markdown: str
    charts: list[str] = field(default_factory=list)  # chart names placed on the page, in order
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def expand(
    markdown: str,
    data: KeyNumbers,
    page_path: str,
    chart: Callable[[str], Chart],
    handlers: dict[str, Callable[[str], str]] | None = None,
) -> Expansion:
    """Replace every directive line outside code fences; report unknown names with their line."""
    out, result, handlers = [], Expansion(""), handlers or {}
    blocks = {*handlers, "numbers", "chart"}
    for number, (line, code) in enumerate(fenced(markdown.split("\n")), start=1):
        match = None if code else DIRECTIVE.match(line)
        if code or not match or match.group(1) not in blocks or match.group(1) == FIGURE:
            if code or "[[" not in line:
                out.append(line)
                continue
            written, problems = write(line, data, blocks)  # running text: its figure markers written out
            result.problems += [(number, problem) for problem in problems]
            out.append(written)
            continue
        kind, name = match.group(1), match.group(2) or ""
        if kind in handlers:
            try:
                out.append(handlers[kind](name))
            except MarkerError as exc:
                result.problems.append((number, str(exc)))
            continue
        if kind == "numbers":
            if name not in data.tables:
                result.problems.append(
                    (
                        number,
                        f"unknown key-numbers table {name!r}; known: {', '.join(data.tables)} (tables: in {data.path})",
                    )
                )
                continue
            out.append(render_table(data.tables[name], data, page_path))
        else:
            if name not in CHARTS:
                result.problems.append((number, f"unknown chart {name!r}; known: {', '.join(CHARTS)}"))
                continue
            out.append(chart_markdown(chart(name), data, page_path))
            result.charts.append(name)
    result.markdown = "\n".join(out)
    return result


def chart_markdown(chart: Chart, data: KeyNumbers, page_path: str) -> str:
    """The placeholder for the SVG, then the chart's data in a collapsed block (Markdown inside, via md_in_html).

    The summary is kept free of glossary links (a link there would compete with opening the block);
    the table itself links terms like any other text.
    """
    table = render_rows(chart.header, chart.rows, data, page_path)
    notes = "".join(f"{note}\n\n" for note in chart.notes)
    return (
        f"{SLOT.format(name=chart.name)}\n\n"
        f'<details class="note" markdown>\n<summary><span class="no-glossary">'
        f"{html.escape(data.say('chart_data', title=chart.title))}</span></summary>\n\n{table}\n\n{notes}</details>\n"
    )


def figure_html(chart: Chart) -> str:
    """The chart as it goes into the page: a figure with the inline SVG, left out of site search."""
    return (
        f'<figure class="kn-chart" id="chart-{chart.name}" style="width: 100%" data-search-exclude>\n'
        f"{chart.svg}</figure>"
    )


def insert_charts(html: str, charts: dict[str, Chart]) -> str:
    """Put each chart's SVG where its placeholder is."""
    return SLOT_PATTERN.sub(lambda m: figure_html(charts[m.group(1)]) if m.group(1) in charts else m.group(0), html)
