"""Claims, verdicts, the timeline, the comparison across generations and llms.txt (core.datapages,
core.pagework): small sites built with the site's hook, and the cores on their own.

The real site's pages are checked in tests/realsite/test_real_site.py.
"""

from __future__ import annotations

import json

import lxml.html
import pytest

from core.datapages import claims as kclaims
from core.datapages import timeline as ktimeline
from core.datapages.cite import iso_date, show_date
from core.datapages.data import parse
from core.pagework.llms import clean
from core.sourcefile import STRINGS, load_strings
from support import ROOT
from support.sites import HOOK, make_site, run_build

WORDS = load_strings(ROOT / "docs" / STRINGS, f"docs/{STRINGS}", "en")
HOOKS = [HOOK]
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details", "toc", "footnotes"]
MODELS = """\
sources:
  paper: {title: A paper, link: sources.md#paper}
  press: {title: A newspaper, link: sources.md#press}
models:
  old:
    name: Old 70B
    family: Llama 2
    type: dense
    released: {text: "July 18, 2023", source: paper}
    design: {text: dense Transformer, source: paper §2}
    params: {value: 70e9, unit: params, source: paper §1}
    tokens: {value: 2.0e12, unit: tokens, source: paper §1}
    compute: {value: null}
    gpu_hours: {value: null}
    context: {value: 4e3, unit: tokens_ctx, source: paper}
  new:
    name: New MoE
    family: Llama 4
    type: moe
    released: {text: "April 5, 2025", source: paper}
    design: {text: MoE, source: paper §3}
    params: {value: 400e9, unit: params, source: paper §3}
    active_params: {value: 17e9, unit: params, source: paper §3}
    experts: {value: 128, unit: count, source: paper §3}
    tokens: {value: 22e12, unit: tokens, qualifier: about, source: paper §3}
    compute: {value: null}
    gpu_hours: {value: 2.38e6, unit: gpu_hours, source: paper Table 1}
    context: {value: 1e6, unit: tokens_ctx, source: paper}
tables:
  generations:
    header: Model
    columns: [old, new]
    rows:
      - [Released, released]
      - [Design, design]
      - [Active parameters, active_params]
      - [Total parameters, params]
      - [Training tokens, tokens]
      - [Tokens per parameter, tokens_per_param]
"""
CLAIMS = """\
claims:
  - id: size
    topic: Größe
    original: Die Größe ist gut gewählt
    claim: The size was well chosen.
    verdict: Accurate
    reason: The paper says so.
    source: [paper §1]
    section: theme.md#size
  - id: overtrained
    topic: Skalierung
    original: Das Modell wurde übertrainiert
    claim: The flagship was overtrained.
    verdict: Overstated
    reason: Only the small models were.
    source: [paper §2]
    section: theme.md#training-longer
    box:
      title: only the small models were trained longer
      text: The paper trains the small models longer.
  - id: nuance
    topic: Skalierung
    original: Es ist kompliziert
    claim: It is complicated.
    verdict: Accurate, with context
    reason: It needs nuance.
    source: [paper §3]
    section: theme.md#size
    box:
      title: it depends on the budget
      text: Some nuance.
"""
TIMELINE = """\
events:
  - date: 2025-05-15
    title: Delay reported
    text: A newspaper reported a delay.
    source: [press 2025-05-15]
    kind: report
  - model: old
    title: Old release
    text: The old model is released.
    source: [paper]
    kind: primary
  - model: new
    title: New release
    text: The new model is released.
    source: [paper §3]
    kind: primary
"""
HOME = (
    "# Home\n\nIntro.\n\n## Verdicts\n\n[[claims]]\n\n## Comparison\n\n[[generations]]\n\n## Timeline\n\n[[timeline]]\n"
)
THEME = """\
---
description: A theme page.
---
# Theme

!!! abstract "In short"

    - A point.

[[claims: theme]]

## Size

Text about size.

[[claim: nuance]]

## Training longer

Text about training.
"""
SOURCES = "# Sources\n\n## Paper {#paper}\n\nA paper.\n\n## Press {#press}\n\nA newspaper.\n\n[[corrections]]\n"


def build(tmp_path, claims=CLAIMS, timeline=TIMELINE, models=MODELS, pages=None, strict=True):
    pages = {"index.md": HOME, "theme.md": THEME, "sources.md": SOURCES, **(pages or {})}
    project = make_site(
        tmp_path,
        pages,
        hooks=HOOKS,
        markdown_extensions=EXTENSIONS,
        nav=[
            {"Home": "index.md"},
            {"Theme": "theme.md"},
            {"Sources": "sources.md"},
            {"Glossary": "glossary.md"},
            {"Index": "book-index.md"},
        ],
    )
    data = project / "docs/data"
    (data / "models.yml").write_text(models, encoding="utf-8")
    (data / "claims.yml").write_text(claims, encoding="utf-8")
    (data / "timeline.yml").write_text(timeline, encoding="utf-8")
    return run_build(project, strict=strict)


