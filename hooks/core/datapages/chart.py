"""What every chart is made of, and the matplotlib helpers the chart definitions share.

A chart is built in two steps (see figures/): a `build_*` function picks the marks (each a
figure from the data file) and writes the title, the screen-reader description and the data
table; a `draw_*` function turns the marks into a matplotlib figure, with the helpers below.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

from core.sourcefile import say

from .model import Figure, KeyNumbers, Subject
from .units import NUMBER_WORDS, SCALES, localize

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.ticker import FuncFormatter

    AfterLayout: TypeAlias = list[Callable[[], None]]  # steps that need the final layout, like labels along a line
    Draw: TypeAlias = Callable[["Chart", Axes], AfterLayout | None]
    Rows: TypeAlias = list[tuple[list[str], list[Figure]]]  # the data table: cells, and the figures they cite

INK = "#010101"  # stands for the page's text colour; replaced by currentColor
# Mid-tone colours: at least 3:1 contrast against both the light (#fff) and the dark (slate) page.
FAMILY_STYLE = {
    "Chinchilla": ("#7f7f7f", "s"),
    "GPT-3": ("#7f7f7f", "D"),
    "Llama 2": ("#2a9d6f", "o"),
    "Llama 3": ("#3b7dd8", "s"),  # the April 2024 release: Llama 3.1's colour, another shape
    "Llama 3.1": ("#3b7dd8", "o"),
    "Llama 4": ("#a65fc4", "h"),
}
PROJECTION_STYLE = ("#d4570f", "*")
DEFAULT_STYLE = ("#7f7f7f", "o")
RC = {
    "svg.fonttype": "none",  # text stays text: small files, the page's font, selectable and searchable
    "font.family": "DejaVu Sans",  # bundled with matplotlib, so layout is the same on every machine
    "font.size": 9,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "grid.color": INK,
    "grid.alpha": 0.18,
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "legend.frameon": False,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
}


@dataclass
class Mark:
    """One drawn point or bar, and the figures it shows."""

    key: str  # subject id; the SVG group of the mark has id "<chart id>-mark-<key>"
    label: str
    x: Figure
    y: Figure | None = None
    style: tuple[str, str] = DEFAULT_STYLE
    lower_bound: bool = False
    text: str = ""  # the words drawn next to the mark, if not just its label

    @property
    def y_figure(self) -> Figure:
        """The figure on the y axis, for the charts whose marks have one (ValueError for the others)."""
        if self.y is None:
            raise ValueError(f"mark {self.key!r} has no y figure")
        return self.y


@dataclass
class Chart:
    name: str
    title: str
    description: str
    marks: list[Mark]
    header: list[str]  # data table under the chart
    rows: list[tuple[list[str], list[Figure]]]
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Figure] = field(default_factory=dict)  # reference lines etc., for drawing
    words: dict[str, str] = field(default_factory=dict)  # what the drawing writes (axes, legend), from strings.yml
    # how the drawing writes numbers (its axes' ticks): units.NUMBER_WORDS from strings.yml, set by number_words
    numbers: dict[str, str] = field(default_factory=dict)
    svg: str = ""

    @property
    def element_id(self) -> str:
        return f"kn-{self.name}"


def number_words(chart: Chart, data: KeyNumbers) -> Chart:
    """The chart, told how the site's language writes numbers (for the ticks of its axes)."""
    chart.numbers = {key: data.say(key) for key in NUMBER_WORDS}
    return chart


def projections(data: KeyNumbers) -> list[Subject]:
    return [s for s in data.subjects.values() if s.kind == "projection"]


def family_style(subject: Subject) -> tuple[str, str]:
    return FAMILY_STYLE.get(subject.family, DEFAULT_STYLE)


def projection_style(subject: Subject) -> tuple[str, str]:
    return PROJECTION_STYLE if subject.id == "llama3-optimum" else ("#7f7f7f", "o")


def is_lower_bound(figure: Figure) -> bool:
    return figure.qualifier in ("more than", "at least")


def family_legend(ax: Axes, marks: list[Mark], loc: str, words: dict[str, str]) -> None:
    """The model families shown, then the other kinds of mark and line; words: the chart's (legend_*)."""
    from matplotlib.lines import Line2D

    seen: dict[str, Line2D] = {}
    for family, (colour, shape) in FAMILY_STYLE.items():
        if any(m.style == (colour, shape) for m in marks):
            seen[family] = Line2D([], [], linestyle="none", marker=shape, color=colour, markersize=6)
    seen[words["legend_optimum"]] = Line2D(
        [], [], linestyle="none", marker="*", color=PROJECTION_STYLE[0], markersize=10
    )
    seen[words["legend_rule"]] = Line2D([], [], linestyle=(0, (5, 3)), color=INK, alpha=0.55, linewidth=1)
    seen[words["legend_projection"]] = Line2D(
        [], [], linestyle="none", marker="o", color="#7f7f7f", markerfacecolor="none", markersize=6
    )
    seen[words["legend_lower_bound"]] = Line2D(
        [], [], linestyle="none", marker="^", color=INK, markersize=6, markerfacecolor="none"
    )
    ax.figure.legend(seen.values(), seen.keys(), loc=loc, ncol=3, fontsize=8, handletextpad=0.3, columnspacing=1.2)


