"""Key numbers and charts from docs/data/models.yml: the values shown equal the data file, the
charts are deterministic, small and accessible, and a broken data file stops the build at its line.

The checks read the data file with plain PyYAML and parse what the pages show back into numbers,
so they do not reuse the renderer's own formatting to check itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from core.datapages import data as kndata
from core.datapages import plot
from core.datapages.units import format_value, qualify
from core.sourcefile import STRINGS, SourceError, load_strings
from support import ROOT
from support.models_data import assert_shows, number, parse_shown, raw_data, resolve, subjects
from support.sites import HOOK, make_site, run_build

DATA = ROOT / "docs/data/models.yml"
WORDS = load_strings(ROOT / "docs" / STRINGS, f"docs/{STRINGS}", "en")  # the site's English words
THEMES = ["parameter-sizing", "scaling-laws", "architecture", "synthetic-data", "evaluation", "agents"]
CHART_PAGES = {  # chart -> page it is placed on
    "tokens-vs-params": "scaling-laws",
    "tokens-per-parameter": "scaling-laws",
    "moe-active-vs-total": "architecture",
    "gpu-hours": "parameter-sizing",
}
SVG = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg"[^>]* id="kn-([a-z0-9-]+)".*?</svg>', re.S)
XLINK = "{http://www.w3.org/1999/xlink}href"
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details", "toc"]


# --- The real site, and charts drawn afresh ------------------------------------------------------


@pytest.fixture(scope="module")
def sites(real_site) -> tuple[Path]:
    return (real_site,)


DRAW_ALL = """
import json, sys
from pathlib import Path
from core.datapages.data import load
from core.datapages.plot import CHARTS, render
data = load(Path(sys.argv[1]))
print(json.dumps({name: render(name, data, cache=None).svg for name in CHARTS}))
"""


def draw_without_cache(seed: str) -> dict[str, str]:
    """Every chart drawn from scratch (no cache) in a fresh process with its own hash seed."""
    result = subprocess.run(
        [sys.executable, "-c", DRAW_ALL, str(DATA)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "hooks")},
    )
    return json.loads(result.stdout)


def page_html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def charts_in(html: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in SVG.finditer(html)}


def test_each_chart_is_on_its_page_and_drawn_byte_identical_twice_without_the_cache(sites):
    first, second = draw_without_cache("1"), draw_without_cache("2")
    assert set(first) == set(CHART_PAGES)
    for chart, page in CHART_PAGES.items():
        assert chart in charts_in(page_html(sites[0], page)), f"{chart} is not on {page}"
        assert first[chart].encode() == second[chart].encode(), f"{chart} differs between two drawings"
        shown = charts_in(page_html(sites[0], page))[chart]
        assert shown == first[chart].strip(), f"{chart}: the site shows a stale drawing"


def test_charts_fill_their_slots_on_the_site(sites):
    for chart, page in CHART_PAGES.items():
        html = page_html(sites[0], page)
        assert "kn-chart-slot" not in html, f"{page}: a chart slot was left empty"
        assert chart in charts_in(html), f"{chart} is not on {page}"


RECORDER = """
from pathlib import Path
from mkdocs.plugins import event_priority

@event_priority(-100)  # after Material's search plugin has read the page
def on_page_context(context, page, config, **kwargs):
    Path(config.extra["record"], page.file.src_uri + ".html").write_text(page.content, encoding="utf-8")
"""


def test_site_search_leaves_a_chart_out(tmp_path):
    """A chart goes into the page while it is converted; Material's search plugin reads the figure with
    its SVG, and leaves it out of the index (data-search-exclude), which keeps the chart's data table."""
    (tmp_path / "recorder.py").write_text(RECORDER, encoding="utf-8")
    (record := tmp_path / "record").mkdir()
    hooks = [HOOK, str(tmp_path / "recorder.py")]
    pages = {"index.md": "# Home\n\n[[chart: tokens-vs-params]]\n", "sources.md": SOURCES}
    project = make_site(tmp_path, pages, hooks=hooks, markdown_extensions=EXTENSIONS, extra={"record": str(record)})
    shutil.copy(DATA, project / "docs/data/models.yml")
    built = run_build(project)
    assert built.ok, built.log
    seen = (record / "index.md.html").read_text(encoding="utf-8")
    assert '<figure class="kn-chart" id="chart-tokens-vs-params" style="width: 100%" data-search-exclude>' in seen
    svg = charts_in(seen)["tokens-vs-params"]
    assert svg in (built.site / "index.html").read_text(encoding="utf-8")
    description = etree.fromstring(svg).find("{http://www.w3.org/2000/svg}desc").text
    index = json.loads(built.page("search/search_index.json"))
    home = next(doc for doc in index["docs"] if doc["location"] == "")
    assert description[:40] not in home["text"]
    assert "1.4T" in home["text"], "the chart's data table is indexed"