def warnings(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith("WARNING")]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_good_site_builds_clean_and_renders_every_marker(tmp_path):
    built = build(tmp_path)
    assert built.ok, built.log
    assert warnings(built.log) == []
    home = lxml.html.fromstring(built.page("index.html"))
    cards = home.xpath("//article//div[@class='kn-verdicts']/ol/li")
    assert [c.xpath("p[1]")[0].text_content() for c in cards] == [
        "The size was well chosen.",
        "The flagship was overtrained.",
        "It is complicated.",
    ]
    assert [c.xpath("p[2]")[0].text_content() for c in cards] == [
        "Accurate: The paper says so.",
        "Overstated: Only the small models were.",
        "Accurate, with context: It needs nuance.",
    ]
    verdicts = [c.xpath("p[2]/a")[0] for c in cards]
    assert [v.get("class") for v in verdicts] == [
        "kn-verdict kn-verdict--accurate",
        "kn-verdict kn-verdict--overstated",
        "kn-verdict kn-verdict--accurate-with-context",
    ]
    # A verdict leads to the box that explains it; a claim without a box, to its section.
    assert [v.get("href") for v in verdicts] == ["theme/#size", "theme/#claim-overtrained", "theme/#claim-nuance"]
    theme = lxml.html.fromstring(built.page("theme/index.html"))
    for anchor in ("claim-overtrained", "claim-nuance"):
        assert theme.xpath(f"//div[@id='{anchor}']/div[contains(@class, 'admonition')]"), anchor


def test_correction_boxes_follow_in_short_and_context_boxes_stay_in_their_section(tmp_path):
    built = build(tmp_path)
    article = lxml.html.fromstring(built.page("theme/index.html")).find(".//article")
    after = article.xpath("./h1/following-sibling::*")
    assert "abstract" in after[0].get("class")
    assert after[1].get("id") == "claim-overtrained", "the box's anchor, which the verdict list links to"
    (correction,) = after[1]
    assert correction.get("class") == "admonition warning"
    assert (
        correction.findtext("p[@class='admonition-title']") == "Correction: only the small models were trained longer"
    )
    assert "Verdict: Overstated." in correction.text_content()
    context = article.xpath(".//h2[@id='size']/following-sibling::div[@id='claim-nuance']/div")[0]
    assert context.get("class") == "admonition info"
    assert context.findtext("p[@class='admonition-title']") == "Context: it depends on the budget"
    titles = article.xpath(".//p[@class='admonition-title']/text()")
    assert [t for t in titles if t.startswith("Correction")] == [
        "Correction: only the small models were trained longer"
    ]


def test_a_page_with_no_correction_says_so(tmp_path):
    claims = CLAIMS.replace("verdict: Overstated", "verdict: Accurate")
    theme = THEME + "\n[[claim: overtrained]]\n"
    built = build(tmp_path, claims=claims, pages={"theme.md": theme})
    assert built.ok, built.log
    article = lxml.html.fromstring(built.page("theme/index.html")).find(".//article")
    line = article.xpath("./h1/following-sibling::*[2]")[0].text_content()
    assert line.startswith(
        "Of the news summary's claims discussed on this page, 2 accurate and 1 accurate with context"
    )
    assert not article.xpath(".//div[contains(@class,'warning')]")
    assert article.xpath(".//h2[@id='training-longer']/following-sibling::div/div[@class='admonition info']")


