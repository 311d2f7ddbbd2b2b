"""What every chart is made of, and the matplotlib helpers the chart definitions share.

A chart is built in two steps (see figures/): a `build_*` function picks the marks (each a
figure from the data file) and writes the title, the screen-reader description and the data
table; a `draw_*` function turns the marks into a matplotlib figure, with the helpers below.

Charts are drawn for a phone: WIDTH inches wide, every word at least TEXT_SIZE points, so that at
390 px (a 358 px column) no text is below 11 CSS px; wider screens show them at most a little wider
(extra.css). Labels go where they overlap no other label, mark or the plot's edge (place_labels).
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
    from matplotlib.text import Text
    from matplotlib.ticker import FuncFormatter
    from matplotlib.transforms import Bbox

    AfterLayout: TypeAlias = list[Callable[[], None]]  # steps that need the final layout, like labels along a line
    Draw: TypeAlias = Callable[["Chart", Axes], AfterLayout | None]
    Rows: TypeAlias = list[tuple[list[str], list[Figure]]]  # the data table: cells, and the figures they cite

INK = "#010101"  # stands for the page's text colour; replaced by currentColor
WIDTH = 3.9  # inches (281 pt): a 358 px column shows a point as 1.27 px
TEXT_SIZE = 9  # points: the smallest text of any chart, 11.5 CSS px at that scale
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
    "font.size": TEXT_SIZE,
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
    "legend.fontsize": TEXT_SIZE,
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
    ax.figure.legend(seen.values(), seen.keys(), loc=loc, ncol=2, handletextpad=0.3, columnspacing=1.0)


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


# Where a label may go around its mark, in order: the nearest ring first, and on each ring right,
# left, above, below, then the diagonals and the directions between. Distances in points; beyond
# the first ring a thin line joins the label to its mark.
RINGS = (7, 14, 24, 36, 50, 66)
DIRECTIONS = (0, 180, 90, 270, 45, 315, 135, 225, 22.5, 337.5, 157.5, 202.5, 67.5, 292.5, 112.5, 247.5)


def _around() -> list[tuple[float, float, str, str, bool]]:
    places = []
    for ring in RINGS:
        for angle in DIRECTIONS:
            dx, dy = ring * math.cos(math.radians(angle)), ring * math.sin(math.radians(angle))
            ha = "left" if dx > 0.5 else "right" if dx < -0.5 else "center"
            va = "bottom" if dy > 0.5 else "top" if dy < -0.5 else "center"
            places.append((round(dx, 2), round(dy, 2), ha, va, ring > RINGS[0]))
    return places


AROUND = _around()


def place_labels(
    ax: Axes, labels: list[tuple[Mark, str]], sizes: dict[str, float], keep_clear: list[Text]
) -> list[Bbox]:
    """Write each mark's label next to it, in the first place around it (AROUND) where it overlaps
    no other label, no mark and no text in keep_clear, and stays inside the plot.

    Call once the figure is laid out (an after-layout step). labels: every mark with the words to
    write next to it ("" for none: the mark is still kept clear); marks drawn at the same point
    share one label, a line each. sizes: each mark's marker size in points, by key. The most
    crowded mark is labelled first; a label that finds no place goes first in the next round, and
    one that finds none in any order stops the drawing with its text. Returns the boxes the labels
    and marks take, for a label drawn after them (label_along).
    """
    from matplotlib.transforms import Bbox as Box

    plot = ax.get_window_extent()  # the figure's own renderer: the drawing has been laid out
    scale = ax.figure.dpi / 72
    at = {mark.key: ax.transData.transform((mark.x.number, mark.y_figure.number)) for mark, _ in labels}
    kept = [text.get_window_extent() for text in keep_clear]
    for mark, _ in labels:
        (x, y), half = at[mark.key], sizes.get(mark.key, 6) * scale / 2
        kept.append(Box([[x - half, y - half], [x + half, y + half]]))

    shared: dict[tuple[float, float], tuple[Mark, str]] = {}  # one label per point drawn
    for mark, text in labels:
        point = (round(at[mark.key][0]), round(at[mark.key][1]))
        first, before = shared.get(point, (mark, ""))
        shared[point] = (first, "\n".join(t for t in (before, text) if t))
    points = {mark.key: at[mark.key] for mark, _ in shared.values()}

    def room(key: str) -> float:  # the distance to the nearest other labelled point
        return min((math.dist(points[key], points[other]) for other in points if other != key), default=math.inf)

    order = sorted((item for item in shared.values() if item[1]), key=lambda item: (room(item[0].key), item[0].key))
    for _ in order:
        taken, drawn, failed = list(kept), [], None
        for mark, text in order:
            placed = next(
                (
                    label
                    for dx, dy, ha, va, line in AROUND
                    if _fits((label := _try_label(ax, mark, text, (dx, dy), ha, va, line)), plot, taken)
                ),
                None,
            )
            if placed is None:
                failed = (mark, text)
                break
            drawn.append(placed)
            taken.append(placed.get_window_extent())
        if failed is None:
            return taken
        for label in drawn:
            label.remove()
        order.remove(failed)
        order.insert(0, failed)
    raise ValueError(f"no room for the label {order[0][1]!r} without overlapping another")


def _try_label(ax: Axes, mark: Mark, text: str, offset: tuple[float, float], ha: str, va: str, line: bool) -> Text:
    arrow = {"arrowstyle": "-", "color": INK, "alpha": 0.5, "linewidth": 0.6, "shrinkA": 0, "shrinkB": 3}
    label = ax.annotate(
        text,
        (mark.x.number, mark.y_figure.number),
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        arrowprops=arrow if line else None,  # a thin line to a label away from its mark
        annotation_clip=False,
    )
    label.set_in_layout(False)  # placed after the layout: it must not change it
    return label


def _fits(label: Text, plot: Bbox, taken: list[Bbox]) -> bool:
    """Inside the plot and clear of everything taken (a point of room around it); else the label is removed."""
    box = label.get_window_extent()
    padded = box.padded(1)
    inside = plot.x0 <= box.x0 and box.x1 <= plot.x1 and plot.y0 <= box.y0 and box.y1 <= plot.y1
    if inside and not any(padded.overlaps(other) for other in taken):
        return True
    label.remove()
    return False


def bar_value(ax: Axes, mark: Mark, position: float) -> None:
    """Write a bar's value just past its end."""
    ax.annotate(
        mark.x.display(),
        (mark.x.number, position),
        xytext=(4, 0),
        textcoords="offset points",
        ha="left",
        va="center",
    )


