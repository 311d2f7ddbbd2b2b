"""Chart 3, moe-active-vs-total: Llama 4's mixture of experts, active against total parameters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..chart import INK, Chart, Mark, family_style, label_along, log_limits, log_log_axes, place_labels
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
        shown = {"active": active.display(), "total": total.display()}
        text = data.say("moe_chart_mark_label", label=model.name, **shown) if active is not total else ""
        marks.append(Mark(model.id, model.name, total, active, family_style(model), text=text))
        experts = model.figures.get("experts")
        design = data.say("moe_chart_moe" if model.type == "moe" else "moe_chart_dense")
        count = experts.display() if experts else data.say("moe_chart_one_expert")
        cited = [active, total] + ([experts] if experts else [])
        rows.append(([model.name, design, shown["active"], shown["total"], count], cited))
    return Chart(
        "moe-active-vs-total",
        data.say("moe_chart_title"),
        data.say("moe_chart_text", marks=data.say("chart_list").join(_described(m, data) for m in marks)),
        marks,
        [data.say(key) for key in HEADER],
        rows,
        words={key: data.say(key) for key in ("moe_chart_x", "moe_chart_y", "moe_chart_diagonal")},
    )


def _described(mark: Mark, data: KeyNumbers) -> str:
    """A mark for screen readers: its name, active and total parameters, and its design."""
    experts = data.subjects[mark.key].figures.get("experts")
    design = data.say("moe_chart_n_experts", experts=experts.display()) if experts else data.say("moe_chart_dense")
    shown = {"active": mark.y_figure.display(), "total": mark.x.display()}
    return data.say("moe_chart_mark", label=mark.label, **shown, design=design)


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
    log_log_axes(ax, chart.words["moe_chart_x"], chart.words["moe_chart_y"], chart.numbers)

    def labels() -> None:
        taken = place_labels(ax, [(mark, mark.text or mark.label) for mark in chart.marks], {}, [])
        label_along(ax, (1e10, 1e10), (1e12, 1e12), chart.words["moe_chart_diagonal"], taken)

    return [labels]


HEADER = ("chart_model", "moe_chart_design", "moe_chart_active", "moe_chart_total", "moe_chart_experts")