def test_sources_list_and_claims_json_read_the_same_file(tmp_path):
    built = build(tmp_path)
    sources = lxml.html.fromstring(built.page("sources/index.html"))
    items = [li.text_content() for li in sources.xpath("//article//ul/li[strong]")]
    assert len(items) == 1
    assert items[0].startswith("The flagship was overtrained. (German: „Das Modell wurde übertrainiert“)")
    data = json.loads(built.page("claims.json"))["claims"]
    assert [(c["id"], c["verdict"], c["correction"]) for c in data] == [
        ("size", "Accurate", False),
        ("overtrained", "Overstated", True),
        ("nuance", "Accurate, with context", False),
    ]
    assert data[1]["section"] == "https://example.org/sub/path/theme/#training-longer"


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "verdict: Overstated",
            "verdict: Overstatd",
            "verdict: Overstatd",
            "unknown verdict 'Overstatd'; fix: did you mean 'Overstated'?",
        ),
        ("verdict: Accurate\n", "verdict: Mostly true\n", "verdict: Mostly true", "unknown verdict 'Mostly true'"),
        (
            "section: theme.md#training-longer",
            "section: theme.md#training-long",
            "section: theme.md#training-long",
            "claim 'overtrained': section 'theme.md#training-long': docs/theme.md has no anchor '#training-long'; "
            "fix: did you mean 'training-longer'?",
        ),
        (
            "section: theme.md#size\n  - id: overtrained",
            "section: them.md#size\n  - id: overtrained",
            "section: them.md#size",
            "claim 'size': section 'them.md#size': there is no page docs/them.md; fix: did you mean 'theme.md'?",
        ),
        (
            "source: [paper §2]",
            "source: [papr §2]",
            "source: [papr §2]",
            "unknown source 'papr'; fix: did you mean 'paper'?",
        ),
    ],
)
def test_a_bad_claim_fails_the_strict_build_with_file_line_and_hint(tmp_path, old, new, needle, message):
    claims = CLAIMS.replace(old, new, 1)
    assert claims != CLAIMS
    built = build(tmp_path, claims=claims)
    assert not built.ok
    expected = f"WARNING: charts: docs/data/claims.yml:{line_of(claims, needle)}: {message}"
    assert any(w.startswith(expected) for w in warnings(built.log)), built.log


def test_a_correction_needs_its_box_and_its_page_marker(tmp_path):
    claims = CLAIMS.replace(
        "    box:\n      title: only the small models were trained longer\n"
        "      text: The paper trains the small models longer.\n",
        "",
    )
    theme = THEME.replace("[[claims: theme]]\n", "")
    built = build(tmp_path, claims=claims, pages={"theme.md": theme})
    assert not built.ok
    line = line_of(claims, "  - id: overtrained") + 0
    assert (
        f"WARNING: charts: docs/data/claims.yml:{line}: claim 'overtrained' is a correction (Overstated) "
        "and needs a box with a title and a text" in built.log
    )
    assert (
        f"WARNING: charts: docs/data/claims.yml:{line}: claim 'overtrained' is a correction, but docs/theme.md "
        "has no [[claims: theme]] line" in built.log
    )


def test_a_hand_written_correction_box_fails_the_build(tmp_path):
    theme = THEME + '\n!!! warning "Correction: written by hand"\n\n    Text.\n'
    built = build(tmp_path, pages={"theme.md": theme})
    assert not built.ok
    assert (
        f'WARNING: charts: docs/theme.md:{line_of(theme, "!!! warning")}: a "Correction" box is written by hand'
        in built.log
    )


def test_an_unknown_claim_id_in_a_page_names_the_page_line(tmp_path):
    theme = THEME.replace("[[claim: nuance]]", "[[claim: nuanse]]")
    built = build(tmp_path, pages={"theme.md": theme})
    assert not built.ok
    assert (
        f"WARNING: charts: docs/theme.md:{line_of(theme, '[[claim: nuanse]]')}: [[claim: nuanse]]: no claim "
        "with a box has this id in docs/data/claims.yml; fix: did you mean 'nuance'?" in built.log
    )


def test_timeline_is_in_date_order_with_dates_sources_and_report_labels(tmp_path):
    built = build(tmp_path)
    items = lxml.html.fromstring(built.page("index.html")).xpath("//div[@class='kn-timeline']/ol/li")
    dates = [li.find("time").get("datetime") for li in items]
    assert dates == ["2023-07-18", "2025-04-05", "2025-05-15"]
    assert [li.find("time").text for li in items] == ["July 18, 2023", "April 5, 2025", "May 15, 2025"]
    assert all(li.xpath("a[contains(@href,'sources/#')]") for li in items)
    assert ["(press report)" in li.text_content() for li in items] == [False, False, True]


def test_a_report_must_say_it_is_one(tmp_path):
    timeline = TIMELINE.replace("A newspaper reported a delay.", "Behemoth was delayed.")
    built = build(tmp_path, timeline=timeline)
    assert not built.ok
    assert f"docs/data/timeline.yml:{line_of(timeline, 'text: Behemoth')}: a press report must say so" in built.log


def test_comparison_cells_come_from_the_data_file_and_link_their_source(tmp_path):
    models = MODELS.replace("tokens: {value: 22e12", "tokens: {value: 23e12")
    built = build(tmp_path, models=models)
    assert built.ok, built.log
    table = lxml.html.fromstring(built.page("index.html")).xpath("//article//table[.//th[.='Design']]")[0]
    rows = {r.xpath("td[1]")[0].text_content(): r.xpath("td") for r in table.xpath(".//tbody/tr")}
    new = [td.text_content() for td in rows["New MoE"]]
    assert new == ["New MoE", "April 5, 2025", "MoE", "17B", "400B", "~23T", "≈58"]
    old = rows["Old 70B"]
    assert [td.text_content() for td in old][3:5] == ["70B", "70B"], "a dense model's active parameters are its total"
    link = old[4].find("a")
    assert link.get("href") == "sources/#paper"
    assert link.get("title") == "Source: A paper §1"


