"""The words that key-number tables, charts, claims and the timeline put on the site come from
docs/data/strings.yml (in the site's language), as the glossary's do."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from core.datapages import claims as kclaims
from core.datapages import generations, pages, plot, timeline
from core.datapages.cite import show_date
from core.datapages.data import load, parse
from core.datapages.tables import render_table
from core.pagework import llms
from core.sourcefile import STRINGS, load_strings
from support import ROOT

ENGLISH = load_strings(ROOT / "docs" / STRINGS, f"docs/{STRINGS}", "en")
MODELS = """\
sources:
  paper: {title: A paper, link: sources.md#paper}
models:
  old:
    name: Old 70B
    family: Llama 2
    type: dense
    params: {value: 70e9, unit: params, source: paper §1}
    tokens: {value: 2.0e12, unit: tokens, source: paper §1}
    compute: {value: null}
    gpu_hours: {value: null}
    context: {value: 4e3, unit: tokens_ctx, source: paper}
    released: {text: "July 18, 2023", source: paper}
tables:
  sizes:
    rows:
      - [Size, "{old.params} on {old.tokens} tokens"]
  generations:
    columns: [old]
    rows:
      - [Total parameters, params]
      - [Compute, compute]
      - [Tokens per parameter, tokens_per_param]
"""
CLAIMS = """\
claims:
  - id: big
    topic: Größe
    original: Das Modell ist riesig
    claim: The model is huge.
    verdict: Overstated
    reason: It is mid-sized.
    source: [paper §1]
    section: theme.md#size
    box: {title: it is mid-sized, text: The paper says so.}
"""
TIMELINE = """\
events:
  - date: 2025-05-15
    title: Delay
    text: A newspaper reported a delay.
    source: [paper]
    kind: report
    section: theme.md#size
"""


def marked(words: dict[str, str]) -> dict[str, str]:
    """Each word replaced by ⟨its key⟩, keeping its {fields}, so the output shows where each word came from."""
    out = {}
    for key, text in words.items():
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name]
        out[key] = f"⟨{key}" + "".join(f" {{{name}}}" for name in fields) + "⟩"
    return out


MARKED = marked(ENGLISH) | {"months": ", ".join(f"⟨month {n}⟩" for n in range(1, 13))}


def site(words: dict[str, str]) -> kclaims.Site:
    data = parse(MODELS, "models.yml", words)
    headings = {"theme.md#size": "Size"}
    return kclaims.Site(data, {"theme.md": "Theme"}, frozenset({"theme.md"}), headings.__getitem__, "theme.md#size")


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        (
            ENGLISH,
            [
                "| What | Value | Source |",
                "| Setting | Old 70B | Source |",
                "| Compute | not stated |",
                "ratio computed here",
            ],
        ),
        (
            MARKED,
            [
                "| ⟨table_what⟩ | ⟨table_value⟩ | ⟨table_source⟩ |",
                "| ⟨table_setting⟩ | Old 70B | ⟨table_source⟩ |",
                "| Compute | ⟨not_stated⟩ |",
                "⟨ratio_computed⟩",
            ],
        ),
    ],
)
def test_tables_take_their_headers_and_notes_from_the_strings(words, shown):
    data = parse(MODELS, "models.yml", words)
    table = render_table(data.tables["sizes"], data, "index.md")
    assert table.splitlines()[0] == shown[0]
    matrix = render_table(data.tables["generations"], data, "index.md")
    assert matrix.splitlines()[0] == shown[1]
    assert shown[2] in matrix
    assert shown[3] in matrix


def test_the_generations_table_takes_its_words_from_the_strings():
    data = parse(MODELS, "models.yml", MARKED)
    turned = generations.render(data.tables["generations"], data, "index.md")
    assert turned.splitlines()[0] == (
        "| ⟨generations_model⟩ | Total parameters | Compute | ⟨generations_computed Tokens per parameter⟩ |"
    )
    assert "| ⟨no_figure⟩ |" in turned
    assert turned.rstrip().endswith("⟨generations_note ⟨no_figure⟩⟩")
    assert '"⟨source_title A paper §1⟩"' in turned


def test_claims_and_timeline_take_their_words_from_the_strings():
    where = site(MARKED)
    claims, problems = kclaims.load(CLAIMS, "claims.yml", where.data)
    assert problems == []
    box = kclaims.box(claims[0], where, "other.md")
    assert '!!! warning "⟨claim_correction it is mid-sized⟩"' in box
    assert "⟨claim_verdict Overstated⟩ ⟨sources [A paper](sources.md#paper) §1⟩ ⟨claim_more [⟨section_link" in box
    table = kclaims.verdict_table(claims, where, "other.md")
    assert table.startswith("⟨claims_summary 1⟩ Overstated: 1.\n\n")
    assert (
        "⟨claims_card_reason [Overstated](theme.md#size){: .kn-verdict .kn-verdict--overstated } It is mid-sized.⟩"
        in table
    )
    assert "⟨correction_item The model is huge. ⟨german_quote Das Modell ist riesig⟩" in kclaims.corrections_list(
        claims, where, "other.md"
    )
    assert kclaims.register(claims, where, "x.md").startswith('??? note "⟨claims_register 1⟩"')
    events, problems = timeline.load(TIMELINE, "timeline.yml", where.data)
    assert problems == []
    shown = timeline.render(events, where.data, "other.md", where.titles, where.heading)
    assert '<time datetime="2025-05-15">⟨date_day ⟨month 5⟩ 15 2025⟩</time>: **Delay** *(⟨timeline_report⟩)*.' in shown
    assert "⟨timeline_more [⟨section_link Theme Size⟩](theme.md#size)⟩" in shown


def test_a_charts_data_block_takes_its_summary_from_the_strings():
    data = load(ROOT / "docs/data/models.yml", "docs/data/models.yml", MARKED)
    chart = plot.CHARTS["gpu-hours"][0](data)
    assert f'<span class="no-glossary">⟨chart_data {chart.title}⟩</span>' in pages.chart_markdown(chart, data, "x.md")


def test_a_charts_title_description_table_and_axis_come_from_the_strings():
    data = load(ROOT / "docs/data/models.yml", "docs/data/models.yml", MARKED)
    chart = plot.render("gpu-hours", data, cache=None)
    assert chart.title == "⟨gpu_chart_title⟩"
    assert chart.description.startswith("⟨gpu_chart_text ")
    assert chart.header == ["⟨chart_model⟩", "⟨gpu_chart_hours⟩", "⟨gpu_chart_hardware⟩"]
    assert "⟨gpu_chart_x⟩</text>" in chart.svg  # the x axis's label, drawn
    assert '<title id="kn-gpu-hours-title">⟨gpu_chart_title⟩</title>' in chart.svg


def test_units_qualifiers_and_dates_are_written_as_the_strings_say():
    stated = MODELS.replace(
        "compute: {value: null}", "compute: {value: 3.8e25, unit: flops, qualifier: about, source: paper}"
    )
    data = parse(stated, "models.yml", MARKED)
    # The decimal separator is the language's too ("3,8" in German).
    assert data.figure("old", "compute").display() == "⟨qualifier_about ⟨unit_flops 3⟨number_decimal⟩8 × 10²⁵⟩⟩"
    assert parse(stated, "models.yml", ENGLISH).figure("old", "compute").display() == "~3.8 × 10²⁵ FLOPs"
    german = {**ENGLISH, "months": "Jan., Feb., März, Apr., Mai, Juni, Juli, Aug., Sep., Okt., Nov., Dez."}
    german |= {"date_day": "{day}. {month} {year}", "date_month": "{month} {year}"}
    assert show_date("2023-07-18", german) == "18. Juli 2023"
    assert show_date("2025-03", german) == "März 2025"
    with pytest.raises(ValueError, match="months must name the 12 months"):
        show_date("2025-03", {**german, "months": "Jan, Feb"})


def test_a_word_missing_from_the_strings_names_its_key():
    data = parse(MODELS, "models.yml", {key: text for key, text in ENGLISH.items() if key != "table_value"})
    with pytest.raises(KeyError, match=r"strings\.yml has no 'table_value' for the site language"):
        render_table(data.tables["sizes"], data, "index.md")


def test_load_reads_the_strings_beside_the_data_file_by_default(tmp_path: Path):
    (tmp_path / "models.yml").write_text(MODELS, encoding="utf-8")
    (tmp_path / "strings.yml").write_text(
        "en:\n" + "".join(f"  {key}: {text!r}\n" for key, text in {**ENGLISH, "table_what": "Was"}.items()),
        encoding="utf-8",
    )
    data = load(tmp_path / "models.yml")
    assert render_table(data.tables["sizes"], data, "index.md").startswith("| Was | Value | Source |")


def test_a_missing_data_file_is_reported_before_missing_strings(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "models.yml")


def test_llms_txt_takes_its_words_from_strings_yml():
    page = llms.PageText("Home", "index.md", "", "The start.", "# Home\n")
    files = [("xref.json", "https://x.test/xref.json", "w")]
    shown = llms.llms_txt("Site", "About it.", [page], files, "https://x.test/", MARKED)
    assert "## ⟨llms_pages⟩" in shown
    assert "## ⟨llms_data⟩" in shown
    assert "- [Home](https://x.test/): The start." in shown
    assert "- [⟨llms_full_text⟩](https://x.test/llms-full.txt): ⟨llms_full_text_what⟩" in shown
    assert "## Optional" in shown  # a heading the llms.txt format defines, never translated
    english = llms.llms_txt("Site", "About it.", [page], [], "https://x.test/", ENGLISH)
    assert "## Pages" in english


def test_a_handwritten_correction_box_is_found_by_the_sites_words():
    page = 'Text.\n\n!!! warning "Correction: by hand"\n\n    Body.\n\n!!! note "⟨claim_correction by hand⟩"\n'
    assert kclaims.handwritten_corrections(page, ENGLISH) == [3]
    assert kclaims.handwritten_corrections(page, MARKED) == [7]