def test_a_cached_chart_is_read_not_drawn(tmp_path):
    data = kndata.load(DATA)
    drawn = plot.render("gpu-hours", data, cache=tmp_path).svg
    (cached,) = tmp_path.iterdir()
    assert cached.name.split("-")[0:2] == ["gpu", "hours"]
    cached.write_text("<svg>read from the cache</svg>", encoding="utf-8")  # what a new drawing would not be
    assert drawn != "<svg>read from the cache</svg>"
    assert plot.render("gpu-hours", data, cache=tmp_path).svg == "<svg>read from the cache</svg>"


def test_a_changed_chart_replaces_its_stale_cache_file(tmp_path):
    data = kndata.load(DATA)
    plot.render("gpu-hours", data, cache=tmp_path)
    (before,) = tmp_path.glob("gpu-hours-*.svg")
    other = tmp_path / "tokens-vs-params-0000000000000000.svg"
    other.write_text("<svg/>", encoding="utf-8")
    changed = DATA.read_text(encoding="utf-8").replace("Llama 3.1 405B", "Llama 3.1 405B (changed)", 1)
    assert changed != DATA.read_text(encoding="utf-8")
    (tmp_path / "models.yml").write_text(changed, encoding="utf-8")
    (tmp_path / "strings.yml").write_bytes(DATA.with_name("strings.yml").read_bytes())  # the words beside the data
    plot.render("gpu-hours", kndata.load(tmp_path / "models.yml"), cache=tmp_path)
    (after,) = tmp_path.glob("gpu-hours-*.svg")
    assert after != before, "the drawing of the new data has a new name"
    assert not before.exists(), "the drawing of the old data is removed"
    assert other.exists(), "other charts' cache files are left alone"


@pytest.mark.parametrize("chart", CHART_PAGES)
def test_chart_is_small_accessible_self_contained_and_follows_the_palette(sites, chart):
    svg = charts_in(page_html(sites[0], CHART_PAGES[chart]))[chart]
    assert len(svg.encode()) < 60_000
    root = etree.fromstring(svg)  # well-formed XML, so every browser parses it the same way
    ns = {"s": "http://www.w3.org/2000/svg"}
    title, desc = root.find("s:title", ns), root.find("s:desc", ns)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text
    assert len(desc.text) > 80
    assert "viewBox" in root.attrib
    assert root.get("width") == "100%"
    assert not root.xpath("//s:script | //s:image | //s:foreignObject", namespaces=ns)
    urls = re.findall(r"(?:href|src)=\"([^\"#][^\"]*)\"|url\((?!#)([^)]*)\)", svg)
    assert urls == [], "no request leaves the page"
    assert not re.search(r"#(?:000000|ffffff)\b|font-family", svg), "text and axes take the page's colour and font"
    assert "currentColor" in svg
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(f"kn-{chart}") for i in ids)
    style = root.find("s:defs/s:style", ns)
    assert style is None or style.text.startswith(f"#kn-{chart} "), "CSS inside the chart stays inside the chart"


# --- Every value shown equals the data file ------------------------------------------------------------


def elements(node: etree._Element, path: str) -> list[etree._Element]:
    """The elements an XPath expression selects (lxml types xpath() as any XPath result: number, string, list)."""
    found = node.xpath(path)
    assert isinstance(found, list), f"{path} selects no elements"
    return [item for item in found if isinstance(item, etree._Element)]


def key_numbers_table(html: str) -> etree._Element:
    root = lxml.html.fromstring(html)
    heading = "//article//h2[starts-with(normalize-space(.), 'Key numbers')]"
    return elements(root, f"{heading}/following-sibling::*[1][self::table]")[0]