def test_llms_txt_and_full_text_list_every_nav_page(tmp_path):
    built = build(tmp_path)
    short, full = built.page("llms.txt"), built.page("llms-full.txt")
    assert short.startswith("# Test\n")
    for url in ("", "theme/", "sources/", "glossary/", "book-index/"):
        assert f"](https://example.org/sub/path/{url})" in short
        assert f"URL: https://example.org/sub/path/{url}\n" in full
    assert "- [Theme](https://example.org/sub/path/theme/): A theme page." in short
    assert "[xref.json](https://example.org/sub/path/xref.json)" in short
    assert "[claims.json](https://example.org/sub/path/claims.json)" in short
    assert "[[" not in full
    assert "<div" not in full
    assert "<!--" not in full
    assert "Correction: only the small models were trained longer" in full


# --- The cores on their own ---------------------------------------------------------------------------


def test_claims_core_reports_every_problem_with_its_line():
    data = parse(MODELS, "models.yml")
    bad = CLAIMS.replace("verdict: Accurate\n", "verdict: True\n").replace("    reason: It needs nuance.\n", "")
    claims, problems = kclaims.load(bad, "claims.yml", data)
    assert [c.id for c in claims] == ["overtrained"]
    assert problems == [
        f"claims.yml:{line_of(bad, 'verdict: True')}: unknown verdict 'True'; fix: use one of the "
        "verdicts below Verdicts: Accurate; Accurate, with context; Overstated; Wrong; "
        "Said by the host, not by Scialom",
        f"claims.yml:{line_of(bad, '  - id: nuance')}: claim 'nuance' has no reason",
    ]


def test_timeline_core_takes_dates_from_models_and_sorts():
    data = parse(MODELS, "models.yml")
    events, problems = ktimeline.load(TIMELINE, "timeline.yml", data)
    assert problems == []
    assert [e.date for e in events] == ["2023-07-18", "2025-04-05", "2025-05-15"]


@pytest.mark.parametrize(
    ("text", "iso", "shown"),
    [
        ("2023-07-18", "2023-07-18", "July 18, 2023"),
        ("2025-04", "2025-04", "April 2025"),
        ("July 23, 2024", "2024-07-23", "July 23, 2024"),
        ("previewed April 5, 2025", "2025-04-05", "April 5, 2025"),
        ("2025-02-30", None, None),
        ("soon", None, None),
    ],
)
def test_dates(text, iso, shown):
    assert iso_date(text) == iso
    if iso:
        assert show_date(iso, WORDS) == shown


def test_links_to_sections_show_the_headings_the_toc_extension_made(tmp_path):
    """The home page is converted before the theme page: its links to the theme's sections (here the German
    register's) get their text once every page is converted, as the toc extension gave it (code, entities,
    an attribute list)."""
    theme = THEME.replace("## Training longer", "## Training `longer` &amp; <small>more</small> {#training-longer}")
    built = build(tmp_path, pages={"index.md": HOME + "\n## Register\n\n[[claims-register]]\n", "theme.md": theme})
    assert built.ok, built.log
    home = lxml.html.fromstring(built.page("index.html")).find(".//article")
    links = {a.get("href"): a.text_content() for a in home.iterfind(".//table//a")}
    assert links["theme/#training-longer"] == "Theme › Training longer & more"
    assert links["theme/#size"] == "Theme › Size"
    assert "knsection" not in built.page("index.html") + built.page("llms-full.txt")
    assert "[Theme › Training longer & more](https://example.org/sub/path/theme/#training-longer)" in built.page(
        "llms-full.txt"
    )


def test_full_text_is_clean_markdown_with_absolute_links():
    urls = {"index.md": "https://x.org/", "a.md": "https://x.org/a/"}
    text = (
        "---\ndescription: d\n---\n# A\n\n<!-- index: x -->\nSee [home](index.md#top), [here](#s) "
        'and [out](https://e.org).\n\n<div class="kn-chart-slot"></div>\n\n```\n<b>code</b>\n```\n'
    )
    assert clean(text, "a.md", urls.get) == (
        "# A\n\nSee [home](https://x.org/#top), [here](https://x.org/a/#s) "
        "and [out](https://e.org).\n\n```\n<b>code</b>\n```\n"
    )
