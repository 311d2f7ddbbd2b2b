"""Draw a chart with matplotlib's SVG backend, keeping each drawing in a cache until what it shows changes.

Same data and same matplotlib version give the same bytes, with or without the cache.
"""

from __future__ import annotations

import functools
import hashlib
import io
from importlib.metadata import version
from pathlib import Path

from .chart import RC, Chart, number_words
from .figures import CHARTS
from .model import KeyNumbers
from .svg import finish_svg

# Everything a drawing depends on besides its data: these files and the matplotlib release.
HERE = Path(__file__).parent
DRAWING_CODE = [HERE / name for name in ("plot.py", "chart.py", "svg.py")] + sorted((HERE / "figures").glob("*.py"))


def render(name: str, data: KeyNumbers, cache: Path | None = None) -> Chart:
    """Build the chart called name from the data and draw it as an inline-ready SVG string.

    Drawing takes about a second per chart, so with a `cache` folder the SVG is kept under a
    digest of everything it depends on (the chart's data, this file, the matplotlib release)
    and drawn again only when one of them changes.
    """
    build, draw, size = CHARTS[name]
    chart = number_words(build(data), data)
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
        # The title from the figure's left edge, over the axis labels too, wrapped to the figure's width.
        fig.suptitle(chart.title, x=0.01, ha="left", fontsize=RC["axes.titlesize"], fontweight="bold", wrap=True)
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
    return hashlib.sha256(f"{chart!r}\n{_drawing_code()}".encode()).hexdigest()[:16]


@functools.cache
def _drawing_code() -> str:
    """The drawing code and the matplotlib release, read once per process (looking up an installed
    package's version scans sys.path): the code that draws is the one imported at start anyway."""
    return "\n".join((*(path.read_text(encoding="utf-8") for path in DRAWING_CODE), version("matplotlib")))