def table_rows(table) -> tuple[list[str], list[list[str]]]:
    header = [th.text_content().strip() for th in table.xpath(".//thead//th")]
    rows = [[td.text_content().strip() for td in tr.xpath("./td")] for tr in table.xpath(".//tbody/tr")]
    return header, rows


def template_pattern(template: str) -> tuple[re.Pattern, list[str]]:
    refs = re.findall(r"\{([^{}]+)\}", template)
    parts = re.split(r"\{[^{}]+\}", template)
    pattern = "".join(re.escape(p) + ("(.+?)" if i < len(refs) else "") for i, p in enumerate(parts))
    return re.compile(pattern + "$"), refs


@pytest.mark.parametrize("page", THEMES)
def test_key_numbers_table_shows_the_data_file(sites, page):
    raw = raw_data()
    spec = raw["tables"][page]
    header, rows = table_rows(key_numbers_table(page_html(sites[0], page)))
    assert header == ["What", "Value", "Source"]
    assert len(rows) == len(spec["rows"])
    for (label, value, source), (label_template, value_template) in zip(rows, spec["rows"], strict=True):
        for shown, template in ((label, label_template), (value, value_template)):
            pattern, refs = template_pattern(template)
            match = pattern.match(shown)
            assert match, f"{page}: {shown!r} does not read as {template!r}"
            for text, ref in zip(match.groups(), refs, strict=True):
                assert_shows(text, resolve(raw, ref), f"{page}: {ref}")
        assert source, f"{page}: row {label!r} has no source"


@pytest.mark.parametrize(("page", "table"), [("architecture", "llama31-settings"), ("agents", "llama4-herd")])
def test_matrix_tables_show_the_data_file(sites, page, table):
    raw = raw_data()
    spec = raw["tables"][table]
    root = lxml.html.fromstring(page_html(sites[0], page))
    names = [raw["models"][sid].get("short") for sid in spec["columns"]]
    found = [t for t in root.xpath("//article//table") if table_rows(t)[0][1:-1] == names]
    assert found, f"{page}: no table with columns {names}"
    _, rows = table_rows(found[0])
    for cells, (label, field) in zip(rows, spec["rows"], strict=True):
        assert cells[0] == label
        for shown, sid in zip(cells[1:-1], spec["columns"], strict=True):
            assert_shows(shown, raw["models"][sid][field], f"{table}: {sid}.{field}")


RATIO_COLUMNS = {"Parameters": "params", "Training tokens": "tokens", "Tokens per parameter": "tokens_per_param"}
CHART_COLUMNS = {  # data-table column -> field of the data file
    "tokens-vs-params": RATIO_COLUMNS,
    "tokens-per-parameter": RATIO_COLUMNS,
    "moe-active-vs-total": {"Active parameters": "active_params", "Total parameters": "params"},
    "gpu-hours": {"GPU-hours": "gpu_hours", "Hardware": "hardware"},
}


DESCRIBED = {
    "tokens-vs-params": ("params", "tokens"),
    "tokens-per-parameter": (),
    "moe-active-vs-total": ("params", "active_params"),
    "gpu-hours": ("gpu_hours",),
}


def chart_data_table(html: str, chart: str) -> etree._Element | None:
    root = lxml.html.fromstring(html)
    figure = elements(root, f"//figure[@id='chart-{chart}']")[0]
    details = elements(figure, "following-sibling::*[1][self::details]")
    assert details, f"{chart}: the data table must follow the chart"
    assert details[0].get("open") is None, f"{chart}: the data table starts collapsed"
    return details[0].find(".//table")


def assert_ratio(shown: str, entry: dict, where: str) -> None:
    """A computed ratio: exact, or rounded and marked ≈, or a lower bound marked ≥ when tokens are "more than"."""
    exact = number(entry["tokens"]["value"]) / number(entry["params"]["value"])
    value = float(shown.lstrip("≈≥").replace(",", ""))
    step = 1 if exact >= 10 else 0.1
    if entry["tokens"].get("qualifier") == "more than":
        assert shown.startswith("≥"), f"{where}: {shown} is a lower bound"
        assert value <= exact < value + step, f"{where}: {shown} vs {exact}"
    elif exact == value and not entry["tokens"].get("qualifier"):
        assert shown[0].isdigit(), f"{where}: an exact ratio needs no mark"
    else:
        assert shown.startswith("≈"), f"{where}: {shown} is rounded"
        assert abs(value - exact) <= step / 2, f"{where}: {shown} vs {exact}"


