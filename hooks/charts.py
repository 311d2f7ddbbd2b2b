"""MkDocs adapter for key numbers and charts: events only; the logic lives in hooks/keynumbers.

A page places a table or a chart with a line of its own:

    [[numbers: parameter-sizing]]     a table from `tables:` in the data file
    [[chart: tokens-vs-params]]       an SVG chart, with its data in a collapsed block below it

Settings (optional) in mkdocs.yml:

    extra:
      keynumbers:
        source: data/models.yml   # relative to docs_dir
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from keynumbers.chart import Chart
from keynumbers.data import DataError, KeyNumbers, load
from keynumbers.pages import expand, insert_charts
from keynumbers.plot import render

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("charts")

DEFAULTS = {"source": "data/models.yml"}


@dataclass
class Build:
    """What one build knows; made anew in on_config so a rebuild under `mkdocs serve` rereads the data."""

    data: KeyNumbers
    cache: Path  # drawn charts, by digest of what they show (see keynumbers.plot.render)
    charts: dict[str, Chart] = field(default_factory=dict)  # chart name -> rendered chart, drawn on first use
    pages: dict[str, list[str]] = field(default_factory=dict)  # page src_uri -> charts placed on it

    def chart(self, name: str) -> Chart:
        if name not in self.charts:
            try:
                self.charts[name] = render(name, self.data, self.cache)
            except Exception as exc:  # a chart that cannot be drawn must stop the build, with its name
                raise PluginError(f"chart {name!r} could not be drawn from {self.data.path}: {exc}") from exc
        return self.charts[name]


build: Build  # this build's state, set in on_config (MkDocs runs it before every other event)


def on_config(config: MkDocsConfig) -> None:
    global build
    settings = {**DEFAULTS, **(config.extra.get("keynumbers") or {})}
    source = Path(config.docs_dir) / settings["source"]
    try:
        data = load(source, display_path=f"docs/{settings['source']}")
    except DataError as exc:
        raise PluginError(f"key-numbers data has errors:\n{exc}") from None
    except FileNotFoundError:
        raise PluginError(f"docs/{settings['source']}: the key-numbers data file is missing") from None
    # Not under .cache/: other tools clear that folder (Zensical's --clean empties all of it).
    build = Build(data, Path(config.config_file_path or config.docs_dir).parent / ".chart-cache")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Expand [[numbers: ...]] and [[chart: ...]] lines; unknown names are warnings (errors under --strict)."""
    if "[[" not in markdown:
        return None
    result = expand(markdown, build.data, page.file.src_uri, build.chart)
    for line, message in result.problems:
        log.warning(f"docs/{page.file.src_uri}:{_source_line(page.file.content_string, markdown, line)}: {message}")
    build.pages[page.file.src_uri] = result.charts
    return result.markdown


@event_priority(-100)  # after every other hook has rewritten the HTML, so none of them reparses the SVG
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Put each chart's SVG into its placeholder."""
    if not build.pages.get(page.file.src_uri):
        return None
    return insert_charts(html, build.charts)


def _source_line(source: str, markdown: str, line: int) -> int:
    """Line `line` of the Markdown that MkDocs hands to hooks, as a line of the source file (after front matter)."""
    start = source.find(markdown[:200]) if markdown else -1
    if start >= 0:
        return source.count("\n", 0, start) + line
    wanted = markdown.split("\n")[line - 1].strip()  # another hook changed the text: find the line itself
    lines = [text.strip() for text in source.split("\n")]
    return lines.index(wanted) + 1 if wanted in lines else line
