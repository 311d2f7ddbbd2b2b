"""The site's four charts: which figures each shows, its words, and how it is drawn.

This is site content, like the data file: a new chart is a `build_*`/`draw_*` pair here and a
line in CHARTS. Drawing, caching and SVG clean-up live in plot.py and svg.py.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from .chart import (
    INK,
    Chart,
    Mark,
    family_legend,
    family_style,
    formatter,
    is_lower_bound,
    label_mark,
    line_label,
    log_limits,
    log_log_axes,
    projection_style,
    projections,
    si,
)
from .model import Figure, KeyNumbers

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    AfterLayout: TypeAlias = list[Callable[[], None]]  # steps that need the final layout, like labels along a line
    Draw: TypeAlias = Callable[[Chart, Axes], AfterLayout | None]
    Rows: TypeAlias = list[tuple[list[str], list[Figure]]]  # the data table: cells, and the figures they cite

RATIO_NOTE = "Tokens per parameter are computed here: training tokens ÷ parameters (total parameters for MoE models)."


# --- Chart 1: training tokens against parameters ---------------------------------------------------


def build_tokens_vs_params(data: KeyNumbers) -> Chart:
    marks: list[Mark] = []
    rows: Rows = []
    missing: list[str] = []
    for model in data.models():
        params, tokens = model.figures["params"], model.figures["tokens"]
        if not (params.stated and tokens.stated):
            missing.append(f"{model.name} (training tokens not stated)")
            continue
        marks.append(Mark(model.id, model.name, params, tokens, family_style(model), is_lower_bound(tokens)))
    for point in projections(data):
        if point.id in CHARTED_PROJECTIONS:
            marks.append(
                Mark(point.id, point.name, point.figures["params"], point.figures["tokens"], projection_style(point))
            )
    ratios = {m.key: data.figure(m.key, "tokens_per_param") for m in marks}
    for mark in marks:
        ratio = ratios[mark.key]
        tokens = mark.y_figure
        rows.append(([mark.label, mark.x.display(), tokens.display(), ratio.display()], [mark.x, tokens, ratio]))
    rule = data.figure("chinchilla-law", "tokens_per_param")
    rows.append(
        (["Chinchilla rule of thumb (dashed line)", "any", f"{rule.display()} × parameters", rule.display()], [rule])
    )
    text = [
        "Log–log scatter plot of training tokens against parameters. A dashed line marks the Chinchilla rule of "
        f"thumb of {rule.display()} tokens per parameter.",
    ]
    optimum = next((m for m in marks if m.key == "llama3-optimum"), None)
    flagship = next((m for m in marks if m.key == "llama31-405b"), None)
    if optimum and flagship:
        text.append(
            f"Llama 3's own scaling law puts the compute-optimal model at {optimum.x.display()} parameters on "
            f"{optimum.y_figure.display()} tokens ({ratios[optimum.key].display()} tokens per parameter); "
            f"the {flagship.x.display()} flagship was trained on {flagship.y_figure.display()} tokens "
            f"({ratios[flagship.key].display()})."
        )
    far = [m for m in marks if ratios[m.key].number >= 5 * rule.number]
    if far:
        text.append(
            "Far above the line: "
            + ", ".join(f"{m.label} ({ratios[m.key].display()} tokens per parameter)" for m in far)
            + "."
        )
    text.append(
        "Points: "
        + "; ".join(f"{m.label}, {m.x.display()} parameters, {m.y_figure.display()} tokens" for m in marks)
        + "."
    )
    if any(data.subjects[m.key].type == "moe" for m in marks):
        text.append("Mixture-of-experts models are placed at their total parameters.")
    if missing:
        text.append("Not shown: " + ", ".join(missing) + ".")
    return Chart(
        "tokens-vs-params",
        "Training tokens against parameters",
        " ".join(text),
        marks,
        ["Model or point", "Parameters", "Training tokens", "Tokens per parameter"],
        rows,
        notes=[RATIO_NOTE] + ([f"Not shown: {', '.join(missing)}."] if missing else []),
        extra={"rule": rule},
    )


def draw_tokens_vs_params(chart: Chart, ax: Axes) -> AfterLayout:
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*log_limits([m.x.number for m in chart.marks], high=3))
    ax.set_ylim(*log_limits([m.y_figure.number for m in chart.marks]))
    ratio = chart.extra["rule"].number
    xs = list(ax.get_xlim())
    ax.plot(xs, [x * ratio for x in xs], linestyle=(0, (5, 3)), color=INK, alpha=0.55, linewidth=1, zorder=1)
    label = f"{chart.extra['rule'].display()} tokens per parameter"
    for mark in chart.marks:
        colour, shape = mark.style
        hollow = mark.key in CHARTED_PROJECTIONS and mark.key != "llama3-optimum"
        size = 12 if shape == "*" else 6.5
        if mark.lower_bound:
            shape = "^"
        (line,) = ax.plot(
            [mark.x.number],
            [mark.y_figure.number],
            linestyle="none",
            marker=shape,
            markersize=size,
            color=colour,
            markerfacecolor="none" if hollow else colour,
            markeredgewidth=1.2,
            zorder=2.5 if shape == "*" else 3,
        )
        line.set_gid(f"mark-{mark.key}")
        dx, dy, ha = LABELS_1.get(mark.key, (6, -3, "left"))
        text = f"{mark.label} ({mark.y_figure.display()})" if mark.lower_bound else mark.label
        label_mark(ax, mark, text, (dx, dy), ha)
    log_log_axes(ax, "Parameters (log scale)", "Training tokens (log scale)")
    family_legend(ax, chart.marks, loc="outside lower center")
    start = xs[0] * 2  # the line's lower end, clear of the corner
    return [lambda: line_label(ax, (start, start * ratio), (start * 100, start * 100 * ratio), label, 0.0, below=True)]


CHARTED_PROJECTIONS = ("chinchilla-520b", "llama3-optimum")  # the others sit on the rule-of-thumb line
LABELS_1 = {  # label offsets in points (dx, dy, alignment), chosen so that labels do not overlap
    "chinchilla": (8, -5, "left"),
    "gpt3": (-8, 0, "right"),
    "llama2-7b": (0, -10, "center"),
    "llama2-13b": (0, 10, "center"),
    "llama2-70b": (8, 3, "left"),
    "llama31-8b": (8, 0, "left"),
    "llama31-70b": (0, 10, "center"),
    "llama31-405b": (-8, -9, "right"),
    "llama4-scout": (8, 0, "left"),
    "llama4-maverick": (-8, 2, "right"),
    "llama3-optimum": (9, 1, "left"),
    "chinchilla-520b": (8, -9, "left"),
}


# --- Chart 2: tokens per parameter --------------------------------------------------------------------


def build_tokens_per_param(data: KeyNumbers) -> Chart:
    marks: list[Mark] = []
    rows: Rows = []
    missing: list[str] = []
    subjects = data.models() + [p for p in projections(data) if p.id == "llama3-optimum"]
    for subject in subjects:
        ratio = data.figure(subject.id, "tokens_per_param")
        if not ratio.stated:
            missing.append(f"{subject.name} (training tokens not stated)")
            continue
        style = projection_style(subject) if subject.kind == "projection" else family_style(subject)
        marks.append(Mark(subject.id, subject.name, ratio, None, style, ratio.lower_bound))
        params, tokens = subject.figures["params"], subject.figures["tokens"]
        rows.append(([subject.name, params.display(), tokens.display(), ratio.display()], [params, tokens, ratio]))
    rule = data.figure("chinchilla-law", "tokens_per_param")
    highest = max(marks, key=lambda m: m.x.number)
    text = (
        f"Horizontal bar chart on a log scale of training tokens per parameter, with a dashed line at "
        f"Chinchilla's {rule.display()}. {highest.label} is highest at {highest.x.display()}. Values: "
        + "; ".join(f"{m.label} {m.x.display()}" for m in marks)
        + ". "
        + (
            "Mixture-of-experts models are counted per total parameter. "
            if any(data.subjects[m.key].type == "moe" for m in marks)
            else ""
        )
        + "Ratios are computed here from the cited parameter and token counts."
    )
    if missing:
        text += " Not shown: " + ", ".join(missing) + "."
    return Chart(
        "tokens-per-parameter",
        "Training tokens per parameter",
        text,
        marks,
        ["Model or point", "Parameters", "Training tokens", "Tokens per parameter"],
        rows,
        notes=[RATIO_NOTE] + ([f"Not shown: {', '.join(missing)}."] if missing else []),
        extra={"rule": rule},
    )


def draw_tokens_per_param(chart: Chart, ax: Axes) -> None:
    marks = list(reversed(chart.marks))  # first mark on top
    positions = range(len(marks))
    base = min(1.0, 10 ** math.floor(math.log10(min(m.x.number for m in marks))))  # bars grow from here (log axis)
    for pos, mark in zip(positions, marks, strict=True):
        colour, _ = mark.style
        hatch = "////" if mark.key == "llama3-optimum" else None
        bars = ax.barh(
            [pos],
            [mark.x.number - base],
            left=base,
            height=0.62,
            color=colour,
            hatch=hatch,
            edgecolor=colour if hatch else "none",
            fill=not hatch,
            linewidth=1,
        )
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
    ax.set_xscale("log")
    ax.set_xlim(base, log_limits([m.x.number for m in chart.marks], high=5)[1])
    ax.set_yticks(list(positions), [m.label for m in marks])
    ax.tick_params(axis="y", length=0)
    rule = chart.extra["rule"]
    ax.axvline(rule.number, linestyle=(0, (5, 3)), color=INK, alpha=0.55, linewidth=1)
    ax.annotate(
        f"Chinchilla {rule.display()}",
        (rule.number, len(marks) - 0.5),
        xytext=(3, 0),
        textcoords="offset points",
        fontsize=8,
        va="center",
        alpha=0.8,
    )
    ax.set_ylim(-0.6, len(marks) + 0.1)
    ax.set_xlabel("Training tokens per parameter (log scale)")
    ax.xaxis.set_major_formatter(formatter(lambda v: f"{v:,.0f}"))
    ax.grid(True, axis="x", which="major")
    ax.spines["left"].set_visible(False)


# --- Chart 3: Llama 4 mixture of experts, active against total parameters ----------------------------


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


# --- Chart 4: training GPU-hours ------------------------------------------------------------------------


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


# --- Registry and rendering ----------------------------------------------------------------------------

CHARTS: dict[str, tuple[Callable[[KeyNumbers], Chart], Draw, tuple[float, float]]] = {  # name -> build, draw, inches
    "tokens-vs-params": (build_tokens_vs_params, draw_tokens_vs_params, (6.4, 5.2)),
    "tokens-per-parameter": (build_tokens_per_param, draw_tokens_per_param, (6.4, 4.4)),
    "moe-active-vs-total": (build_moe, draw_moe, (6.4, 5.0)),
    "gpu-hours": (build_gpu_hours, draw_gpu_hours, (6.4, 3.9)),
}
