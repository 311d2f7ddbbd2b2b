"""Chart 4, gpu-hours: GPU-hours for pre-training as bars."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..chart import (
    Chart,
    Mark,
    family_style,
    formatter,
    si,
)
from ..model import KeyNumbers

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..chart import Rows


def build_gpu_hours(data: KeyNumbers) -> Chart:
    marks: list[Mark] = []
    rows: Rows = []
    missing: list[str] = []
    for model in data.models():
        hours = model.figures["gpu_hours"]
        if not hours.stated:
            missing.append(model.name)
            continue
        hardware = model.figures.get("hardware")
        label = f"{model.name} ({hardware.display()})" if hardware and hardware.stated else model.name
        marks.append(Mark(model.id, label, hours, None, family_style(model)))
        rows.append(
            (
                [model.name, hours.display(), hardware.display() if hardware else "not stated"],
                [hours] + ([hardware] if hardware else []),
            )
        )
    largest = max(marks, key=lambda m: m.x.number)
    text = (
        "Horizontal bar chart of GPU-hours used for pre-training, on a linear scale. "
        f"{largest.label} is the largest at {largest.x.display()}. Values: "
        + "; ".join(f"{m.label} {m.x.display()}" for m in marks)
        + "."
    )
    notes: list[str] = []
    if missing:
        text += " Not shown, because the sources give no GPU-hours: " + ", ".join(missing) + "."
        notes.append("Not shown, because our sources give no GPU-hours: " + ", ".join(missing) + ".")
    return Chart(
        "gpu-hours", "GPU-hours for pre-training", text, marks, ["Model", "GPU-hours", "Hardware"], rows, notes=notes
    )


def draw_gpu_hours(chart: Chart, ax: Axes) -> None:
    marks = list(reversed(chart.marks))
    positions = range(len(marks))
    for pos, mark in zip(positions, marks, strict=True):
        bars = ax.barh([pos], [mark.x.number], height=0.62, color=mark.style[0])
        bars.patches[0].set_gid(f"mark-{mark.key}")
        ax.annotate(
            mark.x.display(),
            (mark.x.number, pos),
            xytext=(4, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(list(positions), [m.label for m in marks])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, len(marks) - 0.4)
    top = max(m.x.number for m in marks)
    ax.set_xlim(0, top * 1.18)
    ax.set_xlabel("GPU-hours")
    ax.xaxis.set_major_formatter(formatter(si))
    ax.grid(True, axis="x", which="major")
    ax.spines["left"].set_visible(False)
