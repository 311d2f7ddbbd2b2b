"""Charts from the key numbers, drawn with matplotlib's SVG backend.

Every chart is built in two steps: `build_*` picks the marks (each a figure from the data file)
and writes the title, the screen-reader description and the data table; `_draw_*` turns the
marks into a matplotlib figure. `finish_svg` then makes the SVG fit for inlining in a page:
text keeps the page's font and colour (currentColor), ids are unique per chart, and there is
no date, metadata or global CSS. Same data and same matplotlib version give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from .data import Figure, KeyNumbers, Subject

INK = "#010101"  # stands for the page's text colour; replaced by currentColor
# Mid-tone colours: at least 3:1 contrast against both the light (#fff) and the dark (slate) page.
FAMILY_STYLE = {
    "Chinchilla": ("#7f7f7f", "s"),
    "GPT-3": ("#7f7f7f", "D"),
    "Llama 2": ("#2a9d6f", "o"),
    "Llama 3.1": ("#3b7dd8", "o"),
    "Llama 4": ("#a65fc4", "h"),
}
PROJECTION_STYLE = ("#d4570f", "*")
DEFAULT_STYLE = ("#7f7f7f", "o")
RATIO_NOTE = "Tokens per parameter are computed here: training tokens ÷ parameters (total parameters for MoE models)."
RC = {
    "svg.fonttype": "none",  # text stays text: small files, the page's font, selectable and searchable
    "font.family": "DejaVu Sans",  # bundled with matplotlib, so layout is the same on every machine
    "font.size": 9,
    "text.color": INK, "axes.labelcolor": INK, "axes.edgecolor": INK,
    "xtick.color": INK, "ytick.color": INK, "grid.color": INK, "grid.alpha": 0.18, "grid.linewidth": 0.6,
    "axes.spines.top": False, "axes.spines.right": False, "axes.titlesize": 11, "axes.titleweight": "bold",
    "legend.frameon": False, "figure.facecolor": "none", "axes.facecolor": "none",
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


@dataclass
class Chart:
    name: str
    title: str
    description: str
    marks: list[Mark]
    header: list[str]  # data table under the chart
    rows: list[tuple[list[str], list[Figure]]]
    notes: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # reference lines etc., for drawing
    svg: str = ""

    @property
    def element_id(self) -> str:
        return f"kn-{self.name}"


# --- Chart 1: training tokens against parameters ---------------------------------------------------


def build_tokens_vs_params(data: KeyNumbers) -> Chart:
    marks, rows, missing = [], [], []
    for model in data.models():
        params, tokens = model.figures["params"], model.figures["tokens"]
        if not (params.stated and tokens.stated):
            missing.append(f"{model.name} (training tokens not stated)")
            continue
        marks.append(Mark(model.id, model.name, params, tokens, _style(model), _is_lower_bound(tokens)))
    for point in _projections(data):
        if point.id in CHARTED_PROJECTIONS:
            marks.append(Mark(point.id, point.name, point.figures["params"], point.figures["tokens"],
                              _projection_style(point)))
    ratios = {m.key: data.figure(m.key, "tokens_per_param") for m in marks}
    for mark in marks:
        ratio = ratios[mark.key]
        rows.append(([mark.label, mark.x.display(), mark.y.display(), ratio.display()], [mark.x, mark.y, ratio]))
    rule = data.figure("chinchilla-law", "tokens_per_param")
    rows.append((["Chinchilla rule of thumb (dashed line)", "any", f"{rule.display()} × parameters", rule.display()],
                 [rule]))
    text = [
        "Log–log scatter plot of training tokens against parameters. A dashed line marks the Chinchilla rule of "
        f"thumb of {rule.display()} tokens per parameter.",
    ]
    optimum = next((m for m in marks if m.key == "llama3-optimum"), None)
    flagship = next((m for m in marks if m.key == "llama31-405b"), None)
    if optimum and flagship:
        text.append(f"Llama 3's own scaling law puts the compute-optimal model at {optimum.x.display()} parameters on "
                    f"{optimum.y.display()} tokens ({ratios[optimum.key].display()} tokens per parameter); the "
                    f"{flagship.x.display()} flagship was trained on {flagship.y.display()} tokens "
                    f"({ratios[flagship.key].display()}).")
    far = [m for m in marks if ratios[m.key].value >= 5 * rule.value]
    if far:
        text.append("Far above the line: " + ", ".join(f"{m.label} ({ratios[m.key].display()} tokens per parameter)"
                                                       for m in far) + ".")
    text.append("Points: " + "; ".join(f"{m.label}, {m.x.display()} parameters, {m.y.display()} tokens"
                                       for m in marks) + ".")
    if any(data.subjects[m.key].type == "moe" for m in marks):
        text.append("Mixture-of-experts models are placed at their total parameters.")
    if missing:
        text.append("Not shown: " + ", ".join(missing) + ".")
    return Chart(
        "tokens-vs-params", "Training tokens against parameters", " ".join(text), marks,
        ["Model or point", "Parameters", "Training tokens", "Tokens per parameter"], rows,
        notes=[RATIO_NOTE] + ([f"Not shown: {', '.join(missing)}."] if missing else []),
        extra={"rule": rule},
    )


def _draw_tokens_vs_params(chart: Chart, ax):
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*_log_limits([m.x.value for m in chart.marks], high=3))
    ax.set_ylim(*_log_limits([m.y.value for m in chart.marks]))
    ratio = chart.extra["rule"].value
    xs = list(ax.get_xlim())
    ax.plot(xs, [x * ratio for x in xs], linestyle=(0, (5, 3)), color=INK, alpha=0.55, linewidth=1, zorder=1)
    label = f"{chart.extra['rule'].display()} tokens per parameter"
    for mark in chart.marks:
        colour, shape = mark.style
        hollow = mark.key in CHARTED_PROJECTIONS and mark.key != "llama3-optimum"
        size = 12 if shape == "*" else 6.5
        if mark.lower_bound:
            shape = "^"
        line, = ax.plot([mark.x.value], [mark.y.value], linestyle="none", marker=shape, markersize=size,
                        color=colour, markerfacecolor="none" if hollow else colour, markeredgewidth=1.2,
                        zorder=2.5 if shape == "*" else 3)
        line.set_gid(f"mark-{mark.key}")
        dx, dy, ha = LABELS_1.get(mark.key, (6, -3, "left"))
        text = f"{mark.label} ({mark.y.display()})" if mark.lower_bound else mark.label
        ax.annotate(text, (mark.x.value, mark.y.value), xytext=(dx, dy), textcoords="offset points",
                    ha=ha, va="center", fontsize=8)
    ax.set_xlabel("Parameters (log scale)")
    ax.set_ylabel("Training tokens (log scale)")
    _si_axis(ax.xaxis)
    _si_axis(ax.yaxis)
    ax.grid(True, which="major")
    _family_legend(ax, chart.marks, loc="outside lower center")
    start = xs[0] * 2  # the line's lower end, clear of the corner
    return [lambda: _line_label(ax, (start, start * ratio), (start * 100, start * 100 * ratio), label, 0.0, below=True)]


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
    marks, rows, missing = [], [], []
    subjects = [m for m in data.models()] + [p for p in _projections(data) if p.id == "llama3-optimum"]
    for subject in subjects:
        ratio = data.figure(subject.id, "tokens_per_param")
        if not ratio.stated:
            missing.append(f"{subject.name} (training tokens not stated)")
            continue
        style = _projection_style(subject) if subject.kind == "projection" else _style(subject)
        marks.append(Mark(subject.id, subject.name, ratio, None, style, ratio.lower_bound))
        params, tokens = subject.figures["params"], subject.figures["tokens"]
        rows.append(([subject.name, params.display(), tokens.display(), ratio.display()], [params, tokens, ratio]))
    rule = data.figure("chinchilla-law", "tokens_per_param")
    highest = max(marks, key=lambda m: m.x.value)
    text = (f"Horizontal bar chart on a log scale of training tokens per parameter, with a dashed line at "
            f"Chinchilla's {rule.display()}. {highest.label} is highest at {highest.x.display()}. Values: "
            + "; ".join(f"{m.label} {m.x.display()}" for m in marks) + ". "
            + ("Mixture-of-experts models are counted per total parameter. "
               if any(data.subjects[m.key].type == "moe" for m in marks) else "")
            + "Ratios are computed here from the cited parameter and token counts.")
    if missing:
        text += " Not shown: " + ", ".join(missing) + "."
    return Chart(
        "tokens-per-parameter", "Training tokens per parameter", text, marks,
        ["Model or point", "Parameters", "Training tokens", "Tokens per parameter"], rows,
        notes=[RATIO_NOTE] + ([f"Not shown: {', '.join(missing)}."] if missing else []), extra={"rule": rule},
    )


def _draw_tokens_per_param(chart: Chart, ax):
    marks = list(reversed(chart.marks))  # first mark on top
    positions = range(len(marks))
    base = min(1.0, 10 ** math.floor(math.log10(min(m.x.value for m in marks))))  # bars grow from here (log axis)
    for pos, mark in zip(positions, marks):
        colour, _ = mark.style
        hatch = "////" if mark.key == "llama3-optimum" else None
        bars = ax.barh([pos], [mark.x.value - base], left=base, height=0.62, color=colour, hatch=hatch,
                       edgecolor=colour if hatch else "none", fill=not hatch, linewidth=1)
        bars.patches[0].set_gid(f"mark-{mark.key}")
        ax.annotate(mark.x.display(), (mark.x.value, pos), xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=8)
    ax.set_xscale("log")
    ax.set_xlim(base, _log_limits([m.x.value for m in chart.marks], high=5)[1])
    ax.set_yticks(list(positions), [m.label for m in marks])
    ax.tick_params(axis="y", length=0)
    rule = chart.extra["rule"]
    ax.axvline(rule.value, linestyle=(0, (5, 3)), color=INK, alpha=0.55, linewidth=1)
    ax.annotate(f"Chinchilla {rule.display()}", (rule.value, len(marks) - 0.5), xytext=(3, 0),
                textcoords="offset points", fontsize=8, va="center", alpha=0.8)
    ax.set_ylim(-0.6, len(marks) + 0.1)
    ax.set_xlabel("Training tokens per parameter (log scale)")
    ax.xaxis.set_major_formatter(_formatter(lambda v: f"{v:,.0f}"))
    ax.grid(True, axis="x", which="major")
    ax.spines["left"].set_visible(False)


# --- Chart 3: Llama 4 mixture of experts, active against total parameters ----------------------------


def build_moe(data: KeyNumbers) -> Chart:
    marks, rows = [], []
    for model in data.models():
        if model.family not in ("Llama 3.1", "Llama 4"):
            continue
        total = model.figures["params"]
        active = model.figures.get("active_params") if model.type == "moe" else total
        if not (total.stated and active and active.stated):
            continue
        marks.append(Mark(model.id, model.name, total, active, _style(model)))
        experts = model.figures.get("experts")
        rows.append(([model.name, "MoE" if model.type == "moe" else "dense", active.display(), total.display(),
                      experts.display() if experts else "1 (dense)"],
                     [active, total] + ([experts] if experts else [])))

    def design(mark: Mark) -> str:
        experts = data.subjects[mark.key].figures.get("experts")
        return f"{experts.display()} experts" if experts else "dense"

    text = ("Log–log scatter plot of active parameters per token against total parameters. Dense Llama 3.1 models "
            "lie on the diagonal, where every parameter is active; the Llama 4 mixture-of-experts models lie below it. "
            + "; ".join(f"{m.label}: {m.y.display()} active of {m.x.display()} total, {design(m)}" for m in marks)
            + ".")
    return Chart(
        "moe-active-vs-total", "Llama 4 mixture of experts: active against total parameters", text, marks,
        ["Model", "Design", "Active parameters", "Total parameters", "Experts"], rows,
    )


def _draw_moe(chart: Chart, ax):
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*_log_limits([m.x.value for m in chart.marks], high=3))
    ax.set_ylim(*_log_limits([m.y.value for m in chart.marks]))
    ax.plot(ax.get_xlim(), ax.get_xlim(), linestyle=(0, (5, 3)), color=INK, alpha=0.55, linewidth=1, zorder=1)
    for mark in chart.marks:
        colour, shape = mark.style
        line, = ax.plot([mark.x.value], [mark.y.value], linestyle="none", marker=shape, markersize=7, color=colour,
                        zorder=3)
        line.set_gid(f"mark-{mark.key}")
        dx, dy, ha = LABELS_3.get(mark.key, (7, 0, "left"))
        label = mark.label
        if mark.x is not mark.y:
            label += f"\n{mark.y.display()} active of {mark.x.display()}"
        ax.annotate(label, (mark.x.value, mark.y.value), xytext=(dx, dy), textcoords="offset points", ha=ha,
                    va="center", fontsize=8)
    ax.set_xlabel("Total parameters (log scale)")
    ax.set_ylabel("Active parameters per token (log scale)")
    _si_axis(ax.xaxis)
    _si_axis(ax.yaxis)
    ax.grid(True, which="major")
    return [lambda: _line_label(ax, (1e10, 1e10), (1e12, 1e12), "dense: all active", 0.52)]


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
    marks, rows, missing = [], [], []
    for model in data.models():
        hours = model.figures["gpu_hours"]
        if not hours.stated:
            missing.append(model.name)
            continue
        hardware = model.figures.get("hardware")
        label = f"{model.name} ({hardware.display()})" if hardware and hardware.stated else model.name
        marks.append(Mark(model.id, label, hours, None, _style(model)))
        rows.append(([model.name, hours.display(), hardware.display() if hardware else "not stated"],
                     [hours] + ([hardware] if hardware else [])))
    largest = max(marks, key=lambda m: m.x.value)
    text = ("Horizontal bar chart of GPU-hours used for pre-training, on a linear scale. "
            f"{largest.label} is the largest at {largest.x.display()}. Values: "
            + "; ".join(f"{m.label} {m.x.display()}" for m in marks) + ".")
    notes = []
    if missing:
        text += " Not shown, because the sources give no GPU-hours: " + ", ".join(missing) + "."
        notes.append("Not shown, because our sources give no GPU-hours: " + ", ".join(missing) + ".")
    return Chart("gpu-hours", "GPU-hours for pre-training", text, marks, ["Model", "GPU-hours", "Hardware"], rows,
                 notes=notes)


def _draw_gpu_hours(chart: Chart, ax):
    marks = list(reversed(chart.marks))
    positions = range(len(marks))
    for pos, mark in zip(positions, marks):
        bars = ax.barh([pos], [mark.x.value], height=0.62, color=mark.style[0])
        bars.patches[0].set_gid(f"mark-{mark.key}")
        ax.annotate(mark.x.display(), (mark.x.value, pos), xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=8)
    ax.set_yticks(list(positions), [m.label for m in marks])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, len(marks) - 0.4)
    top = max(m.x.value for m in marks)
    ax.set_xlim(0, top * 1.18)
    ax.set_xlabel("GPU-hours")
    ax.xaxis.set_major_formatter(_formatter(_si))
    ax.grid(True, axis="x", which="major")
    ax.spines["left"].set_visible(False)


# --- Registry and rendering ----------------------------------------------------------------------------

CHARTS: dict[str, tuple[Callable[[KeyNumbers], Chart], Callable, tuple[float, float]]] = {
    "tokens-vs-params": (build_tokens_vs_params, _draw_tokens_vs_params, (6.4, 5.2)),
    "tokens-per-parameter": (build_tokens_per_param, _draw_tokens_per_param, (6.4, 4.4)),
    "moe-active-vs-total": (build_moe, _draw_moe, (6.4, 5.0)),
    "gpu-hours": (build_gpu_hours, _draw_gpu_hours, (6.4, 3.9)),
}


def render(name: str, data: KeyNumbers, cache: Path | None = None) -> Chart:
    """Build the chart called name from the data and draw it as an inline-ready SVG string.

    Drawing takes about a second per chart, so with a `cache` folder the SVG is kept under a
    digest of everything it depends on (the chart's data, this file, the matplotlib release)
    and drawn again only when one of them changes.
    """
    build, draw, size = CHARTS[name]
    chart = build(data)
    cached = cache / f"{name}-{_digest(chart)}.svg" if cache else None
    if cached and cached.is_file():
        chart.svg = cached.read_text(encoding="utf-8")
        return chart
    import matplotlib
    from matplotlib.figure import Figure as MplFigure

    with matplotlib.rc_context({**RC, "svg.hashsalt": chart.element_id}):
        fig = MplFigure(figsize=size, layout="constrained")
        ax = fig.add_subplot()
        after_layout = draw(chart, ax) or []
        ax.set_title(chart.title, loc="left", pad=10)
        fig.draw_without_rendering()  # lay out first: labels along a line need the final axes shape
        for step in after_layout:
            step()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    chart.svg = finish_svg(buffer.getvalue(), chart)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        for stale in cached.parent.glob(f"{name}-*.svg"):  # drawings of data that has since changed
            stale.unlink()
        cached.write_text(chart.svg, encoding="utf-8")
    return chart


def _digest(chart: Chart) -> str:
    """What a chart's SVG depends on, hashed: its marks and texts, the drawing code, matplotlib."""
    parts = (repr(chart), Path(__file__).read_text(encoding="utf-8"), version("matplotlib"))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def finish_svg(svg: str, chart: Chart) -> str:
    """Make matplotlib's SVG safe and small for inlining, and accessible to screen readers."""
    prefix = chart.element_id
    svg = re.sub(r"<\?xml.*?\?>\s*|<!DOCTYPE.*?>\s*|<metadata>.*?</metadata>\s*|<!--.*?-->\s*", "", svg, flags=re.S)
    view_box = re.search(r'viewBox="([^"]+)"', svg).group(1)
    svg = re.sub(r"<svg\b[^>]*>", "", svg, count=1)
    # matplotlib's global rule would style every element of the page: scope it to this chart.
    svg = svg.replace('<style type="text/css">*{', f'<style>#{prefix} *{{')
    referenced = set(re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', svg))
    referenced = {a or b for a, b in referenced}

    def rename(match: re.Match) -> str:
        old = match.group(1)
        if old in referenced or old.startswith("mark-"):
            return f' id="{prefix}-{old}"'
        return ""

    svg = re.sub(r' id="([^"]+)"', rename, svg)
    svg = re.sub(r'url\(#([^)]+)\)', lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    svg = svg.replace(INK, "currentColor")
    svg = re.sub(r"font-family:[^;\"]*(?:; )?", "", svg)  # the page's own font
    svg = re.sub(r"<[^>]+>", lambda m: re.sub(r"(\d\.\d{2})\d+", r"\1", m.group(0)), svg)  # 0.01 pt is plenty
    svg = re.sub(r"\s*\n\s*", "\n", svg).replace("\n</text>", "</text>")
    svg = re.sub(r"<g>\n(<use [^>]*/>)\n</g>", r"\1", svg)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" id="{prefix}" '
        f'class="kn-chart-svg" viewBox="{view_box}" width="100%" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc">\n'
        f'<title id="{prefix}-title">{_escape(chart.title)}</title>\n'
        f'<desc id="{prefix}-desc">{_escape(chart.description)}</desc>\n'
    )
    return head + svg.strip() + "\n"


# --- Helpers ---------------------------------------------------------------------------------------------


def _projections(data: KeyNumbers) -> list[Subject]:
    return [s for s in data.subjects.values() if s.kind == "projection"]


def _style(subject: Subject) -> tuple[str, str]:
    return FAMILY_STYLE.get(subject.family, DEFAULT_STYLE)


def _projection_style(subject: Subject) -> tuple[str, str]:
    return PROJECTION_STYLE if subject.id == "llama3-optimum" else ("#7f7f7f", "o")


def _is_lower_bound(figure: Figure) -> bool:
    return figure.qualifier in ("more than", "at least")


def _family_legend(ax, marks: list[Mark], loc: str) -> None:
    from matplotlib.lines import Line2D

    seen: dict[str, Line2D] = {}
    for family, (colour, shape) in FAMILY_STYLE.items():
        if any(m.style == (colour, shape) for m in marks):
            seen[family] = Line2D([], [], linestyle="none", marker=shape, color=colour, markersize=6)
    seen["Llama 3 scaling-law optimum"] = Line2D([], [], linestyle="none", marker="*", color=PROJECTION_STYLE[0],
                                                 markersize=10)
    seen["Chinchilla rule of thumb"] = Line2D([], [], linestyle=(0, (5, 3)), color=INK, alpha=0.55, linewidth=1)
    seen["Chinchilla projection (Table 3)"] = Line2D([], [], linestyle="none", marker="o", color="#7f7f7f",
                                                     markerfacecolor="none", markersize=6)
    seen["at least this many tokens"] = Line2D([], [], linestyle="none", marker="^", color=INK, markersize=6,
                                               markerfacecolor="none")
    ax.figure.legend(seen.values(), seen.keys(), loc=loc, ncol=3, fontsize=8, handletextpad=0.3, columnspacing=1.2)


def _log_limits(values: list[float], low: float = 1.3, high: float = 1.3) -> tuple[float, float]:
    """Axis limits on half-decade steps, with room (factors low and high) around the data for labels."""
    bottom = math.floor(2 * math.log10(min(values) / low)) / 2
    top = math.ceil(2 * math.log10(max(values) * high)) / 2
    return 10 ** bottom, 10 ** top


def _si(value: float) -> str:
    if value == 0:
        return "0"
    for factor, letter in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= factor:
            return f"{value / factor:g}{letter}"
    return f"{value:g}"


def _formatter(function):
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: function(value))


def _si_axis(axis) -> None:
    from matplotlib.ticker import LogLocator, NullFormatter

    axis.set_major_locator(LogLocator(base=10, numticks=12))
    axis.set_major_formatter(_formatter(_si))
    axis.set_minor_formatter(NullFormatter())


def _line_label(ax, start, end, text: str, where: float, below: bool = False) -> None:
    """Write text along the straight (on screen) line from start to end, a fraction `where` along it."""
    (x0, y0), (x1, y1) = ax.transData.transform([start, end])
    angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
    anchor = ax.transData.inverted().transform((x0 + (x1 - x0) * where, y0 + (y1 - y0) * where))
    offset = -4 if below else 4
    ax.annotate(text, anchor, xytext=(-offset * math.sin(math.radians(angle)), offset * math.cos(math.radians(angle))),
                textcoords="offset points", rotation=angle, rotation_mode="anchor", ha="left",
                va="top" if below else "bottom", fontsize=8, alpha=0.8)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
