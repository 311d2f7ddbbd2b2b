"""One comparison across model generations, from `tables: generations` in docs/data/models.yml.

The table is defined like the other matrix tables (columns: model ids; rows: [label, field]) and
drawn turned round: one row per model, one column per field. Each value links to its source,
with the place in it as the link's title; a ratio computed here says so in its column header.
No MkDocs import.
"""

from __future__ import annotations

from .model import Figure, KeyNumbers, Table
from .tables import link_from


def problems(table: Table, data: KeyNumbers) -> list[str]:
    """Models whose `design` does not agree with their `type` (dense / moe)."""
    out = []
    for sid in table.columns:
        subject = data.subjects[sid]
        design = subject.figures.get("design")
        if design and design.stated and not design.text.lower().startswith(subject.type):
            out.append(f"{data.path}:{design.line}: {sid}.design {design.text!r} does not match type {subject.type!r}")
    return out


def render(table: Table, data: KeyNumbers, page_path: str) -> str:
    labels = [
        data.say("generations_computed", label=r.label) if r.value == "tokens_per_param" else r.label
        for r in table.rows
    ]
    header = [data.say("generations_model"), *labels]
    lines = [_row(header), _row(["---"] * len(header))]
    for sid in table.columns:
        subject = data.subjects[sid]
        cells = [subject.name]
        for row in table.rows:
            figure = data.figure(sid, row.value)
            cell = _cell(figure, data, page_path)
            hardware = subject.figures.get("hardware")
            if row.value == "gpu_hours" and figure.stated and hardware and hardware.stated:
                cell += f" ({_cell(hardware, data, page_path)})"
            cells.append(cell)
        lines.append(_row(cells))
    return "\n".join(lines) + f"\n\n{data.say('generations_note', missing=data.say('no_figure'))}\n"


def _cell(figure: Figure, data: KeyNumbers, page_path: str) -> str:
    """The value, linked to its (first) source, with source and place as the link title."""
    if not figure.stated:
        return data.say("no_figure")
    shown = figure.display()
    if figure.derived or not figure.refs:
        return shown
    ref = figure.refs[0]
    source = data.sources[ref.key]
    title = " ".join(filter(None, (source.title, ref.locator)))
    extra = "".join(f"; {data.sources[r.key].title} {r.locator}".rstrip() for r in figure.refs[1:])
    return f'[{shown}]({link_from(page_path, source.link)} "{data.say("source_title", title=title + extra)}")'


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"
