"""The `[[…]]` markers of key numbers, charts, claims and the timeline, for any engine.

keynumbers.pages.expand finds the marker lines and expands `[[numbers: …]]` and `[[chart: …]]`;
the other markers are expanded by the handlers made here, which the MkDocs adapter
(hooks/charts.py) and `python -m sitecheck` share. `load` reads the data files as the MkDocs
adapter does, for a run without MkDocs.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from keynumbers import claims as kclaims
from keynumbers import generations, timeline
from keynumbers.chart import Chart
from keynumbers.cite import marker_section, page_anchors
from keynumbers.data import DataError, KeyNumbers
from keynumbers.data import load as load_data
from keynumbers.figures import CHARTS
from keynumbers.pages import MarkerError, expand

DEFAULTS = {"source": "data/models.yml", "claims": "data/claims.yml", "timeline": "data/timeline.yml"}
Handler = Callable[[str], str]  # the text after the marker's colon ("" if none) -> Markdown; MarkerError if wrong
Slugify = Callable[[str, str], str]


class MarkerData(Protocol):
    """What the handlers draw from (hooks/charts.py's Build is one)."""

    data: KeyNumbers
    claims: list[kclaims.Claim]
    claims_path: str
    events: list[timeline.Event]
    site: kclaims.Site  # page titles and anchors
    placed: set[str]  # "claims:PAGE" and "claim:ID" markers expanded so far
    timeline_path: str


@dataclass
class KeyNumberData:
    """The data files of one project, read without an engine."""

    data: KeyNumbers
    claims: list[kclaims.Claim] = field(default_factory=list)
    claims_path: str = ""
    events: list[timeline.Event] = field(default_factory=list)
    timeline_path: str = ""
    site: kclaims.Site = field(init=False)
    placed: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.site = kclaims.Site(self.data, {}, {})


def handlers(state: MarkerData, src: str) -> dict[str, Handler]:
    """Marker -> function of the text after its colon, returning Markdown (see hooks/charts.py)."""
    site = state.site

    def claims(arg: str) -> str:
        if not arg:
            return kclaims.verdict_table(state.claims, site, src)
        page = arg if arg.endswith(".md") else f"{arg}.md"
        if page not in site.anchors:
            raise MarkerError(f"[[claims: {arg}]]: no page docs/{page}; fix: name this page, [[claims: {src[:-3]}]]")
        state.placed.add(f"claims:{page}")
        return kclaims.page_boxes(state.claims, page, site)

    def claim(arg: str) -> str:
        found = next((c for c in state.claims if c.id == arg), None)
        if found is None or not found.box_title:
            close = difflib.get_close_matches(arg, [c.id for c in state.claims if c.box_title], n=1)
            raise MarkerError(
                f"[[claim: {arg}]]: no claim with a box has this id in {state.claims_path}"
                + (f"; fix: did you mean {close[0]!r}?" if close else "")
            )
        state.placed.add(f"claim:{arg}")
        return kclaims.box(found, site, src, link_section=found.page != src)

    def table(arg: str) -> str:
        name = arg or "generations"
        if name not in state.data.tables or not state.data.tables[name].is_matrix:
            raise MarkerError(f"[[generations: {name}]]: no matrix table {name!r} under tables: in {state.data.path}")
        return generations.render(state.data.tables[name], state.data, src)

    return {
        "claims": claims,
        "claim": claim,
        "generations": table,
        "corrections": lambda _: kclaims.corrections_list(state.claims, site, src),
        "claims-register": lambda _: kclaims.register(state.claims, site, src),
        "timeline": lambda _: timeline.render(state.events, state.data, src, site.titles, site.anchors),
    }


def load(docs_dir: Path, settings: Mapping[str, Any]) -> tuple[KeyNumberData | None, list[str]]:
    """The key-number data, claims and events of a docs directory (`extra: keynumbers:` settings), and
    the problems found reading them; None if the key-number data cannot be read, or if the site has none
    (no file where the default setting looks)."""
    paths = {**DEFAULTS, **settings}
    if "source" not in settings and not (docs_dir / paths["source"]).is_file():
        return None, []
    try:
        data = load_data(docs_dir / paths["source"], display_path=f"docs/{paths['source']}")
    except DataError as exc:
        return None, ["key-numbers data has errors:", *exc.problems]
    except FileNotFoundError:
        return None, [f"docs/{paths['source']}: the key-numbers data file is missing"]
    state, problems = KeyNumberData(data), list[str]()
    state.claims_path = f"docs/{paths['claims']}"
    state.claims = _items(kclaims.load, docs_dir / paths["claims"], state.claims_path, data, problems)
    state.timeline_path = f"docs/{paths['timeline']}"
    state.events = _items(timeline.load, docs_dir / paths["timeline"], state.timeline_path, data, problems)
    if "generations" in data.tables:
        problems += generations.problems(data.tables["generations"], data)
    return state, problems


def set_pages(state: MarkerData, sources: Mapping[str, str], titles: dict[str, str], slugify: Slugify) -> list[str]:
    """Tell the data the pages' titles and anchors; the problems of the sections that claims and events name."""
    anchors = {src: page_anchors(text, slugify) for src, text in sources.items()}
    table = next((t for src, text in sources.items() if (t := marker_section(text, "[[claims]]", src, slugify))), "")
    state.site = kclaims.Site(state.data, titles, anchors, table)
    problems = kclaims.check_sections(state.claims, anchors, state.claims_path)
    return problems + timeline.check_sections(state.events, anchors, state.timeline_path)


def handwritten_boxes(state: MarkerData, src: str, markdown: str, source: str) -> list[str]:
    """A "Correction" box written by hand on a page (they come from the claims file); markdown is what the
    engine converts, source the file (for line numbers), read only when markdown has such a box."""
    found = kclaims.handwritten_corrections(markdown) and kclaims.handwritten_corrections(source)
    return [
        f'docs/{src}:{line}: a "Correction" box is written by hand; fix: add the claim to '
        f'{state.claims_path} with its verdict and box, and put [[claims: {src[:-3]}]] after "In short"'
        for line in found
    ]


def unplaced(state: MarkerData) -> list[str]:
    """Once every page is expanded: each correction must sit on its page, each other box somewhere."""
    problems = []
    for c in state.claims:
        if c.page not in state.site.anchors:
            continue  # its section names no page: set_pages said so
        if c.is_correction and f"claims:{c.page}" not in state.placed:
            problems.append(
                f"{state.claims_path}:{c.line}: claim {c.id!r} is a correction, but docs/{c.page} has no "
                f'[[claims: {c.page[:-3]}]] line; fix: put it right after the "In short" box'
            )
        elif not c.is_correction and c.box_title and f"claim:{c.id}" not in state.placed:
            problems.append(
                f"{state.claims_path}:{c.line}: claim {c.id!r} has a box that no page shows; fix: put "
                f"[[claim: {c.id}]] in the section {c.section}"
            )
    return problems


def expand_page(state: KeyNumberData, src: str, markdown: str) -> tuple[str, list[tuple[int, str]]]:
    """A page's Markdown with its markers expanded (charts as their data, without drawing them), and
    the (line, problem) of each marker that cannot be."""
    if "[[" not in markdown:
        return markdown, []
    result = expand(markdown, state.data, src, _undrawn_chart(state.data), handlers(state, src))
    return result.markdown, result.problems


def _undrawn_chart(data: KeyNumbers) -> Callable[[str], Chart]:
    """A chart with its title, table and notes, but no SVG: what the checks need, without matplotlib."""
    return lambda name: CHARTS[name][0](data)


def _items(loader: Callable[..., Any], path: Path, display: str, data: KeyNumbers, problems: list[str]) -> list[Any]:
    """Claims or events from their data file (none if it does not exist), adding its problems."""
    if not path.exists():
        return []
    items, found = loader(path.read_text(encoding="utf-8"), display, data)
    problems += found
    return list(items)
