"""Chart 2, tokens-per-parameter: training tokens per parameter as bars on a log scale."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..chart import (
    INK,
    Chart,
    Mark,
    bar_value,
    family_style,
    formatter,
    log_limits,
    not_shown,
    projection_style,
    projections,
    ratio_rows,
    values,
)
from ..model import KeyNumbers
from ..units import localize

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def build_tokens_per_param(data: KeyNumbers) -> Chart:
    marks: list[Mark] = []
    missing: list[str] = []
    subjects = data.models() + [p for p in projections(data) if p.id == "llama3-optimum"]
    for subject in subjects:
        ratio = data.figure(subject.id, "tokens_per_param")
        if not ratio.stated:
            missing.append(data.say("chart_not_stated_tokens", name=subject.name))
            continue
        style = projection_style(subject) if subject.kind == "projection" else family_style(subject)
        marks.append(Mark(subject.id, subject.name, ratio, None, style, ratio.lower_bound))
    rule = data.figure("chinchilla-law", "tokens_per_param")
    highest = max(marks, key=lambda m: m.x.number)
    top = {"highest": highest.label, "value": highest.x.display()}
    text = [data.say("ratio_chart_text", rule=rule.display(), **top, marks=values(marks, data))]
    if any(data.subjects[m.key].type == "moe" for m in marks):
        text.append(data.say("ratio_chart_moe"))
    text.append(data.say("ratio_chart_computed"))
    return Chart(
        "tokens-per-parameter",
        data.say("ratio_chart_title"),
        " ".join(text + not_shown(data, missing)),
        marks,
        [data.say(k) for k in ("chart_model_or_point", "chart_params", "chart_tokens", "chart_ratio")],
        ratio_rows(marks, data),
        notes=[data.say("chart_ratio_note"), *not_shown(data, missing)],
        extra={"rule": rule},
        words={"rule": data.say("ratio_chart_rule_label", rule=rule.display()), "x": data.say("ratio_chart_x")},
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
        bar_value(ax, mark, pos)
    ax.set_xscale("log")
    ax.set_xlim(base, log_limits([m.x.number for m in chart.marks], high=5)[1])
    ax.set_yticks(list(positions), [m.label for m in marks])
    ax.tick_params(axis="y", length=0)
    rule = chart.extra["rule"]
    ax.axvline(rule.number, linestyle=(0, (5, 3)), color=INK, alpha=0.55, linewidth=1)
    ax.annotate(
        chart.words["rule"],
        (rule.number, len(marks) - 0.5),
        xytext=(3, 0),
        textcoords="offset points",
        va="center",
        alpha=0.8,
    )
    ax.set_ylim(-0.6, len(marks) + 0.1)
    ax.set_xlabel(chart.words["x"], loc="right")  # the y labels take the left: the axis is narrow
    ax.xaxis.set_major_formatter(formatter(lambda v: localize(f"{v:,.0f}", chart.numbers)))
    ax.grid(True, axis="x", which="major")
    ax.spines["left"].set_visible(False)
