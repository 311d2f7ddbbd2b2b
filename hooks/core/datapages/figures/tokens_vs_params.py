"""Chart 1, tokens-vs-params: training tokens against parameters, log-log, with the Chinchilla rule of thumb."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..chart import (
    INK,
    Chart,
    Mark,
    family_legend,
    family_style,
    is_lower_bound,
    line_label,
    log_limits,
    log_log_axes,
    not_shown,
    place_labels,
    projection_style,
    projections,
    ratio_rows,
)
from ..model import Figure, KeyNumbers

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..chart import AfterLayout


def build_tokens_vs_params(data: KeyNumbers) -> Chart:
    marks, missing = _marks(data)
    rows = ratio_rows(marks, data)
    rule = data.figure("chinchilla-law", "tokens_per_param")
    rule_row = [data.say("tokens_chart_rule_row"), data.say("tokens_chart_any")]
    rows.append(([*rule_row, data.say("tokens_chart_rule_cell", rule=rule.display()), rule.display()], [rule]))
    words = {key: data.say(key) for key in LEGEND}
    words["rule"] = data.say("tokens_chart_rule_label", rule=rule.display())
    words["x"], words["y"] = data.say("tokens_chart_x"), data.say("tokens_chart_y")
    return Chart(
        "tokens-vs-params",
        data.say("tokens_chart_title"),
        " ".join(_description(marks, missing, rule, data)),
        marks,
        [data.say(k) for k in ("chart_model_or_point", "chart_params", "chart_tokens", "chart_ratio")],
        rows,
        notes=[data.say("chart_ratio_note"), *not_shown(data, missing)],
        extra={"rule": rule},
        words=words,
    )


def _marks(data: KeyNumbers) -> tuple[list[Mark], list[str]]:
    """A mark per model with stated parameters and tokens, then the charted projections; and what is left out."""
    marks: list[Mark] = []
    missing: list[str] = []
    for model in data.models():
        params, tokens = model.figures["params"], model.figures["tokens"]
        if not (params.stated and tokens.stated):
            missing.append(data.say("chart_not_stated_tokens", name=model.name))
            continue
        # A lower bound is drawn as a triangle (the legend says so), labelled with the name alone.
        marks.append(Mark(model.id, model.name, params, tokens, family_style(model), is_lower_bound(tokens)))
    for point in projections(data):
        if point.id in CHARTED_PROJECTIONS:
            marks.append(
                Mark(point.id, point.name, point.figures["params"], point.figures["tokens"], projection_style(point))
            )
    return marks, missing


def _description(marks: list[Mark], missing: list[str], rule: Figure, data: KeyNumbers) -> list[str]:
    """The chart's description for screen readers, sentence by sentence."""
    ratios = {m.key: data.figure(m.key, "tokens_per_param").display() for m in marks}
    text = [data.say("tokens_chart_text", rule=rule.display())]
    optimum = next((m for m in marks if m.key == "llama3-optimum"), None)
    flagship = next((m for m in marks if m.key == "llama31-405b"), None)
    if optimum and flagship:
        text.append(
            data.say(
                "tokens_chart_optimum",
                params=optimum.x.display(),
                tokens=optimum.y_figure.display(),
                ratio=ratios[optimum.key],
                flagship_params=flagship.x.display(),
                flagship_tokens=flagship.y_figure.display(),
                flagship_ratio=ratios[flagship.key],
            )
        )
    far = [m for m in marks if data.figure(m.key, "tokens_per_param").number >= 5 * rule.number]
    if far:
        items = [data.say("tokens_chart_far_mark", label=m.label, ratio=ratios[m.key]) for m in far]
        text.append(data.say("tokens_chart_far", marks=data.say("chart_names").join(items)))
    points = [
        data.say("tokens_chart_point", label=m.label, params=m.x.display(), tokens=m.y_figure.display()) for m in marks
    ]
    text.append(data.say("tokens_chart_points", marks=data.say("chart_list").join(points)))
    if any(data.subjects[m.key].type == "moe" for m in marks):
        text.append(data.say("tokens_chart_moe"))
    return text + not_shown(data, missing)


def draw_tokens_vs_params(chart: Chart, ax: Axes) -> AfterLayout:
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*log_limits([m.x.number for m in chart.marks], high=10))  # room right of the largest, for labels
    ax.set_ylim(*log_limits([m.y_figure.number for m in chart.marks]))
    ratio = chart.extra["rule"].number
    xs = list(ax.get_xlim())
    ax.plot(xs, [x * ratio for x in xs], linestyle=(0, (5, 3)), color=INK, alpha=0.55, linewidth=1, zorder=1)
    label = chart.words["rule"]
    sizes: dict[str, float] = {}
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
        sizes[mark.key] = size
    log_log_axes(ax, chart.words["x"], chart.words["y"], chart.numbers)
    family_legend(ax, chart.marks, "outside lower center", chart.words)
    start = xs[0] * 2  # the line's lower end, clear of the corner

    def labels() -> None:
        rule = line_label(ax, (start, start * ratio), (start * 100, start * 100 * ratio), label, 0.0, below=True)
        # The optimum's star needs no label: the legend names it, and it sits among the largest models.
        named = [(mark, "" if mark.key == "llama3-optimum" else mark.text or mark.label) for mark in chart.marks]
        place_labels(ax, named, sizes, [rule])

    return [labels]


LEGEND = ("legend_optimum", "legend_rule", "legend_projection", "legend_lower_bound")
CHARTED_PROJECTIONS = ("chinchilla-520b", "llama3-optimum")  # the others sit on the rule-of-thumb line
