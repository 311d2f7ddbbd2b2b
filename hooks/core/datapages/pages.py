"""Find `[[numbers: NAME]]` and `[[chart: NAME]]` lines in a page's Markdown and expand them, and
write the figure markers of running text (`[[fig: SUBJECT.FIELD]]`, inline.py).

Other markers (`[[claims]]`, `[[timeline]]`, ...) are expanded by handlers that the caller passes
in: a handler takes the text after the colon ("" if none) and returns Markdown, or raises
MarkerError with a message for the page's author. Any other line that starts with `[[` outside code
is a mistake (a marker misspelled or not closed) and a problem with a "did you mean"; a link whose
text is in brackets (`[[1]](url)`) is not a marker and stays as it is.

A table becomes a Markdown table. A chart becomes an empty placeholder element (the SVG goes
in after the page is converted, so no Markdown or HTML processing touches it) followed by a
collapsed "Data" block holding the chart's numbers as a table.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from core.sourcefile import fenced

from .chart import Chart
from .figures import CHARTS
from .inline import starts_with_figure, write
from .model import KeyNumbers
from .tables import render_rows, render_table

DIRECTIVE = re.compile(r"^\[\[\s*([a-z][a-z-]*)\s*(?::\s*([^\]]*?))?\s*\]\]\s*$")
# A line meant as a marker: it starts with [[ (Markdown allows up to three spaces before a paragraph).
MARKER_LIKE = re.compile(r"^ {0,3}\[\[")
BRACKETED_LINK = re.compile(r"^ {0,3}\[\[[^\]]*\]\][(\[]")  # [[1]](url), [[1]][ref]: a link, not a marker
BUILT_IN = ("numbers", "chart")
# Words an editor may write for a marker, and the marker they mean.
MEANT = {"number": "numbers", "table": "numbers", "tables": "numbers", "key-numbers": "numbers", "figure": "chart"}
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
    names = {"numbers": list(data.tables), "chart": list(CHARTS)}
    blocks = {*handlers, *BUILT_IN}
    for number, (line, code) in enumerate(fenced(markdown.split("\n")), start=1):
        match = None if code else DIRECTIVE.match(line)
        if code or not match or match.group(1) not in blocks:
            problem = None if code or starts_with_figure(line) else not_a_marker(line, [*BUILT_IN, *handlers], names)
            if problem:
                result.problems.append((number, problem))
                out.append(line)
                continue
            written, problems = (line, []) if code else write(line, data, blocks)  # its figure markers written out
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
                known = f"known: {', '.join(data.tables)} (tables: in {data.path})"
                result.problems.append(
                    (number, f"unknown key-numbers table {name!r}; {known}{_did_you_mean(name, names[kind])}")
                )
                continue
            out.append(render_table(data.tables[name], data, page_path))
        else:
            if name not in CHARTS:
                known = f"known: {', '.join(CHARTS)}"
                result.problems.append((number, f"unknown chart {name!r}; {known}{_did_you_mean(name, names[kind])}"))
                continue
            out.append(chart_markdown(chart(name), data, page_path))
            result.charts.append(name)
    result.markdown = "\n".join(out)
    return result


def not_a_marker(line: str, kinds: Sequence[str], names: Mapping[str, Sequence[str]]) -> str | None:
    """What is wrong with a line that starts with [[ but is not a marker that someone handles, and the
    marker it was most likely meant to be; None for a link whose text is in brackets.

    kinds: the markers there are; names: what may follow the colon of some of them (tables, charts).
    """
    if not MARKER_LIKE.match(line) or BRACKETED_LINK.match(line):
        return None
    written = line.strip()
    body, closed, after = written[2:], "]]" in written, ""
    if closed:
        body, after = body.split("]]", 1)
    kind, colon, name = body.rstrip("]").partition(":")
    kind, name = kind.strip(), name.strip()
    if not colon and " " in kind:  # [[numbers llama31-settings]]
        kind, name = kind.split(None, 1)
    meant = _meant_kind(kind, kinds)
    if meant is None:
        listed = ", ".join(f"[[{k}]]" for k in kinds)
        return (
            f"'{written}' is not a marker: there is no marker [[{kind}]]; "
            f"fix: use one of {listed}, or write \\[[ for text that starts with [["
        )
    if meant in names and name and name not in names[meant]:
        name = next(iter(difflib.get_close_matches(name, names[meant], n=1)), name)
    wrong = _what_is_wrong(line, kind, meant, closed=closed, after=after.strip(), colon=bool(colon or not name))
    return f"{wrong}; fix: did you mean '[[{meant}{': ' + name if name else ''}]]'?"


def _what_is_wrong(line: str, kind: str, meant: str, *, closed: bool, after: str, colon: bool) -> str:
    """The first thing that keeps a line from being the marker `meant`."""
    written = line.strip()
    if kind != meant:
        case = " (markers are written in lower case)" if kind.lower() == meant else ""
        return f"unknown marker '{written}'{case}"
    if not closed:
        return f"the marker '{written}' is not closed: it must end with ']]'"
    if after:
        return f"the marker '{written}' has text after its ']]': a marker stands alone on its line"
    if line[0] == " ":
        return f"the marker '{written}' must start at the beginning of its line, with no space before it"
    if not colon:
        return f"the marker '{written}' needs a ':' after its name"
    return f"the marker '{written}' is not written as a marker"


def _meant_kind(kind: str, kinds: Sequence[str]) -> str | None:
    """The marker that `kind` most likely means: itself, in lower case, a word for it, or a close spelling."""
    folded = kind.lower()
    if folded in kinds:
        return folded
    if MEANT.get(folded) in kinds:
        return MEANT[folded]
    close = difflib.get_close_matches(folded, [*kinds, *MEANT], n=1, cutoff=0.6)
    return MEANT.get(close[0], close[0]) if close else None


def _did_you_mean(name: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"; fix: did you mean {close[0]!r}?" if close else ""


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