def ratio_rows(marks: list[Mark], data: KeyNumbers) -> Rows:
    """The data table of the two token charts: name, parameters, training tokens, tokens per parameter."""
    rows: Rows = []
    for mark in marks:
        subject = data.subjects[mark.key]
        params, tokens = subject.figures["params"], subject.figures["tokens"]
        ratio = data.figure(mark.key, "tokens_per_param")
        rows.append(([subject.name, params.display(), tokens.display(), ratio.display()], [params, tokens, ratio]))
    return rows


def values(marks: list[Mark], data: KeyNumbers) -> str:
    """ "Llama 3.1 405B 31M; Llama 3.1 70B 7.0M": each mark's label and value (x), for a bar chart's description."""
    return data.say("chart_list").join(data.say("chart_value", label=m.label, value=m.x.display()) for m in marks)


def not_shown(data: KeyNumbers, names: list[str], key: str = "chart_not_shown") -> list[str]:
    """The sentence that lists what a chart leaves out, or nothing."""
    return [data.say(key, names=data.say("chart_names").join(names))] if names else []


def log_limits(values: list[float], low: float = 1.3, high: float = 1.3) -> tuple[float, float]:
    """Axis limits on half-decade steps, with room (factors low and high) around the data for labels."""
    bottom = math.floor(2 * math.log10(min(values) / low)) / 2
    top = math.ceil(2 * math.log10(max(values) * high)) / 2
    return 10**bottom, 10**top


def si(value: float, numbers: dict[str, str]) -> str:
    """An axis tick in the largest scale that fits ("15T", "500M"); numbers: Chart.numbers."""
    if value == 0:
        return "0"
    for _letter, factor, key in SCALES:
        if abs(value) >= factor:
            return say(numbers, key, value=localize(f"{value / factor:g}", numbers))
    return localize(f"{value:g}", numbers)


def formatter(function: Callable[[float], str]) -> FuncFormatter:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: function(value))


def si_axis(axis: Axis, numbers: dict[str, str]) -> None:
    from matplotlib.ticker import LogLocator, NullFormatter

    axis.set_major_locator(LogLocator(base=10, numticks=12))
    axis.set_major_formatter(formatter(lambda value: si(value, numbers)))
    axis.set_minor_formatter(NullFormatter())


def label_mark(ax: Axes, mark: Mark, text: str, offset: tuple[float, float], ha: str) -> None:
    """Write a mark's label next to it, offset in points."""
    point = (mark.x.number, mark.y_figure.number)
    ax.annotate(text, point, xytext=offset, textcoords="offset points", ha=ha, va="center", fontsize=8)


def bar_value(ax: Axes, mark: Mark, position: float) -> None:
    """Write a bar's value just past its end."""
    ax.annotate(
        mark.x.display(),
        (mark.x.number, position),
        xytext=(4, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        fontsize=8,
    )


def log_log_axes(ax: Axes, xlabel: str, ylabel: str, numbers: dict[str, str]) -> None:
    """Both axes labelled, in SI units (15T, 405B), with the major grid; numbers: Chart.numbers."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    si_axis(ax.xaxis, numbers)
    si_axis(ax.yaxis, numbers)
    ax.grid(True, which="major")


def line_label(
    ax: Axes, start: tuple[float, float], end: tuple[float, float], text: str, where: float, below: bool = False
) -> None:
    """Write text along the straight (on screen) line from start to end, a fraction `where` along it."""
    (x0, y0), (x1, y1) = ax.transData.transform([start, end])
    angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
    anchor_x, anchor_y = ax.transData.inverted().transform((x0 + (x1 - x0) * where, y0 + (y1 - y0) * where))
    offset = -4 if below else 4
    ax.annotate(
        text,
        (float(anchor_x), float(anchor_y)),
        xytext=(-offset * math.sin(math.radians(angle)), offset * math.cos(math.radians(angle))),
        textcoords="offset points",
        rotation=angle,
        rotation_mode="anchor",
        ha="left",
        va="top" if below else "bottom",
        fontsize=8,
        alpha=0.8,
    )
