"""Chart 4, gpu-hours: GPU-hours for pre-training as bars."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..chart import Chart, Mark, bar_value, family_style, formatter, not_shown, si, values
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
        shown = hardware.display() if hardware else data.say("not_stated")
        label = data.say("gpu_chart_label", name=model.name, hardware=shown) if hardware and hardware.stated else ""
        marks.append(Mark(model.id, label or model.name, hours, None, family_style(model)))
        rows.append(([model.name, hours.display(), shown], [hours] + ([hardware] if hardware else [])))
    largest = max(marks, key=lambda m: m.x.number)
    text = data.say("gpu_chart_text", largest=largest.label, value=largest.x.display(), marks=values(marks, data))
    return Chart(
        "gpu-hours",
        data.say("gpu_chart_title"),
        " ".join([text, *not_shown(data, missing, "gpu_chart_not_shown")]),
        marks,
        [data.say(key) for key in ("chart_model", "gpu_chart_hours", "gpu_chart_hardware")],
        rows,
        notes=not_shown(data, missing, "gpu_chart_not_shown_note"),
        words={"x": data.say("gpu_chart_x")},
    )


def draw_gpu_hours(chart: Chart, ax: Axes) -> None:
    marks = list(reversed(chart.marks))
    positions = range(len(marks))
    for pos, mark in zip(positions, marks, strict=True):
        bars = ax.barh([pos], [mark.x.number], height=0.62, color=mark.style[0])
        bars.patches[0].set_gid(f"mark-{mark.key}")
        bar_value(ax, mark, pos)
    ax.set_yticks(list(positions), [m.label for m in marks])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, len(marks) - 0.4)
    top = max(m.x.number for m in marks)
    ax.set_xlim(0, top * 1.18)
    ax.set_xlabel(chart.words["x"], loc="right")  # the y labels take the left: the axis is narrow
    ax.xaxis.set_major_formatter(formatter(lambda value: si(value, chart.numbers)))
    ax.grid(True, axis="x", which="major")
    ax.spines["left"].set_visible(False)