@pytest.mark.parametrize("chart", CHART_PAGES)
def test_chart_data_table_and_description_show_the_data_file(sites, chart):
    raw = raw_data()
    by_name = {entry["name"]: (sid, entry) for sid, entry in subjects(raw).items() if "name" in entry}
    html = page_html(sites[0], CHART_PAGES[chart])
    header, rows = table_rows(chart_data_table(html, chart))
    svg = charts_in(html)[chart]
    desc = etree.fromstring(svg).find("{http://www.w3.org/2000/svg}desc").text
    checked = 0
    for cells in rows:
        if cells[0] not in by_name:
            continue
        sid, entry = by_name[cells[0]]
        for column, shown in zip(header, cells, strict=True):
            field = CHART_COLUMNS[chart].get(column)
            if field == "tokens_per_param":
                assert_ratio(shown, entry, f"{chart}: {sid}")
                if chart == "tokens-per-parameter":
                    assert shown in desc
            elif field:
                assert_shows(shown, resolve(raw, f"{sid}.{field}"), f"{chart}: {sid}.{field}")
                if field in DESCRIBED[chart]:
                    assert shown in desc, f"{chart}: {shown!r} missing from the screen-reader description"
        checked += 1
    assert checked >= 3


def mark_positions(svg: str, chart: str) -> dict[str, tuple[float, float]]:
    """Screen position of each drawn mark: a point's centre, or a bar's far end (x) and middle (y)."""
    root = etree.fromstring(svg)
    marks = {}
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        gid = group.get("id") or ""
        if not gid.startswith(f"kn-{chart}-mark-"):
            continue
        key = gid.removeprefix(f"kn-{chart}-mark-")
        use = next(group.iter("{http://www.w3.org/2000/svg}use"), None)
        if use is not None:
            marks[key] = (coordinate(use, "x"), coordinate(use, "y"))
        else:
            path = next(group.iter("{http://www.w3.org/2000/svg}path"))
            d = path.get("d")
            assert d is not None, f"{chart}: bar {key} has no outline"
            xs = [float(x) for x in re.findall(r"[ML] (-?[\d.]+) ", d)]
            ys = [float(y) for y in re.findall(r"[ML] -?[\d.]+ (-?[\d.]+)", d)]
            marks[key] = (max(xs), sum(ys) / len(ys))
    return marks


def coordinate(element: etree._Element, name: str) -> float:
    value = element.get(name)
    assert value is not None, f"<{element.tag}> has no {name}"
    return float(value)


def assert_affine(pairs: list[tuple[float, float]], where: str) -> None:
    """Screen coordinates are an exact affine function of the data (to the 0.01 pt written out)."""
    pairs = sorted(set(pairs))
    (v0, p0), (v1, p1) = pairs[0], pairs[-1]
    assert v1 != v0, where
    for v, p in pairs:
        assert abs(p0 + (p1 - p0) * (v - v0) / (v1 - v0) - p) < 0.05, f"{where}: mark at {p} does not match value {v}"


@pytest.mark.parametrize("chart", CHART_PAGES)
def test_every_mark_sits_where_the_data_file_puts_it(sites, chart):
    import math

    raw = raw_data()
    every = subjects(raw)
    marks = mark_positions(charts_in(page_html(sites[0], CHART_PAGES[chart]))[chart], chart)
    assert len(marks) >= 4
    xs, ys = [], []
    for key, (px, py) in marks.items():
        entry = every[key]
        if chart in ("tokens-vs-params", "moe-active-vs-total"):
            x_field, y_field = ("params", "tokens") if chart == "tokens-vs-params" else ("params", "active_params")
            xs.append((math.log10(number(resolve(raw, f"{key}.{x_field}")["value"])), px))
            ys.append((math.log10(number(resolve(raw, f"{key}.{y_field}")["value"])), py))
        elif chart == "tokens-per-parameter":
            xs.append((math.log10(number(entry["tokens"]["value"]) / number(entry["params"]["value"])), px))
        else:
            xs.append((number(entry["gpu_hours"]["value"]), px))
    assert_affine(xs, f"{chart} x")
    if ys:
        assert_affine(ys, f"{chart} y")
    # Every model the data file gives the plotted numbers for is drawn.
    wanted = {
        "tokens-vs-params": ("params", "tokens"),
        "tokens-per-parameter": ("params", "tokens"),
        "moe-active-vs-total": ("params",),
        "gpu-hours": ("gpu_hours",),
    }[chart]
    for sid, model in raw["models"].items():
        if chart == "moe-active-vs-total" and model["family"] not in ("Llama 3.1", "Llama 4"):
            continue
        if all(model[f].get("value") is not None for f in wanted):
            assert sid in marks, f"{chart}: {sid} has the data but is not drawn"


