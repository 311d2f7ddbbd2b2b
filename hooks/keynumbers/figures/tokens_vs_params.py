"""Chart 1, tokens-vs-params: training tokens against parameters, log-log, with the Chinchilla rule of thumb."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..chart import (
    INK,
    RATIO_NOTE,
    Chart,
    Mark,
    family_legend,
    family_style,
    is_lower_bound,
    label_mark,
    line_label,
    log_limits,
    log_log_axes,
    projection_style,
    projections,
)
from ..model import KeyNumbers

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..chart import AfterLayout, Rows


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
