"""The site's four charts: which figures each shows, its words, and how it is drawn; one module each.

This is site content, like the data file: a new chart is a module here with a `build_*`/`draw_*`
pair and a line in CHARTS. Drawing, caching and SVG clean-up live in plot.py and svg.py; what every
chart is made of, and the drawing helpers the charts share, in chart.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..chart import WIDTH
from .gpu_hours import build_gpu_hours, draw_gpu_hours
from .moe import build_moe, draw_moe
from .tokens_per_param import build_tokens_per_param, draw_tokens_per_param
from .tokens_vs_params import build_tokens_vs_params, draw_tokens_vs_params

if TYPE_CHECKING:
    from ..chart import Chart, Draw
    from ..model import KeyNumbers

CHARTS: dict[str, tuple[Callable[[KeyNumbers], Chart], Draw, tuple[float, float]]] = {  # name -> build, draw, inches
    "tokens-vs-params": (build_tokens_vs_params, draw_tokens_vs_params, (WIDTH, 5.8)),
    "tokens-per-parameter": (build_tokens_per_param, draw_tokens_per_param, (WIDTH, 4.8)),
    "moe-active-vs-total": (build_moe, draw_moe, (WIDTH, 4.8)),
    "gpu-hours": (build_gpu_hours, draw_gpu_hours, (WIDTH, 3.6)),
}