# --- One fix corrects every page -----------------------------------------------------------------------


def build_with_data(tmp_path: Path, pages: dict[str, str], data_text: str, strict: bool = True):
    hooks = [HOOK]
    project = make_site(tmp_path, {**pages, "sources.md": SOURCES}, hooks=hooks, markdown_extensions=EXTENSIONS)
    (project / "docs/data/models.yml").write_text(data_text, encoding="utf-8")
    return project, run_build(project, strict=strict)


SOURCES = "# Sources\n\n" + "".join(  # every anchor the data file's sources link to
    f"## {anchor} {{#{anchor}}}\n\nText.\n\n"
    for anchor in dict.fromkeys(s["link"].partition("#")[2] for s in raw_data()["sources"].values())
)


def test_a_correction_in_the_data_file_reaches_every_table_and_chart(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    fixed = text.replace(
        "tokens: {value: 15.6e12, unit: tokens, source: llama3-paper §1}",
        "tokens: {value: 15.7e12, unit: tokens, source: llama3-paper §1}",
    )
    assert fixed != text
    pages = {
        "index.md": "# Home\n\n[[numbers: parameter-sizing]]\n",
        "laws.md": "# Laws\n\n[[numbers: scaling-laws]]\n\n[[chart: tokens-vs-params]]\n",
    }
    _, built = build_with_data(tmp_path, pages, fixed)
    assert built.ok, built.log
    home, laws = built.page("index.html"), built.page("laws/index.html")
    assert "405B parameters, 15.7T tokens" in home
    assert "405B parameters, 15.7T tokens" in laws
    assert "15.6T" not in home + laws
    assert "<td>15.7T</td>" in laws
    assert "405B flagship was trained on 15.7T tokens" in laws


# --- Broken data files and unknown names fail with file and line --------------------------------------


GOOD = """\
sources:
  paper: {title: A paper, link: sources.md#llama3-paper}
models:
  m1:
    name: Model One
    family: Llama 3.1
    type: dense
    params: {value: 8e9, unit: params, source: paper §1}
    tokens: {value: 15e12, unit: tokens, qualifier: more than, source: paper §2}
    compute: {value: null}
    gpu_hours: {value: 1.46e6, unit: gpu_hours, source: paper}
    context: {value: 128e3, unit: tokens_ctx, source: paper}
tables:
  t:
    rows:
      - [Size, "{m1.params} on {m1.tokens} tokens"]
"""


def test_good_sample_loads():
    numbers = kndata.parse(GOOD, "docs/data/models.yml", WORDS)
    assert numbers.resolve("m1.tokens").display() == "15T+"
    assert numbers.resolve("m1.tokens_per_param").display() == "≥1,875"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("params: {value: 8e9, unit: params, source: paper §1}", "params: {value: 8e9, unit: params}"),
            "docs/data/models.yml:8: m1.params: no source; every value needs one",
        ),
        (
            ("unit: gpu_hours", "unit: gpu_days"),
            "docs/data/models.yml:11: m1.gpu_hours: unknown unit 'gpu_days'; known units: params, tokens",
        ),
        (("source: paper §2}", "source: papr §2}"), "docs/data/models.yml:9: m1.tokens: unknown source 'papr'"),
        (
            ("qualifier: more than", "qualifier: roughly"),
            "docs/data/models.yml:9: m1.tokens: unknown qualifier 'roughly'",
        ),
        (
            ("    context: {value: 128e3, unit: tokens_ctx, source: paper}\n", ""),
            "docs/data/models.yml:4: model 'm1' has no 'context'",
        ),
        (("unit: tokens_ctx", "unit: tokens"), "docs/data/models.yml:12: m1.context must be in unit 'tokens_ctx'"),
        (
            ("{m1.tokens} tokens", "{m1.tokenz} tokens"),
            "docs/data/models.yml:16: table 't': {m1.tokenz} is not a known",
        ),
        (
            ("    type: dense\n", "    type: dense\n    type: moe\n"),
            "docs/data/models.yml:8: malformed YAML: duplicate key 'type' (first on line 7)",
        ),
        (("value: 8e9, unit", "value: [8e9, unit"), "docs/data/models.yml:8: malformed YAML"),
        (("value: 1.46e6", "value: lots"), "docs/data/models.yml:11: m1.gpu_hours: value 'lots' is not a number"),
    ],
)
def test_broken_data_is_reported_with_file_and_line(change, message):
    old, new = change
    assert old in GOOD
    with pytest.raises(SourceError) as err:
        kndata.parse(GOOD.replace(old, new, 1), "docs/data/models.yml")
    assert message in str(err.value)


