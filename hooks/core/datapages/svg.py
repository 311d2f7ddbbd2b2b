"""Make matplotlib's SVG fit to inline in a page: the page's font and colour, ids unique per chart,
no date, metadata or global CSS, and a title and description for screen readers."""

from __future__ import annotations

import re

from .chart import INK, Chart


def finish_svg(svg: str, chart: Chart) -> str:
    """Make matplotlib's SVG safe and small for inlining, and accessible to screen readers."""
    prefix = chart.element_id
    svg = re.sub(r"<\?xml.*?\?>\s*|<!DOCTYPE.*?>\s*|<metadata>.*?</metadata>\s*|<!--.*?-->\s*", "", svg, flags=re.S)
    found = re.search(r'viewBox="([^"]+)"', svg)
    if found is None:
        raise ValueError(f"chart {chart.name!r}: matplotlib's SVG has no viewBox")
    view_box = found.group(1)
    svg = re.sub(r"<svg\b[^>]*>", "", svg, count=1)
    # matplotlib's global rule would style every element of the page: scope it to this chart.
    svg = svg.replace('<style type="text/css">*{', f"<style>#{prefix} *{{")
    referenced: set[str] = {a or b for a, b in re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', svg)}  # ids that are used

    def rename(match: re.Match[str]) -> str:
        old = match.group(1)
        if old in referenced or old.startswith("mark-"):
            return f' id="{prefix}-{old}"'
        return ""

    svg = re.sub(r' id="([^"]+)"', rename, svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
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


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