def log_log_axes(ax: Axes, xlabel: str, ylabel: str, numbers: dict[str, str]) -> None:
    """Both axes labelled, in SI units (15T, 405B), with the major grid; numbers: Chart.numbers."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    si_axis(ax.xaxis, numbers)
    si_axis(ax.yaxis, numbers)
    ax.grid(True, which="major")


def label_along(ax: Axes, start: tuple[float, float], end: tuple[float, float], text: str, taken: list[Bbox]) -> Text:
    """A line's label at the first place along it (ALONG) that is clear of the boxes taken and inside the plot."""
    plot = ax.get_window_extent()
    for where in ALONG:
        label = line_label(ax, start, end, text, where)
        if _fits(label, plot, taken):
            return label
    raise ValueError(f"no room for the label {text!r} along its line")


ALONG = (0.52, 0.35, 0.7, 0.2, 0.85, 0.1)  # fractions of a line, in the order label_along tries them


def line_label(
    ax: Axes, start: tuple[float, float], end: tuple[float, float], text: str, where: float, below: bool = False
) -> Text:
    """Write text along the straight (on screen) line from start to end, a fraction `where` along it."""
    (x0, y0), (x1, y1) = ax.transData.transform([start, end])
    angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
    anchor_x, anchor_y = ax.transData.inverted().transform((x0 + (x1 - x0) * where, y0 + (y1 - y0) * where))
    offset = -4 if below else 4
    label = ax.annotate(
        text,
        (float(anchor_x), float(anchor_y)),
        xytext=(-offset * math.sin(math.radians(angle)), offset * math.cos(math.radians(angle))),
        textcoords="offset points",
        rotation=angle,
        rotation_mode="anchor",
        ha="left",
        va="top" if below else "bottom",
        alpha=0.8,
    )
    label.set_in_layout(False)
    return label
