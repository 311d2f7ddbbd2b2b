"""Chart 3, moe-active-vs-total: Llama 4's mixture of experts, active against total parameters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..chart import (
    INK,
    Chart,
    Mark,
    family_style,
    label_mark,
    line_label,
    log_limits,
    log_log_axes,
)
from ..model import KeyNumbers

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..chart import AfterLayout, Rows


def build_moe(data: KeyNumbers) -> Chart:
    marks: list[Mark] = []
    rows: Rows = []
    for model in data.models():
        if model.family not in ("Llama 3.1", "Llama 4"):
            continue
        total = model.figures["params"]
        active = model.figures.get("active_params") if model.type == "moe" else total
        if not (total.stated and active and active.stated):
            continue
        marks.append(Mark(model.id, model.name, total, active, family_style(model)))
        experts = model.figures.get("experts")
        rows.append(
            (
                [
                    model.name,
                    "MoE" if model.type == "moe" else "dense",
                    active.display(),
                    total.display(),
                    experts.display() if experts else "1 (dense)",
                ],
                [active, total] + ([experts] if experts else []),
            )
        )

    def design(mark: Mark) -> str:
        experts = data.subjects[mark.key].figures.get("experts")
        return f"{experts.display()} experts" if experts else "dense"

    text = (
        "Log–log scatter plot of active parameters per token against total parameters. Dense Llama 3.1 models "
        "lie on the diagonal, where every parameter is active; the Llama 4 mixture-of-experts models lie below it. "
        + "; ".join(f"{m.label}: {m.y_figure.display()} active of {m.x.display()} total, {design(m)}" for m in marks)
        + "."
    )
    return Chart(
        "moe-active-vs-total",
        "Llama 4 mixture of experts: active against total parameters",
        text,
        marks,
        ["Model", "Design", "Active parameters", "Total parameters", "Experts"],
        rows,
    )


def draw_moe(chart: Chart, ax: Axes) -> AfterLayout:
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*log_limits([m.x.number for m in chart.marks], high=3))
    ax.set_ylim(*log_limits([m.y_figure.number for m in chart.marks]))
    ax.plot(ax.get_xlim(), ax.get_xlim(), linestyle=(0, (5, 3)), color=INK, alpha=0.55, linewidth=1, zorder=1)
    for mark in chart.marks:
        colour, shape = mark.style
        (line,) = ax.plot(
            [mark.x.number],
            [mark.y_figure.number],
            linestyle="none",
            marker=shape,
            markersize=7,
            color=colour,
            zorder=3,
        )
        line.set_gid(f"mark-{mark.key}")
        dx, dy, ha = LABELS_3.get(mark.key, (7, 0, "left"))
        label = mark.label
        if mark.x is not mark.y:
            label += f"\n{mark.y_figure.display()} active of {mark.x.display()}"
        label_mark(ax, mark, label, (dx, dy), ha)
    log_log_axes(ax, "Total parameters (log scale)", "Active parameters per token (log scale)")
    return [lambda: line_label(ax, (1e10, 1e10), (1e12, 1e12), "dense: all active", 0.52)]


LABELS_3 = {
    "llama31-8b": (8, -2, "left"),
    "llama31-70b": (8, -2, "left"),
    "llama31-405b": (8, -2, "left"),
    "llama4-scout": (-8, 0, "right"),
    "llama4-maverick": (8, 0, "left"),
    "llama4-behemoth": (0, -20, "center"),
}