def test_broken_data_file_fails_the_build_naming_file_and_line(tmp_path):
    broken = DATA.read_text(encoding="utf-8").replace(
        "compute: {value: 3.8e25, unit: flops, source: llama3-paper §1}", "compute: {value: 3.8e25, unit: flops}"
    )
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "compute: {value: 3.8e25, unit: flops}" in text)
    _, built = build_with_data(tmp_path, {"index.md": "# Home\n"}, broken)
    assert not built.ok
    assert f"docs/data/models.yml:{line}: llama31-405b.compute: no source" in built.log


def test_unknown_chart_or_table_fails_the_strict_build_with_file_and_line(tmp_path):
    page = (
        "---\ndescription: x\n---\n# Home\n\n[[chart: tokens-vs-param]]\n\n"
        "```\n[[chart: in-code-is-left-alone]]\n```\n\n[[numbers: nope]]\n"
    )
    _, built = build_with_data(tmp_path, {"index.md": page}, DATA.read_text(encoding="utf-8"))
    assert not built.ok
    assert "WARNING: charts: docs/index.md:6: unknown chart 'tokens-vs-param'; known: tokens-vs-params" in built.log
    assert "WARNING: charts: docs/index.md:12: unknown key-numbers table 'nope'" in built.log
    assert "in-code-is-left-alone" not in built.log


# --- Units ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("literal", "unit", "qualifier", "shown"),
    [
        ("15e12", "tokens", "more than", "15T+"),
        ("15.6e12", "tokens", None, "15.6T"),
        ("16.55e12", "tokens", None, "16.55T"),
        ("2.0e12", "tokens", None, "2.0T"),
        ("40e12", "tokens", "about", "~40T"),
        ("2e12", "params", "nearly", "nearly 2T"),
        ("70e6", "params", None, "70M"),
        ("7.0e6", "gpu_hours", None, "7.0M"),
        ("30.84e6", "gpu_hours", None, "30.84M"),
        ("184320", "gpu_hours", None, "184,320"),
        ("128e3", "tokens_ctx", None, "128K"),
        ("2048", "tokens_ctx", None, "2,048"),
        ("3.8e25", "flops", None, "3.8 × 10²⁵ FLOPs"),
        ("1e22", "flops", None, "10²² FLOPs"),
        ("3.43e25", "flops", None, "3.43 × 10²⁵ FLOPs"),
        ("8e-5", "lr", None, "8 × 10⁻⁵"),
        ("1.5e-4", "lr", None, "1.5 × 10⁻⁴"),
        ("16384", "count", "up to", "up to 16,384"),
        ("0.1", "percent", None, "0.1%"),
        ("58.7", "percent", None, "58.7%"),
        ("0.537", "number", None, "0.537"),
    ],
)
def test_values_are_written_with_the_precision_of_the_data_file(literal, unit, qualifier, shown):
    assert qualify(format_value(float(literal), unit, literal, WORDS), qualifier, WORDS) == shown
    assert parse_shown(shown) == (pytest.approx(float(literal)), qualifier)
