"""Key-number tables as Markdown, with a Source column that links to the site's source list."""

from __future__ import annotations

import posixpath

from .model import Citation, Figure, KeyNumbers, Table, fill


def render_table(table: Table, data: KeyNumbers, page_path: str) -> str:
    """A Markdown table for one `tables:` entry, links relative to the page at page_path (docs-relative)."""
    if table.is_matrix:
        subjects = [data.subjects[sid] for sid in table.columns]
        header = [
            _header(table, data),
            *(s.short or s.name for s in subjects),
            data.say("table_source"),
        ]
        lines = [_row(header), _row(["---"] * len(header))]
        for row in table.rows:
            label, label_figures = fill(row.label, data)
            figures = [data.figure(s.id, row.value) for s in subjects]
            cite = source_cell(Citation.of(label_figures + figures), data, page_path)
            lines.append(_row([label, *(f.display() for f in figures), cite]))
        return "\n".join(lines)
    header = [_header(table, data), data.say("table_value"), data.say("table_source")]
    lines = [_row(header), _row(["---"] * 3)]
    for row in table.rows:
        label, label_figures = fill(row.label, data)
        value, figures = fill(row.value, data)
        lines.append(_row([label, value, source_cell(Citation.of(label_figures + figures), data, page_path)]))
    return "\n".join(lines)


def _header(table: Table, data: KeyNumbers) -> str:
    """The first column's header: the table's own (`header:`, even empty), else strings.yml's default."""
    if table.header is not None:
        return table.header
    return data.say("table_setting" if table.is_matrix else "table_what")


def render_rows(header: list[str], rows: list[tuple[list[str], list[Figure]]], data: KeyNumbers, page_path: str) -> str:
    """A Markdown table from ready-made cells; each row's figures give its Source cell (the caller notes ratios)."""
    lines = [_row([*header, data.say("table_source")]), _row(["---"] * (len(header) + 1))]
    for cells, figures in rows:
        lines.append(_row([*cells, source_cell(Citation.of(figures), data, page_path, mark_computed=False)]))
    return "\n".join(lines)


def source_cell(cite: Citation, data: KeyNumbers, page_path: str, mark_computed: bool = True) -> str:
    """ "[Llama 3 paper](sources.md#llama3-paper) §1, §3.2.1; [Llama 3.1 model card](...)"."""
    parts = []
    for key, locators in cite.groups.items():
        source = data.sources[key]
        text = f"[{source.title}]({link_from(page_path, source.link)})"
        parts.append(f"{text} {', '.join(locators)}" if locators else text)
    if cite.computed and mark_computed:
        parts.append(data.say("ratio_computed"))
    return "; ".join(parts) or data.say("no_figure")


def link_from(page_path: str, link: str) -> str:
    """A docs-relative link ("sources.md#x") as a Markdown link from page_path; https links unchanged."""
    if link.startswith("https://"):
        return link
    target, _, anchor = link.partition("#")
    rel = posixpath.relpath(target, posixpath.dirname(page_path) or ".")
    return f"{rel}#{anchor}" if anchor else rel


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"
